using System.Text;
using Caravan.Documents.Common;
using Caravan.Documents.Declarations;
using Caravan.Documents.Origin;
using Caravan.Documents.Phyto;
using Caravan.Window.Consignments;

namespace Caravan.Cli.Documents;

/// <summary>
/// Validates a document of a known kind the way Caravan reads it: the schema (XML) or the JSON contract and values
/// first, then the business rules of the model. A declaration is judged by the lodgement rules
/// (<see cref="DeclarationValidator"/>), i.e. whether it could be submitted.
/// </summary>
public static class DocumentCheck
{
    public static DocumentReport Check(DocumentKind kind, ReadOnlyMemory<byte> content, DocumentCheckOptions? options = null)
    {
        options ??= new DocumentCheckOptions();
        switch (kind)
        {
            case DocumentKind.DeclarationXml:
            {
                var read = WcoDms.Read(content);
                return read.Declaration is null
                    ? new(kind, read.Errors, read.Warnings)
                    : new(kind, [.. read.Errors, .. Rules(read.Declaration, options)], read.Warnings);
            }
            case DocumentKind.DeclarationJson:
            {
                if (!TryDecode(content, out var json, out var error))
                {
                    return new(kind, [error], []);
                }
                var read = DeclarationJson.Read(json);
                return read.Document is null
                    ? new(kind, read.Errors, [])
                    : new(kind, [.. read.Errors, .. Rules(read.Document, options)], []);
            }
            case DocumentKind.EphytoXml:
            {
                var read = PhytoXml.Analyze(content, options.PhytoMode);
                return new(kind, read.Errors, read.Warnings);
            }
            case DocumentKind.EphytoJson:
                return new(kind, PhytoJson.Read(WithoutBom(content).Span).Errors, []);
            case DocumentKind.OriginXml:
                return new(kind, CertificateOfOriginXml.Read(content, options.OriginStage).Errors, []);
            case DocumentKind.OriginJson:
                return new(kind, CertificateOfOriginJson.Read(WithoutBom(content).Span, options.OriginStage).Errors, []);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown document kind.");
        }
    }

    private static IReadOnlyList<DocumentError> Rules(CustomsDeclaration declaration, DocumentCheckOptions options)
    {
        if (options.NodeCountry is not { } country)
        {
            return DeclarationValidator.Validate(declaration);
        }
        var lodgement = Lodgement.Create(declaration, country);
        if (!lodgement.IsSuccess)
        {
            const string prefix = "declaration.";
            IEnumerable<DocumentError> node = (lodgement.Failure!.Errors ?? [])
                .Select(e => new DocumentError(e.Path.StartsWith(prefix, StringComparison.Ordinal) ? e.Path[prefix.Length..] : e.Path, e.Code, e.Message));
            return [.. node.Concat(DeclarationValidator.Validate(declaration)).DistinctBy(e => (e.Path, e.Code))];
        }
        return DeclarationValidator.Validate(lodgement.Value.Declaration);
    }

    private static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> content) =>
        content.Span.StartsWith("\uFEFF"u8) ? content[3..] : content;

    private static bool TryDecode(ReadOnlyMemory<byte> content, out string text, out DocumentError error)
    {
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(WithoutBom(content).Span);
            error = null!;
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            text = string.Empty;
            error = new DocumentError(string.Empty, "json.invalid", "The file is not UTF-8: " + ex.Message);
            return false;
        }
    }
}

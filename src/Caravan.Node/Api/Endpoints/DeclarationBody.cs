using System.Text.Json;
using Caravan.Common;
using Caravan.Documents.Declarations;
using Caravan.Node.Api.Idempotency;

namespace Caravan.Node.Api.Endpoints;

/// <summary>
/// Reads the body of a lodgement or an amendment: either JSON <c>{"declaration": {...}, "onBehalfOf"?, "message"?}</c>
/// or a WCO DMS XML declaration (<c>application/xml</c>; <c>?onBehalfOf=</c> and <c>?message=</c> in the query).
/// Every problem is reported with its path; schema errors of the XML with their line and position.
/// </summary>
public static class DeclarationBody
{
    public sealed record Parsed(CustomsDeclaration Declaration, string? OnBehalfOf, string? Message);

    private static readonly HashSet<string> Members = ["declaration", "onBehalfOf", "message"];

    public static Result<Parsed> Read(RawBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.IsXml)
        {
            var read = WcoDms.Read(body.Bytes);
            if (!read.IsValid)
            {
                return Failure.Validation("declaration.schema_invalid", "The WCO DMS declaration is not valid against WCO_DEC_2_DMS.xsd; nothing was stored.",
                    read.Errors.Select(e => new FieldError("declaration", e.Code, e.Line is { } line ? $"line {line}, position {e.Column}: {e.Message}" : e.Message) { Line = e.Line, Column = e.Column }).ToList());
            }
            return new Parsed(read.Declaration!, Query(body, "onBehalfOf"), Query(body, "message"));
        }
        if (!body.IsJson)
        {
            return Failure.Validation("request.content_type", "Send the declaration as application/json ({\"declaration\": ...}) or as WCO DMS XML (application/xml).");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Bytes);
        }
        catch (JsonException ex)
        {
            return Failure.Validation("request.json_invalid", "The request body is not valid JSON.", [new FieldError("$", "json.invalid", ex.Message)]);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Failure.Validation("request.json_invalid", "The request body is a JSON object.", [new FieldError("$", "json.invalid", "A JSON object is expected.")]);
            }
            var errors = root.EnumerateObject().Where(p => !Members.Contains(p.Name))
                .Select(p => new FieldError(p.Name, "member.unknown", $"Unknown member '{p.Name}'; expected declaration, onBehalfOf, message.")).ToList();
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (!root.TryGetProperty("declaration", out var declarationJson) || declarationJson.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError("declaration", "required", "declaration (the goods declaration, a JSON object) is required."));
                return Failure.Validation(errors);
            }
            var read = DeclarationJson.Read(declarationJson.GetRawText());
            errors.AddRange(read.Errors.Select(e => new FieldError(string.IsNullOrEmpty(e.Path) ? "declaration" : "declaration." + e.Path, e.Code, e.Message)));
            if (errors.Count > 0 || read.Document is null)
            {
                return Failure.Validation(errors);
            }
            return new Parsed(read.Document, Text("onBehalfOf"), Text("message"));
        }
    }

    private static string? Query(RawBody body, string name) => body.Query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;
}

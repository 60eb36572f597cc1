using System.Text.Json;
using Caravan.Documents.Common;

namespace Caravan.Documents.Acdd;

/// <summary>
/// The JSON form of the ACDD (the AS4 payload between customs nodes). Reading never throws for bad input: malformed
/// JSON or a bad value gives one error with its path; a well-formed document is then checked by <see cref="AcddValidator"/>.
/// </summary>
public static class AcddJson
{
    public static byte[] ToUtf8Bytes(AdvanceCustomsDeclaration acdd)
    {
        ArgumentNullException.ThrowIfNull(acdd);
        return JsonSerializer.SerializeToUtf8Bytes(acdd, AcddJsonContext.Default.AdvanceCustomsDeclaration);
    }

    public static string ToJson(AdvanceCustomsDeclaration acdd)
    {
        ArgumentNullException.ThrowIfNull(acdd);
        return JsonSerializer.Serialize(acdd, AcddJsonContext.Default.AdvanceCustomsDeclaration);
    }

    public static DocumentResult<AdvanceCustomsDeclaration> Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var acdd = JsonSerializer.Deserialize(utf8Json, AcddJsonContext.Default.AdvanceCustomsDeclaration);
            return acdd is null
                ? new(null, [new DocumentError(string.Empty, "required", "The document is JSON null.")])
                : new(acdd, AcddValidator.Validate(acdd));
        }
        catch (JsonException ex)
        {
            var path = ex.Path is null or "$" ? string.Empty : ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path;
            return new(null, [new DocumentError(path, "json.invalid", ex.Message)]);
        }
    }
}

using System.Text.Json;
using Caravan.Documents.Common;
using Caravan.Documents.Common.Json;

namespace Caravan.Documents.Declarations;

/// <summary>
/// The JSON form of a declaration (camelCase, mirrors the model). Reading never throws for bad input: malformed JSON
/// or a bad value (an HS code not in HS 2022, a bad country) gives one error with its path and line.
/// </summary>
public static class DeclarationJson
{
    public static string ToJson(CustomsDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return JsonSerializer.Serialize(declaration, DeclarationJsonContext.Default.CustomsDeclaration);
    }

    public static JsonElement ToElement(CustomsDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return JsonSerializer.SerializeToElement(declaration, DeclarationJsonContext.Default.CustomsDeclaration);
    }

    /// <summary>Reads a declaration; the result's errors are only about the JSON and its values (use <see cref="DeclarationValidator"/> for the rules).</summary>
    public static DocumentResult<CustomsDeclaration> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var declaration = JsonSerializer.Deserialize(json, DeclarationJsonContext.Default.CustomsDeclaration);
            return declaration is null
                ? new(null, [new DocumentError(string.Empty, DeclarationErrorCodes.Required, "The declaration is JSON null.")])
                : new(declaration, []);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is null or "$" ? string.Empty : ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path;
            return new(null, [new DocumentError(path, ex is DocumentValueJsonException value ? value.Code : DeclarationErrorCodes.JsonInvalid, ex.Message)
            {
                Line = ex.LineNumber is { } line ? (int)line + 1 : null,
                Column = ex.BytePositionInLine is { } column ? (int)column + 1 : null,
            }]);
        }
    }
}

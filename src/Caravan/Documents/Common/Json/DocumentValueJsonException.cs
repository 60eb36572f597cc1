using System.Text.Json;

namespace Caravan.Documents.Common.Json;

/// <summary>
/// Thrown by Caravan's JSON converters for a value that cannot become a domain value; carries the stable
/// error code so that the document reader can report it with the JSON path System.Text.Json adds.
/// </summary>
internal sealed class DocumentValueJsonException : JsonException
{
    public DocumentValueJsonException(string code, string message)
        : base(message) => Code = code;

    public DocumentValueJsonException()
        : this("json.invalid", "Invalid JSON value.")
    {
    }

    public DocumentValueJsonException(string message)
        : this("json.invalid", message)
    {
    }

    public DocumentValueJsonException(string message, Exception innerException)
        : base(message, innerException) => Code = "json.invalid";

    public string Code { get; }

    public static DocumentValueJsonException From(ValueError error) => new(error.Code, error.Message);

    public static DocumentValueJsonException WrongToken(JsonTokenType expected, JsonTokenType actual) =>
        new("json.type", $"Expected a JSON {Describe(expected)} but found {Describe(actual)}.");

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };
}

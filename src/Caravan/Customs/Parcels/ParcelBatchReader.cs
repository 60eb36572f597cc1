using System.Globalization;
using System.Text;
using System.Text.Json;
using Caravan.Documents.Common;
using Caravan.Documents.Hs;

namespace Caravan.Customs.Parcels;

/// <summary>The formats a parcel batch comes in.</summary>
public enum ParcelBatchFormat
{
    /// <summary>JSON lines (<c>application/x-ndjson</c>): one JSON object per line.</summary>
    JsonLines,

    /// <summary>CSV (<c>text/csv</c>, RFC 4180 quoting, no line breaks inside fields) with a header line naming the columns.</summary>
    Csv,
}

/// <summary>
/// Reads a batch of parcel lines (JSON lines or CSV) and checks every line on its own: a malformed line is refused
/// with its line number (the physical line of the file, so the CSV header is line 1), the field and the reason, and
/// the other lines are kept. Fields: <c>trackingId, platform, seller, buyer, description, hsCode?, quantity, value,
/// currency, origin, weightKg, collection, registration?, saleDate?</c>. A batch whose CSV header names an unknown
/// or repeated column, or that has more than <see cref="MaxLines"/> lines, is refused whole.
/// </summary>
public static class ParcelBatchReader
{
    public const int MaxLines = 10_000;

    public const int MaxLineBytes = 8 * 1024;

    /// <summary>The most a parcel may weigh; heavier goods are declared as a consignment.</summary>
    public const decimal MaxWeightKg = 1_000m;

    internal static readonly string[] FieldNames =
        ["trackingId", "platform", "seller", "buyer", "description", "hsCode", "quantity", "value", "currency", "origin", "weightKg", "collection", "registration", "saleDate"];

    private const int TrackingId = 0, Platform = 1, Seller = 2, Buyer = 3, Description = 4, Hs = 5, QuantityField = 6, ValueField = 7,
        CurrencyField = 8, OriginField = 9, Weight = 10, Collection = 11, Registration = 12, SaleDate = 13;

    private static readonly byte[][] Utf8Names = FieldNames.Select(Encoding.UTF8.GetBytes).ToArray();

    public sealed record Batch(IReadOnlyList<ParcelLine> Parcels, IReadOnlyList<ParcelLineError> Errors, int LineCount);

    /// <summary>Reads a batch; a failure (not a per-line error) means the batch as a whole cannot be read.</summary>
    public static Common.Result<Batch> Read(ReadOnlySpan<byte> body, ParcelBatchFormat format)
    {
        var parcels = new List<ParcelLine>(Math.Min(MaxLines, body.Length / 120 + 1));
        var errors = new List<ParcelLineError>();
        var values = new string?[FieldNames.Length];
        int[]? columns = null;
        var lineNumber = 0;
        var dataLines = 0;
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            lineNumber++;
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }
            if (lineNumber == 1 && line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }
            if (line.Trim((byte)' ').IsEmpty)
            {
                continue;
            }
            if (format == ParcelBatchFormat.Csv && columns is null)
            {
                var header = ReadHeader(line);
                if (!header.IsSuccess)
                {
                    return header.Failure;
                }
                columns = header.Value;
                continue;
            }
            if (++dataLines > MaxLines)
            {
                return Common.Failure.Validation("parcels.batch_too_large", $"A batch has at most {MaxLines} parcel lines; split it.");
            }
            if (line.Length > MaxLineBytes)
            {
                errors.Add(new ParcelLineError(lineNumber, null, "line", "line.too_long", $"A line has at most {MaxLineBytes} bytes."));
                continue;
            }
            Array.Clear(values);
            var before = errors.Count;
            if (format == ParcelBatchFormat.JsonLines)
            {
                ReadJsonLine(line, lineNumber, values, errors);
            }
            else
            {
                ReadCsvLine(line, lineNumber, columns!, values, errors);
            }
            if (errors.Count == before && Validate(lineNumber, values, errors) is { } parcel)
            {
                parcels.Add(parcel);
            }
        }
        if (format == ParcelBatchFormat.Csv && columns is null)
        {
            return Common.Failure.Validation("parcels.csv_header", $"A CSV batch starts with a header line naming its columns: {string.Join(',', FieldNames)}.");
        }
        return new Batch(parcels, errors, dataLines);
    }

    private static Common.Result<int[]> ReadHeader(ReadOnlySpan<byte> line)
    {
        var names = SplitCsv(Encoding.UTF8.GetString(line));
        if (names is null)
        {
            return Common.Failure.Validation("parcels.csv_header", "The CSV header line has an unterminated quote.");
        }
        var columns = new int[names.Count];
        var seen = new HashSet<int>();
        for (var i = 0; i < names.Count; i++)
        {
            var index = Array.IndexOf(FieldNames, names[i].Trim());
            if (index < 0)
            {
                return Common.Failure.Validation("parcels.csv_header", $"CSV column {i + 1} '{names[i]}' is not a parcel field; the fields are {string.Join(',', FieldNames)}.");
            }
            if (!seen.Add(index))
            {
                return Common.Failure.Validation("parcels.csv_header", $"CSV column '{names[i]}' appears twice.");
            }
            columns[i] = index;
        }
        foreach (var required in (int[])[TrackingId, Platform, Seller, Buyer, Description, QuantityField, ValueField, CurrencyField, OriginField, Weight, Collection])
        {
            if (!seen.Contains(required))
            {
                return Common.Failure.Validation("parcels.csv_header", $"The CSV header lacks the required column '{FieldNames[required]}'.");
            }
        }
        return columns;
    }

    private static void ReadCsvLine(ReadOnlySpan<byte> line, int number, int[] columns, string?[] values, List<ParcelLineError> errors)
    {
        var fields = SplitCsv(Encoding.UTF8.GetString(line));
        if (fields is null)
        {
            errors.Add(new ParcelLineError(number, null, "line", "csv.quote", "The line has an unterminated quote (a field cannot hold a line break)."));
            return;
        }
        if (fields.Count != columns.Length)
        {
            errors.Add(new ParcelLineError(number, null, "line", "csv.columns", $"The line has {fields.Count} fields; the header names {columns.Length}."));
            return;
        }
        for (var i = 0; i < fields.Count; i++)
        {
            values[columns[i]] = fields[i].Length == 0 ? null : fields[i];
        }
    }

    // Splits one CSV line (RFC 4180 quoting); null when a quote is left open.
    private static List<string>? SplitCsv(string line)
    {
        var fields = new List<string>(FieldNames.Length);
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var text = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return null;
                    }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            text.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.Append(line[i++]);
                }
                fields.Add(text.ToString());
                if (i < line.Length && line[i] != ',')
                {
                    return null;
                }
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var stop = comma < 0 ? line.Length : comma;
                fields.Add(line[i..stop]);
                i = stop;
            }
            if (i >= line.Length)
            {
                return fields;
            }
            i++;
        }
    }

    private static void ReadJsonLine(ReadOnlySpan<byte> line, int number, string?[] values, List<ParcelLineError> errors)
    {
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(new ParcelLineError(number, null, "line", "json.object", "The line is not a JSON object."));
                return;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = -1;
                for (var i = 0; i < Utf8Names.Length; i++)
                {
                    if (reader.ValueTextEquals(Utf8Names[i]))
                    {
                        field = i;
                        break;
                    }
                }
                var name = field < 0 ? reader.GetString() ?? "" : FieldNames[field];
                reader.Read();
                string? value = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    JsonTokenType.Null => null,
                    _ => Skip(ref reader),
                };
                if (field < 0)
                {
                    errors.Add(new ParcelLineError(number, null, name, "field.unknown", $"'{name}' is not a parcel field; the fields are {string.Join(", ", FieldNames)}."));
                }
                else if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    errors.Add(new ParcelLineError(number, null, name, "field.type", $"{name} is a string or a number."));
                }
                else
                {
                    values[field] = value;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                errors.Add(new ParcelLineError(number, null, "line", "json.object", "The line holds more than one JSON object."));
            }
        }
        catch (JsonException e)
        {
            errors.Add(new ParcelLineError(number, null, "line", "json.malformed", $"The line is not valid JSON: {e.Message.Split(" Path:", 2)[0]}"));
        }
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static ParcelLine? Validate(int line, string?[] v, List<ParcelLineError> errors)
    {
        var before = errors.Count;
        var tracking = Identifier(v, TrackingId, line, null, errors);
        void Fail(int field, string code, string message) => errors.Add(new ParcelLineError(line, tracking, FieldNames[field], code, message));
        var platform = Identifier(v, Platform, line, tracking, errors);
        var seller = Text(v, Seller, 1, 200, line, tracking, errors);
        var buyer = Text(v, Buyer, 1, 200, line, tracking, errors);
        var description = Text(v, Description, 3, 500, line, tracking, errors);
        var hs = v[Hs]?.Trim();
        if (hs is { Length: > 0 })
        {
            if (hs.Length is < 6 or > 10 || !hs.AsSpan().ContainsOnlyAsciiDigits())
            {
                Fail(Hs, "hs_code.format", $"'{hs}' is not an HS code of 6 to 10 digits.");
            }
            else if (!HsNomenclature.Hs2022.IsValidSubheading(hs.AsSpan(0, 6)))
            {
                Fail(Hs, "hs_code.unknown", $"'{hs[..6]}' is not an HS 2022 subheading.");
            }
        }
        else
        {
            hs = null;
        }
        var quantity = Number(v, QuantityField, line, tracking, errors, min: 0m, exclusiveMin: true, max: 1_000_000m);
        var value = Number(v, ValueField, line, tracking, errors, min: 0m, exclusiveMin: false, max: 1_000_000_000m);
        var weight = Number(v, Weight, line, tracking, errors, min: 0m, exclusiveMin: true, max: MaxWeightKg);
        var currency = CurrencyCode.Create(v[CurrencyField]);
        if (!currency.IsSuccess)
        {
            Fail(CurrencyField, currency.Error.Code, v[CurrencyField] is null ? "currency is required (ISO 4217)." : currency.Error.Message);
        }
        var origin = CountryCode.Create(v[OriginField]);
        if (!origin.IsSuccess)
        {
            Fail(OriginField, origin.Error.Code, v[OriginField] is null ? "origin is required (ISO 3166-1 alpha-2)." : origin.Error.Message);
        }
        var collection = CollectionModel.Consumer;
        if (v[Collection] is not { } model || !CollectionModelNames.TryParse(model, out collection))
        {
            Fail(Collection, "collection.unknown", $"collection is one of vendor, intermediary, consumer{(v[Collection] is null ? "" : $"; not '{v[Collection]}'")}.");
        }
        var registration = v[Registration]?.Trim();
        if (registration is { Length: > 0 } && !RegistrationNumber.IsWellFormed(registration))
        {
            Fail(Registration, "registration.format", $"'{registration}' is not a registration number ({RegistrationNumber.FormatDescription}).");
        }
        else if (collection == CollectionModel.Vendor && registration is not { Length: > 0 })
        {
            Fail(Registration, "registration.required", "Vendor collection needs the vendor's or platform's tax registration number.");
        }
        DateOnly? saleDate = null;
        if (v[SaleDate] is { } dateText)
        {
            if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                saleDate = date;
            }
            else
            {
                Fail(SaleDate, "date.format", $"'{dateText}' is not a date (yyyy-MM-dd).");
            }
        }
        if (errors.Count > before)
        {
            return null;
        }
        return new ParcelLine
        {
            Line = line,
            TrackingId = tracking!,
            Platform = platform!,
            Seller = seller!,
            Buyer = buyer!,
            Description = description!,
            HsCode = hs,
            Quantity = quantity,
            Value = value,
            Currency = currency.Value,
            Origin = origin.Value,
            WeightKg = weight,
            Collection = collection,
            Registration = registration is { Length: > 0 } ? registration : null,
            SaleDate = saleDate,
        };
    }

    private static string? Identifier(string?[] v, int field, int line, string? tracking, List<ParcelLineError> errors)
    {
        var text = v[field]?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new ParcelLineError(line, tracking, FieldNames[field], "required", $"{FieldNames[field]} is required."));
            return null;
        }
        if (text.Length > 64 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
        {
            errors.Add(new ParcelLineError(line, field == TrackingId ? null : tracking, FieldNames[field], "identifier.format",
                $"{FieldNames[field]} is 1 to 64 letters, digits, '-', '_', '.' or '/'."));
            return null;
        }
        return text;
    }

    private static string? Text(string?[] v, int field, int min, int max, int line, string? tracking, List<ParcelLineError> errors)
    {
        var text = v[field]?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new ParcelLineError(line, tracking, FieldNames[field], "required", $"{FieldNames[field]} is required."));
            return null;
        }
        if (text.Length < min || text.Length > max || text.Any(char.IsControl))
        {
            errors.Add(new ParcelLineError(line, tracking, FieldNames[field], "text.length", $"{FieldNames[field]} is {min} to {max} characters without control characters."));
            return null;
        }
        return text;
    }

    private static decimal Number(string?[] v, int field, int line, string? tracking, List<ParcelLineError> errors, decimal min, bool exclusiveMin, decimal max)
    {
        var text = v[field];
        if (text is null)
        {
            errors.Add(new ParcelLineError(line, tracking, FieldNames[field], "required", $"{FieldNames[field]} is required."));
            return 0m;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            errors.Add(new ParcelLineError(line, tracking, FieldNames[field], "number.format", $"{FieldNames[field]} '{text}' is not a number."));
            return 0m;
        }
        if ((exclusiveMin ? number <= min : number < min) || number > max || number.Scale > 4)
        {
            errors.Add(new ParcelLineError(line, tracking, FieldNames[field], "number.range",
                $"{FieldNames[field]} is {(exclusiveMin ? "more than" : "at least")} {min} and at most {max}, with at most 4 decimals; not {text}."));
            return 0m;
        }
        return number;
    }
}

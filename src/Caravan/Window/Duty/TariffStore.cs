using System.Globalization;
using Caravan.Common;
using Caravan.Customs.Duty;
using Caravan.Customs.Tariff;
using Caravan.Documents.Common;
using Caravan.Storage;
using Dapper;

namespace Caravan.Window.Duty;

/// <summary>
/// The national tariff, versioned: the operator publishes a whole CSV file, which is checked line by line (a file with
/// gaps, overlaps or bad values is refused whole, naming the lines) and becomes the active version; earlier versions
/// are kept. Also the published exchange rates. Schedules are parsed once per version and cached.
/// </summary>
public sealed class TariffStore(TimeProvider time)
{
    private readonly Dictionary<int, TariffSchedule> _schedules = [];

    public sealed record TariffVersion(int Version, DateTimeOffset CreatedAt, string CreatedBy, string? Note, int LineCount);

    public sealed record RateRequest(string Currency, DateOnly ValidFrom, decimal NationalPerUnit);

    public async Task<Result<TariffVersion>> PublishAsync(string csv, string? note, string actor, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var parsed = TariffFile.Parse(csv ?? "");
        if (parsed.Document is null)
        {
            return Failure.Validation("tariff.invalid", "The tariff file is refused; nothing changed.",
                parsed.Errors.Select(e => new FieldError(e.Line is { } l ? $"line {l}: {e.Path}" : e.Path, e.Code, e.Message) { Line = e.Line }).ToList());
        }
        var now = time.GetUtcNow();
        var version = await unit.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select coalesce(max(version), 0) + 1 from tariff_versions", transaction: unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            "insert into tariff_versions (version, csv, created_at_ms, created_by, note) values (@version, @csv, @at, @actor, @note)",
            new { version, csv, at = now.ToUnixTimeMilliseconds(), actor, note }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new TariffVersion(version, now, actor, note, parsed.Document.Lines.Count);
    }

    /// <summary>The active (latest) tariff and its version, or null when none is published.</summary>
    public async Task<(int Version, TariffSchedule Schedule)?> GetActiveAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var latest = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select max(version) from tariff_versions", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return latest is { } version ? await GetVersionAsync((int)version, connection, transaction, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>A published tariff version (parsed once and cached), or null when there is no such version.</summary>
    public async Task<(int Version, TariffSchedule Schedule)?> GetVersionAsync(int version, System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_schedules)
        {
            if (_schedules.TryGetValue(version, out var known))
            {
                return (version, known);
            }
        }
        var csv = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "select csv from tariff_versions where version = @version", new { version }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (csv is null)
        {
            return null;
        }
        var found = (Version: version, Csv: csv);
        lock (_schedules)
        {
            if (_schedules.TryGetValue(version, out var cached))
            {
                return (version, cached);
            }
        }
        var schedule = TariffFile.Parse(found.Csv).Document ?? throw new InvalidOperationException($"Stored tariff version {version} no longer parses.");
        lock (_schedules)
        {
            _schedules[version] = schedule;
        }
        return (version, schedule);
    }

    /// <summary>Every published version, newest first, with its line count.</summary>
    public static async Task<IReadOnlyList<TariffVersion>> ListVersionsAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<(long Version, long CreatedAtMs, string CreatedBy, string? Note, string Csv)>(new CommandDefinition(
            "select version, created_at_ms, created_by, note, csv from tariff_versions order by version desc", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new TariffVersion((int)r.Version, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtMs), r.CreatedBy, r.Note,
            r.Csv.Split('\n').Count(l => l.Trim().Length > 0) - 1)).ToList();
    }

    /// <summary>The CSV of the active version as published (to edit and publish again), or null when none is.</summary>
    public static Task<string?> ActiveCsvAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "select csv from tariff_versions order by version desc limit 1", cancellationToken: cancellationToken));
    }

    public async Task<Result<IReadOnlyList<ExchangeRate>>> PublishRatesAsync(IReadOnlyList<RateRequest> rates, string actor, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(unit);
        var errors = new List<FieldError>();
        var parsed = new List<ExchangeRate>();
        for (var i = 0; i < rates.Count; i++)
        {
            if (!CurrencyCode.TryParse(rates[i].Currency, out var currency))
            {
                errors.Add(new FieldError($"[{i}].currency", "currency.invalid", "currency is an ISO 4217 code."));
            }
            else if (rates[i].NationalPerUnit <= 0)
            {
                errors.Add(new FieldError($"[{i}].nationalPerUnit", "rate.not_positive", "nationalPerUnit is positive."));
            }
            else
            {
                parsed.Add(new ExchangeRate(currency, rates[i].ValidFrom, rates[i].NationalPerUnit));
            }
        }
        if (rates.Count == 0)
        {
            errors.Add(new FieldError("", "required", "At least one rate."));
        }
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var rate in parsed)
        {
            var exists = await unit.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "select count(*) from exchange_rates where currency = @currency and valid_from = @from",
                new { currency = rate.Currency.Value, from = rate.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (exists > 0)
            {
                return Failure.Conflict("exchange_rate.exists", $"A {rate.Currency.Value} rate from {rate.Date:yyyy-MM-dd} is already published; publish a rate from another date.");
            }
            await unit.Connection.ExecuteAsync(new CommandDefinition(
                "insert into exchange_rates (currency, valid_from, national_per_unit, published_at_ms, published_by) values (@currency, @from, @rate, @now, @actor)",
                new { currency = rate.Currency.Value, from = rate.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), rate = rate.NationalPerUnit.ToString(CultureInfo.InvariantCulture), now, actor },
                unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        return parsed;
    }

    public async Task<ExchangeRates> GetRatesAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<(string Currency, string ValidFrom, string Rate)>(new CommandDefinition(
            "select currency, valid_from, national_per_unit from exchange_rates", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ExchangeRates(rows.Select(r => new ExchangeRate(CurrencyCode.Of(r.Currency), DateOnly.ParseExact(r.ValidFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            decimal.Parse(r.Rate, CultureInfo.InvariantCulture))));
    }
}

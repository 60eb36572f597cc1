using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Caravan.Common;
using Caravan.Customs.Parcels;
using Caravan.Storage;
using Dapper;

namespace Caravan.Window.Parcels;

/// <summary>
/// What the e-commerce lane runs on besides the tariff and the rules: the operator's <see cref="ParcelSettings"/>,
/// the tax registrations for collection at sale (IOSS-like numbers, each tied to the liable party and a platform),
/// and the guarantee accounts that secure deferred payment (the amount customs holds, and the liability: charges of
/// released parcels not yet paid).
/// </summary>
public sealed class ParcelAccounts(TimeProvider time)
{
    public sealed record RegistrationRequest(string Number, string PartyId, string Platform, DateOnly ValidFrom, DateOnly? ValidTo);

    public sealed record GuaranteeRequest(decimal Amount);

    public sealed record Guarantee(string PartyId, string Currency, decimal Amount, decimal Liability, decimal Headroom);

    public async Task<Result<ParcelSettings>> SaveSettingsAsync(ParcelSettings settings, string actor, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (settings is null)
        {
            return Failure.Validation([new FieldError("", "required", "The settings are a JSON object {dutyDeMinimis?, taxDeMinimis?, valueBands, maxSaleAgeDays}.")]);
        }
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            return Failure.Validation(problems);
        }
        var json = JsonSerializer.Serialize(settings, JsonSerializerOptions.Web);
        var at = time.GetUtcNow().ToUnixTimeMilliseconds();
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into parcel_settings (id, settings_json, updated_by, updated_at_ms) values (1, @json, @actor, @at)
            on conflict (id) do update set settings_json = excluded.settings_json, updated_by = excluded.updated_by, updated_at_ms = excluded.updated_at_ms
            """, new { json, actor, at }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return settings;
    }

    public static async Task<ParcelSettings> SettingsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var json = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "select settings_json from parcel_settings where id = 1", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return json is null ? ParcelSettings.None : JsonSerializer.Deserialize<ParcelSettings>(json, JsonSerializerOptions.Web)!;
    }

    public async Task<Result<ParcelRegistration>> RegisterAsync(RegistrationRequest request, string actor, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var errors = new List<FieldError>();
        if (request?.Number is not { } number || !RegistrationNumber.IsWellFormed(number))
        {
            errors.Add(new FieldError("number", "registration.format", $"The number is {RegistrationNumber.FormatDescription}."));
        }
        if (string.IsNullOrWhiteSpace(request?.Platform))
        {
            errors.Add(new FieldError("platform", "required", "The platform the registration covers is required."));
        }
        if (request is { ValidTo: { } to } && to < request.ValidFrom)
        {
            errors.Add(new FieldError("validTo", "date.order", "validTo is on or after validFrom."));
        }
        var party = request?.PartyId is { } id
            ? await unit.Connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                "select role from parties where id = @id", new { id }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
            : null;
        if (party != Parties.PartyRoleNames.ParcelOperator)
        {
            errors.Add(new FieldError("partyId", "party.not_parcel_operator", $"Party '{request?.PartyId}' is not a parcel operator on this node."));
        }
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }
        var inserted = await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into parcel_registrations (number, party_id, platform, valid_from, valid_to, registered_by, registered_at_ms)
            values (@Number, @PartyId, @Platform, @from, @to, @actor, @at) on conflict (number) do nothing
            """,
            new
            {
                request!.Number,
                request.PartyId,
                request.Platform,
                from = Day(request.ValidFrom),
                to = request.ValidTo is { } end ? Day(end) : null,
                actor,
                at = time.GetUtcNow().ToUnixTimeMilliseconds(),
            }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (inserted == 0)
        {
            return Failure.Conflict("registration.exists", $"Registration {request.Number} is already recorded.");
        }
        return new ParcelRegistration(request.Number, request.PartyId, request.Platform, request.ValidFrom, request.ValidTo);
    }

    public static async Task<IReadOnlyDictionary<string, ParcelRegistration>> RegistrationsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<(string Number, string PartyId, string Platform, string ValidFrom, string? ValidTo)>(new CommandDefinition(
            "select number, party_id, platform, valid_from, valid_to from parcel_registrations", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Number, r => new ParcelRegistration(r.Number, r.PartyId, r.Platform, ParseDay(r.ValidFrom), r.ValidTo is { } to ? ParseDay(to) : null), StringComparer.Ordinal);
    }

    /// <summary>Sets the amount a party's guarantee covers (customs); the liability is kept.</summary>
    public async Task<Result<Guarantee>> SetGuaranteeAsync(string partyId, GuaranteeRequest request, string currency, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (request is null || request.Amount < 0 || decimal.Round(request.Amount, 2) != request.Amount)
        {
            return Failure.Validation([new FieldError("amount", "number.range", "The guarantee amount is zero or more, with at most 2 decimals.")]);
        }
        var role = await unit.Connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "select role from parties where id = @partyId", new { partyId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (role != Parties.PartyRoleNames.ParcelOperator)
        {
            return Failure.NotFound("party.not_parcel_operator", $"Party '{partyId}' is not a parcel operator on this node.");
        }
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into guarantee_accounts (party_id, amount_minor, liability_minor, updated_at_ms) values (@partyId, @amount, 0, @at)
            on conflict (party_id) do update set amount_minor = excluded.amount_minor, updated_at_ms = excluded.updated_at_ms
            """,
            new { partyId, amount = ParcelRow.Minor(request.Amount), at = time.GetUtcNow().ToUnixTimeMilliseconds() }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (await GuaranteeAsync(partyId, currency, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
    }

    public static async Task<Guarantee?> GuaranteeAsync(string partyId, string currency, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var row = await connection.QuerySingleOrDefaultAsync<(long Amount, long Liability)?>(new CommandDefinition(
            "select amount_minor, liability_minor from guarantee_accounts where party_id = @partyId", new { partyId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is { } r ? new Guarantee(partyId, currency, ParcelRow.Major(r.Amount), ParcelRow.Major(r.Liability), ParcelRow.Major(r.Amount - r.Liability)) : null;
    }

    /// <summary>Locks the guarantee accounts of the parties (on PostgreSQL; SQLite has one writer) and returns their headroom in minor units.</summary>
    internal static async Task<Dictionary<string, long>> LockHeadroomAsync(UnitOfWork unit, IEnumerable<string> partyIds, CancellationToken cancellationToken)
    {
        var ids = partyIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var sql = unit.Provider == StorageProvider.Postgres
            ? "select party_id, amount_minor - liability_minor from guarantee_accounts where party_id = any(@ids) order by party_id for update"
            : "select party_id, amount_minor - liability_minor from guarantee_accounts where party_id in @ids";
        var rows = await unit.Connection.QueryAsync<(string PartyId, long Headroom)>(new CommandDefinition(sql, new { ids }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.PartyId, r => r.Headroom, StringComparer.Ordinal);
    }

    /// <summary>Adds to (or, negative, takes from) a party's liability.</summary>
    internal static Task AddLiabilityAsync(UnitOfWork unit, string partyId, long minor, CancellationToken cancellationToken) =>
        unit.Connection.ExecuteAsync(new CommandDefinition(
            "update guarantee_accounts set liability_minor = liability_minor + @minor where party_id = @partyId",
            new { partyId, minor }, unit.Transaction, cancellationToken: cancellationToken));

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

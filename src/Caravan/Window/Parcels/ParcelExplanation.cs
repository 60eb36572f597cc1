using System.Globalization;
using System.Text.Json;
using Caravan.Customs.Duty;
using Caravan.Customs.Parcels;
using Caravan.Customs.Risk;
using Caravan.Documents.Common;
using Caravan.Window.Duty;
using Caravan.Window.Risk;
using Dapper;

namespace Caravan.Window.Parcels;

/// <summary>
/// Why a parcel was decided as it was: its assessment is worked again under what applied when it arrived (the tariff
/// version, the settings kept with its batch, the exchange rates of that day and the rule set version), which gives the
/// working of every amount and each rule that held with the facts it looked at. Parcels store only the results, so a
/// million of them stay small; the explanation is rebuilt on demand.
/// </summary>
public sealed class ParcelExplanation(NodeContext node, TariffStore tariffs, RiskRuleStore rules)
{
    public sealed record Explained(ParcelRow Parcel, DutyItemAssessment? Working, string? WorkingNote, RiskDecision? Risk, string? RiskNote);

    public async Task<Explained> ExplainAsync(ParcelRow parcel, System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parcel);
        ArgumentNullException.ThrowIfNull(connection);
        var settingsJson = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "select settings_json from parcel_batches where id = @BatchId", parcel, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var settings = JsonSerializer.Deserialize<ParcelSettings>(settingsJson, JsonSerializerOptions.Web)!;
        var tariff = await tariffs.GetVersionAsync((int)parcel.TariffVersion, connection, null, cancellationToken).ConfigureAwait(false);
        var engine = parcel.RulesVersion is { } version ? await rules.EngineAsync((int)version, connection, null, cancellationToken).ConfigureAwait(false) : null;
        var rates = await tariffs.GetRatesAsync(connection, null, cancellationToken).ConfigureAwait(false);
        var received = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(parcel.ReceivedAtMs).UtcDateTime);
        var saleDate = DateOnly.ParseExact(parcel.SaleDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var collection = CollectionModelNames.TryParse(parcel.Collection, out var model) ? model : CollectionModel.Consumer;
        var registrations = new Dictionary<string, ParcelRegistration>(StringComparer.Ordinal);
        if (collection == CollectionModel.Vendor && parcel.Registration is { } number)
        {
            registrations[number] = new ParcelRegistration(number, parcel.LiablePartyId, parcel.Platform, saleDate, saleDate);
        }
        var line = new ParcelLine
        {
            Line = (int)parcel.LineNumber,
            TrackingId = parcel.TrackingId,
            Platform = parcel.Platform,
            Seller = parcel.Seller,
            Buyer = parcel.Buyer,
            Description = parcel.Description,
            HsCode = parcel.HsCode,
            Quantity = decimal.Parse(parcel.Quantity, CultureInfo.InvariantCulture),
            Value = decimal.Parse(parcel.Value, CultureInfo.InvariantCulture),
            Currency = CurrencyCode.Of(parcel.Currency),
            Origin = CountryCode.Of(parcel.Origin),
            WeightKg = decimal.Parse(parcel.WeightKg, CultureInfo.InvariantCulture),
            Collection = collection,
            Registration = parcel.Registration,
            SaleDate = saleDate,
        };
        if (tariff is not { } schedule)
        {
            return new Explained(parcel, null, $"Tariff version {parcel.TariffVersion} is no longer on this node.", null, null);
        }
        var assessor = new ParcelAssessor(node.CountryCode, CurrencyCode.Of(node.NationalCurrency), settings, schedule.Version, schedule.Schedule, rates, engine, registrations,
            _ => null, received);
        var (assessment, error) = assessor.Assess(line, parcel.SubmitterPartyId);
        if (assessment is null)
        {
            return new Explained(parcel, null, $"The working cannot be rebuilt: {error?.Message}", null, null);
        }
        // A suggested code was kept with the parcel; the risk facts were built with that flag set.
        var risk = engine is null ? null
            : parcel.HsSuggestion is null ? assessment.Risk
            : engine.Evaluate(assessor.FactsOf(line, parcel.HsCode, assessment.ValueNational, collection, hsSuggested: true, registered: collection == CollectionModel.Vendor), $"{parcel.Platform}/{parcel.TrackingId}");
        var workingNote = ParcelRow.Minor(assessment.Charge) == parcel.ChargeMinor ? null
            : "Exchange rates published after the parcel arrived change the working; the stored amounts are the ones charged.";
        return new Explained(parcel, assessment.Working, workingNote, risk, engine is null ? "No rule set was active when the parcel arrived." : null);
    }
}

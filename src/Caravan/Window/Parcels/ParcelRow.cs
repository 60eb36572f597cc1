using System.Globalization;
using Caravan.Customs.Parcels;

namespace Caravan.Window.Parcels;

/// <summary>A parcel as stored: its advance data, its assessment (amounts in minor units of the national currency) and the decision.</summary>
public sealed class ParcelRow
{
    public string Id { get; set; } = "";
    public string Platform { get; set; } = "";
    public string TrackingId { get; set; } = "";
    public string BatchId { get; set; } = "";
    public long LineNumber { get; set; }
    public string SubmitterPartyId { get; set; } = "";
    public string LiablePartyId { get; set; } = "";
    public long ReceivedAtMs { get; set; }
    public string SaleDate { get; set; } = "";
    public string Period { get; set; } = "";
    public string Seller { get; set; } = "";
    public string Buyer { get; set; } = "";
    public string Description { get; set; } = "";
    public string HsCode { get; set; } = "";
    public string? HsSuggestion { get; set; }
    public string Quantity { get; set; } = "";
    public string Value { get; set; } = "";
    public string Currency { get; set; } = "";
    public string Origin { get; set; } = "";
    public string WeightKg { get; set; } = "";
    public string Collection { get; set; } = "";
    public string? CollectionNote { get; set; }
    public string? Registration { get; set; }
    public long ValueMinor { get; set; }
    public long DutyMinor { get; set; }
    public long ExciseMinor { get; set; }
    public long TaxMinor { get; set; }
    public long ChargeMinor { get; set; }
    public string CollectAt { get; set; } = "";
    public string ValueBand { get; set; } = "";
    public long TariffVersion { get; set; }
    public long RiskScore { get; set; }
    public string RiskChannel { get; set; } = "";
    public long RandomSelected { get; set; }
    public long? RulesVersion { get; set; }
    public string? RuleHits { get; set; }
    public string Decision { get; set; } = "";
    public string? HoldReason { get; set; }
    public string? DecidedBy { get; set; }
    public long? DecidedAtMs { get; set; }
    public string? Findings { get; set; }
    public long GuaranteeReserved { get; set; }
    public string? DeclarationId { get; set; }
    public string ReturnedQuantity { get; set; } = "0";
    public long RefundedMinor { get; set; }

    /// <summary>The columns, in the order <see cref="ParcelStore"/> writes them.</summary>
    internal const string Columns =
        "id, platform, tracking_id, batch_id, line_number, submitter_party_id, liable_party_id, received_at_ms, sale_date, period, seller, buyer, description, " +
        "hs_code, hs_suggestion, quantity, value, currency, origin, weight_kg, collection, collection_note, registration, value_minor, duty_minor, excise_minor, " +
        "tax_minor, charge_minor, collect_at, value_band, tariff_version, risk_score, risk_channel, random_selected, rules_version, rule_hits, decision, hold_reason, " +
        "guarantee_reserved";

    /// <summary>Every column read back, aliased to the properties.</summary>
    internal const string Select =
        """
        select id as Id, platform as Platform, tracking_id as TrackingId, batch_id as BatchId, line_number as LineNumber, submitter_party_id as SubmitterPartyId,
               liable_party_id as LiablePartyId, received_at_ms as ReceivedAtMs, sale_date as SaleDate, period as Period, seller as Seller, buyer as Buyer,
               description as Description, hs_code as HsCode, hs_suggestion as HsSuggestion, quantity as Quantity, value as Value, currency as Currency,
               origin as Origin, weight_kg as WeightKg, collection as Collection, collection_note as CollectionNote, registration as Registration,
               value_minor as ValueMinor, duty_minor as DutyMinor, excise_minor as ExciseMinor, tax_minor as TaxMinor, charge_minor as ChargeMinor,
               collect_at as CollectAt, value_band as ValueBand, tariff_version as TariffVersion, risk_score as RiskScore, risk_channel as RiskChannel,
               random_selected as RandomSelected, rules_version as RulesVersion, rule_hits as RuleHits, decision as Decision, hold_reason as HoldReason,
               decided_by as DecidedBy, decided_at_ms as DecidedAtMs, findings as Findings, guarantee_reserved as GuaranteeReserved,
               declaration_id as DeclarationId, returned_quantity as ReturnedQuantity, refunded_minor as RefundedMinor
        from parcels
        """;

    // Most parcels of a batch share a few dates of sale: their texts are made once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<DateOnly, string> Days = new();

    private static string DayText(DateOnly day) => Days.Count > 4096 ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : Days.GetOrAdd(day, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static long Minor(decimal amount) => (long)decimal.Round(amount * 100m, 0, MidpointRounding.AwayFromZero);

    public static decimal Major(long minor) => minor / 100m;

    internal static ParcelRow From(ParcelAssessment a, string id, string batchId, string submitter, long receivedAtMs, int? rulesVersion, int tariffVersion,
        string decision, string? holdReason, bool reserved)
    {
        var p = a.Parcel;
        return new ParcelRow
        {
            Id = id,
            Platform = p.Platform,
            TrackingId = p.TrackingId,
            BatchId = batchId,
            LineNumber = p.Line,
            SubmitterPartyId = submitter,
            LiablePartyId = a.LiablePartyId,
            ReceivedAtMs = receivedAtMs,
            SaleDate = DayText(a.SaleDate),
            Period = a.Period,
            Seller = p.Seller,
            Buyer = p.Buyer,
            Description = p.Description,
            HsCode = a.HsCode,
            HsSuggestion = a.HsSuggestion,
            Quantity = p.Quantity.ToString(CultureInfo.InvariantCulture),
            Value = p.Value.ToString(CultureInfo.InvariantCulture),
            Currency = p.Currency.Value,
            Origin = p.Origin.Value,
            WeightKg = p.WeightKg.ToString(CultureInfo.InvariantCulture),
            Collection = a.Collection.ToName(),
            CollectionNote = a.CollectionNote,
            Registration = p.Registration,
            ValueMinor = Minor(a.ValueNational),
            DutyMinor = Minor(a.Duty),
            ExciseMinor = Minor(a.Excise),
            TaxMinor = Minor(a.Tax),
            ChargeMinor = Minor(a.Charge),
            CollectAt = a.CollectAt switch { CollectionPoint.Sale => "sale", CollectionPoint.Border => "border", CollectionPoint.Delivery => "delivery", _ => "none" },
            ValueBand = a.ValueBand,
            TariffVersion = tariffVersion,
            RiskScore = a.Risk.Score,
            RiskChannel = a.Risk.Channel switch { Customs.Risk.RiskChannel.Red => "red", Customs.Risk.RiskChannel.Yellow => "yellow", _ => "green" },
            RandomSelected = a.Risk.RandomlySelected ? 1 : 0,
            RulesVersion = rulesVersion,
            RuleHits = a.Risk.Hits.Count == 0 ? null : string.Join(',', a.Risk.Hits.Select(h => h.RuleId)),
            Decision = decision,
            HoldReason = holdReason,
            GuaranteeReserved = reserved ? 1 : 0,
        };
    }
}

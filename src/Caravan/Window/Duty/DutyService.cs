using System.Globalization;
using System.Text.Json;
using Caravan.Common;
using Caravan.Customs.Duty;
using Caravan.Documents.Common;
using Caravan.Documents.Declarations;
using Caravan.Documents.Origin;
using Caravan.Storage;
using Caravan.Window.Certificates;
using Caravan.Window.Consignments;
using Caravan.Window.Origin;
using Caravan.Window.Requirements;
using Dapper;

namespace Caravan.Window.Duty;

/// <summary>
/// Customs assesses an import consignment's duty and taxes under the active tariff. A preferential rate applies to
/// an item only when the certificate of origin customs names was received through the gateway (so its signature and
/// issuer were checked), has not been revoked, replaced, rejected, acquitted or used up, is at most
/// <see cref="CertificateValidityMonths"/> months old on the assessment date, was issued in the item's country of origin, and has an
/// item with the same HS code and unit with enough quantity left; otherwise the MFN rate applies and the assessment
/// says why. The preference's use is drawn down from the certificate in the same transaction, which sends the
/// utilization back to the issuer. A consignment is assessed once; a payment order for the total is raised for the trader
/// in the same transaction.
/// </summary>
public sealed class DutyService(NodeContext node, TariffStore tariffs, CertificateStore certificates, CertificateLifecycle lifecycle, Payments.PaymentOrderStore orders, TimeProvider time)
{
    /// <summary>How long a certificate of origin can be used after its issue date (12 months, as under most agreements).</summary>
    public const int CertificateValidityMonths = 12;

    public sealed record AssessRequest(DateOnly? Date, CertificateReference? Certificate);

    public sealed record CertificateReference(string IssuingCountry, string Number);

    /// <summary>An assessment with the notes on preferences claimed but not granted.</summary>
    /// <summary>An assessment with the notes on preferences claimed but not granted, and the trader's payment order for the total (none when nothing is due).</summary>
    public sealed record Outcome(string ConsignmentId, DutyAssessment Assessment, IReadOnlyList<string> PreferenceNotes, string? UtilizationId, string? PaymentOrderId = null);

    /// <summary>The purpose of the payment orders raised for assessed duty and taxes.</summary>
    public const string PaymentPurpose = "consignment-duty";

    public async Task<Result<Outcome>> AssessAsync(Actor actor, string consignmentId, ConsignmentView consignment, AssessRequest request, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(consignment);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(unit);
        if (consignment.Procedure != Procedure.Import)
        {
            return Failure.Conflict("duty.not_import", $"Consignment {consignmentId} is an {Names.Of(consignment.Procedure)}; duty is assessed on imports.");
        }
        if (consignment.Status is ConsignmentStatus.Draft or ConsignmentStatus.Withdrawn or ConsignmentStatus.Rejected)
        {
            return Failure.Conflict("duty.not_lodged", $"Consignment {consignmentId} is {Names.Of(consignment.Status)}.");
        }
        var already = await unit.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from duty_assessments where consignment_id = @consignmentId", new { consignmentId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (already > 0)
        {
            return Failure.Conflict("duty.already_assessed", $"Consignment {consignmentId} is already assessed; its certificate drawdown is recorded once.");
        }
        var declaration = DeclarationJson.Read(consignment.Declaration.GetRawText()).Document
            ?? throw new InvalidOperationException($"The stored declaration of {consignmentId} no longer reads.");
        var active = await tariffs.GetActiveAsync(unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (active is not { } tariff)
        {
            return Failure.Conflict("tariff.none", "No tariff is published on this node; the operator publishes one first.");
        }
        var date = request.Date ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var notes = new List<string>();
        var candidates = new List<(int ItemNumber, int CertificateItem, decimal Quantity, PreferenceClaim Claim)>();
        if (request.Certificate is { } reference)
        {
            var found = await certificates.FindAsync(reference.IssuingCountry.ToUpperInvariant(), reference.Number, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
            var problem = CertificateProblem(found, date);
            if (problem is not null)
            {
                notes.Add($"No preference: certificate {reference.IssuingCountry} {reference.Number} {problem}.");
            }
            else
            {
                var agreement = CertificateOfOriginJson.Read(found!.Document.GetRawText(), CertificateOfOriginStage.Issued).Document?.Agreement ?? "";
                var remaining = found.Items.ToDictionary(i => i.ItemNumber, i => i.Remaining);
                foreach (var item in declaration.Items)
                {
                    var number = item.SequenceNumber ?? 0;
                    var covering = found.Items.FirstOrDefault(c => c.HsCode == item.HsCode?.Value && c.Unit == item.Quantity?.Unit && remaining[c.ItemNumber] >= item.Quantity!.Value.Value);
                    if (item.OriginCountry?.Value != found.IssuingCountry)
                    {
                        notes.Add($"Item {number}: no preference: its origin {item.OriginCountry?.Value} is not the certificate's country {found.IssuingCountry}.");
                    }
                    else if (covering is null)
                    {
                        notes.Add($"Item {number}: no preference: the certificate has no item with HS {item.HsCode?.Value} in {item.Quantity?.Unit} with {item.Quantity?.Value.ToString(CultureInfo.InvariantCulture)} left.");
                    }
                    else
                    {
                        remaining[covering.ItemNumber] -= item.Quantity!.Value.Value;
                        candidates.Add((number, covering.ItemNumber, item.Quantity.Value.Value, new PreferenceClaim(agreement, CountryCode.Of(found.IssuingCountry), found.Number)));
                    }
                }
            }
        }
        var claims = new Dictionary<int, PreferenceClaim>();
        foreach (var candidate in candidates)
        {
            var item = declaration.Items.First(i => i.SequenceNumber == candidate.ItemNumber);
            var line = tariff.Schedule.Find(item.CommodityCode ?? item.HsCode?.Value ?? "", date);
            if (line is not null && !line.Preferences.Any(p => p.Agreement == candidate.Claim.Agreement && p.Origins.Contains(candidate.Claim.IssuingCountry)))
            {
                notes.Add($"Item {candidate.ItemNumber}: no preference: tariff line {line.Code} grants none under {candidate.Claim.Agreement} for origin {candidate.Claim.IssuingCountry.Value}.");
                continue;
            }
            claims[candidate.ItemNumber] = candidate.Claim;
        }
        var drawdowns = candidates.Where(c => claims.ContainsKey(c.ItemNumber))
            .GroupBy(c => c.CertificateItem)
            .Select(g => new ItemDrawdown(g.Key, g.Sum(c => c.Quantity)))
            .ToList();
        var items = declaration.Items.Select(i => new DutyItem(i.SequenceNumber ?? 0, i.CommodityCode ?? i.HsCode?.Value ?? "", i.Value ?? Money.Create(0, node.NationalCurrency).Value,
            i.Quantity, i.OriginCountry ?? CountryCode.Of(consignment.OriginCountry), i.SequenceNumber is { } n && claims.TryGetValue(n, out var claim) ? claim : null)).ToList();
        var rates = await tariffs.GetRatesAsync(unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        var calculator = new DutyCalculator(CurrencyCode.Of(node.NationalCurrency), tariff.Schedule, rates, $"{node.CountryCode}-{tariff.Version}");
        var assessed = calculator.Calculate(items, date);
        if (!assessed.IsSuccess)
        {
            return assessed.Failure;
        }
        string? utilizationId = null;
        if (drawdowns.Count > 0)
        {
            var used = await lifecycle.RecordUseAsync(actor.PartyId, request.Certificate!.IssuingCountry.ToUpperInvariant(), request.Certificate.Number,
                new CertificateLifecycle.UseRequest(consignmentId, drawdowns), unit, cancellationToken).ConfigureAwait(false);
            if (!used.IsSuccess)
            {
                return used.Failure;
            }
            utilizationId = used.Value.Utilizations.LastOrDefault(u => u.DeclarationNumber == consignmentId)?.Id;
        }
        string? paymentOrderId = null;
        if (assessed.Value.Total.Amount > 0)
        {
            var order = await orders.CreateAsync(unit, consignment.TraderPartyId, PaymentPurpose, consignmentId, assessed.Value.Total, cancellationToken).ConfigureAwait(false);
            if (!order.IsSuccess)
            {
                return order.Failure!;
            }
            paymentOrderId = order.Value.Id;
        }
        var now = time.GetUtcNow();
        var outcome = new Outcome(consignmentId, assessed.Value, notes, utilizationId, paymentOrderId);
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into duty_assessments (consignment_id, assessed_by, assessed_at_ms, tariff_version, total, currency, certificate_country, certificate_number, assessment_json)
            values (@consignmentId, @actor, @at, @version, @total, @currency, @country, @number, @json)
            """,
            new
            {
                consignmentId,
                actor = actor.PartyId,
                at = now.ToUnixTimeMilliseconds(),
                version = tariff.Version,
                total = assessed.Value.Total.Amount.ToString(CultureInfo.InvariantCulture),
                currency = node.NationalCurrency,
                country = utilizationId is null ? null : request.Certificate?.IssuingCountry.ToUpperInvariant(),
                number = utilizationId is null ? null : request.Certificate?.Number,
                json = JsonSerializer.Serialize(outcome, JsonSerializerOptions.Web),
            }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await ConsignmentWorkflow.AppendEventAsync(unit, consignmentId, now, actor.PartyId, "duty-assessed",
            $"{assessed.Value.Total} under tariff {assessed.Value.TariffVersion}{(utilizationId is null ? "" : $"; preference under certificate {request.Certificate!.Number}")}", null, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    public static async Task<Outcome?> FindAsync(string consignmentId, System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select assessment_json from duty_assessments where consignment_id = @consignmentId", new { consignmentId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return json is null ? null : JsonSerializer.Deserialize<Outcome>(json, JsonSerializerOptions.Web);
    }

    private static string? CertificateProblem(CertificateView? certificate, DateOnly date)
    {
        if (certificate is null || certificate.Direction != CertificateDirection.Received)
        {
            return "was not received here through the gateway";
        }
        if (certificate.DocumentType != OriginWorkflow.DocumentType)
        {
            return "is not a certificate of origin";
        }
        var status = CertificateStatusNames.Parse(certificate.Status);
        if (CertificateTransitions.IsFinal(status) || status == CertificateStatus.Utilized)
        {
            return $"is {certificate.Status}";
        }
        var issued = DateOnly.FromDateTime(certificate.IssuedAt.UtcDateTime);
        if (date > issued.AddMonths(CertificateValidityMonths))
        {
            return $"expired on {issued.AddMonths(CertificateValidityMonths):yyyy-MM-dd} ({CertificateValidityMonths} months after issue)";
        }
        if (date < issued)
        {
            return $"was issued after the assessment date ({issued:yyyy-MM-dd})";
        }
        return null;
    }
}

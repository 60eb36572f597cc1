using Caravan.Common;
using Caravan.Customs.Duty;
using Caravan.Customs.Parcels;
using Caravan.Customs.Risk;
using Caravan.Documents.Common;
using Caravan.Storage;
using Caravan.Window.Consignments;
using Caravan.Window.Duty;
using Caravan.Window.Risk;
using Dapper;

namespace Caravan.Window.Parcels;

/// <summary>
/// The e-commerce parcel pipeline: a batch of parcel lines is read (each malformed line refused with its line number
/// and reason, the others kept), every parcel is assessed (goods code given or suggested, duty and tax with de minimis,
/// collection model, risk score) and decided (release, or hold for a documentary check, an inspection, or a guarantee
/// too small for the charge), and the new parcels are stored in one transaction together with the batch and the
/// guarantee liabilities. A parcel already stored under the same platform and tracking id is not stored again: the
/// line is answered as a duplicate with the decision first given, so resending a batch is safe.
/// </summary>
public sealed class ParcelLane(NodeContext node, TariffStore tariffs, RiskRuleStore rules, CaravanDatabase database, TimeProvider time)
{
    /// <summary>The answer for one parcel line: accepted now or a duplicate of a parcel already stored, and its decision.</summary>
    public sealed record LineResult(int Line, string TrackingId, string Platform, string ParcelId, bool Duplicate, string Decision, string? HoldReason,
        string Channel, int Score, IReadOnlyList<string> RulesHit, string HsCode, string? HsSuggestion, decimal Duty, decimal Excise, decimal Tax,
        decimal Charge, string Collection, string CollectAt, string LiablePartyId, string? Note);

    public sealed record BatchResult(string BatchId, int Lines, int Accepted, int Duplicates, int Rejected, int Released, int Held, string Currency,
        int TariffVersion, int? RulesVersion, IReadOnlyList<LineResult> Parcels, IReadOnlyList<ParcelLineError> Errors);

    /// <summary>Suggests a goods code from a description when the sender gave none (HS 2022 by default).</summary>
    public Func<string, ParcelAssessor.HsSuggestionResult?> Suggest { get; init; } = description =>
        Documents.Hs.HsSuggester.Default.Suggest(description) is { } suggestion
            ? new ParcelAssessor.HsSuggestionResult(suggestion.Code, $"suggested from the description (confidence {suggestion.Confidence.ToString(System.Globalization.CultureInfo.InvariantCulture)}): {suggestion.Basis}")
            : null;

    private sealed record CachedAssessor(string Stamp, DateOnly Day, ParcelAssessor Assessor);

    private volatile CachedAssessor? _cached;

    /// <summary>
    /// Everything the assessment needs: the tariff, settings, exchange rates, active rules and registrations. One query
    /// reads what each was last changed to; the assessor is rebuilt only when one of them (or the day) changed, so a
    /// change made through any node process applies from the next batch.
    /// </summary>
    public async Task<Result<ParcelAssessor>> AssessorAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var stamp = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            """
            select coalesce((select max(version) from tariff_versions), 0) || '/' || coalesce((select max(version) from risk_rule_sets where status = 'active'), 0)
                || '/' || coalesce((select updated_at_ms from parcel_settings where id = 1), 0) || '/' || (select count(*) from parcel_registrations)
                || '/' || coalesce((select max(registered_at_ms) from parcel_registrations), 0) || '/' || (select count(*) from exchange_rates)
                || '/' || coalesce((select max(published_at_ms) from exchange_rates), 0)
            """, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? "";
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (_cached is { } cached && cached.Stamp == stamp && cached.Day == today)
        {
            return cached.Assessor;
        }
        var tariff = await tariffs.GetActiveAsync(connection, null, cancellationToken).ConfigureAwait(false);
        if (tariff is not { } active)
        {
            return Failure.Conflict("tariff.none", "No tariff is published on this node; the operator publishes one before parcels can be assessed.");
        }
        var settings = await ParcelAccounts.SettingsAsync(connection, null, cancellationToken).ConfigureAwait(false);
        var rates = await tariffs.GetRatesAsync(connection, null, cancellationToken).ConfigureAwait(false);
        var engine = await rules.ActiveEngineAsync(connection, null, cancellationToken).ConfigureAwait(false);
        var registrations = await ParcelAccounts.RegistrationsAsync(connection, null, cancellationToken).ConfigureAwait(false);
        var assessor = new ParcelAssessor(node.CountryCode, CurrencyCode.Of(node.NationalCurrency), settings, active.Version, active.Schedule, rates, engine, registrations,
            Suggest, today) { Explain = false };
        _cached = new CachedAssessor(stamp, today, assessor);
        return assessor;
    }

    public async Task<Result<BatchResult>> IngestAsync(Actor actor, ReadOnlyMemory<byte> body, ParcelBatchFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var read = ParcelBatchReader.Read(body.Span, format);
        if (!read.IsSuccess)
        {
            return read.Failure!;
        }
        var batch = read.Value;
        if (batch.LineCount == 0)
        {
            return Failure.Validation("parcels.empty", "The batch has no parcel line.");
        }
        var assessorResult = await database.ReadAsync((c, t) => AssessorAsync(c, t), cancellationToken).ConfigureAwait(false);
        if (!assessorResult.IsSuccess)
        {
            return assessorResult.Failure!;
        }
        var assessor = assessorResult.Value;
        var errors = new List<ParcelLineError>(batch.Errors);
        var assessed = new List<ParcelAssessment>(batch.Parcels.Count);
        var seen = new HashSet<(string, string)>();
        var repeated = new List<ParcelLine>();
        foreach (var parcel in batch.Parcels)
        {
            if (!seen.Add((parcel.Platform, parcel.TrackingId)))
            {
                repeated.Add(parcel);
                continue;
            }
            var (assessment, error) = assessor.Assess(parcel, actor.PartyId);
            if (error is not null)
            {
                errors.Add(error);
            }
            else
            {
                assessed.Add(assessment!);
            }
        }
        var now = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StoreAsync(actor, format, batch, assessor, assessed, repeated, [.. errors], now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ParcelStore.IsDuplicateParcel(e) && attempt < 5)
            {
                // A concurrent batch stored one of these parcels after our duplicate check: run again; it is answered as a duplicate.
            }
        }
    }

    private async Task<Result<BatchResult>> StoreAsync(Actor actor, ParcelBatchFormat format, ParcelBatchReader.Batch batch, ParcelAssessor assessor,
        List<ParcelAssessment> assessed, List<ParcelLine> repeated, List<ParcelLineError> errors, DateTimeOffset now, CancellationToken cancellationToken)
    {
        return await database.InTransactionAsync(async (unit, ct) =>
        {
            var number = unit.Provider == StorageProvider.Postgres
                ? await unit.Connection.ExecuteScalarAsync<long>(new CommandDefinition("select nextval('parcel_batch_numbers')", transaction: unit.Transaction, cancellationToken: ct)).ConfigureAwait(false)
                : await NumberSequence.NextAsync(unit, "parcel-batch", ct).ConfigureAwait(false);
            var batchId = $"{node.CountryCode}-PB{number}";
            var headroom = await ParcelAccounts.LockHeadroomAsync(unit, assessed.Where(a => a.Charge > 0).Select(a => a.LiablePartyId), ct).ConfigureAwait(false);
            var existing = (await ParcelStore.FindByKeysAsync(unit, [.. assessed.Select(a => (a.Parcel.Platform, a.Parcel.TrackingId)), .. repeated.Select(p => (p.Platform, p.TrackingId))], ct).ConfigureAwait(false))
                .ToDictionary(r => (r.Platform, r.TrackingId));
            var rows = new List<ParcelRow>(assessed.Count);
            var results = new List<LineResult>(assessed.Count + repeated.Count);
            var reserved = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var a in assessed)
            {
                if (existing.TryGetValue((a.Parcel.Platform, a.Parcel.TrackingId), out var stored))
                {
                    Duplicate(a.Parcel, stored);
                    continue;
                }
                var reasons = new List<string>(2);
                if (a.Risk.Channel == RiskChannel.Red)
                {
                    reasons.Add($"risk: physical inspection (score {a.Risk.Score})");
                }
                else if (a.Risk.Channel == RiskChannel.Yellow)
                {
                    reasons.Add(a.Risk.RandomlySelected ? "risk: documentary check (random selection)" : $"risk: documentary check (score {a.Risk.Score})");
                }
                var charge = ParcelRow.Minor(a.Charge);
                var secured = charge == 0;
                if (!secured)
                {
                    var left = headroom.GetValueOrDefault(a.LiablePartyId) - reserved.GetValueOrDefault(a.LiablePartyId);
                    if (charge <= left)
                    {
                        reserved[a.LiablePartyId] = reserved.GetValueOrDefault(a.LiablePartyId) + charge;
                        secured = true;
                    }
                    else
                    {
                        reasons.Add($"guarantee: the charge {ParcelRow.Major(charge)} {assessor.NationalCurrency.Value} exceeds what the guarantee of {a.LiablePartyId} still covers ({ParcelRow.Major(Math.Max(0, left))})");
                    }
                }
                var row = ParcelRow.From(a, $"{batchId}-{a.Parcel.Line}", batchId, actor.PartyId, now.ToUnixTimeMilliseconds(), assessor.RulesVersion, assessor.TariffVersion,
                    reasons.Count == 0 ? "release" : "hold", reasons.Count == 0 ? null : string.Join("; ", reasons), reserved: secured && charge > 0);
                rows.Add(row);
            }
            var inserted = await ParcelStore.InsertAsync(unit, rows, ct).ConfigureAwait(false);
            foreach (var group in rows.Where(r => r.GuaranteeReserved == 1 && inserted.Contains(r.Id)).GroupBy(r => r.LiablePartyId))
            {
                await ParcelAccounts.AddLiabilityAsync(unit, group.Key, group.Sum(r => r.ChargeMinor), ct).ConfigureAwait(false);
            }
            var late = rows.Where(r => !inserted.Contains(r.Id)).ToList();
            var lateStored = late.Count == 0 ? [] : (await ParcelStore.FindByKeysAsync(unit, late.Select(r => (r.Platform, r.TrackingId)).ToList(), ct).ConfigureAwait(false))
                .ToDictionary(r => (r.Platform, r.TrackingId));
            var assessedByLine = assessed.ToDictionary(a => a.Parcel.Line);
            foreach (var row in rows)
            {
                if (inserted.Contains(row.Id))
                {
                    results.Add(Answer((int)row.LineNumber, row, duplicate: false));
                }
                else
                {
                    Duplicate(assessedByLine[(int)row.LineNumber].Parcel, lateStored[(row.Platform, row.TrackingId)]);
                }
            }
            foreach (var parcel in repeated)
            {
                var first = existing.TryGetValue((parcel.Platform, parcel.TrackingId), out var stored) ? stored
                    : rows.FirstOrDefault(r => r.Platform == parcel.Platform && r.TrackingId == parcel.TrackingId && inserted.Contains(r.Id));
                if (first is not null)
                {
                    Duplicate(parcel, first);
                }
                else
                {
                    errors.Add(new ParcelLineError(parcel.Line, parcel.TrackingId, "trackingId", "parcel.repeated", "The parcel appears earlier in this batch, on a line that was refused."));
                }
            }
            results.Sort((x, y) => x.Line.CompareTo(y.Line));

            // A parcel stored before is answered with its first decision, but only to the party that lodged it or is liable for it.
            void Duplicate(ParcelLine parcel, ParcelRow stored)
            {
                if (stored.SubmitterPartyId == actor.PartyId || stored.LiablePartyId == actor.PartyId)
                {
                    results.Add(Answer(parcel.Line, stored, duplicate: true));
                }
                else
                {
                    errors.Add(new ParcelLineError(parcel.Line, parcel.TrackingId, "trackingId", "parcel.lodged_by_another",
                        $"Another operator already lodged a parcel with tracking id {parcel.TrackingId} on platform {parcel.Platform}."));
                }
            }
            errors.Sort((x, y) => x.Line.CompareTo(y.Line));
            var accepted = results.Count(r => !r.Duplicate);
            var duplicates = results.Count - accepted;
            var rejectedLines = errors.Select(e => e.Line).Distinct().Count();
            await unit.Connection.ExecuteAsync(new CommandDefinition(
                """
                insert into parcel_batches (id, submitter_party_id, received_at_ms, format, settings_json, line_count, accepted, duplicates, rejected)
                values (@batchId, @party, @at, @format, @settings, @lines, @accepted, @duplicates, @rejectedLines)
                """,
                new
                {
                    batchId,
                    party = actor.PartyId,
                    at = now.ToUnixTimeMilliseconds(),
                    format = format == ParcelBatchFormat.Csv ? "csv" : "jsonl",
                    settings = System.Text.Json.JsonSerializer.Serialize(assessor.Settings, System.Text.Json.JsonSerializerOptions.Web),
                    lines = batch.LineCount,
                    accepted,
                    duplicates,
                    rejectedLines,
                },
                unit.Transaction, cancellationToken: ct)).ConfigureAwait(false);
            return new BatchResult(batchId, batch.LineCount, accepted, duplicates, rejectedLines, results.Count(r => !r.Duplicate && r.Decision == "release"),
                results.Count(r => !r.Duplicate && r.Decision == "hold"), assessor.NationalCurrency.Value, assessor.TariffVersion, assessor.RulesVersion, results, errors);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static LineResult Answer(int line, ParcelRow row, bool duplicate) =>
        new(line, row.TrackingId, row.Platform, row.Id, duplicate, row.Decision, row.HoldReason, row.RiskChannel, (int)row.RiskScore,
            row.RuleHits is null ? [] : row.RuleHits.Split(','), row.HsCode, row.HsSuggestion, ParcelRow.Major(row.DutyMinor), ParcelRow.Major(row.ExciseMinor),
            ParcelRow.Major(row.TaxMinor), ParcelRow.Major(row.ChargeMinor), row.Collection, row.CollectAt, row.LiablePartyId, row.CollectionNote);
}

using System.Data.Common;
using Caravan.Common;
using Dapper;

namespace Caravan.Window.Certificates;

/// <summary>
/// Certificates held by this node (issued here or received from a partner), their item balances, uses and
/// append-only status history. Every method works inside the caller's transaction; drawdown is a single guarded
/// UPDATE per item so that concurrent uses from several node processes can never exceed a quantity.
/// </summary>
public sealed class CertificateStore
{
    public async Task InsertAsync(NewCertificate certificate, string actor, string? reason, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection!;
        var status = certificate.Direction == CertificateDirection.Issued ? CertificateStatus.Issued : CertificateStatus.Received;
        var at = certificate.Direction == CertificateDirection.Issued ? certificate.IssuedAt : (DateTimeOffset?)null;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into certificates (issuing_country, number, direction, document_type, partner_country, application_id,
                exporter_party_id, status, document_json, signed_xml, message_id, issued_at_ms, updated_at_ms,
                issued_by_party_id, consignment_id, envelope_json)
            values (@IssuingCountry, @Number, @Direction, @DocumentType, @PartnerCountry, @ApplicationId,
                @ExporterPartyId, @Status, @DocumentJson, @SignedXml, @MessageId, @IssuedAtMs, @IssuedAtMs,
                @IssuedByPartyId, @ConsignmentId, @EnvelopeJson)
            """,
            new
            {
                certificate.IssuingCountry,
                certificate.Number,
                Direction = certificate.Direction == CertificateDirection.Issued ? "issued" : "received",
                certificate.DocumentType,
                certificate.PartnerCountry,
                certificate.ApplicationId,
                certificate.ExporterPartyId,
                Status = status.ToName(),
                certificate.DocumentJson,
                certificate.SignedXml,
                certificate.MessageId,
                IssuedAtMs = certificate.IssuedAt.ToUnixTimeMilliseconds(),
                certificate.IssuedByPartyId,
                certificate.ConsignmentId,
                certificate.EnvelopeJson,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var item in certificate.Items)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                insert into certificate_items (issuing_country, number, item_number, hs_code, unit, quantity_micros, used_micros)
                values (@country, @number, @ItemNumber, @HsCode, @Unit, @QuantityMicros, 0)
                """,
                new { country = certificate.IssuingCountry, number = certificate.Number, item.ItemNumber, item.HsCode, item.Unit, item.QuantityMicros },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        await AppendHistoryAsync(certificate.IssuingCountry, certificate.Number, status, at ?? certificate.IssuedAt, actor, reason, transaction, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(string issuingCountry, string number, DbTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from certificates where issuing_country = @issuingCountry and number = @number",
            new { issuingCountry, number }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    /// <summary>
    /// Moves a certificate to <paramref name="status"/> and appends the history entry, if the transition is allowed
    /// from its current status. Moving to the status it already has is a no-op (retries are safe), except that each
    /// further partial use is recorded.
    /// </summary>
    public async Task<Result<CertificateStatus>> ChangeStatusAsync(
        string issuingCountry, string number, CertificateStatus status, DateTimeOffset at, string actor, string? reason,
        DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection!;
        var current = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select status from certificates where issuing_country = @issuingCountry and number = @number",
            new { issuingCountry, number }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (current is null)
        {
            return Failure.NotFound("certificate.not_found", $"Certificate {issuingCountry} {number} is not known here.");
        }
        var from = CertificateStatusNames.Parse(current);
        if (from == status && status != CertificateStatus.PartiallyUtilized)
        {
            // Already there (a retried notice): nothing to record. Each further partial use is recorded, though.
            return status;
        }
        if (!CertificateTransitions.IsAllowed(from, status))
        {
            return Failure.Conflict("certificate.status_transition", $"Certificate {number} cannot move from {from.ToName()} to {status.ToName()}.");
        }
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "update certificates set status = @to, updated_at_ms = @at where issuing_country = @issuingCountry and number = @number and status = @from",
            new { to = status.ToName(), from = current, at = at.ToUnixTimeMilliseconds(), issuingCountry, number },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (updated != 1)
        {
            return Failure.Conflict("certificate.concurrent_change", $"Certificate {number} was changed concurrently; retry.");
        }
        await AppendHistoryAsync(issuingCountry, number, status, at, actor, reason, transaction, cancellationToken).ConfigureAwait(false);
        return status;
    }

    /// <summary>
    /// Draws down each item by the given quantity, all or nothing: if any item would go beyond its quantity (or does
    /// not exist), nothing is changed and the failure names each offending item with what remains.
    /// </summary>
    public async Task<Result<IReadOnlyList<CertificateItemBalance>>> DrawDownAsync(
        string issuingCountry, string number, string declarationNumber, IReadOnlyList<ItemDrawdown> items, string utilizationIdPrefix,
        DateTimeOffset at, string recordedBy, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection!;
        var errors = new List<FieldError>();
        var balances = (await LoadItemsAsync(connection, transaction, issuingCountry, number, cancellationToken).ConfigureAwait(false))
            .ToDictionary(i => i.ItemNumber);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (!balances.TryGetValue(item.ItemNumber, out var balance))
            {
                errors.Add(new FieldError($"items[{i}].itemNumber", "certificate.item_unknown", $"Certificate {number} has no item {item.ItemNumber}."));
                continue;
            }
            if (!Quantities.TryToMicros(item.Quantity, out var micros) || micros == 0)
            {
                errors.Add(new FieldError($"items[{i}].quantity", "quantity.invalid", "quantity must be positive with at most 6 decimals."));
                continue;
            }
            var updated = await connection.ExecuteAsync(new CommandDefinition(
                """
                update certificate_items set used_micros = used_micros + @micros
                where issuing_country = @issuingCountry and number = @number and item_number = @itemNumber
                  and used_micros + @micros <= quantity_micros
                """,
                new { micros, issuingCountry, number, itemNumber = item.ItemNumber }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (updated != 1)
            {
                errors.Add(new FieldError($"items[{i}].quantity", "certificate.quantity_exceeded",
                    $"Item {item.ItemNumber}: {item.Quantity} {balance.Unit} requested but only {balance.Remaining} {balance.Unit} remain of {balance.Quantity}."));
                continue;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                """
                insert into certificate_utilizations (id, issuing_country, number, declaration_number, item_number, quantity_micros, at_ms, recorded_by)
                values (@id, @issuingCountry, @number, @declarationNumber, @itemNumber, @micros, @at, @recordedBy)
                """,
                new { id = $"{utilizationIdPrefix}-{item.ItemNumber}", issuingCountry, number, declarationNumber, itemNumber = item.ItemNumber, micros, at = at.ToUnixTimeMilliseconds(), recordedBy },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        if (errors.Count > 0)
        {
            return Failure.Conflict("certificate.quantity_exceeded",
                $"Certificate {number} does not cover this use; nothing was drawn down.", errors);
        }
        return (await LoadItemsAsync(connection, transaction, issuingCountry, number, cancellationToken).ConfigureAwait(false)).ToList();
    }

    public async Task<CertificateView?> FindAsync(string issuingCountry, string number, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var row = await connection.QuerySingleOrDefaultAsync<CertificateRow>(new CommandDefinition(
            SelectColumns + " where issuing_country = @issuingCountry and number = @number",
            new { issuingCountry, number }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }
        var items = await LoadItemsAsync(connection, transaction, issuingCountry, number, cancellationToken).ConfigureAwait(false);
        var uses = await connection.QueryAsync<UtilizationRow>(new CommandDefinition(
            """
            select id as Id, declaration_number as DeclarationNumber, item_number as ItemNumber, quantity_micros as QuantityMicros,
                   at_ms as AtMs, recorded_by as RecordedBy
            from certificate_utilizations where issuing_country = @issuingCountry and number = @number order by at_ms, id
            """,
            new { issuingCountry, number }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var history = await connection.QueryAsync<HistoryRow>(new CommandDefinition(
            """
            select seq as Seq, status as Status, at_ms as AtMs, actor as Actor, reason as Reason
            from certificate_status_history where issuing_country = @issuingCountry and number = @number order by seq
            """,
            new { issuingCountry, number }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.ToView(
            items,
            uses.Select(u => new CertificateUtilization(u.Id, u.DeclarationNumber, u.ItemNumber, Quantities.FromMicros(u.QuantityMicros), DateTimeOffset.FromUnixTimeMilliseconds(u.AtMs), u.RecordedBy)).ToList(),
            history.Select(h => new CertificateHistoryEntry(h.Seq, h.Status, DateTimeOffset.FromUnixTimeMilliseconds(h.AtMs), h.Actor, h.Reason)).ToList());
    }

    /// <summary>
    /// Certificates of one direction, newest first; <paramref name="exporterPartyId"/> restricts to one exporter's,
    /// <paramref name="issuedByPartyId"/> to those one party issued.
    /// </summary>
    public async Task<IReadOnlyList<CertificateView>> ListAsync(CertificateDirection direction, string? exporterPartyId, int limit, DbConnection connection, CancellationToken cancellationToken, string? issuedByPartyId = null)
    {
        var rows = await connection.QueryAsync<CertificateRow>(new CommandDefinition(
            SelectColumns + " where direction = @direction and (@exporter is null or exporter_party_id = @exporter) and (@issuer is null or issued_by_party_id = @issuer) order by updated_at_ms desc limit @limit",
            new { direction = direction == CertificateDirection.Issued ? "issued" : "received", exporter = exporterPartyId, issuer = issuedByPartyId, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToView([], [], [])).ToList();
    }

    /// <summary>The certificates issued here for one consignment (e.g. the ePhyto its phytosanitary task issued), newest first.</summary>
    public async Task<IReadOnlyList<CertificateView>> ForConsignmentAsync(string consignmentId, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<CertificateRow>(new CommandDefinition(
            SelectColumns + " where consignment_id = @consignmentId order by issued_at_ms desc", new { consignmentId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToView([], [], [])).ToList();
    }

    private const string SelectColumns =
        """
        select issuing_country as IssuingCountry, number as Number, direction as Direction, document_type as DocumentType,
               partner_country as PartnerCountry, application_id as ApplicationId, exporter_party_id as ExporterPartyId,
               status as Status, document_json as DocumentJson, signed_xml as SignedXml, message_id as MessageId,
               issued_at_ms as IssuedAtMs, updated_at_ms as UpdatedAtMs, issued_by_party_id as IssuedByPartyId,
               consignment_id as ConsignmentId, envelope_json as EnvelopeJson
        from certificates
        """;

    private static async Task<IReadOnlyList<CertificateItemBalance>> LoadItemsAsync(DbConnection connection, DbTransaction? transaction, string issuingCountry, string number, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<ItemRow>(new CommandDefinition(
            """
            select item_number as ItemNumber, hs_code as HsCode, unit as Unit, quantity_micros as QuantityMicros, used_micros as UsedMicros
            from certificate_items where issuing_country = @issuingCountry and number = @number order by item_number
            """,
            new { issuingCountry, number }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new CertificateItemBalance(r.ItemNumber, r.HsCode, r.Unit, Quantities.FromMicros(r.QuantityMicros), Quantities.FromMicros(r.UsedMicros))).ToList();
    }

    private static async Task AppendHistoryAsync(string issuingCountry, string number, CertificateStatus status, DateTimeOffset at, string actor, string? reason, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into certificate_status_history (issuing_country, number, seq, status, at_ms, actor, reason)
            select @issuingCountry, @number, coalesce(max(seq), 0) + 1, @status, @at, @actor, @reason
            from certificate_status_history where issuing_country = @issuingCountry and number = @number
            """,
            new { issuingCountry, number, status = status.ToName(), at = at.ToUnixTimeMilliseconds(), actor, reason },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed class CertificateRow
    {
        public string IssuingCountry { get; set; } = "";
        public string Number { get; set; } = "";
        public string Direction { get; set; } = "";
        public string DocumentType { get; set; } = "";
        public string PartnerCountry { get; set; } = "";
        public string? ApplicationId { get; set; }
        public string? ExporterPartyId { get; set; }
        public string Status { get; set; } = "";
        public string DocumentJson { get; set; } = "";
        public string SignedXml { get; set; } = "";
        public string? MessageId { get; set; }
        public long IssuedAtMs { get; set; }
        public long UpdatedAtMs { get; set; }
        public string? IssuedByPartyId { get; set; }
        public string? ConsignmentId { get; set; }
        public string? EnvelopeJson { get; set; }

        public CertificateView ToView(IReadOnlyList<CertificateItemBalance> items, IReadOnlyList<CertificateUtilization> uses, IReadOnlyList<CertificateHistoryEntry> history) =>
            new(IssuingCountry, Number, DocumentType, Direction == "issued" ? CertificateDirection.Issued : CertificateDirection.Received,
                PartnerCountry, Status, ApplicationId, ExporterPartyId, MessageId,
                DateTimeOffset.FromUnixTimeMilliseconds(IssuedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAtMs),
                items, uses, history, ParseDocument(DocumentJson), SignedXml)
            {
                IssuedByPartyId = IssuedByPartyId,
                ConsignmentId = ConsignmentId,
                Envelope = EnvelopeJson is null ? null : ParseDocument(EnvelopeJson),
            };

        private static System.Text.Json.JsonElement ParseDocument(string json)
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
    }

    private sealed class ItemRow
    {
        public int ItemNumber { get; set; }
        public string HsCode { get; set; } = "";
        public string Unit { get; set; } = "";
        public long QuantityMicros { get; set; }
        public long UsedMicros { get; set; }
    }

    private sealed class UtilizationRow
    {
        public string Id { get; set; } = "";
        public string DeclarationNumber { get; set; } = "";
        public int ItemNumber { get; set; }
        public long QuantityMicros { get; set; }
        public long AtMs { get; set; }
        public string RecordedBy { get; set; } = "";
    }

    private sealed class HistoryRow
    {
        public int Seq { get; set; }
        public string Status { get; set; } = "";
        public long AtMs { get; set; }
        public string Actor { get; set; } = "";
        public string? Reason { get; set; }
    }
}

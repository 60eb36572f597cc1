using System.Data.Common;
using Caravan.Documents.Acdd;
using Dapper;

namespace Caravan.Window.Acdd;

/// <summary>
/// The ACDDs this node sent (for its export consignments) and received (for import consignments here, linked once the
/// import declaration that they announce is known). Every method works inside the caller's transaction.
/// </summary>
public sealed class AcddStore
{
    /// <summary>A stored ACDD with where it went or came from and the consignment it belongs to.</summary>
    public sealed record StoredAcdd(string Direction, string ExportCountry, string DeclarationNumber, string ImportCountry, string? ConsignmentId,
        AdvanceCustomsDeclaration Document, string MessageId, DateTimeOffset CreatedAt, DateTimeOffset? LinkedAt);

    public async Task InsertAsync(string direction, AdvanceCustomsDeclaration acdd, string? consignmentId, string messageId, DateTimeOffset at,
        DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acdd);
        ArgumentNullException.ThrowIfNull(transaction);
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into advance_declarations (export_country, declaration_number, direction, import_country, consignment_id, document_json,
                message_id, created_at_ms, linked_at_ms)
            values (@export, @number, @direction, @import, @consignmentId, @json, @messageId, @at, @linkedAt)
            """,
            new
            {
                export = acdd.ExportCountry!.Value.Value,
                number = acdd.ExportDeclarationNumber,
                direction,
                import = acdd.ImportCountry!.Value.Value,
                consignmentId,
                json = AcddJson.ToJson(acdd),
                messageId,
                at = at.ToUnixTimeMilliseconds(),
                linkedAt = consignmentId is null ? (long?)null : at.ToUnixTimeMilliseconds(),
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(string exportCountry, string declarationNumber, DbTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from advance_declarations where export_country = @exportCountry and declaration_number = @declarationNumber",
            new { exportCountry, declarationNumber }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    /// <summary>Links a received ACDD to an import consignment, unless it is linked already; true when this call linked it.</summary>
    public async Task<bool> LinkAsync(string exportCountry, string declarationNumber, string consignmentId, DateTimeOffset at, DbTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            update advance_declarations set consignment_id = @consignmentId, linked_at_ms = @at
            where export_country = @exportCountry and declaration_number = @declarationNumber and direction = 'received' and consignment_id is null
            """,
            new { consignmentId, at = at.ToUnixTimeMilliseconds(), exportCountry, declarationNumber }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;

    public async Task<StoredAcdd?> FindAsync(string exportCountry, string declarationNumber, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Columns + " where export_country = @exportCountry and declaration_number = @declarationNumber",
            new { exportCountry, declarationNumber }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToStored();
    }

    /// <summary>The ACDDs of one consignment (the one sent for an export; the ones linked to an import).</summary>
    public async Task<IReadOnlyList<StoredAcdd>> ForConsignmentAsync(string consignmentId, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Columns + " where consignment_id = @consignmentId order by created_at_ms", new { consignmentId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToStored()).ToList();
    }

    /// <summary>Received ACDDs from <paramref name="exportCountry"/> not yet linked to an import consignment, oldest first.</summary>
    public async Task<IReadOnlyList<StoredAcdd>> UnlinkedAsync(string exportCountry, int limit, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Columns + " where direction = 'received' and consignment_id is null and export_country = @exportCountry order by created_at_ms limit @limit",
            new { exportCountry, limit }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToStored()).ToList();
    }

    /// <summary>Received ACDDs, newest first (the customs officer's list of goods announced to arrive).</summary>
    public async Task<IReadOnlyList<StoredAcdd>> ListReceivedAsync(int limit, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Columns + " where direction = 'received' order by created_at_ms desc limit @limit", new { limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToStored()).ToList();
    }

    private const string Columns =
        """
        select direction as Direction, export_country as ExportCountry, declaration_number as DeclarationNumber, import_country as ImportCountry,
               consignment_id as ConsignmentId, document_json as DocumentJson, message_id as MessageId, created_at_ms as CreatedAtMs, linked_at_ms as LinkedAtMs
        from advance_declarations
        """;

    private sealed class Row
    {
        public string Direction { get; set; } = "";
        public string ExportCountry { get; set; } = "";
        public string DeclarationNumber { get; set; } = "";
        public string ImportCountry { get; set; } = "";
        public string? ConsignmentId { get; set; }
        public string DocumentJson { get; set; } = "";
        public string MessageId { get; set; } = "";
        public long CreatedAtMs { get; set; }
        public long? LinkedAtMs { get; set; }

        public StoredAcdd ToStored() => new(Direction, ExportCountry, DeclarationNumber, ImportCountry, ConsignmentId,
            AcddJson.Read(System.Text.Encoding.UTF8.GetBytes(DocumentJson)).Document ?? throw new InvalidOperationException($"Stored ACDD {ExportCountry} {DeclarationNumber} no longer reads."),
            MessageId, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), LinkedAtMs is { } l ? DateTimeOffset.FromUnixTimeMilliseconds(l) : null);
    }
}

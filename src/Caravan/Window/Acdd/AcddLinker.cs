using Caravan.Documents.Acdd;
using Caravan.Documents.Declarations;
using Caravan.Storage;
using Caravan.Window.Consignments;
using Dapper;

namespace Caravan.Window.Acdd;

/// <summary>
/// Links a received ACDD to the import consignment it announces: the import declaration quotes the export's permit
/// number as a previous document. Whichever arrives second makes the link (the ACDD, or the import's lodgement), and
/// the import consignment's history records it with the number of mismatches. <c>ViewAsync</c> shows the
/// customs officer the ACDD next to what was declared.
/// </summary>
public sealed class AcddLinker(AcddStore store)
{
    /// <summary>How far back an arriving ACDD looks for the import declaration that quotes it.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(90);

    /// <summary>The ACDDs of a consignment, each with what the import declaration says differently (empty for an export's own).</summary>
    public sealed record AdvanceDataView(string Direction, string ExportCountry, string DeclarationNumber, DateTimeOffset ReceivedAt, DateTimeOffset? LinkedAt,
        AdvanceCustomsDeclaration Announced, AdvanceCustomsDeclaration? Declared, IReadOnlyList<AcddMismatch> Mismatches);

    /// <summary>An ACDD has just been stored: link it to an import consignment already lodged that quotes its number.</summary>
    public async Task LinkArrivedAsync(AdvanceCustomsDeclaration acdd, DateTimeOffset at, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acdd);
        ArgumentNullException.ThrowIfNull(unit);
        var candidates = await unit.Connection.QueryAsync<(string Id, string DeclarationJson)>(new CommandDefinition(
            """
            select id, declaration_json from consignments
            where procedure = 'import' and origin_country = @export and status in ('in_review', 'released') and created_at_ms >= @since
            order by created_at_ms desc limit 1000
            """,
            new { export = acdd.ExportCountry!.Value.Value, since = (at - LookBack).ToUnixTimeMilliseconds() }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var (id, json) in candidates)
        {
            if (DeclarationJson.Read(json).Document is { } declaration
                && AcddDerivation.QuotedDocumentNumbers(declaration).Contains(acdd.ExportDeclarationNumber!, StringComparer.Ordinal))
            {
                await LinkAsync(acdd, id, declaration, at, unit, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>An import consignment has just been lodged: link the ACDDs already received that its declaration quotes.</summary>
    public async Task LinkLodgedAsync(ConsignmentView consignment, DateTimeOffset at, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        ArgumentNullException.ThrowIfNull(unit);
        if (consignment.Procedure != Requirements.Procedure.Import || DeclarationJson.Read(consignment.Declaration.GetRawText()).Document is not { } declaration)
        {
            return;
        }
        foreach (var number in AcddDerivation.QuotedDocumentNumbers(declaration))
        {
            var stored = await store.FindAsync(consignment.OriginCountry, number, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
            if (stored is { Direction: "received", ConsignmentId: null })
            {
                await LinkAsync(stored.Document, consignment.Id, declaration, at, unit, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The advance data of a consignment: an export's ACDD as sent, or an import's received ACDDs set against its declaration.</summary>
    public Task<IReadOnlyList<AdvanceDataView>> ViewAsync(ConsignmentView consignment, System.Data.Common.DbConnection connection, CancellationToken cancellationToken) =>
        ViewAsync(consignment, connection, null, cancellationToken);

    /// <summary>The advance data of a consignment with its mismatches, read inside <paramref name="transaction"/> when one is open.</summary>
    public async Task<IReadOnlyList<AdvanceDataView>> ViewAsync(ConsignmentView consignment, System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        var declared = consignment.Procedure == Requirements.Procedure.Import && DeclarationJson.Read(consignment.Declaration.GetRawText()).Document is { } declaration
            ? AcddDerivation.FromImport(declaration)
            : null;
        var stored = await store.ForConsignmentAsync(consignment.Id, connection, transaction, cancellationToken).ConfigureAwait(false);
        return stored.Select(s => new AdvanceDataView(s.Direction, s.ExportCountry, s.DeclarationNumber, s.CreatedAt, s.LinkedAt, s.Document,
            s.Direction == "received" ? declared : null,
            s.Direction == "received" && declared is not null ? AcddComparison.Compare(s.Document, declared) : [])).ToList();
    }

    private async Task LinkAsync(AdvanceCustomsDeclaration acdd, string consignmentId, CustomsDeclaration declaration, DateTimeOffset at, UnitOfWork unit, CancellationToken cancellationToken)
    {
        if (!await store.LinkAsync(acdd.ExportCountry!.Value.Value, acdd.ExportDeclarationNumber!, consignmentId, at, unit.Transaction, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        var mismatches = AcddComparison.Compare(acdd, AcddDerivation.FromImport(declaration));
        var summary = mismatches.Count == 0
            ? "no mismatch with the declaration"
            : $"{mismatches.Count} mismatch(es) with the declaration: {string.Join(", ", mismatches.Select(m => m.ItemNumber is { } n ? $"{m.Field} (item {n})" : m.Field).Distinct())}";
        await ConsignmentWorkflow.AppendEventAsync(unit, consignmentId, at, $"customs:{acdd.ExportCountry}", "advance-data-linked",
            $"ACDD of {acdd.ExportCountry} export declaration {acdd.ExportDeclarationNumber}: {summary}", null, cancellationToken).ConfigureAwait(false);
    }
}

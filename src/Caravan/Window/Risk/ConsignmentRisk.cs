using System.Data.Common;
using Caravan.Customs.Risk;
using Caravan.Documents.Declarations;
using Caravan.Window.Acdd;
using Caravan.Window.Consignments;
using Dapper;

namespace Caravan.Window.Risk;

/// <summary>
/// The risk decision on each item of a consignment's declaration under a rule set, with its explanation (for the API,
/// the portal and inspection feedback, so all three see the same facts). Besides the item's own facts
/// (<see cref="RiskFactsOf.Item"/>) the consignment's context is filled in: <c>acdd_mismatches</c> (the mismatches
/// between the import declaration and the advance data received for it that concern the item or the whole
/// declaration) and <c>trader_first_time</c> (the trader lodged nothing before this consignment on this node).
/// </summary>
public sealed class ConsignmentRisk(AcddLinker linker)
{
    public sealed record ItemDecision(int ItemNumber, RiskDecision Decision);

    public async Task<IReadOnlyList<ItemDecision>> EvaluateAsync(RiskEngine engine, ConsignmentView consignment, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(consignment);
        var facts = await FactsAsync(consignment, connection, transaction, cancellationToken).ConfigureAwait(false);
        return facts.Select(f => new ItemDecision(f.ItemNumber, engine.Evaluate(f.Facts, $"{consignment.Id}/{f.ItemNumber}"))).ToList();
    }

    /// <summary>The facts of each item of the consignment, with its context.</summary>
    public async Task<IReadOnlyList<(int ItemNumber, RiskFacts Facts)>> FactsAsync(ConsignmentView consignment, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        ArgumentNullException.ThrowIfNull(connection);
        var declaration = DeclarationJson.Read(consignment.Declaration.GetRawText()).Document
            ?? throw new InvalidOperationException($"The stored declaration of {consignment.Id} no longer reads.");
        var mismatches = (await linker.ViewAsync(consignment, connection, transaction, cancellationToken).ConfigureAwait(false))
            .Where(a => a.Direction == "received").SelectMany(a => a.Mismatches).ToList();
        var earlier = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from consignments where trader_party_id = @trader and id <> @id and status <> 'draft' and created_at_ms < @created",
            new { trader = consignment.TraderPartyId, id = consignment.Id, created = consignment.CreatedAt.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return declaration.Items.Select(item =>
        {
            var number = item.SequenceNumber ?? 0;
            var facts = RiskFactsOf.Item(declaration, item, consignment.TraderPartyId, Names.Of(consignment.Procedure))
                .Set("acdd_mismatches", mismatches.Count(m => m.ItemNumber is null || m.ItemNumber == number))
                .Set("trader_first_time", earlier == 0);
            return (number, facts);
        }).ToList();
    }
}

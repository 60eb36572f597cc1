using Caravan.Customs.Risk;
using Caravan.Documents.Declarations;
using Caravan.Window.Consignments;

namespace Caravan.Window.Risk;

/// <summary>The risk decision on each item of a consignment's declaration under a rule set, with its explanation (for the API and the portal).</summary>
public static class ConsignmentRisk
{
    public sealed record ItemDecision(int ItemNumber, RiskDecision Decision);

    public static IReadOnlyList<ItemDecision> Evaluate(RiskEngine engine, ConsignmentView consignment)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(consignment);
        var declaration = DeclarationJson.Read(consignment.Declaration.GetRawText()).Document
            ?? throw new InvalidOperationException($"The stored declaration of {consignment.Id} no longer reads.");
        return declaration.Items.Select(item => new ItemDecision(item.SequenceNumber ?? 0,
            engine.Evaluate(RiskFactsOf.Item(declaration, item, consignment.TraderPartyId, Names.Of(consignment.Procedure)), $"{consignment.Id}/{item.SequenceNumber}"))).ToList();
    }
}

using Caravan.Customs.Risk;
using Caravan.Documents.Declarations;

namespace Caravan.Window.Risk;

/// <summary>The risk facts of a declaration item: goods, countries, value, weight, value per kg, and the trader.</summary>
public static class RiskFactsOf
{
    public static RiskFacts Item(CustomsDeclaration declaration, DeclarationItem item, string traderPartyId, string procedure)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(item);
        var value = item.Value?.Amount ?? 0m;
        var weight = item.NetMassKg ?? item.GrossMassKg ?? (item.Quantity is { Unit: "KGM" } q ? q.Value : 0m);
        return new RiskFacts()
            .Set("hs", item.HsCode?.Value ?? item.CommodityCode ?? "")
            .Set("origin", item.OriginCountry?.Value ?? "")
            .Set("destination", declaration.DestinationCountry?.Value ?? "")
            .Set("procedure", procedure)
            .Set("value", value)
            .Set("weight_kg", weight)
            .Set("value_per_kg", weight > 0 ? Math.Round(value / weight, 4) : 0m)
            .Set("quantity", item.Quantity?.Value ?? 0m)
            .Set("description", item.Description ?? "")
            .Set("trader", traderPartyId);
    }
}

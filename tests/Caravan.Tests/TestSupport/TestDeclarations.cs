using Caravan.Cli.Demo;
using Caravan.Documents.Common;
using Caravan.Documents.Declarations;
using Caravan.Window.Consignments;

namespace Caravan.Tests.TestSupport;

/// <summary>Complete declarations for tests: the demo's apples, with the HS codes a test needs.</summary>
public static class TestDeclarations
{
    /// <summary>An export from <paramref name="from"/> to <paramref name="to"/> with one item per HS code.</summary>
    public static CustomsDeclaration Export(string from = "UZ", string to = "KZ", params string[] hsCodes)
    {
        var template = DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17), "REF-" + Guid.NewGuid().ToString("N")[..12]).Items[0];
        var codes = hsCodes.Length == 0 ? ["080810"] : hsCodes;
        return DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17), "REF-" + Guid.NewGuid().ToString("N")[..12]) with
        {
            ExportCountry = CountryCode.Of(from),
            DestinationCountry = CountryCode.Of(to),
            Items = codes.Select((hs, i) => template with { SequenceNumber = i + 1, HsCode = HsCode.Of(hs), CommodityCode = null }).ToList(),
        };
    }

    /// <summary>The lodgement of <see cref="Export"/> on the node of <paramref name="from"/>.</summary>
    public static Lodgement ExportLodgement(string from = "UZ", string to = "KZ", params string[] hsCodes) =>
        Lodgement.Create(Export(from, to, hsCodes), from).Value;
}

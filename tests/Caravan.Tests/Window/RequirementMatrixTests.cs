using Caravan.Documents.Common;
using Caravan.Window.Requirements;

namespace Caravan.Tests.Window;

public sealed class RequirementMatrixTests
{
    private static RequirementMatrix CreateSut() => new(3,
    [
        new RequirementRule { Id = "fruit-phyto", HsPrefix = "08", Procedure = Procedure.Export, Action = AgencyActionKind.PhytosanitaryCertificate, AgencyPartyId = "nppo" },
        new RequirementRule { Id = "apples-co-kz", HsPrefix = "0808", Procedure = Procedure.Export, DestinationCountry = "KZ", Action = AgencyActionKind.CertificateOfOrigin, AgencyPartyId = "chamber" },
        new RequirementRule { Id = "export-customs", Procedure = Procedure.Export, Action = AgencyActionKind.CustomsClearance, AgencyPartyId = "customs" },
        new RequirementRule { Id = "high-value-licence", HsPrefix = "7108", Procedure = Procedure.Export, MinValue = Money.Create(10_000m, "USD").Value, Action = AgencyActionKind.Licence, AgencyPartyId = "central-bank" },
        new RequirementRule { Id = "import-vet", HsPrefix = "02", Procedure = Procedure.Import, Action = AgencyActionKind.VeterinaryCertificate, AgencyPartyId = "vet" },
    ]);

    private static ConsignmentFacts Export(string destination, params ConsignmentItemFacts[] items) => new(Procedure.Export, "UZ", destination, items);

    [Fact]
    public void Assess_ApplesToKz_NeedsPhytoOriginAndCustoms_OneTaskPerAgencyAction()
    {
        var actions = CreateSut().Assess(Export("KZ",
            new ConsignmentItemFacts(1, "080810", null, null),
            new ConsignmentItemFacts(2, "081310", null, null)));
        Assert.Equal(
            [(AgencyActionKind.CertificateOfOrigin, "chamber"), (AgencyActionKind.PhytosanitaryCertificate, "nppo"), (AgencyActionKind.CustomsClearance, "customs")],
            actions.Select(a => (a.Action, a.AgencyPartyId)).ToList());
        Assert.Equal([1, 2], actions.Single(a => a.Action == AgencyActionKind.PhytosanitaryCertificate).ItemNumbers);
        Assert.Equal([1], actions.Single(a => a.Action == AgencyActionKind.CertificateOfOrigin).ItemNumbers);
    }

    [Fact]
    public void Assess_DestinationFilter_DoesNotMatchOtherCountries()
    {
        var actions = CreateSut().Assess(Export("CN", new ConsignmentItemFacts(1, "080810", null, null)));
        Assert.DoesNotContain(actions, a => a.Action == AgencyActionKind.CertificateOfOrigin);
    }

    [Fact]
    public void Assess_ValueThreshold_MatchesOnlyAtOrAboveInTheSameCurrency()
    {
        var sut = CreateSut();
        Assert.Contains(sut.Assess(Export("CN", new ConsignmentItemFacts(1, "710812", Money.Create(10_000m, "USD").Value, null))), a => a.Action == AgencyActionKind.Licence);
        Assert.DoesNotContain(sut.Assess(Export("CN", new ConsignmentItemFacts(1, "710812", Money.Create(9_999.99m, "USD").Value, null))), a => a.Action == AgencyActionKind.Licence);
        Assert.DoesNotContain(sut.Assess(Export("CN", new ConsignmentItemFacts(1, "710812", Money.Create(50_000m, "EUR").Value, null))), a => a.Action == AgencyActionKind.Licence);
    }

    [Fact]
    public void Assess_ProcedureFilter_ImportRulesDoNotApplyToExports()
    {
        var actions = CreateSut().Assess(Export("KZ", new ConsignmentItemFacts(1, "020130", null, null)));
        Assert.Equal([AgencyActionKind.CustomsClearance], actions.Select(a => a.Action).ToList());
    }

    [Fact]
    public void Validate_BadRules_ReportsEveryProblemWithItsPath()
    {
        var errors = RequirementMatrix.Validate(
        [
            new RequirementRule { Id = "a", HsPrefix = "08x", Procedure = Procedure.Export, Action = AgencyActionKind.Permit, AgencyPartyId = "" },
            new RequirementRule { Id = "a", Procedure = Procedure.Export, DestinationCountry = "XX", Action = AgencyActionKind.Permit, AgencyPartyId = "p" },
        ]);
        Assert.Equal(
            ["rules[0].hsPrefix", "rules[0].agencyPartyId", "rules[1].id", "rules[1].destinationCountry"],
            errors.Select(e => e.Path).ToList());
    }
}

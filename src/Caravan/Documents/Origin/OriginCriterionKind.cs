using System.Text.Json.Serialization;

namespace Caravan.Documents.Origin;

/// <summary>The rule under which an item qualifies as originating, written with the short codes used on Form D.</summary>
[JsonConverter(typeof(StrictEnumConverter<OriginCriterionKind>))]
public enum OriginCriterionKind
{
    /// <summary>WO: wholly obtained or produced in the exporting country.</summary>
    [JsonStringEnumMemberName("WO")]
    WhollyObtained,

    /// <summary>PE: produced entirely from originating materials.</summary>
    [JsonStringEnumMemberName("PE")]
    ProducedEntirely,

    /// <summary>RVC: regional value content of at least the stated percentage.</summary>
    [JsonStringEnumMemberName("RVC")]
    RegionalValueContent,

    /// <summary>CC: change in tariff chapter.</summary>
    [JsonStringEnumMemberName("CC")]
    ChangeInChapter,

    /// <summary>CTH: change in tariff heading.</summary>
    [JsonStringEnumMemberName("CTH")]
    ChangeInTariffHeading,

    /// <summary>CTSH: change in tariff subheading.</summary>
    [JsonStringEnumMemberName("CTSH")]
    ChangeInTariffSubheading,

    /// <summary>PSR: a product-specific rule of the agreement.</summary>
    [JsonStringEnumMemberName("PSR")]
    ProductSpecificRule,
}

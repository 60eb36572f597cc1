using System.Globalization;
using Caravan.Documents.Common;
using Caravan.Documents.Hs;
using Caravan.Documents.Phyto;

namespace Caravan.Tests.Documents.Phyto;

/// <summary>
/// Makes random but valid ePhyto certificates from a seed: optional parts present or absent, repeated elements,
/// text with XML specials and non-Latin or astral characters, decimals of varied scale, every date-time form.
/// </summary>
internal sealed class RandomPhytoGenerator(int seed)
{
    private static readonly string[] Countries = ["AR", "EC", "NO", "KE", "NL", "TH", "VN", "US", "CN", "NZ", "ZA", "CL", "IN", "KZ"];
    private static readonly string[] Subheadings = HsNomenclature.Hs2022.Entries
        .Where(e => e.Level == HsLevel.Subheading && e.Code.StartsWith('0')).Select(e => e.Code).Order(StringComparer.Ordinal).ToArray();
    private static readonly string[] WeightUnits = PhytoCodes.WeightUnits.Order(StringComparer.Ordinal).ToArray();
    private static readonly string[] VolumeUnits = PhytoCodes.VolumeUnits.Order(StringComparer.Ordinal).ToArray();
    private static readonly string[] Words =
    [
        "Ribes", "rosa", "Ümlaut", "naïve", "北京", "Алматы", "ข้าว", "cà phê", "a&b", "<tag>", "\"quoted\"", "it's",
        "x > y", "tab\there", "😀emoji", "𝄞clef", "100%", "—dash—", "line\nbreak", "cr\rlf", "]]>", "&amp;",
    ];
    private static readonly string[] Languages = ["en", "es", "fr", "nn", "no", "zh"];

    private readonly Random _random = new(seed);

    public PhytosanitaryCertificate Next()
    {
        var export = Pick(Countries);
        var import = Pick(Countries.Where(c => c != export).ToArray());
        var issued = new DateOnly(2015, 1, 1).AddDays(_random.Next(0, 4000));
        var type = Chance() ? PhytoCodes.PhytosanitaryCertificate : PhytoCodes.ReExportCertificate;
        var status = Pick([PhytoCodes.StatusIssued, PhytoCodes.StatusReplacement, PhytoCodes.StatusWithdrawn]);
        var references = Many(0, 2, () => NextReference("ZZZ", Pick(["380", "916", "851"]))).ToList();
        if (status == PhytoCodes.StatusReplacement)
        {
            references.Add(NextReference("AAA", "851"));
        }
        if (type == PhytoCodes.ReExportCertificate)
        {
            references.Add(NextReference("AAA", "851"));
        }
        var itemCount = _random.Next(1, 5);
        var sequences = Enumerable.Range(0, 100).OrderBy(_ => _random.Next()).Take(itemCount).ToArray();
        return new PhytosanitaryCertificate
        {
            Document = new PhytoExchangedDocument
            {
                Name = Maybe(() => Text()),
                Id = Code(),
                TypeCode = type,
                StatusCode = status,
                IssueDateTime = DateTimeOn(issued),
                IssuerName = Text(),
                Notes = Many(0, 6, () => new PhytoNote { Subject = Pick(["ADEDL", "ADIPEDL", "DMCL", "SPSFL", "ADRPR"]), Contents = Many(0, 1, Localized) }),
                ReferencedDocuments = references,
                Signatory = new PhytoSignatory
                {
                    ActualDateTime = Chance() ? DateTimeOn(issued.AddDays(-_random.Next(0, 3))) : null,
                    PlaceName = Maybe(() => Text()),
                    ProviderName = Maybe(() => Text()),
                    OfficerName = Text(),
                    Clauses = Many(0, 3, () => new PhytoClause(_random.Next(1, 100), Maybe(() => Text()))),
                },
            },
            Consignment = new PhytoConsignment
            {
                Consignor = NextParty(),
                Consignee = NextParty(),
                ExportCountry = new PhytoCountry { Id = CountryCode.Of(export), Name = Maybe(() => Text()) },
                ImportCountry = new PhytoCountry { Id = CountryCode.Of(import), Name = Maybe(() => Text()) },
                TransitCountries = Many(0, 2, () => new PhytoCountry { Id = CountryCode.Of(Pick(Countries)), Name = Maybe(() => Text()) }),
                UnloadingPort = Chance() ? new PhytoLocation { Id = UnLocode.Of(import + Code(3, upper: true)), Name = Maybe(() => Text()) } : null,
                ExaminationPlace = Maybe(() => Text()),
                MainCarriages = Many(0, 2, () => new PhytoTransportMovement { Id = Maybe(Code), ModeCode = _random.Next(0, 10), MeansName = Maybe(() => Text()) }),
                Equipment = Chance() ? new PhytoTransportEquipment { Id = Maybe(Code), SealNumber = Maybe(Code) } : null,
                Items = sequences.Select(s => NextItem(s, issued)).ToList(),
            },
        };
    }

    private PhytoReferencedDocument NextReference(string relationship, string type) => new()
    {
        IssueDateTime = Chance() ? DateTimeOn(new DateOnly(2010, 1, 1).AddDays(_random.Next(0, 5000))) : null,
        TypeCode = type,
        RelationshipTypeCode = relationship,
        Id = Code(),
        Attachment = Chance() ? new PhytoAttachment { FileName = Maybe(() => Code() + ".pdf"), ContentBase64 = Convert.ToBase64String(Bytes()) } : null,
        Information = Maybe(Localized),
    };

    private PhytoParty NextParty() => new()
    {
        Name = Text(),
        Identifiers = Many(0, 2, () => new PhytoPartyIdentifier(Code(), Maybe(() => "NationalRegistrationNumber"))),
        AddressLines = Many(0, 5, () => Text()),
    };

    private PhytoTradeLineItem NextItem(int sequence, DateOnly issued)
    {
        var netWeight = Chance() ? Decimal() : (decimal?)null;
        var weightUnit = Pick(WeightUnits);
        return new PhytoTradeLineItem
        {
            SequenceNumber = sequence,
            Descriptions = Many(0, 2, Localized),
            CommonNames = Many(0, 2, Localized),
            ScientificNames = Many(1, 2, Localized),
            IntendedUses = Many(0, 1, Localized),
            NetWeight = netWeight is { } n ? Quantity.Create(n, weightUnit).Value : null,
            GrossWeight = Chance() ? Quantity.Create((netWeight ?? 0) + Decimal(), weightUnit).Value : null,
            NetVolume = Chance() ? Quantity.Create(Decimal(), Pick(VolumeUnits)).Value : null,
            GrossVolume = Chance() ? Quantity.Create(Decimal(), Pick(VolumeUnits)).Value : null,
            Notes = Many(0, 4, () => new PhytoNote { Subject = Pick(["DMTLIL", "ADTLIL", "OPTND", "RPCST"]), Contents = Many(0, 2, Localized) }),
            Classifications = Many(0, 3, NextClassification),
            Packages = Many(0, 2, () => new PhytoPackage { LevelCode = _random.Next(1, 4), TypeCode = Pick(["BX", "BG", "CT", "PK", "4G"]), Quantity = Decimal() }),
            Origins = Many(0, 2, () => new PhytoOrigin
            {
                Country = CountryCode.Of(Pick(Countries)),
                CountryName = Maybe(() => Text()),
                RegionName = Maybe(() => Text()),
                RegionLevelCode = Maybe(() => _random.Next(0, 3).ToString(CultureInfo.InvariantCulture)),
            }),
            Treatments = Many(0, 2, () => NextTreatment(issued)),
        };
    }

    private PhytoClassification NextClassification() => _random.Next(3) switch
    {
        0 => new PhytoClassification { SystemName = "HS", ClassCode = Pick(Subheadings) + Pick(["", "00", "9048"]) },
        1 => new PhytoClassification { SystemName = "EPPO", ClassCode = Code(5, upper: true), ClassNames = Many(0, 1, Localized) },
        _ => new PhytoClassification { SystemName = Pick(["IPPCPCVP", "IPPCPCC"]), ClassNames = Many(1, 2, Localized) },
    };

    private PhytoTreatment NextTreatment(DateOnly issued)
    {
        var start = issued.AddDays(-_random.Next(0, 30));
        return new PhytoTreatment
        {
            TypeCode = Maybe(() => "ZZZ"),
            Start = Chance() ? DateTimeOn(start) : null,
            End = Chance() ? DateTimeOn(start.AddDays(_random.Next(0, (issued.DayNumber - start.DayNumber) + 1))) : null,
            Duration = Chance() ? new PhytoMeasure(Decimal(), Maybe(() => Pick(["HUR", "MIN", "DAY"]))) : null,
            Characteristics = Many(0, 4, () => new PhytoTreatmentCharacteristic
            {
                Descriptions = [new(Pick(["TTL1", "TTCH", "TTCO", "TTTM", "TTFT"])), .. Many(0, 2, Localized)],
                Value = Chance() ? new PhytoMeasure(Decimal(), Maybe(() => Pick(["CEL", "KX", "FAH", "P1"]))) : null,
            }),
        };
    }

    // A date-time on the given day in one of the forms ePhyto uses.
    private PhytoDateTime DateTimeOn(DateOnly day)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var time = $"{_random.Next(0, 24):00}:{_random.Next(0, 60):00}:{_random.Next(0, 60):00}";
        return PhytoDateTime.Of(_random.Next(5) switch
        {
            0 => date,
            1 => $"{date}T{time}",
            2 => $"{date}T{time}Z",
            3 => $"{date}T{time}.{_random.Next(0, 1000):000}+02:00",
            _ => $"{date}T{time}-0{_random.Next(0, 10)}:30",
        });
    }

    private LocalizedText Localized() => new(Text(), Maybe(() => Pick(Languages)));

    private string Text()
    {
        var words = Enumerable.Range(0, _random.Next(1, 5)).Select(_ => Pick(Words));
        return string.Join(' ', words);
    }

    private string Code() => Code(_random.Next(1, 20), upper: false);

    private string Code(int length, bool upper)
    {
        const string lettersDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        const string codeChars = lettersDigits + "abcxyz-./_";
        var source = upper ? lettersDigits : codeChars;
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = source[_random.Next(i == 0 ? 36 : source.Length)];
        }
        return new string(chars);
    }

    private decimal Decimal()
    {
        var scale = (byte)_random.Next(0, 5);
        var mantissa = _random.Next(1, 10_000_000);
        return new decimal(mantissa, 0, 0, false, scale);
    }

    private byte[] Bytes()
    {
        var bytes = new byte[_random.Next(1, 64)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private List<T> Many<T>(int min, int max, Func<T> make) =>
        Enumerable.Range(0, _random.Next(min, max + 1)).Select(_ => make()).ToList();

    private T? Maybe<T>(Func<T> make)
        where T : class => Chance() ? make() : null;

    private bool Chance() => _random.Next(2) == 0;

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];
}

using System.Text;
using Caravan.Documents.Common;
using Caravan.Documents.Hs;
using Caravan.Documents.Origin;

namespace Caravan.Tests.Documents.Origin;

/// <summary>
/// Makes random but valid certificates of origin from a seed, to test that the formats round-trip whatever the
/// content: optional parts present or absent, text with XML specials, line breaks and non-Latin or astral
/// characters, decimals of varied scale, edge dates.
/// </summary>
internal sealed class RandomCertificateGenerator(int seed)
{
    private static readonly string[] Countries = ["TH", "VN", "MY", "SG", "ID", "PH", "KH", "LA", "MM", "BN", "KZ", "UZ", "KG", "TJ", "MN", "PK", "CN", "AZ", "GE", "AF", "TM"];
    private static readonly string[] Currencies = ["USD", "EUR", "THB", "VND", "SGD", "MYR", "KZT", "CNY", "JPY", "KWD"];
    private static readonly string[] Units = Quantity.KnownUnits.Keys.Order(StringComparer.Ordinal).ToArray();
    private static readonly string[] Subheadings = HsNomenclature.Hs2022.Entries
        .Where(e => e.Level == HsLevel.Subheading).Select(e => e.Code).Order(StringComparer.Ordinal).ToArray();
    private static readonly string[] Words =
    [
        "rice", "coffee", "Ümlaut", "naïve", "北京", "Алматы", "ข้าว", "cà phê", "a&b", "<tag>", "\"quoted\"", "it's",
        "x > y", "tab\there", "😀emoji", "𝄞clef", "   spaced   ", "100%", "$5", "—dash—", "ﬁ", "\u00A0nbsp",
    ];

    private readonly Random _random = new(seed);

    public CertificateOfOrigin Next()
    {
        var issuing = Pick(Countries);
        var importing = Pick(Countries.Where(c => c != issuing).ToArray());
        var invoiceDate = new DateOnly(2000, 1, 1).AddDays(_random.Next(0, 12_000));
        var declared = invoiceDate.AddDays(_random.Next(0, 10));
        var issued = declared.AddDays(_random.Next(0, 5));
        var itemCount = _random.Next(1, 8);
        var numbers = Enumerable.Range(1, 9999).OrderBy(_ => _random.Next()).Take(itemCount).ToArray();
        var items = new List<CertificateItem>();
        for (var i = 0; i < itemCount; i++)
        {
            items.Add(NextItem(numbers[i], invoiceDate.AddDays(-_random.Next(0, 3))));
        }

        return new CertificateOfOrigin
        {
            CertificateNumber = Code(1, 35),
            Agreement = Pick(["ATIGA", "CAREC-PTA", "ACFTA", "RCEP", "GSP"]),
            IssuingCountry = CountryCode.Of(issuing),
            ImportingCountry = CountryCode.Of(importing),
            IssueDate = issued,
            IssuingAuthority = new IssuingAuthority { Name = Text(1, 200), Country = CountryCode.Of(issuing) },
            Exporter = NextParty(issuing),
            Consignee = NextParty(importing),
            Producer = Chance() ? NextParty(Pick(Countries)) : null,
            Transport = new TransportDetails
            {
                DepartureDate = invoiceDate.AddDays(_random.Next(0, 30)),
                Mode = Pick(Enum.GetValues<TransportMode>()),
                MeansId = Chance() ? Text(0, 70) : null,
                PortOfLoading = Chance() ? UnLocode.Of(issuing + Code(3, 3, upperAlnum: true)) : null,
                PortOfDischarge = Chance() ? UnLocode.Of(importing + Code(3, 3, upperAlnum: true)) : null,
            },
            Items = items,
            ExporterDeclaration = new ExporterDeclaration { Place = Text(1, 100), Date = declared, SignatoryName = Text(1, 200) },
            Certification = new Certification { Place = Text(1, 100), Date = issued, OfficerName = Text(1, 200) },
            Remarks = Chance() ? Text(0, 2000) : null,
        };
    }

    private CertificateItem NextItem(int number, DateOnly invoiceDate)
    {
        var kind = Pick(Enum.GetValues<OriginCriterionKind>());
        return new CertificateItem
        {
            ItemNumber = number,
            MarksAndNumbers = Chance() ? Text(0, 512) : null,
            Packages = Chance() ? new PackageInfo { Count = _random.Next(1, 100_000), KindCode = Code(2, 2, upperAlnum: true) } : null,
            Description = Text(1, 512),
            HsCode = HsCode.Of(Pick(Subheadings)),
            OriginCriterion = new OriginCriterion
            {
                Kind = kind,
                RvcPercentage = kind == OriginCriterionKind.RegionalValueContent ? Decimal(0, 100, allowZero: true) : null,
            },
            Quantity = Quantity.Create(Decimal(0, 1_000_000), Pick(Units)).Value,
            GrossWeightKg = Chance() ? Decimal(0, 500_000) : null,
            Invoice = new InvoiceReference { Number = Code(1, 35), Date = invoiceDate },
            FobValue = Money.Create(Decimal(0, 10_000_000), Pick(Currencies)).Value,
        };
    }

    private Party NextParty(string country) => new()
    {
        Name = Text(1, 200),
        AddressLines = Enumerable.Range(0, _random.Next(0, 6)).Select(_ => Text(1, 200)).ToArray(),
        City = Chance() ? Text(0, 100) : null,
        PostalCode = Chance() ? Code(1, 17) : null,
        Country = CountryCode.Of(country),
        Identifier = Chance() ? new PartyIdentifier { Scheme = Pick(["TIN", "EORI", "BIN", "VAT"]), Value = Text(1, 70) } : null,
    };

    private bool Chance() => _random.Next(2) == 0;

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];

    // A positive decimal (or zero when allowed) below max with 0 to 6 decimal places, trailing zeros kept.
    private decimal Decimal(int min, int max, bool allowZero = false)
    {
        var scale = _random.Next(0, 7);
        var factor = (long)Math.Pow(10, scale);
        var raw = (long)(_random.NextDouble() * (max - min) * factor) + ((long)min * factor);
        if (raw == 0 && !allowZero)
        {
            raw = 1;
        }
        // Built from its integer digits so that the scale (and trailing zeros) is exactly the one drawn.
        return new decimal((int)(raw & 0xFFFFFFFF), (int)(raw >> 32), 0, isNegative: false, scale: (byte)scale);
    }

    private string Code(int minLength, int maxLength, bool upperAlnum = false)
    {
        const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        const string CodeChars = Alnum + "abcdefghijklmnopqrstuvwxyz-./_";
        var chars = upperAlnum ? Alnum : CodeChars;
        var length = _random.Next(minLength, maxLength + 1);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(chars[_random.Next(chars.Length)]);
        }
        return builder.ToString();
    }

    // Non-blank text (or possibly empty when minLength is 0) no longer than maxLength UTF-16 units.
    private string Text(int minLength, int maxLength)
    {
        var target = _random.Next(minLength, Math.Min(maxLength, 60) + 1);
        var builder = new StringBuilder();
        while (builder.Length < target)
        {
            if (builder.Length > 0)
            {
                builder.Append(Pick([" ", "\n", "\r\n", ", "]));
            }
            builder.Append(Pick(Words));
        }
        var text = builder.ToString();
        if (text.Length > maxLength)
        {
            text = text[..maxLength];
            if (char.IsHighSurrogate(text[^1]))
            {
                text = text[..^1];
            }
        }
        if (minLength > 0 && string.IsNullOrWhiteSpace(text))
        {
            text = "x";
        }
        return text;
    }
}

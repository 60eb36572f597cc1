using System.Globalization;
using System.Xml;
using Caravan.Documents.Common;
using static Caravan.Documents.Origin.CertificateOfOriginErrorCodes;

namespace Caravan.Documents.Origin;

/// <summary>
/// Maps XML that has already passed CertificateOfOrigin-1.xsd to the model. Values that the schema cannot
/// check (assigned country codes, HS 2022 subheadings, currencies, units) are checked here and reported with
/// the field path and line; such fields are left null.
/// </summary>
internal sealed class CertificateOfOriginXmlReader
{
    private const string Ns = CertificateOfOriginXml.Namespace;
    private readonly XmlReader _r;
    private readonly IXmlLineInfo? _lineInfo;
    private readonly List<DocumentError> _errors;

    private CertificateOfOriginXmlReader(XmlReader reader, List<DocumentError> errors)
    {
        _r = reader;
        _lineInfo = reader as IXmlLineInfo;
        _errors = errors;
    }

    public static CertificateOfOrigin Map(XmlReader reader, List<DocumentError> errors) =>
        new CertificateOfOriginXmlReader(reader, errors).ReadCertificate();

    private CertificateOfOrigin ReadCertificate()
    {
        _r.MoveToContent();
        var c = new CertificateOfOrigin();
        var items = new List<CertificateItem>();
        if (_r.IsEmptyElement)
        {
            _r.Skip();
            return c;
        }
        _r.ReadStartElement();
        while (_r.MoveToContent() == XmlNodeType.Element)
        {
            if (_r.NamespaceURI != Ns)
            {
                _r.Skip(); // the enveloped ds:Signature
                continue;
            }
            switch (_r.LocalName)
            {
                case "CertificateNumber": c = c with { CertificateNumber = _r.ReadElementContentAsString() }; break;
                case "Agreement": c = c with { Agreement = _r.ReadElementContentAsString() }; break;
                case "IssuingCountry": c = c with { IssuingCountry = Value("issuingCountry", CountryCode.Create) }; break;
                case "ImportingCountry": c = c with { ImportingCountry = Value("importingCountry", CountryCode.Create) }; break;
                case "IssueDate": c = c with { IssueDate = Date("issueDate") }; break;
                case "IssuingAuthority": c = c with { IssuingAuthority = ReadAuthority() }; break;
                case "Exporter": c = c with { Exporter = ReadParty("exporter") }; break;
                case "Consignee": c = c with { Consignee = ReadParty("consignee") }; break;
                case "Producer": c = c with { Producer = ReadParty("producer") }; break;
                case "Transport": c = c with { Transport = ReadTransport() }; break;
                case "Item": items.Add(ReadItem($"items[{items.Count}]")); break;
                case "ExporterDeclaration": c = c with { ExporterDeclaration = ReadDeclaration() }; break;
                case "Certification": c = c with { Certification = ReadCertification() }; break;
                case "Remarks": c = c with { Remarks = _r.ReadElementContentAsString() }; break;
                default: _r.Skip(); break;
            }
        }
        _r.ReadEndElement();
        return c with { Items = items };
    }

    private IssuingAuthority ReadAuthority()
    {
        var a = new IssuingAuthority();
        foreach (var name in Children())
        {
            a = name switch
            {
                "Name" => a with { Name = _r.ReadElementContentAsString() },
                "Country" => a with { Country = Value("issuingAuthority.country", CountryCode.Create) },
                _ => SkipAnd(a),
            };
        }
        return a;
    }

    private Party ReadParty(string path)
    {
        var p = new Party();
        var lines = new List<string>();
        foreach (var name in Children())
        {
            switch (name)
            {
                case "Name": p = p with { Name = _r.ReadElementContentAsString() }; break;
                case "AddressLine": lines.Add(_r.ReadElementContentAsString()); break;
                case "City": p = p with { City = _r.ReadElementContentAsString() }; break;
                case "PostalCode": p = p with { PostalCode = _r.ReadElementContentAsString() }; break;
                case "Country": p = p with { Country = Value(path + ".country", CountryCode.Create) }; break;
                case "Identifier":
                    var scheme = _r.GetAttribute("scheme");
                    p = p with { Identifier = new PartyIdentifier { Scheme = scheme, Value = _r.ReadElementContentAsString() } };
                    break;
                default: _r.Skip(); break;
            }
        }
        return p with { AddressLines = lines };
    }

    private TransportDetails ReadTransport()
    {
        var t = new TransportDetails();
        foreach (var name in Children())
        {
            t = name switch
            {
                "DepartureDate" => t with { DepartureDate = Date("transport.departureDate") },
                "Mode" => t with { Mode = Mode() },
                "MeansId" => t with { MeansId = _r.ReadElementContentAsString() },
                "PortOfLoading" => t with { PortOfLoading = Value("transport.portOfLoading", UnLocode.Create) },
                "PortOfDischarge" => t with { PortOfDischarge = Value("transport.portOfDischarge", UnLocode.Create) },
                _ => SkipAnd(t),
            };
        }
        return t;
    }

    private CertificateItem ReadItem(string path)
    {
        var i = new CertificateItem();
        foreach (var name in Children())
        {
            switch (name)
            {
                case "ItemNumber": i = i with { ItemNumber = Int(path + ".itemNumber") }; break;
                case "MarksAndNumbers": i = i with { MarksAndNumbers = _r.ReadElementContentAsString() }; break;
                case "Packages": i = i with { Packages = ReadPackages(path + ".packages") }; break;
                case "Description": i = i with { Description = _r.ReadElementContentAsString() }; break;
                case "HsCode": i = i with { HsCode = Value(path + ".hsCode", HsCode.Create) }; break;
                case "OriginCriterion": i = i with { OriginCriterion = ReadCriterion(path + ".originCriterion") }; break;
                case "Quantity":
                    var unit = _r.GetAttribute("unit");
                    i = i with { Quantity = Measured(path + ".quantity", unit, Quantity.Create) };
                    break;
                case "GrossWeightKg": i = i with { GrossWeightKg = Decimal(path + ".grossWeightKg") }; break;
                case "Invoice": i = i with { Invoice = ReadInvoice(path + ".invoice") }; break;
                case "FobValue":
                    var currency = _r.GetAttribute("currency");
                    i = i with { FobValue = Measured(path + ".fobValue", currency, Money.Create) };
                    break;
                default: _r.Skip(); break;
            }
        }
        return i;
    }

    private PackageInfo ReadPackages(string path)
    {
        var p = new PackageInfo();
        foreach (var name in Children())
        {
            p = name switch
            {
                "Count" => p with { Count = Int(path + ".count") },
                "KindCode" => p with { KindCode = _r.ReadElementContentAsString() },
                _ => SkipAnd(p),
            };
        }
        return p;
    }

    private OriginCriterion ReadCriterion(string path)
    {
        var o = new OriginCriterion();
        foreach (var name in Children())
        {
            o = name switch
            {
                "Kind" => o with { Kind = Criterion(path + ".kind") },
                "RvcPercentage" => o with { RvcPercentage = Decimal(path + ".rvcPercentage") },
                _ => SkipAnd(o),
            };
        }
        return o;
    }

    private InvoiceReference ReadInvoice(string path)
    {
        var v = new InvoiceReference();
        foreach (var name in Children())
        {
            v = name switch
            {
                "Number" => v with { Number = _r.ReadElementContentAsString() },
                "Date" => v with { Date = Date(path + ".date") },
                _ => SkipAnd(v),
            };
        }
        return v;
    }

    private ExporterDeclaration ReadDeclaration()
    {
        var d = new ExporterDeclaration();
        foreach (var name in Children())
        {
            d = name switch
            {
                "Place" => d with { Place = _r.ReadElementContentAsString() },
                "Date" => d with { Date = Date("exporterDeclaration.date") },
                "SignatoryName" => d with { SignatoryName = _r.ReadElementContentAsString() },
                _ => SkipAnd(d),
            };
        }
        return d;
    }

    private Certification ReadCertification()
    {
        var d = new Certification();
        foreach (var name in Children())
        {
            d = name switch
            {
                "Place" => d with { Place = _r.ReadElementContentAsString() },
                "Date" => d with { Date = Date("certification.date") },
                "OfficerName" => d with { OfficerName = _r.ReadElementContentAsString() },
                _ => SkipAnd(d),
            };
        }
        return d;
    }

    // Enumerates the child elements of the current element by local name; the caller must consume each one.
    private IEnumerable<string> Children()
    {
        if (_r.IsEmptyElement)
        {
            _r.Read();
            yield break;
        }
        _r.ReadStartElement();
        while (_r.MoveToContent() == XmlNodeType.Element)
        {
            yield return _r.LocalName;
        }
        _r.ReadEndElement();
    }

    private T SkipAnd<T>(T value)
    {
        _r.Skip();
        return value;
    }

    private T? Value<T>(string path, Func<string?, ParseResult<T>> create)
        where T : struct
    {
        var (line, column) = Position();
        var result = create(_r.ReadElementContentAsString());
        if (result.IsSuccess)
        {
            return result.Value;
        }
        _errors.Add(new DocumentError(path, result.Error.Code, result.Error.Message) { Line = line, Column = column });
        return null;
    }

    private T? Measured<T>(string path, string? code, Func<decimal, string?, ParseResult<T>> create)
        where T : struct
    {
        var (line, column) = Position();
        var amount = Decimal(path);
        if (amount is null)
        {
            return null;
        }
        var result = create(amount.Value, code);
        if (result.IsSuccess)
        {
            return result.Value;
        }
        _errors.Add(new DocumentError(path, result.Error.Code, result.Error.Message) { Line = line, Column = column });
        return null;
    }

    private DateOnly? Date(string path) =>
        Lexical<DateOnly>(path, static text => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null);

    private decimal? Decimal(string path) =>
        Lexical<decimal>(path, static text => decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null);

    private int? Int(string path) =>
        Lexical<int>(path, static text => int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null);

    private TransportMode? Mode() =>
        Lexical("transport.mode", CertificateOfOriginXml.ParseMode);

    private OriginCriterionKind? Criterion(string path) =>
        Lexical(path, CertificateOfOriginXml.ParseCriterion);

    // The schema already fixed the lexical form, so a failure here means the schema and this code disagree.
    private T? Lexical<T>(string path, Func<string, T?> parse)
        where T : struct
    {
        var (line, column) = Position();
        var text = _r.ReadElementContentAsString();
        var value = parse(text);
        if (value is null)
        {
            _errors.Add(new DocumentError(path, XmlSchema, $"'{Truncate(text)}' is not a valid value here.") { Line = line, Column = column });
        }
        return value;
    }

    private (int? Line, int? Column) Position() =>
        _lineInfo is { } info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (null, null);

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";

}

using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Caravan.Documents.Common;
using static Caravan.Documents.Declarations.DeclarationErrorCodes;

namespace Caravan.Documents.Declarations;

/// <summary>
/// Reads goods declarations written as WCO DMS XML (<c>urn:wco:datamodel:WCO:DEC-DMS:2</c>, WCO DM 3.6, as used by
/// HMRC's Customs Declaration Service), either a bare <c>Declaration</c> or wrapped in <c>md:MetaData</c>. The
/// document is first validated against the embedded schemas (every error with its line and position); only a valid
/// document is mapped to <see cref="CustomsDeclaration"/>. DTDs and external resources are refused, and inputs are
/// bounded in size.
/// </summary>
public static class WcoDms
{
    public const string DeclarationNamespace = "urn:wco:datamodel:WCO:DEC-DMS:2";
    public const string MetaDataNamespace = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2";

    /// <summary>The manifest resource names of the schemas inside Caravan.dll start with this.</summary>
    public const string SchemaResourcePrefix = "Caravan.Documents.Declarations.Schemas.";

    /// <summary>Inputs larger than this many characters are refused.</summary>
    public const long MaxDocumentCharacters = 8 * 1024 * 1024;

    private static readonly XNamespace Dec = DeclarationNamespace;
    private static readonly Lazy<XmlSchemaSet> LazySchemas = new(LoadSchemas, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The compiled schema set (compiled once; shared, do not modify).</summary>
    public static XmlSchemaSet Schemas => LazySchemas.Value;

    /// <summary>The outcome of reading: the declaration when the XML is schema-valid, schema errors otherwise, and notes on values the model could not hold.</summary>
    public sealed record ReadResult(CustomsDeclaration? Declaration, IReadOnlyList<DocumentError> Errors, IReadOnlyList<DocumentError> Warnings)
    {
        public bool IsValid => Declaration is not null && Errors.Count == 0;
    }

    /// <summary>True when the root element is a DMS declaration or its metadata wrapper (used to detect the document type).</summary>
    public static bool IsDeclarationRoot(string? namespaceUri, string localName) =>
        (namespaceUri == DeclarationNamespace && localName == "Declaration") || (namespaceUri == MetaDataNamespace && localName == "MetaData");

    public static ReadResult Read(ReadOnlyMemory<byte> xml)
    {
        using var stream = new MemoryStream(xml.ToArray(), writable: false);
        return Read(stream);
    }

    public static ReadResult Read(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var reader = new StringReader(xml);
        return Read(XmlReader.Create(reader, Settings()));
    }

    public static ReadResult Read(Stream xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        return Read(XmlReader.Create(xml, Settings()));
    }

    private static ReadResult Read(XmlReader xmlReader)
    {
        var errors = new List<DocumentError>();
        var settings = Settings();
        settings.ValidationType = ValidationType.Schema;
        settings.Schemas = Schemas;
        settings.ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) =>
        {
            if (errors.Count < 100)
            {
                errors.Add(new DocumentError(string.Empty, e.Severity == XmlSeverityType.Error ? DeclarationErrorCodes.XmlSchema : XmlSchemaWarning, e.Message)
                {
                    Line = e.Exception?.LineNumber,
                    Column = e.Exception?.LinePosition,
                });
            }
        };
        XDocument document;
        try
        {
            using (xmlReader)
            using (var validating = XmlReader.Create(xmlReader, settings))
            {
                document = XDocument.Load(validating, LoadOptions.SetLineInfo);
            }
        }
        catch (XmlException ex)
        {
            return new(null, [new DocumentError(string.Empty, XmlSyntax, ex.Message) { Line = ex.LineNumber, Column = ex.LinePosition }], []);
        }
        if (errors.Count > 0)
        {
            return new(null, errors, []);
        }
        var root = document.Root!;
        var declaration = root.Name == Dec + "Declaration" ? root : root.Element(Dec + "Declaration");
        if (declaration is null)
        {
            return new(null, [new DocumentError(string.Empty, XmlNoDeclaration, "The document holds no WCO DMS Declaration element.")], []);
        }
        var warnings = new List<DocumentError>();
        return new(Map(declaration, warnings), [], warnings);
    }

    private static CustomsDeclaration Map(XElement d, List<DocumentError> warnings)
    {
        var shipment = d.Element(Dec + "GoodsShipment");
        var type = Text(d, "TypeCode");
        var items = shipment?.Elements(Dec + "GovernmentAgencyGoodsItem").Select((e, i) => MapItem(e, $"items[{i}]", warnings)).ToList() ?? [];
        var border = d.Element(Dec + "BorderTransportMeans");
        var consignment = shipment?.Element(Dec + "Consignment");
        var destination = Country(shipment?.Element(Dec + "Destination"), "CountryCode", "destinationCountry", warnings)
            ?? shipment?.Elements(Dec + "GovernmentAgencyGoodsItem").Select(i => Country(i.Element(Dec + "Destination"), "CountryCode", "destinationCountry", warnings)).FirstOrDefault(c => c is not null);
        return new CustomsDeclaration
        {
            FunctionalReference = Text(d, "FunctionalReferenceID"),
            TypeCode = type is { Length: >= 2 } ? type[..2] : type,
            AdditionalTypeCode = type is { Length: > 2 } ? type[2..] : null,
            FunctionCode = Int(d, "FunctionCode"),
            Declarant = MapParty(d.Element(Dec + "Declarant"), "declarant", warnings),
            Exporter = MapParty(d.Element(Dec + "Exporter") ?? shipment?.Element(Dec + "Exporter"), "exporter", warnings),
            Consignee = MapParty(shipment?.Element(Dec + "Consignee"), "consignee", warnings),
            Importer = MapParty(shipment?.Element(Dec + "Importer") ?? d.Element(Dec + "Importer"), "importer", warnings),
            Agent = MapParty(d.Element(Dec + "Agent"), "agent", warnings),
            AgentStatusCode = Text(d.Element(Dec + "Agent"), "FunctionCode"),
            ExportCountry = Country(shipment?.Element(Dec + "ExportCountry"), "ID", "exportCountry", warnings)
                ?? shipment?.Elements(Dec + "GovernmentAgencyGoodsItem").Select(i => Country(i.Element(Dec + "ExportCountry"), "ID", "exportCountry", warnings)).FirstOrDefault(c => c is not null),
            DestinationCountry = destination,
            InvoiceAmount = Amount(d.Element(Dec + "InvoiceAmount"), "invoiceAmount", warnings),
            Transport = border is null ? null : new DeclarationTransport
            {
                ModeCode = Int(border, "ModeCode"),
                MeansId = Text(border, "ID"),
                Nationality = Country(border, "RegistrationNationalityCode", "transport.nationality", warnings),
            },
            LoadingLocation = Locode(consignment?.Element(Dec + "LoadingLocation"), "loadingLocation", warnings),
            DischargeLocation = Locode(consignment?.Element(Dec + "UnloadingLocation") ?? shipment?.Element(Dec + "UnloadingLocation"), "dischargeLocation", warnings),
            ExitOffice = Text(d.Element(Dec + "ExitOffice"), "ID"),
            EntryOffice = Text(d.Element(Dec + "PresentationOffice"), "ID") ?? Text(d.Element(Dec + "SupervisingOffice"), "ID"),
            Documents = [.. Documents(d), .. Documents(shipment)],
            Items = items,
        };
    }

    private static DeclarationItem MapItem(XElement e, string path, List<DocumentError> warnings)
    {
        var commodity = e.Element(Dec + "Commodity");
        var measure = commodity?.Element(Dec + "GoodsMeasure");
        var classifications = commodity?.Elements(Dec + "Classification").ToList() ?? [];
        var code = CommodityCode(classifications);
        HsCode? hs = null;
        if (code is not null)
        {
            var parsed = HsCode.Create(code.Length >= 6 ? code[..6] : code);
            if (parsed.TryGetValue(out var subheading))
            {
                hs = subheading;
            }
            else
            {
                warnings.Add(Warning(e, path + ".hsCode", parsed.Error!.Code, $"The commodity code {code} does not start with an HS 2022 subheading: {parsed.Error.Message}"));
            }
        }
        var net = Decimal(measure, "NetNetWeightMeasure");
        var tariff = measure?.Element(Dec + "TariffQuantity");
        Quantity? quantity = null;
        if (tariff is not null && decimal.TryParse(tariff.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var tariffValue)
            && tariff.Attribute("unitCode")?.Value is { } unit && Common.Quantity.Create(tariffValue, unit).TryGetValue(out var tariffQuantity))
        {
            quantity = tariffQuantity;
        }
        else if (net is { } kg && Common.Quantity.Create(kg, "KGM").TryGetValue(out var netQuantity))
        {
            quantity = netQuantity;
        }
        var packaging = e.Element(Dec + "Packaging");
        var procedure = e.Element(Dec + "GovernmentProcedure");
        return new DeclarationItem
        {
            SequenceNumber = Int(e, "SequenceNumeric"),
            Description = Text(commodity, "Description"),
            HsCode = hs,
            CommodityCode = code,
            Quantity = quantity,
            GrossMassKg = Decimal(measure, "GrossMassMeasure"),
            NetMassKg = net,
            Value = Amount(e.Element(Dec + "StatisticalValueAmount") ?? e.Element(Dec + "CustomsValueAmount") ?? commodity?.Element(Dec + "InvoiceLine")?.Element(Dec + "ItemChargeAmount"), path + ".value", warnings),
            OriginCountry = Country(e.Elements(Dec + "Origin").FirstOrDefault(), "CountryCode", path + ".originCountry", warnings),
            PackageCount = Int(packaging, "QuantityQuantity"),
            PackageTypeCode = Text(packaging, "TypeCode"),
            Marks = Text(packaging, "MarksNumbersID"),
            ProcedureCode = procedure is null ? null : (Text(procedure, "CurrentCode") + Text(procedure, "PreviousCode")),
            Documents = Documents(e),
        };
    }

    /// <summary>
    /// The commodity code of an item: the first classification of type TSP (TARIC digits 1-8), GN (combined
    /// nomenclature, as on exports), HS or CV, extended by the TRC one (TARIC digits 9-10) when that makes ten digits.
    /// </summary>
    private static string? CommodityCode(List<XElement> classifications)
    {
        string? Of(params string[] types) => classifications
            .Where(c => Text(c, "IdentificationTypeCode") is { } type && types.Contains(type))
            .Select(c => Text(c, "ID"))
            .FirstOrDefault(id => id is not null);
        var code = Of("TSP") ?? Of("GN") ?? Of("HS") ?? Of("CV");
        return code is { Length: 8 } && Of("TRC") is { Length: 2 } taric ? code + taric : code;
    }

    private static DeclarationParty? MapParty(XElement? e, string path, List<DocumentError> warnings)
    {
        var address = e?.Element(Dec + "Address");
        if (e is null || (Text(e, "ID") is null && Text(e, "Name") is null && address is null))
        {
            // Nothing that names a party: an Agent carrying only its FunctionCode (the declarant represents).
            return null;
        }
        return new DeclarationParty
        {
            Id = Text(e, "ID"),
            Name = Text(e, "Name"),
            AddressLines = address?.Elements(Dec + "Line").Select(l => l.Value.Trim()).Where(l => l.Length > 0).ToList() ?? [],
            City = Text(address, "CityName"),
            PostalCode = Text(address, "PostcodeID"),
            Country = Country(address, "CountryCode", path + ".country", warnings),
        };
    }

    private static List<DeclarationDocument> Documents(XElement? parent) =>
        parent is null
            ? []
            : [.. parent.Elements(Dec + "PreviousDocument").Select(p => Document("previous", p)), .. parent.Elements(Dec + "AdditionalDocument").Select(a => Document("additional", a))];

    private static DeclarationDocument Document(string kind, XElement e) => new()
    {
        Kind = kind,
        TypeCode = (Text(e, "CategoryCode") + Text(e, "TypeCode")) is { Length: > 0 } t ? t : null,
        Id = Text(e, "ID"),
        Name = Text(e, "Name"),
    };

    private static string? Text(XElement? parent, string name) =>
        parent?.Element(Dec + name)?.Value.Trim() is { Length: > 0 } value ? value : null;

    private static int? Int(XElement? parent, string name) =>
        int.TryParse(Text(parent, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static decimal? Decimal(XElement? parent, string name) =>
        decimal.TryParse(Text(parent, name), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static CountryCode? Country(XElement? parent, string name, string path, List<DocumentError> warnings)
    {
        var text = Text(parent, name);
        if (text is null)
        {
            return null;
        }
        var parsed = CountryCode.Create(text);
        if (parsed.TryGetValue(out var country))
        {
            return country;
        }
        warnings.Add(Warning(parent!.Element(Dec + name)!, path, parsed.Error!.Code, parsed.Error.Message));
        return null;
    }

    private static UnLocode? Locode(XElement? parent, string path, List<DocumentError> warnings)
    {
        var text = Text(parent, "ID");
        if (text is null)
        {
            return null;
        }
        var parsed = UnLocode.Create(text);
        if (parsed.TryGetValue(out var locode))
        {
            return locode;
        }
        warnings.Add(Warning(parent!, path, parsed.Error!.Code, parsed.Error.Message));
        return null;
    }

    private static Money? Amount(XElement? e, string path, List<DocumentError> warnings)
    {
        if (e is null)
        {
            return null;
        }
        if (decimal.TryParse(e.Value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            && Money.Create(amount, e.Attribute("currencyID")?.Value).TryGetValue(out var money))
        {
            return money;
        }
        warnings.Add(Warning(e, path, MoneyInvalid, $"'{e.Value.Trim()}' with currency '{e.Attribute("currencyID")?.Value}' is not an amount with an ISO 4217 currency."));
        return null;
    }

    private static DocumentError Warning(XElement at, string path, string code, string message)
    {
        var info = (IXmlLineInfo)at;
        return new DocumentError(path, code, message) { Line = info.HasLineInfo() ? info.LineNumber : null, Column = info.HasLineInfo() ? info.LinePosition : null };
    }

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxDocumentCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static XmlSchemaSet LoadSchemas() => EmbeddedSchemas.Load(SchemaResourcePrefix, "WCO DMS");
}

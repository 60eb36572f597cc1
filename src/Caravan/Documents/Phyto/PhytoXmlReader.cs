using System.Globalization;
using System.Security.Cryptography.Xml;
using System.Xml;
using Caravan.Documents.Common;
using static Caravan.Documents.Phyto.PhytoErrorCodes;

namespace Caravan.Documents.Phyto;

/// <summary>
/// Maps SPSCertificate XML to the model. It matches child elements by local name in any order (the hub schema's
/// order is checked separately, by the XSD pass), so that certificates from systems that order elements
/// differently, like the Mattilsynet sample, still map. Values the model cannot hold are errors with the model
/// path and line; elements the model does not carry are skipped with a warning when they hold any text.
/// </summary>
internal sealed class PhytoXmlReader
{
    private readonly XmlReader _r;
    private readonly IXmlLineInfo? _lineInfo;
    private readonly List<DocumentError> _errors;
    private readonly List<DocumentError> _warnings;

    private PhytoXmlReader(XmlReader reader, List<DocumentError> errors, List<DocumentError> warnings)
    {
        _r = reader;
        _lineInfo = reader as IXmlLineInfo;
        _errors = errors;
        _warnings = warnings;
    }

    public static PhytosanitaryCertificate Map(XmlReader reader, List<DocumentError> errors, List<DocumentError> warnings) =>
        new PhytoXmlReader(reader, errors, warnings).ReadCertificate();

    private PhytosanitaryCertificate ReadCertificate()
    {
        _r.MoveToContent();
        var c = new PhytosanitaryCertificate();
        if (_r.LocalName != "SPSCertificate" || _r.NamespaceURI != PhytoXml.RsmNamespace)
        {
            var (line, column) = Position();
            _errors.Add(new DocumentError(string.Empty, XmlSchema,
                $"The document element is {{{_r.NamespaceURI}}}{_r.LocalName}, not rsm:SPSCertificate.") { Line = line, Column = column });
            _r.Skip();
            return c;
        }
        foreach (var name in Children(string.Empty))
        {
            c = name switch
            {
                "SPSExchangedDocument" => c with { Document = ReadDocument("document") },
                "SPSConsignment" => c with { Consignment = ReadConsignment("consignment") },
                _ => Ignore(c, string.Empty),
            };
        }
        return c;
    }

    private PhytoExchangedDocument ReadDocument(string path)
    {
        var d = new PhytoExchangedDocument();
        var notes = new List<PhytoNote>();
        var references = new List<PhytoReferencedDocument>();
        foreach (var name in Children(path))
        {
            switch (name)
            {
                case "Name": d = d with { Name = Text() }; break;
                case "ID": d = d with { Id = Text() }; break;
                case "TypeCode": d = d with { TypeCode = Int(path + ".typeCode") }; break;
                case "StatusCode": d = d with { StatusCode = Int(path + ".statusCode") }; break;
                case "IssueDateTime": d = d with { IssueDateTime = DateTimeContainer(path + ".issueDateTime") }; break;
                case "IssuerSPSParty": d = d with { IssuerName = NameOnly(path + ".issuer") }; break;
                case "IncludedSPSNote": notes.Add(ReadNote($"{path}.notes[{notes.Count}]")); break;
                case "ReferenceSPSReferencedDocument": references.Add(ReadReference($"{path}.referencedDocuments[{references.Count}]")); break;
                case "SignatorySPSAuthentication": d = d with { Signatory = ReadSignatory(path + ".signatory") }; break;
                default: Ignore(path); break;
            }
        }
        return d with { Notes = notes, ReferencedDocuments = references };
    }

    private PhytoNote ReadNote(string path)
    {
        var n = new PhytoNote();
        var contents = new List<LocalizedText>();
        foreach (var name in Children(path))
        {
            switch (name)
            {
                case "Subject": n = n with { Subject = Text() }; break;
                case "Content": AddLocalized(contents); break;
                default: Ignore(path); break;
            }
        }
        return n with { Contents = contents };
    }

    private PhytoReferencedDocument ReadReference(string path)
    {
        var r = new PhytoReferencedDocument();
        foreach (var name in Children(path))
        {
            switch (name)
            {
                case "IssueDateTime": r = r with { IssueDateTime = DateTimeContainer(path + ".issueDateTime") }; break;
                case "TypeCode": r = r with { TypeCode = Text() }; break;
                case "RelationshipTypeCode": r = r with { RelationshipTypeCode = Text() }; break;
                case "ID": r = r with { Id = Text() }; break;
                case "AttachmentBinaryObject":
                    var fileName = _r.GetAttribute("filename");
                    r = r with { Attachment = new PhytoAttachment { FileName = fileName, ContentBase64 = Text() } };
                    break;
                case "Information": r = r with { Information = Localized() }; break;
                default: Ignore(path); break;
            }
        }
        return r;
    }

    private PhytoSignatory ReadSignatory(string path)
    {
        var s = new PhytoSignatory();
        var clauses = new List<PhytoClause>();
        foreach (var name in Children(path))
        {
            switch (name)
            {
                case "ActualDateTime": s = s with { ActualDateTime = DateTimeContainer(path + ".actualDateTime") }; break;
                case "IssueSPSLocation": s = s with { PlaceName = NameOnly(path + ".placeName") }; break;
                case "ProviderSPSParty":
                    foreach (var child in Children(path))
                    {
                        switch (child)
                        {
                            case "Name": s = s with { ProviderName = Text() }; break;
                            case "SpecifiedSPSPerson": s = s with { OfficerName = NameOnly(path + ".officerName") }; break;
                            default: Ignore(path); break;
                        }
                    }
                    break;
                case "IncludedSPSClause":
                    var clausePath = $"{path}.clauses[{clauses.Count}]";
                    int? id = null;
                    string? content = null;
                    foreach (var child in Children(clausePath))
                    {
                        switch (child)
                        {
                            case "ID": id = Int(clausePath + ".id"); break;
                            case "Content": content = Text(); break;
                            default: Ignore(clausePath); break;
                        }
                    }
                    if (id is { } clauseId)
                    {
                        clauses.Add(new PhytoClause(clauseId, content));
                    }
                    else
                    {
                        _errors.Add(new DocumentError(clausePath + ".id", Required, "A clause has a numeric ID."));
                    }
                    break;
                default: Ignore(path); break;
            }
        }
        return s with { Clauses = clauses };
    }

    private PhytoConsignment ReadConsignment(string path)
    {
        var c = new PhytoConsignment();
        var transit = new List<PhytoCountry>();
        var carriages = new List<PhytoTransportMovement>();
        var items = new List<PhytoTradeLineItem>();
        foreach (var name in Children(path))
        {
            switch (name)
            {
                case "ConsignorSPSParty": c = c with { Consignor = ReadParty(path + ".consignor") }; break;
                case "ConsigneeSPSParty": c = c with { Consignee = ReadParty(path + ".consignee") }; break;
                case "ExportSPSCountry": c = c with { ExportCountry = ReadCountry(path + ".exportCountry") }; break;
                case "ImportSPSCountry": c = c with { ImportCountry = ReadCountry(path + ".importCountry") }; break;
                case "TransitSPSCountry": transit.Add(ReadCountry($"{path}.transitCountries[{transit.Count}]")); break;
                case "UnloadingBaseportSPSLocation":
                    var port = new PhytoLocation();
                    foreach (var child in Children(path + ".unloadingPort"))
                    {
                        port = child switch
                        {
                            "ID" => port with { Id = Value(path + ".unloadingPort.id", UnLocode.Create) },
                            "Name" => port with { Name = Text() },
                            _ => Ignore(port, path + ".unloadingPort"),
                        };
                    }
                    c = c with { UnloadingPort = port };
                    break;
                case "ExaminationSPSEvent":
                    foreach (var child in Children(path + ".examinationPlace"))
                    {
                        if (child == "OccurrenceSPSLocation")
                        {
                            c = c with { ExaminationPlace = NameOnly(path + ".examinationPlace") };
                        }
                        else
                        {
                            Ignore(path + ".examinationPlace");
                        }
                    }
                    break;
                case "MainCarriageSPSTransportMovement": carriages.Add(ReadMovement($"{path}.mainCarriages[{carriages.Count}]")); break;
                case "UtilizedSPSTransportEquipment":
                    var equipment = new PhytoTransportEquipment();
                    foreach (var child in Children(path + ".equipment"))
                    {
                        equipment = child switch
                        {
                            "ID" => equipment with { Id = Text() },
                            "AffixedSPSSeal" => equipment with { SealNumber = IdOnly(path + ".equipment.sealNumber") },
                            _ => Ignore(equipment, path + ".equipment"),
                        };
                    }
                    c = c with { Equipment = equipment };
                    break;
                case "IncludedSPSConsignmentItem":
                    foreach (var child in Children(path))
                    {
                        if (child == "IncludedSPSTradeLineItem")
                        {
                            items.Add(ReadItem($"{path}.items[{items.Count}]"));
                        }
                        else
                        {
                            Ignore(path);
                        }
                    }
                    break;
                default: Ignore(path); break;
            }
        }
        return c with { TransitCountries = transit, MainCarriages = carriages, Items = items };
    }

    private PhytoParty ReadParty(string path)
    {
        var p = new PhytoParty();
        var ids = new List<PhytoPartyIdentifier>();
        var lines = new List<string>();
        foreach (var name in Children(path))
        {
            switch (name)
            {
                case "Name": p = p with { Name = Text() }; break;
                case "TypeCode":
                    var listName = _r.GetAttribute("listName");
                    if (Text() is { } value)
                    {
                        ids.Add(new PhytoPartyIdentifier(value, listName));
                    }
                    break;
                case "SpecifiedSPSAddress":
                    foreach (var child in Children(path + ".addressLines"))
                    {
                        if (Array.IndexOf(PhytoXmlWriter.LineNames, child) >= 0)
                        {
                            if (Text() is { } line)
                            {
                                lines.Add(line);
                            }
                        }
                        else
                        {
                            Ignore(path + ".addressLines");
                        }
                    }
                    break;
                default: Ignore(path); break;
            }
        }
        return p with { Identifiers = ids, AddressLines = lines };
    }

    private PhytoCountry ReadCountry(string path)
    {
        var c = new PhytoCountry();
        foreach (var name in Children(path))
        {
            c = name switch
            {
                "ID" => c with { Id = Value(path + ".id", CountryCode.Create) },
                "Name" => c with { Name = Text() },
                _ => Ignore(c, path),
            };
        }
        return c;
    }

    private PhytoTransportMovement ReadMovement(string path)
    {
        var m = new PhytoTransportMovement();
        foreach (var name in Children(path))
        {
            m = name switch
            {
                "ID" => m with { Id = Text() },
                "ModeCode" => m with { ModeCode = Int(path + ".modeCode") },
                "UsedSPSTransportMeans" => m with { MeansName = NameOnly(path + ".meansName") },
                _ => Ignore(m, path),
            };
        }
        return m;
    }

    private PhytoTradeLineItem ReadItem(string path)
    {
        var i = new PhytoTradeLineItem();
        List<LocalizedText> descriptions = [], commonNames = [], scientificNames = [], uses = [];
        var notes = new List<PhytoNote>();
        var classifications = new List<PhytoClassification>();
        var packages = new List<PhytoPackage>();
        var origins = new List<PhytoOrigin>();
        var treatments = new List<PhytoTreatment>();
        foreach (var name in Children(path))
        {
            switch (name)
            {
                case "SequenceNumeric": i = i with { SequenceNumber = Int(path + ".sequenceNumber") }; break;
                case "Description": AddLocalized(descriptions); break;
                case "CommonName": AddLocalized(commonNames); break;
                case "ScientificName": AddLocalized(scientificNames); break;
                case "IntendedUse": AddLocalized(uses); break;
                case "NetWeightMeasure": i = i with { NetWeight = QuantityMeasure(path + ".netWeight") }; break;
                case "GrossWeightMeasure": i = i with { GrossWeight = QuantityMeasure(path + ".grossWeight") }; break;
                case "NetVolumeMeasure": i = i with { NetVolume = QuantityMeasure(path + ".netVolume") }; break;
                case "GrossVolumeMeasure": i = i with { GrossVolume = QuantityMeasure(path + ".grossVolume") }; break;
                case "AdditionalInformationSPSNote": notes.Add(ReadNote($"{path}.notes[{notes.Count}]")); break;
                case "ApplicableSPSClassification": classifications.Add(ReadClassification($"{path}.classifications[{classifications.Count}]")); break;
                case "PhysicalSPSPackage": packages.Add(ReadPackage($"{path}.packages[{packages.Count}]")); break;
                case "OriginSPSCountry": origins.Add(ReadOrigin($"{path}.origins[{origins.Count}]")); break;
                case "AppliedSPSProcess": treatments.Add(ReadTreatment($"{path}.treatments[{treatments.Count}]")); break;
                default: Ignore(path); break;
            }
        }
        return i with
        {
            Descriptions = descriptions,
            CommonNames = commonNames,
            ScientificNames = scientificNames,
            IntendedUses = uses,
            Notes = notes,
            Classifications = classifications,
            Packages = packages,
            Origins = origins,
            Treatments = treatments,
        };
    }

    private PhytoClassification ReadClassification(string path)
    {
        var k = new PhytoClassification();
        var names = new List<LocalizedText>();
        foreach (var name in Children(path))
        {
            switch (name)
            {
                case "SystemName": k = k with { SystemName = Text() }; break;
                case "ClassCode": k = k with { ClassCode = Text() }; break;
                case "ClassName": AddLocalized(names); break;
                default: Ignore(path); break;
            }
        }
        return k with { ClassNames = names };
    }

    private PhytoPackage ReadPackage(string path)
    {
        var p = new PhytoPackage();
        foreach (var name in Children(path))
        {
            p = name switch
            {
                "LevelCode" => p with { LevelCode = Int(path + ".levelCode") },
                "TypeCode" => p with { TypeCode = Text() },
                "ItemQuantity" => p with { Quantity = Decimal(path + ".quantity") },
                _ => Ignore(p, path),
            };
        }
        return p;
    }

    private PhytoOrigin ReadOrigin(string path)
    {
        var o = new PhytoOrigin();
        foreach (var name in Children(path))
        {
            switch (name)
            {
                case "ID": o = o with { Country = Value(path + ".country", CountryCode.Create) }; break;
                case "Name": o = o with { CountryName = Text() }; break;
                case "SubordinateSPSCountrySubDivision":
                    foreach (var child in Children(path))
                    {
                        o = child switch
                        {
                            "Name" => o with { RegionName = Text() },
                            "HierarchicalLevelCode" => o with { RegionLevelCode = Text() },
                            _ => Ignore(o, path),
                        };
                    }
                    break;
                default: Ignore(path); break;
            }
        }
        return o;
    }

    private PhytoTreatment ReadTreatment(string path)
    {
        var t = new PhytoTreatment();
        var characteristics = new List<PhytoTreatmentCharacteristic>();
        foreach (var name in Children(path))
        {
            switch (name)
            {
                case "TypeCode": t = t with { TypeCode = Text() }; break;
                case "CompletionSPSPeriod":
                    foreach (var child in Children(path))
                    {
                        t = child switch
                        {
                            "StartDateTime" => t with { Start = DateTimeContainer(path + ".start") },
                            "EndDateTime" => t with { End = DateTimeContainer(path + ".end") },
                            "DurationMeasure" => t with { Duration = Measure(path + ".duration") },
                            _ => Ignore(t, path),
                        };
                    }
                    break;
                case "ApplicableSPSProcessCharacteristic":
                    var characteristicPath = $"{path}.characteristics[{characteristics.Count}]";
                    var descriptions = new List<LocalizedText>();
                    PhytoMeasure? value = null;
                    foreach (var child in Children(characteristicPath))
                    {
                        switch (child)
                        {
                            case "Description": AddLocalized(descriptions); break;
                            case "ValueMeasure": value = Measure(characteristicPath + ".value"); break;
                            default: Ignore(characteristicPath); break;
                        }
                    }
                    characteristics.Add(new PhytoTreatmentCharacteristic { Descriptions = descriptions, Value = value });
                    break;
                default: Ignore(path); break;
            }
        }
        return t with { Characteristics = characteristics };
    }

    // ---- helpers ----

    // Enumerates the child elements of the current element by local name; the caller must consume each one.
    // An enveloped ds:Signature is skipped silently.
    private IEnumerable<string> Children(string path)
    {
        if (_r.IsEmptyElement)
        {
            _r.Read();
            yield break;
        }
        _r.ReadStartElement();
        while (true)
        {
            var node = _r.MoveToContent();
            if (node == XmlNodeType.Element)
            {
                if (_r.NamespaceURI == SignedXml.XmlDsigNamespaceUrl)
                {
                    _r.Skip();
                    continue;
                }
                yield return _r.LocalName;
            }
            else if (node is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                Warn(path, $"Text '{Truncate(_r.Value)}' is not expected here and was ignored.");
                _r.Read();
            }
            else
            {
                break;
            }
        }
        _r.ReadEndElement();
    }

    // <X><Name>..</Name></X>: the Name's text.
    private string? NameOnly(string path) => ChildText(path, "Name");

    // <X><ID>..</ID></X>: the ID's text.
    private string? IdOnly(string path) => ChildText(path, "ID");

    private string? ChildText(string path, string childName)
    {
        string? value = null;
        foreach (var child in Children(path))
        {
            if (child == childName)
            {
                value = Text();
            }
            else
            {
                Ignore(path);
            }
        }
        return value;
    }

    private string? Text()
    {
        var text = _r.ReadElementContentAsString();
        return text.Length == 0 ? null : text;
    }

    private LocalizedText? Localized()
    {
        var language = _r.GetAttribute("languageID");
        return Text() is { } text ? new LocalizedText(text, language) : null;
    }

    private void AddLocalized(List<LocalizedText> list)
    {
        if (Localized() is { } text)
        {
            list.Add(text);
        }
    }

    // IssueDateTime and friends: either text, or a udt:DateTimeString child.
    private PhytoDateTime? DateTimeContainer(string path)
    {
        var (line, column) = Position();
        if (_r.IsEmptyElement)
        {
            _r.Read();
            return null;
        }
        _r.ReadStartElement();
        string? text = null;
        while (true)
        {
            var node = _r.MoveToContent();
            if (node == XmlNodeType.Element)
            {
                if (_r.LocalName == "DateTimeString")
                {
                    (line, column) = Position();
                    text = Text();
                }
                else
                {
                    Ignore(path);
                }
            }
            else if (node is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                text = (text ?? string.Empty) + _r.Value;
                _r.Read();
            }
            else
            {
                break;
            }
        }
        _r.ReadEndElement();
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var result = PhytoDateTime.Create(text);
        if (result.IsSuccess)
        {
            return result.Value;
        }
        _errors.Add(new DocumentError(path, result.Error.Code, result.Error.Message) { Line = line, Column = column });
        return null;
    }

    private T? Value<T>(string path, Func<string?, ParseResult<T>> create)
        where T : struct
    {
        var (line, column) = Position();
        var text = Text();
        if (text is null)
        {
            return null;
        }
        var result = create(text.Trim());
        if (result.IsSuccess)
        {
            return result.Value;
        }
        _errors.Add(new DocumentError(path, result.Error.Code, result.Error.Message) { Line = line, Column = column });
        return null;
    }

    private PhytoMeasure? Measure(string path)
    {
        var unit = _r.GetAttribute("unitCode");
        var value = Decimal(path);
        return value is { } v ? new PhytoMeasure(v, unit) : null;
    }

    private Quantity? QuantityMeasure(string path)
    {
        var (line, column) = Position();
        var unit = _r.GetAttribute("unitCode");
        var value = Decimal(path);
        if (value is not { } v)
        {
            return null;
        }
        var result = Quantity.Create(v, unit);
        if (result.IsSuccess)
        {
            return result.Value;
        }
        _errors.Add(new DocumentError(path + ".unit", result.Error.Code, result.Error.Message) { Line = line, Column = column });
        return null;
    }

    private decimal? Decimal(string path) =>
        Lexical<decimal>(path, static text => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null);

    private int? Int(string path) =>
        Lexical<int>(path, static text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null);

    private T? Lexical<T>(string path, Func<string, T?> parse)
        where T : struct
    {
        var (line, column) = Position();
        var text = Text();
        if (text is null)
        {
            return null;
        }
        var value = parse(text.Trim());
        if (value is null)
        {
            _errors.Add(new DocumentError(path, XmlValue, $"'{Truncate(text)}' is not a valid value here.") { Line = line, Column = column });
        }
        return value;
    }

    private T Ignore<T>(T value, string path)
    {
        Ignore(path);
        return value;
    }

    // Skips an element the model does not carry, warning when it holds any text (empty placeholders are common).
    private void Ignore(string path)
    {
        var (line, column) = Position();
        var name = _r.LocalName;
        var hasText = false;
        using (var subtree = _r.ReadSubtree())
        {
            while (subtree.Read())
            {
                if (subtree.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && !string.IsNullOrWhiteSpace(subtree.Value))
                {
                    hasText = true;
                }
            }
        }
        _r.Read();
        if (hasText)
        {
            _warnings.Add(new DocumentError(path, XmlIgnored, $"Element {name} is not part of the Caravan model and was ignored.") { Line = line, Column = column });
        }
    }

    private void Warn(string path, string message)
    {
        var (line, column) = Position();
        _warnings.Add(new DocumentError(path, XmlIgnored, message) { Line = line, Column = column });
    }

    private (int? Line, int? Column) Position() =>
        _lineInfo is { } info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (null, null);

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}

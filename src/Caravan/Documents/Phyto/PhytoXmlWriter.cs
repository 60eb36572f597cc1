using System.Globalization;
using System.Xml;
using Caravan.Documents.Common;

namespace Caravan.Documents.Phyto;

/// <summary>
/// Writes the SPSCertificate XML element by element in the order of the IPPC hub schemas (see Schemas/README.md);
/// null fields and empty lists are omitted.
/// </summary>
internal static class PhytoXmlWriter
{
    private const string Rsm = PhytoXml.RsmNamespace;
    private const string Ram = PhytoXml.RamNamespace;
    private const string Udt = PhytoXml.UdtNamespace;

    public static void WriteElement(XmlWriter w, PhytosanitaryCertificate c)
    {
        w.WriteStartElement("rsm", "SPSCertificate", Rsm);
        w.WriteAttributeString("xmlns", "ram", null, Ram);
        w.WriteAttributeString("xmlns", "udt", null, Udt);
        if (c.Document is { } d)
        {
            w.WriteStartElement("SPSExchangedDocument", Rsm);
            WriteDocument(w, d);
            w.WriteEndElement();
        }
        if (c.Consignment is { } consignment)
        {
            w.WriteStartElement("SPSConsignment", Rsm);
            WriteConsignment(w, consignment);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteDocument(XmlWriter w, PhytoExchangedDocument d)
    {
        Text(w, "Name", d.Name);
        Text(w, "ID", d.Id);
        Int(w, "TypeCode", d.TypeCode);
        Int(w, "StatusCode", d.StatusCode);
        DateTimeString(w, "IssueDateTime", d.IssueDateTime);
        if (d.IssuerName is not null)
        {
            w.WriteStartElement("IssuerSPSParty", Ram);
            Text(w, "Name", d.IssuerName);
            w.WriteEndElement();
        }
        foreach (var note in d.Notes)
        {
            Note(w, "IncludedSPSNote", note);
        }
        foreach (var r in d.ReferencedDocuments)
        {
            w.WriteStartElement("ReferenceSPSReferencedDocument", Ram);
            Text(w, "IssueDateTime", r.IssueDateTime?.Value);
            // The hub schema requires TypeCode here (nillable anyType): an unknown type is written empty.
            w.WriteElementString("TypeCode", Ram, r.TypeCode ?? string.Empty);
            Text(w, "RelationshipTypeCode", r.RelationshipTypeCode);
            Text(w, "ID", r.Id);
            if (r.Attachment is { } a)
            {
                w.WriteStartElement("AttachmentBinaryObject", Ram);
                if (a.FileName is not null)
                {
                    w.WriteAttributeString("filename", a.FileName);
                }
                w.WriteString(a.ContentBase64 ?? string.Empty);
                w.WriteEndElement();
            }
            Localized(w, "Information", r.Information);
            w.WriteEndElement();
        }
        if (d.Signatory is { } s)
        {
            w.WriteStartElement("SignatorySPSAuthentication", Ram);
            DateTimeString(w, "ActualDateTime", s.ActualDateTime);
            if (s.PlaceName is not null)
            {
                w.WriteStartElement("IssueSPSLocation", Ram);
                Text(w, "Name", s.PlaceName);
                w.WriteEndElement();
            }
            if (s.ProviderName is not null || s.OfficerName is not null)
            {
                w.WriteStartElement("ProviderSPSParty", Ram);
                Text(w, "Name", s.ProviderName);
                if (s.OfficerName is not null)
                {
                    w.WriteStartElement("SpecifiedSPSPerson", Ram);
                    Text(w, "Name", s.OfficerName);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            foreach (var clause in s.Clauses)
            {
                w.WriteStartElement("IncludedSPSClause", Ram);
                Int(w, "ID", clause.Id);
                Text(w, "Content", clause.Content);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
    }

    private static void WriteConsignment(XmlWriter w, PhytoConsignment c)
    {
        Party(w, "ConsignorSPSParty", c.Consignor);
        Party(w, "ConsigneeSPSParty", c.Consignee);
        Country(w, "ExportSPSCountry", c.ExportCountry);
        Country(w, "ImportSPSCountry", c.ImportCountry);
        foreach (var transit in c.TransitCountries)
        {
            Country(w, "TransitSPSCountry", transit);
        }
        if (c.UnloadingPort is { } port)
        {
            w.WriteStartElement("UnloadingBaseportSPSLocation", Ram);
            Text(w, "ID", port.Id?.Value);
            Text(w, "Name", port.Name);
            w.WriteEndElement();
        }
        if (c.ExaminationPlace is not null)
        {
            w.WriteStartElement("ExaminationSPSEvent", Ram);
            w.WriteStartElement("OccurrenceSPSLocation", Ram);
            Text(w, "Name", c.ExaminationPlace);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        foreach (var m in c.MainCarriages)
        {
            w.WriteStartElement("MainCarriageSPSTransportMovement", Ram);
            Text(w, "ID", m.Id);
            Int(w, "ModeCode", m.ModeCode);
            if (m.MeansName is not null)
            {
                w.WriteStartElement("UsedSPSTransportMeans", Ram);
                Text(w, "Name", m.MeansName);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        if (c.Equipment is { } e)
        {
            // The hub schema declares these two IDs unqualified (form="unqualified").
            w.WriteStartElement("UtilizedSPSTransportEquipment", Ram);
            if (e.Id is not null)
            {
                w.WriteElementString("ID", string.Empty, e.Id);
            }
            if (e.SealNumber is not null)
            {
                w.WriteStartElement("AffixedSPSSeal", Ram);
                w.WriteElementString("ID", string.Empty, e.SealNumber);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        if (c.Items.Count > 0)
        {
            w.WriteStartElement("IncludedSPSConsignmentItem", Ram);
            foreach (var item in c.Items)
            {
                Item(w, item);
            }
            w.WriteEndElement();
        }
    }

    private static void Item(XmlWriter w, PhytoTradeLineItem i)
    {
        w.WriteStartElement("IncludedSPSTradeLineItem", Ram);
        Int(w, "SequenceNumeric", i.SequenceNumber);
        LocalizedList(w, "Description", i.Descriptions);
        LocalizedList(w, "CommonName", i.CommonNames);
        LocalizedList(w, "ScientificName", i.ScientificNames);
        LocalizedList(w, "IntendedUse", i.IntendedUses);
        Measure(w, "NetWeightMeasure", i.NetWeight);
        Measure(w, "GrossWeightMeasure", i.GrossWeight);
        Measure(w, "NetVolumeMeasure", i.NetVolume);
        Measure(w, "GrossVolumeMeasure", i.GrossVolume);
        foreach (var note in i.Notes)
        {
            Note(w, "AdditionalInformationSPSNote", note);
        }
        foreach (var k in i.Classifications)
        {
            w.WriteStartElement("ApplicableSPSClassification", Ram);
            Text(w, "SystemName", k.SystemName);
            Text(w, "ClassCode", k.ClassCode);
            LocalizedList(w, "ClassName", k.ClassNames);
            w.WriteEndElement();
        }
        foreach (var p in i.Packages)
        {
            w.WriteStartElement("PhysicalSPSPackage", Ram);
            Int(w, "LevelCode", p.LevelCode);
            Text(w, "TypeCode", p.TypeCode);
            Text(w, "ItemQuantity", p.Quantity?.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
        foreach (var o in i.Origins)
        {
            w.WriteStartElement("OriginSPSCountry", Ram);
            Text(w, "ID", o.Country?.Value);
            Text(w, "Name", o.CountryName);
            if (o.RegionName is not null || o.RegionLevelCode is not null)
            {
                w.WriteStartElement("SubordinateSPSCountrySubDivision", Ram);
                Text(w, "Name", o.RegionName);
                Text(w, "HierarchicalLevelCode", o.RegionLevelCode);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        foreach (var t in i.Treatments)
        {
            w.WriteStartElement("AppliedSPSProcess", Ram);
            Text(w, "TypeCode", t.TypeCode);
            if (t.Start is not null || t.End is not null || t.Duration is not null)
            {
                w.WriteStartElement("CompletionSPSPeriod", Ram);
                DateTimeString(w, "StartDateTime", t.Start);
                DateTimeString(w, "EndDateTime", t.End);
                Measure(w, "DurationMeasure", t.Duration);
                w.WriteEndElement();
            }
            foreach (var ch in t.Characteristics)
            {
                w.WriteStartElement("ApplicableSPSProcessCharacteristic", Ram);
                LocalizedList(w, "Description", ch.Descriptions);
                Measure(w, "ValueMeasure", ch.Value);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Party(XmlWriter w, string name, PhytoParty? party)
    {
        if (party is null)
        {
            return;
        }
        w.WriteStartElement(name, Ram);
        Text(w, "Name", party.Name);
        foreach (var id in party.Identifiers)
        {
            w.WriteStartElement("TypeCode", Ram);
            if (id.ListName is not null)
            {
                w.WriteAttributeString("listName", id.ListName);
            }
            w.WriteString(id.Value);
            w.WriteEndElement();
        }
        if (party.AddressLines.Count > 0)
        {
            w.WriteStartElement("SpecifiedSPSAddress", Ram);
            for (var i = 0; i < party.AddressLines.Count && i < LineNames.Length; i++)
            {
                Text(w, LineNames[i], party.AddressLines[i]);
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    internal static readonly string[] LineNames = ["LineOne", "LineTwo", "LineThree", "LineFour", "LineFive"];

    private static void Country(XmlWriter w, string name, PhytoCountry? country)
    {
        if (country is null)
        {
            return;
        }
        w.WriteStartElement(name, Ram);
        Text(w, "ID", country.Id?.Value);
        Text(w, "Name", country.Name);
        w.WriteEndElement();
    }

    private static void Note(XmlWriter w, string name, PhytoNote note)
    {
        w.WriteStartElement(name, Ram);
        Text(w, "Subject", note.Subject);
        LocalizedList(w, "Content", note.Contents);
        w.WriteEndElement();
    }

    private static void DateTimeString(XmlWriter w, string name, PhytoDateTime? value)
    {
        if (value is not { } v)
        {
            return;
        }
        w.WriteStartElement(name, Ram);
        w.WriteElementString("DateTimeString", Udt, v.Value);
        w.WriteEndElement();
    }

    private static void Measure(XmlWriter w, string name, Quantity? value)
    {
        if (value is { } q)
        {
            Measure(w, name, new PhytoMeasure(q.Value, q.Unit));
        }
    }

    private static void Measure(XmlWriter w, string name, PhytoMeasure? value)
    {
        if (value is null)
        {
            return;
        }
        w.WriteStartElement(name, Ram);
        if (value.UnitCode is not null)
        {
            w.WriteAttributeString("unitCode", value.UnitCode);
        }
        w.WriteString(value.Value.ToString(CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    private static void LocalizedList(XmlWriter w, string name, IReadOnlyList<LocalizedText> values)
    {
        foreach (var value in values)
        {
            Localized(w, name, value);
        }
    }

    private static void Localized(XmlWriter w, string name, LocalizedText? value)
    {
        if (value is null)
        {
            return;
        }
        w.WriteStartElement(name, Ram);
        if (value.LanguageId is not null)
        {
            w.WriteAttributeString("languageID", value.LanguageId);
        }
        w.WriteString(value.Text);
        w.WriteEndElement();
    }

    private static void Int(XmlWriter w, string name, int? value) =>
        Text(w, name, value?.ToString(CultureInfo.InvariantCulture));

    private static void Text(XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteElementString(name, Ram, value);
        }
    }
}

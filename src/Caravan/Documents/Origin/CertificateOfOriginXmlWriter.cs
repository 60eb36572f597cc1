using System.Globalization;
using System.Xml;
using Caravan.Documents.Common;

namespace Caravan.Documents.Origin;

/// <summary>Writes the XML form element by element, in the order of CertificateOfOrigin-1.xsd; null fields are omitted.</summary>
internal static class CertificateOfOriginXmlWriter
{
    private const string Ns = CertificateOfOriginXml.Namespace;

    public static void WriteElement(XmlWriter w, CertificateOfOrigin c)
    {
        w.WriteStartElement("CertificateOfOrigin", Ns);
        w.WriteAttributeString("version", "1");
        Text(w, "CertificateNumber", c.CertificateNumber);
        Text(w, "Agreement", c.Agreement);
        Text(w, "IssuingCountry", c.IssuingCountry?.Value);
        Text(w, "ImportingCountry", c.ImportingCountry?.Value);
        Date(w, "IssueDate", c.IssueDate);
        if (c.IssuingAuthority is { } authority)
        {
            w.WriteStartElement("IssuingAuthority", Ns);
            Text(w, "Name", authority.Name);
            Text(w, "Country", authority.Country?.Value);
            w.WriteEndElement();
        }
        Party(w, "Exporter", c.Exporter);
        Party(w, "Consignee", c.Consignee);
        Party(w, "Producer", c.Producer);
        if (c.Transport is { } transport)
        {
            w.WriteStartElement("Transport", Ns);
            Date(w, "DepartureDate", transport.DepartureDate);
            Text(w, "Mode", transport.Mode is { } mode ? CertificateOfOriginXml.ModeName(mode) : null);
            Text(w, "MeansId", transport.MeansId);
            Text(w, "PortOfLoading", transport.PortOfLoading?.Value);
            Text(w, "PortOfDischarge", transport.PortOfDischarge?.Value);
            w.WriteEndElement();
        }
        foreach (var item in c.Items)
        {
            if (item is not null)
            {
                Item(w, item);
            }
        }
        if (c.ExporterDeclaration is { } declaration)
        {
            w.WriteStartElement("ExporterDeclaration", Ns);
            Text(w, "Place", declaration.Place);
            Date(w, "Date", declaration.Date);
            Text(w, "SignatoryName", declaration.SignatoryName);
            w.WriteEndElement();
        }
        if (c.Certification is { } certification)
        {
            w.WriteStartElement("Certification", Ns);
            Text(w, "Place", certification.Place);
            Date(w, "Date", certification.Date);
            Text(w, "OfficerName", certification.OfficerName);
            w.WriteEndElement();
        }
        Text(w, "Remarks", c.Remarks);
        w.WriteEndElement();
    }

    private static void Item(XmlWriter w, CertificateItem item)
    {
        w.WriteStartElement("Item", Ns);
        if (item.ItemNumber is { } number)
        {
            w.WriteElementString("ItemNumber", Ns, number.ToString(CultureInfo.InvariantCulture));
        }
        Text(w, "MarksAndNumbers", item.MarksAndNumbers);
        if (item.Packages is { } packages)
        {
            w.WriteStartElement("Packages", Ns);
            if (packages.Count is { } count)
            {
                w.WriteElementString("Count", Ns, count.ToString(CultureInfo.InvariantCulture));
            }
            Text(w, "KindCode", packages.KindCode);
            w.WriteEndElement();
        }
        Text(w, "Description", item.Description);
        Text(w, "HsCode", item.HsCode?.Value);
        if (item.OriginCriterion is { } criterion)
        {
            w.WriteStartElement("OriginCriterion", Ns);
            Text(w, "Kind", criterion.Kind is { } kind ? CertificateOfOriginXml.CriterionCode(kind) : null);
            Decimal(w, "RvcPercentage", criterion.RvcPercentage);
            w.WriteEndElement();
        }
        if (item.Quantity is { } quantity)
        {
            w.WriteStartElement("Quantity", Ns);
            w.WriteAttributeString("unit", quantity.Unit);
            w.WriteString(quantity.Value.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
        Decimal(w, "GrossWeightKg", item.GrossWeightKg);
        if (item.Invoice is { } invoice)
        {
            w.WriteStartElement("Invoice", Ns);
            Text(w, "Number", invoice.Number);
            Date(w, "Date", invoice.Date);
            w.WriteEndElement();
        }
        if (item.FobValue is { } fob)
        {
            w.WriteStartElement("FobValue", Ns);
            w.WriteAttributeString("currency", fob.Currency.Value);
            w.WriteString(fob.Amount.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Party(XmlWriter w, string name, Party? party)
    {
        if (party is null)
        {
            return;
        }
        w.WriteStartElement(name, Ns);
        Text(w, "Name", party.Name);
        foreach (var line in party.AddressLines)
        {
            Text(w, "AddressLine", line);
        }
        Text(w, "City", party.City);
        Text(w, "PostalCode", party.PostalCode);
        Text(w, "Country", party.Country?.Value);
        if (party.Identifier is { } identifier)
        {
            w.WriteStartElement("Identifier", Ns);
            if (identifier.Scheme is not null)
            {
                w.WriteAttributeString("scheme", identifier.Scheme);
            }
            w.WriteString(identifier.Value);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteElementString(name, Ns, value);
        }
    }

    private static void Date(XmlWriter w, string name, DateOnly? value)
    {
        if (value is { } date)
        {
            w.WriteElementString(name, Ns, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    private static void Decimal(XmlWriter w, string name, decimal? value)
    {
        if (value is { } number)
        {
            w.WriteElementString(name, Ns, number.ToString(CultureInfo.InvariantCulture));
        }
    }
}

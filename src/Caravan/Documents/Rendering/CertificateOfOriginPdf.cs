using System.Globalization;
using Caravan.Documents.Origin;
using Caravan.Documents.Rendering.Pdf;
using static Caravan.Documents.Rendering.CertificateDrawing;

namespace Caravan.Documents.Rendering;

/// <summary>
/// Prints an issued certificate of origin on A4 in the style of the Form D boxes: exporter, consignee, transport,
/// the verification QR code, the items table, the exporter's declaration and the authority's certification, with
/// the certificate number and issuing authority in the header of every page. The QR code (drawn as vector modules)
/// encodes the public verification link, which is also printed under it. Fonts: <see cref="RenderingFonts"/>.
/// </summary>
public static class CertificateOfOriginPdf
{

    // Items table columns: item no., marks, packages and description, HS code, origin criterion, quantity / weight, invoice, FOB value.
    private static readonly double[] ColumnWidths = [30, 70, 143, 50, 48, 70, 61, 51.28];
    private static readonly string[] ColumnTitles = ["5. Item", "6. Marks and numbers", "7. Packages and description of goods", "8. HS code", "9. Origin criterion", "10. Quantity, gross weight", "11. Invoice", "FOB value"];

    /// <summary>Renders the certificate; <paramref name="verificationUrl"/> is what the QR code opens.</summary>
    public static byte[] Render(CertificateOfOrigin certificate, Uri verificationUrl)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(verificationUrl);
        var document = new PdfDocumentBuilder(PageWidth, PageHeight)
        {
            Title = $"Certificate of origin {certificate.CertificateNumber}",
            Subject = verificationUrl.ToString(),
            Creator = "Caravan",
        };
        var fonts = new Fonts(document);
        var page = new PageWriter(document, certificate, fonts);
        page.NewPage();

        var top = page.Y;
        var half = ContentWidth / 2;
        var left1 = Box(page.Gfx, fonts, Margin, top, half, "1. Goods consigned from (exporter's name, address, country)", PartyLines(certificate.Exporter));
        var right1 = QrBox(page.Gfx, fonts, Margin + half, top, half, verificationUrl);
        var rowHeight = Math.Max(left1, right1);
        Frame(page.Gfx, Margin, top, half, rowHeight);
        Frame(page.Gfx, Margin + half, top, half, rowHeight);
        top += rowHeight;

        var consignee = PartyLines(certificate.Consignee);
        var transport = TransportLines(certificate.Transport);
        var h2 = Math.Max(Box(page.Gfx, fonts, Margin, top, half, "2. Goods consigned to (consignee's name, address, country)", consignee),
            Box(page.Gfx, fonts, Margin + half, top, half, "3. Means of transport and route", transport));
        Frame(page.Gfx, Margin, top, half, h2);
        Frame(page.Gfx, Margin + half, top, half, h2);
        top += h2;
        if (certificate.Producer is { } producer)
        {
            var h = Box(page.Gfx, fonts, Margin, top, ContentWidth, "4. Producer", [string.Join(", ", PartyLines(producer))]);
            Frame(page.Gfx, Margin, top, ContentWidth, h);
            top += h;
        }
        page.Y = top + 8;

        page.ItemsHeader();
        foreach (var item in certificate.Items)
        {
            page.ItemRow(ItemCells(item));
        }
        page.EndItems();
        page.Y += 8;

        var declaration = certificate.ExporterDeclaration;
        var declarationLines = new List<string>
        {
            $"The undersigned declares that the above details and statements are correct, that all the goods were produced in {CountryName(certificate.IssuingCountry?.Value)} and that they comply with the origin requirements for the goods exported to {CountryName(certificate.ImportingCountry?.Value)}.",
            $"Place and date: {declaration?.Place}, {Date(declaration?.Date)}",
            $"Signatory: {declaration?.SignatoryName}",
        };
        var certification = certificate.Certification;
        var certificationLines = new List<string>
        {
            "It is hereby certified, on the basis of control carried out, that the declaration by the exporter is correct.",
            $"Authority: {certificate.IssuingAuthority?.Name} ({certificate.IssuingAuthority?.Country})",
            $"Place and date: {certification?.Place}, {Date(certification?.Date)}",
            $"Officer: {certification?.OfficerName}",
            "Signed electronically (XML-DSig) by the issuing node; this paper copy is verified through the QR code.",
        };
        var needed = Math.Max(Measure(page.Gfx, fonts, half, declarationLines), Measure(page.Gfx, fonts, half, certificationLines));
        page.EnsureSpace(needed);
        top = page.Y;
        Box(page.Gfx, fonts, Margin, top, half, "12. Declaration by the exporter", declarationLines);
        Box(page.Gfx, fonts, Margin + half, top, half, "13. Certification", certificationLines);
        Frame(page.Gfx, Margin, top, half, needed);
        Frame(page.Gfx, Margin + half, top, half, needed);
        page.Y = top + needed;

        if (!string.IsNullOrWhiteSpace(certificate.Remarks))
        {
            var remarks = new List<string> { certificate.Remarks };
            var h = Measure(page.Gfx, fonts, ContentWidth, remarks);
            page.EnsureSpace(h);
            Box(page.Gfx, fonts, Margin, page.Y, ContentWidth, "Remarks", remarks);
            Frame(page.Gfx, Margin, page.Y, ContentWidth, h);
            page.Y += h;
        }
        page.Finish();

        return document.Build();
    }

    private static string[] ItemCells(CertificateItem item) =>
    [
        item.ItemNumber?.ToString(CultureInfo.InvariantCulture) ?? "",
        item.MarksAndNumbers ?? "",
        $"{(item.Packages is { } p ? $"{p.Count} {p.KindCode}; " : "")}{item.Description}",
        item.HsCode?.ToString() ?? "",
        item.OriginCriterion is { } c ? Criterion(c) : "",
        $"{item.Quantity}{(item.GrossWeightKg is { } g ? $"; gross {g.ToString(CultureInfo.InvariantCulture)} kg" : "")}",
        item.Invoice is { } inv ? $"{inv.Number} {Date(inv.Date)}" : "",
        item.FobValue?.ToString() ?? "",
    ];

    private static string Criterion(OriginCriterion criterion) => criterion.Kind switch
    {
        OriginCriterionKind.WhollyObtained => "WO",
        OriginCriterionKind.ProducedEntirely => "PE",
        OriginCriterionKind.RegionalValueContent => $"RVC {criterion.RvcPercentage?.ToString(CultureInfo.InvariantCulture)}%",
        OriginCriterionKind.ChangeInChapter => "CC",
        OriginCriterionKind.ChangeInTariffHeading => "CTH",
        OriginCriterionKind.ChangeInTariffSubheading => "CTSH",
        OriginCriterionKind.ProductSpecificRule => "PSR",
        null => "",
        _ => criterion.Kind.Value.ToString(),
    };

    private static List<string> PartyLines(Party? party)
    {
        if (party is null)
        {
            return [];
        }
        var lines = new List<string> { party.Name ?? "" };
        lines.AddRange(party.AddressLines);
        lines.Add(string.Join(" ", new[] { party.PostalCode, party.City }.Where(s => !string.IsNullOrWhiteSpace(s))) + (party.Country is { } c ? $", {CountryName(c.Value)}" : ""));
        if (party.Identifier is { } id)
        {
            lines.Add($"{id.Scheme} {id.Value}");
        }
        return lines;
    }

    private static List<string> TransportLines(TransportDetails? transport) => transport is null
        ? []
        :
        [
            $"Departure date: {Date(transport.DepartureDate)}",
            $"Mode: {transport.Mode?.ToString().ToLowerInvariant()}",
            $"Vessel / vehicle: {transport.MeansId}",
            $"Port of loading: {transport.PortOfLoading}",
            $"Port of discharge: {transport.PortOfDischarge}",
        ];

    private static string CountryName(string? code) => code ?? "?";

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Keeps the current page, its header and the items table continuing across pages.</summary>
    private sealed class PageWriter(PdfDocumentBuilder document, CertificateOfOrigin certificate, Fonts fonts)
    {
        private PdfCanvas? _gfx;
        private bool _inItems;

        public PdfCanvas Gfx => _gfx ?? throw new InvalidOperationException("No page yet.");

        public double Y { get; set; }

        public void NewPage()
        {
            _gfx = document.AddPage();
            var g = _gfx;
            Y = Header(g, fonts, "CERTIFICATE OF ORIGIN",
                [$"Agreement: {certificate.Agreement}    Issued in {certificate.IssuingCountry}    Importing country: {certificate.ImportingCountry}"],
                [($"Reference No. {certificate.CertificateNumber}", fonts.Heading), (certificate.IssuingAuthority?.Name ?? "", fonts.Small)]);
            var pageText = $"Page {document.PageCount}";
            g.DrawText(pageText, fonts.Small, PageWidth - Margin - fonts.Small.Measure(pageText), PageHeight - (Margin / 2));
        }

        public void EnsureSpace(double height)
        {
            if (Y + height > PageHeight - Margin)
            {
                NewPage();
                if (_inItems)
                {
                    ItemsHeader();
                }
            }
        }

        public void ItemsHeader()
        {
            _inItems = true;
            var heights = ColumnTitles.Select((t, i) => Wrap(Gfx, t, fonts.Label, ColumnWidths[i] - (2 * Pad)).Count * 8.0).ToArray();
            var h = heights.Max() + (2 * Pad);
            if (Y + h + 30 > PageHeight - Margin)
            {
                NewPage();
            }
            var x = Margin;
            for (var i = 0; i < ColumnTitles.Length; i++)
            {
                var ty = Y + Pad + 6;
                foreach (var line in Wrap(Gfx, ColumnTitles[i], fonts.Label, ColumnWidths[i] - (2 * Pad)))
                {
                    Gfx.DrawText(line, fonts.Label, x + Pad, ty);
                    ty += 8;
                }
                Frame(Gfx, x, Y, ColumnWidths[i], h);
                x += ColumnWidths[i];
            }
            Y += h;
        }

        public void ItemRow(string[] cells)
        {
            var wrapped = cells.Select((c, i) => Wrap(Gfx, c, fonts.Body, ColumnWidths[i] - (2 * Pad), breakAnywhere: false)).ToArray();
            var h = (wrapped.Max(w => w.Count) * fonts.BodyLine) + (2 * Pad);
            EnsureSpace(h);
            var x = Margin;
            for (var i = 0; i < cells.Length; i++)
            {
                var ty = Y + Pad + 8;
                foreach (var line in wrapped[i])
                {
                    Gfx.DrawText(line, fonts.Body, x + Pad, ty);
                    ty += fonts.BodyLine;
                }
                Frame(Gfx, x, Y, ColumnWidths[i], h);
                x += ColumnWidths[i];
            }
            Y += h;
        }

        public void EndItems() => _inItems = false;

        public void Finish()
        {
            _inItems = false;
            _gfx = null;
        }
    }
}

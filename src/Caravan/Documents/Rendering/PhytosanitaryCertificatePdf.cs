using System.Globalization;
using Caravan.Documents.Phyto;
using Caravan.Documents.Rendering.Pdf;
using static Caravan.Documents.Rendering.CertificateDrawing;

namespace Caravan.Documents.Rendering;

/// <summary>
/// Prints an issued ePhyto on A4 in the layout of the ISPM 12 model phytosanitary certificate: the issuing and the
/// importing NPPO, the description of the consignment (exporter, consignee, packages, marks, place of origin, means
/// of conveyance, point of entry, produce and quantity, botanical names), the certification, the additional
/// declaration, the treatments, and the place, date and officer of issue, with the verification QR code. Long
/// consignments continue on further pages with the header repeated.
/// </summary>
public static class PhytosanitaryCertificatePdf
{
    public static byte[] Render(PhytosanitaryCertificate certificate, Uri verificationUrl)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(verificationUrl);
        var document = new PdfDocumentBuilder(PageWidth, PageHeight)
        {
            Title = $"Phytosanitary certificate {certificate.Document?.Id}",
            Subject = verificationUrl.ToString(),
            Creator = "Caravan",
        };
        var fonts = new Fonts(document);
        var c = certificate.Consignment ?? new PhytoConsignment();
        var d = certificate.Document ?? new PhytoExchangedDocument();
        var pages = new Pages(document, fonts, d);
        var half = ContentWidth / 2;

        var top = pages.Y;
        var to = new List<string>
        {
            $"From: Plant Protection Organization of {c.ExportCountry?.Name ?? c.ExportCountry?.Id?.Value}",
            $"To: Plant Protection Organization(s) of {c.ImportCountry?.Name ?? c.ImportCountry?.Id?.Value}",
            $"Issued by: {d.IssuerName}",
        };
        var left = Box(pages.Canvas, fonts, Margin, top, half, "Issuing and importing organizations", to);
        var right = QrBox(pages.Canvas, fonts, Margin + half, top, half, verificationUrl);
        var h = Math.Max(left, right);
        Frame(pages.Canvas, Margin, top, half, h);
        Frame(pages.Canvas, Margin + half, top, half, h);
        pages.Y = top + h;

        pages.Row("I. Description of consignment", []);
        pages.Pair("Name and address of exporter", PartyLines(c.Consignor), "Declared name and address of consignee", PartyLines(c.Consignee));
        pages.Pair("Declared means of conveyance", c.MainCarriages.Select(m => $"{Mode(m.ModeCode)} {m.MeansName} {m.Id}".Trim()).ToList(),
            "Declared point of entry", [c.UnloadingPort is { } port ? $"{port.Name} ({port.Id?.Value})".Trim() : ""]);
        var marks = d.Notes.Where(n => n.Subject == PhytoNoteSubjects.DistinguishingMarks).SelectMany(n => n.Contents).Select(t => t.Text).ToList();
        if (marks.Count > 0)
        {
            pages.Row("Distinguishing marks", marks);
        }
        foreach (var item in c.Items)
        {
            pages.Row($"Item {item.SequenceNumber}", ItemLines(item));
        }

        pages.Row("II. Certification", d.Signatory?.Clauses.Select(cl => cl.Content ?? "").Where(t => t.Length > 0).ToList() ?? []);
        pages.Row("III. Additional declaration", certificate.AdditionalDeclarations.SelectMany(n => n.Contents).Select(t => t.Text).DefaultIfEmpty("None.").ToList());
        var treatments = c.Items.SelectMany(i => i.Treatments.Select(TreatmentLine).Where(t => t.Length > 0).Select(t => $"Item {i.SequenceNumber}: {t}")).ToList();
        pages.Row("IV. Disinfestation and/or disinfection treatment", treatments.DefaultIfEmpty("None.").ToList());
        pages.Pair("Place of issue and date", [$"{d.Signatory?.PlaceName}, {d.IssueDateTime?.Value}"],
            "Name of authorized officer", [d.Signatory?.OfficerName ?? "", "Signed electronically (XML-DSig) by the issuing node; this paper copy is verified through the QR code."]);
        return document.Build();
    }

    private static List<string> ItemLines(PhytoTradeLineItem item)
    {
        var lines = new List<string>();
        var description = string.Join("; ", item.Descriptions.Select(t => Clean(t.Text)).Where(t => t.Length > 0));
        lines.Add($"Name of produce: {description}");
        if (item.ScientificNames.Count > 0)
        {
            lines.Add("Botanical name: " + string.Join(", ", item.ScientificNames.Select(t => t.Text)));
        }
        if (item.CommonNames.Count > 0)
        {
            lines.Add("Common name: " + string.Join(", ", item.CommonNames.Select(t => t.Text)));
        }
        var quantity = new[] { item.NetWeight is { } n ? $"net {n}" : null, item.GrossWeight is { } g ? $"gross {g}" : null, item.NetVolume is { } v ? $"volume {v}" : null }.Where(x => x is not null).ToList();
        if (quantity.Count > 0)
        {
            lines.Add("Quantity declared: " + string.Join(", ", quantity));
        }
        if (item.Packages.Count > 0)
        {
            lines.Add("Packages: " + string.Join(", ", item.Packages.Select(p => $"{p.Quantity?.ToString("0.###", CultureInfo.InvariantCulture)} {p.TypeCode}")));
        }
        if (item.Origins.Count > 0)
        {
            lines.Add("Place of origin: " + string.Join(", ", item.Origins.Select(o => string.Join(", ", new[] { o.RegionName, o.CountryName ?? o.Country?.Value }.Where(x => !string.IsNullOrWhiteSpace(x))))));
        }
        var hs = item.Classifications.FirstOrDefault(x => x.SystemName == PhytoCodes.SystemHs)?.ClassCode;
        if (hs is not null)
        {
            lines.Add("HS code: " + hs);
        }
        return lines;
    }

    private static string TreatmentLine(PhytoTreatment treatment)
    {
        var parts = new List<string>();
        if (treatment.Start is { } start)
        {
            parts.Add($"date {start.Value}{(treatment.End is { } end && end.Value != start.Value ? $" to {end.Value}" : "")}");
        }
        foreach (var characteristic in treatment.Characteristics)
        {
            var text = string.Join(" ", characteristic.Descriptions.Select(t => t.Text));
            parts.Add(characteristic.Value is { } value ? $"{text} {value.Value.ToString(CultureInfo.InvariantCulture)} {value.UnitCode}".Trim() : text);
        }
        if (treatment.Duration is { } duration)
        {
            parts.Add($"duration {duration.Value.ToString(CultureInfo.InvariantCulture)} {duration.UnitCode}");
        }
        return string.Join("; ", parts);
    }

    private static List<string> PartyLines(PhytoParty? party) => party is null ? [] : [party.Name ?? "", .. party.AddressLines];

    private static string Mode(int? code) => code switch
    {
        1 => "Sea",
        2 => "Rail",
        3 => "Road",
        4 => "Air",
        5 => "Post",
        8 => "Inland water",
        _ => "",
    };

    /// <summary>The page being written, and the header repeated on every page.</summary>
    private sealed class Pages
    {
        private readonly PdfDocumentBuilder _document;
        private readonly Fonts _fonts;
        private readonly PhytoExchangedDocument _header;

        public Pages(PdfDocumentBuilder document, Fonts fonts, PhytoExchangedDocument header)
        {
            _document = document;
            _fonts = fonts;
            _header = header;
            NewPage();
        }

        public PdfCanvas Canvas { get; private set; } = null!;

        public double Y { get; set; }

        public void Row(string label, IReadOnlyList<string> lines)
        {
            var h = Measure(Canvas, _fonts, ContentWidth, lines);
            EnsureSpace(h);
            Box(Canvas, _fonts, Margin, Y, ContentWidth, label, lines);
            Frame(Canvas, Margin, Y, ContentWidth, h);
            Y += h;
        }

        public void Pair(string leftLabel, IReadOnlyList<string> left, string rightLabel, IReadOnlyList<string> right)
        {
            var half = ContentWidth / 2;
            var h = Math.Max(Measure(Canvas, _fonts, half, left), Measure(Canvas, _fonts, half, right));
            EnsureSpace(h);
            Box(Canvas, _fonts, Margin, Y, half, leftLabel, left);
            Box(Canvas, _fonts, Margin + half, Y, half, rightLabel, right);
            Frame(Canvas, Margin, Y, half, h);
            Frame(Canvas, Margin + half, Y, half, h);
            Y += h;
        }

        private void EnsureSpace(double height)
        {
            if (Y + height > PageHeight - Margin)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            Canvas = _document.AddPage();
            var type = _header.TypeCode == PhytoCodes.ReExportCertificate ? "PHYTOSANITARY CERTIFICATE FOR RE-EXPORT" : "PHYTOSANITARY CERTIFICATE";
            var status = _header.StatusCode == PhytoCodes.StatusReplacement ? "Replacement certificate" : "";
            Y = Header(Canvas, _fonts, type, [$"ePhyto (IPPC, UN/CEFACT SPSCertificate)  {status}".Trim()], [($"No. {_header.Id}", _fonts.Heading)]);
            var page = $"Page {_document.PageCount}";
            Canvas.DrawText(page, _fonts.Small, PageWidth - Margin - _fonts.Small.Measure(page), PageHeight - (Margin / 2));
        }
    }
}

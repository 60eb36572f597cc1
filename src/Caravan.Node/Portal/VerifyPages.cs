namespace Caravan.Node.Portal;

/// <summary>
/// The anonymous public verification page: upload a signed certificate file, or open the link from its QR code.
/// It says only whether the certificate is authentic, who issued it and its current status here.
/// </summary>
internal static class VerifyPages
{
    public static void MapVerifyPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/verify").AllowAnonymous().ExcludeFromDescription();

        group.MapGet("", (HttpContext http) => UploadPage(http));

        group.MapPost("", async (HttpContext http, CertificateVerifier verifier) =>
        {
            var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
            if (form is null)
            {
                return PortalForms.Rejected(http);
            }
            var file = form.Files.GetFile("certificate");
            CertificateVerification result;
            if (file is null || file.Length == 0)
            {
                result = new CertificateVerification(false, "No file was uploaded.");
            }
            else if (file.Length > CertificateVerifier.MaxUploadBytes)
            {
                result = new CertificateVerification(false, "The file is too large to be a certificate of origin.");
            }
            else
            {
                using var buffer = new MemoryStream((int)file.Length);
                await file.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
                result = await verifier.VerifyUploadAsync(buffer.ToArray(), http.RequestAborted).ConfigureAwait(false);
            }
            return new PortalPage(http).Render("Verification result", h =>
            {
                Verdict(h, result);
                h.Open("p").Link("/verify", "Verify another certificate").Close("p");
            });
        });

        group.MapGet("/{issuingCountry}/{number}", async (string issuingCountry, string number, string? k, HttpContext http, CertificateVerifier verifier) =>
        {
            var result = await verifier.VerifyLinkAsync(issuingCountry, number, k, http.RequestAborted).ConfigureAwait(false);
            return result is null
                ? new PortalPage(http).Render("Certificate not found", h =>
                {
                    h.Element("p", "No certificate matches this link. Check that the whole link or QR code was used.", ("class", "verdict bad"), ("id", "verdict"));
                    h.Open("p").Link("/verify", "Upload the certificate file instead").Close("p");
                }, StatusCodes.Status404NotFound)
                : new PortalPage(http).Render("Certificate verification", h => Verdict(h, result));
        });
    }

    private static IResult UploadPage(HttpContext http)
    {
        var page = new PortalPage(http);
        return page.Render("Verify a certificate of origin", h =>
        {
            h.Element("p", "Upload the electronic certificate (the signed XML file) to check that it is authentic and unaltered, who issued it and its current status. Nothing you upload is stored.");
            h.Open("div", ("class", "card"));
            h.Form("/verify", page.Token, encType: "multipart/form-data")
                .Open("div", ("class", "field"))
                .Element("label", "Certificate file (XML)", ("for", "f-certificate"))
                .Void("input", ("id", "f-certificate"), ("name", "certificate"), ("type", "file"), ("accept", ".xml,application/xml,text/xml"), ("required", ""))
                .Close("div")
                .Element("button", "Verify", ("type", "submit"))
                .Close("form");
            h.Close("div");
            h.Element("p", "A paper certificate carries a QR code: scanning it opens this certificate's status directly.", ("class", "muted"));
        });
    }

    private static void Verdict(Html h, CertificateVerification result)
    {
        h.Element("p", result.IsAuthentic ? "Authentic" : "Not authentic", ("class", result.IsAuthentic ? "verdict ok" : "verdict bad"), ("id", "verdict"));
        h.Element("p", result.Reason, ("id", "reason"));
        if (!result.IsAuthentic)
        {
            return;
        }
        h.Open("div", ("class", "card")).Open("dl", ("class", "facts"), ("id", "facts"));
        OperatorPages.Fact(h, "Certificate number", result.Number);
        OperatorPages.Fact(h, "Issuing country", result.IssuingCountry);
        OperatorPages.Fact(h, "Issued by", result.IssuingAuthority);
        OperatorPages.Fact(h, "Issue date", result.IssueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        OperatorPages.Fact(h, "Exporter", result.ExporterName);
        OperatorPages.Fact(h, "Importing country", result.ImportingCountry);
        h.Element("dt", "Current status").Open("dd").Element("span", result.Status ?? "not on record here", ("class", "status"), ("id", "status")).Close("dd");
        if (result.StatusAt is { } at)
        {
            OperatorPages.Fact(h, "Status as of", PortalFormat.Time(at));
        }
        h.Close("dl").Close("div");
    }
}

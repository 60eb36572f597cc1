using System.Security.Claims;
using System.Text;
using Caravan.Common;
using Caravan.Documents.Origin;
using Caravan.Documents.Phyto;
using Caravan.Window.Phyto;
using Caravan.Documents.Rendering;
using Caravan.Node.Api.Security;
using Caravan.Node.Hosting;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Certificates;
using Caravan.Window.Origin;

namespace Caravan.Node.Portal;

/// <summary>
/// Certificate-of-origin pages over <see cref="OriginWorkflow"/> and <see cref="CertificateStore"/>: the exporter's
/// own applications and certificates (with XML and PDF downloads), the authority's queue with approve and reject,
/// and customs' received certificates with remaining quantities. Records a party may not see answer 404.
/// </summary>
internal static class OriginPages
{
    public static void MapOriginPages(this IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup("/portal").ExcludeFromDescription();

        portal.MapGet("/trader", async (HttpContext http, OriginWorkflow workflow, CertificateStore store, CaravanDatabase database) =>
        {
            var own = http.User.GetPartyId();
            var applications = await database.ReadAsync((c, ct) => workflow.ListApplicationsAsync(own, 200, c, ct), http.RequestAborted).ConfigureAwait(false);
            var certificates = await database.ReadAsync((c, ct) => store.ListAsync(CertificateDirection.Issued, own, 200, c, ct), http.RequestAborted).ConfigureAwait(false);
            return new PortalPage(http).Render("My applications and certificates", h =>
            {
                h.Element("h2", "Applications");
                ApplicationsTable(h, applications, "applications");
                h.Element("h2", "Certificates");
                CertificatesTable(h, certificates, "certificates");
            });
        }).RequireAuthorization(PortalAuth.Trader);

        portal.MapGet("/authority", async (HttpContext http, OriginWorkflow workflow, CaravanDatabase database) =>
        {
            var applications = await database.ReadAsync((c, ct) => workflow.ListApplicationsAsync(null, 1000, c, ct), http.RequestAborted).ConfigureAwait(false);
            return new PortalPage(http).Render("Applications waiting for a decision", h =>
            {
                var queue = applications.Where(a => a.Status == OriginApplicationStatus.Submitted).OrderBy(a => a.CreatedAt).ToList();
                if (queue.Count == 0)
                {
                    h.Element("p", "The queue is empty.", ("id", "queue-empty"));
                }
                else
                {
                    ApplicationsTable(h, queue, "queue");
                }
                h.Element("h2", "Recently decided");
                ApplicationsTable(h, applications.Where(a => a.Status != OriginApplicationStatus.Submitted).Take(50).ToList(), "decided");
            });
        }).RequireAuthorization(PortalAuth.IssuingAuthority);

        portal.MapGet("/authority/certificates", async (HttpContext http, CertificateStore store, CaravanDatabase database) =>
        {
            var certificates = await database.ReadAsync((c, ct) => store.ListAsync(CertificateDirection.Issued, null, 500, c, ct), http.RequestAborted).ConfigureAwait(false);
            return new PortalPage(http).Render("Issued certificates", h => CertificatesTable(h, certificates, "certificates"));
        }).RequireAuthorization(PortalAuth.IssuingAuthority);

        portal.MapGet("/customs", async (HttpContext http, CertificateStore store, CaravanDatabase database) =>
        {
            var list = await database.ReadAsync(async (c, ct) =>
            {
                var received = await store.ListAsync(CertificateDirection.Received, null, 200, c, ct).ConfigureAwait(false);
                var full = new List<CertificateView>(received.Count);
                foreach (var r in received)
                {
                    full.Add((await store.FindAsync(r.IssuingCountry, r.Number, c, null, ct).ConfigureAwait(false))!);
                }
                return full;
            }, http.RequestAborted).ConfigureAwait(false);
            return new PortalPage(http).Render("Received certificates", h =>
            {
                if (list.Count == 0)
                {
                    h.Element("p", "No certificate has been received yet.", ("class", "muted"));
                    return;
                }
                h.Open("div", ("class", "table-wrap")).Open("table", ("id", "received")).Open("thead").Open("tr");
                foreach (var title in new[] { "Certificate", "From", "Status", "Received", "Remaining by item" })
                {
                    h.Element("th", title, ("scope", "col"));
                }
                h.Close("tr").Close("thead").Open("tbody");
                foreach (var c in list)
                {
                    h.Open("tr").Open("td").Link(CertificatePath(c), c.Number).Close("td")
                        .Element("td", c.IssuingCountry).Open("td").Element("span", c.Status, ("class", "status")).Close("td")
                        .Element("td", PortalFormat.Time(c.IssuedAt))
                        .Element("td", string.Join("; ", c.Items.Select(i => $"#{i.ItemNumber} HS {i.HsCode}: {PortalFormat.Number(i.Remaining)} of {PortalFormat.Number(i.Quantity)} {i.Unit}")))
                        .Close("tr");
                }
                h.Close("tbody").Close("table").Close("div");
            });
        }).RequireAuthorization(PortalAuth.Customs);

        portal.MapGet("/applications/{id}", (string id, HttpContext http) => ApplicationPageAsync(http, id, null))
            .RequireAuthorization(PortalAuth.AnyAccount);

        portal.MapPost("/applications/{id}/approve", async (string id, HttpContext http, OriginWorkflow workflow, CaravanDatabase database) =>
        {
            var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
            if (form is null)
            {
                return PortalForms.Rejected(http);
            }
            var place = form.Value("place");
            var result = await PortalForms.InTransactionAsync(database, (unit, ct) => workflow.ApproveAsync(http.User.GetPartyId(), id,
                new OriginWorkflow.ApproveRequest(form.Value("officerName"), place.Length == 0 ? null : place), unit, ct), http.RequestAborted).ConfigureAwait(false);
            return result.IsSuccess
                ? Results.Redirect(CertificatePath(result.Value))
                : await ApplicationPageAsync(http, id, result.Failure).ConfigureAwait(false);
        }).RequireAuthorization(PortalAuth.IssuingAuthority);

        portal.MapPost("/applications/{id}/reject", async (string id, HttpContext http, OriginWorkflow workflow, CaravanDatabase database) =>
        {
            var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
            if (form is null)
            {
                return PortalForms.Rejected(http);
            }
            var result = await PortalForms.InTransactionAsync(database, (unit, ct) =>
                workflow.RejectAsync(id, new OriginWorkflow.RejectRequest(form.Value("reason")), unit, ct), http.RequestAborted).ConfigureAwait(false);
            return result.IsSuccess
                ? Results.Redirect($"/portal/applications/{Uri.EscapeDataString(id)}")
                : await ApplicationPageAsync(http, id, result.Failure).ConfigureAwait(false);
        }).RequireAuthorization(PortalAuth.IssuingAuthority);

        portal.MapGet("/certificates/{issuingCountry}/{number}", async (string issuingCountry, string number, HttpContext http, NodeRuntime runtime) =>
        {
            var certificate = await FindVisibleAsync(http, issuingCountry, number).ConfigureAwait(false);
            if (certificate is null)
            {
                return NotFound(http, "Certificate not found");
            }
            return new PortalPage(http).Render($"Certificate {certificate.Number}", h =>
            {
                h.Open("div", ("class", "card")).Open("dl", ("class", "facts"));
                OperatorPages.Fact(h, "Status", certificate.Status);
                OperatorPages.Fact(h, "Issued in", certificate.IssuingCountry);
                OperatorPages.Fact(h, certificate.Direction == CertificateDirection.Issued ? "Sent to" : "Received from", certificate.PartnerCountry);
                OperatorPages.Fact(h, "Issued", PortalFormat.Time(certificate.IssuedAt));
                OperatorPages.Fact(h, "Last change", PortalFormat.Time(certificate.UpdatedAt));
                h.Close("dl").Close("div");
                var basePath = CertificatePath(certificate);
                h.Open("p").Link(basePath + "/xml", "Download the signed XML", ("class", "button"), ("id", "download-xml"));
                if (certificate.Direction == CertificateDirection.Issued)
                {
                    h.Text(" ").Link(basePath + "/pdf", "Download the PDF", ("class", "button"), ("id", "download-pdf"));
                }
                h.Close("p");
                if (certificate.Direction == CertificateDirection.Issued)
                {
                    h.Open("p", ("class", "muted")).Text("Public verification link (printed as a QR code on the PDF): ")
                        .Element("code", VerificationLink.For(runtime.PublicBaseUrl, certificate.IssuingCountry, certificate.Number, certificate.SignedXml).ToString(), ("id", "verification-link"))
                        .Close("p");
                }
                h.Element("h2", "Items");
                h.Table(["Item", "HS code", "Quantity", "Used", "Remaining", "Unit"],
                    certificate.Items.Select(i => new[] { PortalFormat.Number(i.ItemNumber), i.HsCode, PortalFormat.Number(i.Quantity), PortalFormat.Number(i.Used), PortalFormat.Number(i.Remaining), i.Unit }), "items");
                h.Element("h2", "Uses against import declarations");
                if (certificate.Utilizations.Count == 0)
                {
                    h.Element("p", "Not used yet.", ("class", "muted"));
                }
                else
                {
                    h.Table(["Declaration", "Item", "Quantity", "At"],
                        certificate.Utilizations.Select(u => new[] { u.DeclarationNumber, PortalFormat.Number(u.ItemNumber), PortalFormat.Number(u.Quantity), PortalFormat.Time(u.At) }), "uses");
                }
                h.Element("h2", "History");
                h.Table(["#", "Status", "At", "By", "Reason"],
                    certificate.History.Select(e => new[] { PortalFormat.Number(e.Seq), e.Status, PortalFormat.Time(e.At), e.Actor, e.Reason }), "history");
            });
        }).RequireAuthorization(PortalAuth.AnyAccount);

        portal.MapGet("/certificates/{issuingCountry}/{number}/xml", async (string issuingCountry, string number, HttpContext http) =>
        {
            var certificate = await FindVisibleAsync(http, issuingCountry, number).ConfigureAwait(false);
            if (certificate is null)
            {
                return NotFound(http, "Certificate not found");
            }
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(Encoding.UTF8.GetBytes(certificate.SignedXml), "application/xml", FileName(certificate, "xml"));
        }).RequireAuthorization(PortalAuth.AnyAccount);

        portal.MapGet("/certificates/{issuingCountry}/{number}/pdf", async (string issuingCountry, string number, HttpContext http, NodeRuntime runtime) =>
        {
            var certificate = await FindVisibleAsync(http, issuingCountry, number).ConfigureAwait(false);
            if (certificate is null || certificate.Direction != CertificateDirection.Issued)
            {
                return NotFound(http, "Certificate not found");
            }
            var link = VerificationLink.For(runtime.PublicBaseUrl, certificate.IssuingCountry, certificate.Number, certificate.SignedXml);
            byte[] pdf;
            if (certificate.DocumentType == PhytoWorkflow.DocumentType)
            {
                var phyto = PhytoXml.Read(Encoding.UTF8.GetBytes(certificate.SignedXml)).Document
                    ?? throw new InvalidOperationException($"Stored ePhyto {certificate.Number} no longer parses.");
                pdf = PhytosanitaryCertificatePdf.Render(phyto, link);
            }
            else
            {
                var document = CertificateOfOriginXml.Read(certificate.SignedXml, CertificateOfOriginStage.Issued).Document
                    ?? throw new InvalidOperationException($"Stored certificate {certificate.Number} no longer parses.");
                pdf = CertificateOfOriginPdf.Render(document, link);
            }
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(pdf, "application/pdf", FileName(certificate, "pdf"));
        }).RequireAuthorization(PortalAuth.AnyAccount);
    }

    private static async Task<IResult> ApplicationPageAsync(HttpContext http, string id, Failure? failure)
    {
        var workflow = http.RequestServices.GetRequiredService<OriginWorkflow>();
        var database = http.RequestServices.GetRequiredService<CaravanDatabase>();
        var application = await database.ReadAsync((c, ct) => workflow.FindApplicationAsync(id, c, null, ct), http.RequestAborted).ConfigureAwait(false);
        var role = http.User.GetRole();
        var visible = application is not null && role switch
        {
            PartyRole.Trader => application.ExporterPartyId == http.User.GetPartyId(),
            PartyRole.IssuingAuthority => true,
            PartyRole.Customs or PartyRole.Operator => false,
            _ => false,
        };
        if (!visible)
        {
            return NotFound(http, "Application not found");
        }
        var read = CertificateOfOriginJson.Read(application!.Certificate.GetRawText(), CertificateOfOriginStage.Application);
        var certificate = read.Document;
        var page = new PortalPage(http);
        return page.Render($"Application {application.Id}", h =>
        {
            OperatorPages.Messages(h, null, failure);
            h.Open("div", ("class", "card")).Open("dl", ("class", "facts"));
            h.Element("dt", "Status").Open("dd").Element("span", application.Status.ToString().ToLowerInvariant(), ("class", "status"), ("id", "application-status")).Close("dd");
            OperatorPages.Fact(h, "Exporter", certificate?.Exporter?.Name);
            OperatorPages.Fact(h, "Consignee", certificate?.Consignee?.Name);
            OperatorPages.Fact(h, "Destination", application.DestinationCountry);
            OperatorPages.Fact(h, "Submitted", PortalFormat.Time(application.CreatedAt));
            OperatorPages.Fact(h, "Last change", PortalFormat.Time(application.UpdatedAt));
            if (application.DecisionReason is not null)
            {
                OperatorPages.Fact(h, "Reason for rejection", application.DecisionReason);
            }
            h.Close("dl").Close("div");
            if (application.CertificateNumber is { } number)
            {
                var runtime = http.RequestServices.GetRequiredService<NodeRuntime>();
                h.Open("p").Text("Certificate: ").Link($"/portal/certificates/{runtime.CountryCode}/{Uri.EscapeDataString(number)}", number, ("id", "certificate-link")).Close("p");
            }
            if (certificate is not null)
            {
                h.Element("h2", "Goods");
                h.Table(["Item", "Description", "HS code", "Quantity", "Origin criterion"],
                    certificate.Items.Select(i => new[] { i.ItemNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Description, i.HsCode?.ToString(), i.Quantity?.ToString(), i.OriginCriterion?.Kind?.ToString() }));
            }
            if (role == PartyRole.IssuingAuthority && application.Status == OriginApplicationStatus.Submitted)
            {
                h.Open("div", ("class", "grid2"));
                h.Open("div", ("class", "card")).Element("h2", "Approve and issue");
                h.Form($"/portal/applications/{Uri.EscapeDataString(application.Id)}/approve", page.Token)
                    .Field("Certifying officer", "officerName", value: http.User.Identity?.Name, maxLength: 200)
                    .Field("Place", "place", required: false, maxLength: 200)
                    .Element("button", "Approve and issue", ("type", "submit"), ("id", "approve"))
                    .Close("form").Close("div");
                h.Open("div", ("class", "card")).Element("h2", "Reject");
                h.Form($"/portal/applications/{Uri.EscapeDataString(application.Id)}/reject", page.Token)
                    .Field("Reason (the exporter sees it)", "reason", "textarea", maxLength: 2000)
                    .Element("button", "Reject", ("type", "submit"), ("class", "danger"), ("id", "reject"))
                    .Close("form").Close("div");
                h.Close("div");
            }
        }, failure is null ? 200 : PortalFormat.StatusOf(failure));
    }

    /// <summary>The certificate when the signed-in party may see it (same rules as the API); otherwise null, shown as 404.</summary>
    private static async Task<CertificateView?> FindVisibleAsync(HttpContext http, string issuingCountry, string number)
    {
        if (issuingCountry.Length != 2 || number.Length > 100)
        {
            return null;
        }
        var store = http.RequestServices.GetRequiredService<CertificateStore>();
        var database = http.RequestServices.GetRequiredService<CaravanDatabase>();
        var certificate = await database.ReadAsync((c, ct) => store.FindAsync(issuingCountry.ToUpperInvariant(), number, c, null, ct), http.RequestAborted).ConfigureAwait(false);
        return certificate is not null && MaySee(http.User, certificate) ? certificate : null;
    }

    private static bool MaySee(ClaimsPrincipal user, CertificateView certificate) => (user.GetRole(), certificate.Direction) switch
    {
        (PartyRole.Trader, CertificateDirection.Issued) => certificate.ExporterPartyId == user.GetPartyId(),
        (PartyRole.IssuingAuthority, CertificateDirection.Issued) => true,
        (PartyRole.Customs, CertificateDirection.Received) => true,
        (PartyRole.Agency, CertificateDirection.Received) => true,
        (PartyRole.Agency, CertificateDirection.Issued) => certificate.IssuedByPartyId == user.GetPartyId(),
        (PartyRole.Operator, _) => true,
        _ => false,
    };

    private static IResult NotFound(HttpContext http, string title) =>
        new PortalPage(http).Render(title, h => h.Element("p", "There is no such record, or it is not yours to see.", ("class", "error")), StatusCodes.Status404NotFound);

    private static string CertificatePath(CertificateView c) => $"/portal/certificates/{c.IssuingCountry}/{Uri.EscapeDataString(c.Number)}";

    private static string FileName(CertificateView c, string extension) =>
        new string(c.Number.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_').ToArray()) + "." + extension;

    private static void ApplicationsTable(Html h, IReadOnlyList<OriginApplication> applications, string id)
    {
        if (applications.Count == 0)
        {
            h.Element("p", "None.", ("class", "muted"));
            return;
        }
        h.Open("div", ("class", "table-wrap")).Open("table", ("id", id)).Open("thead").Open("tr");
        foreach (var title in new[] { "Application", "Destination", "Status", "Submitted", "Certificate", "Reason" })
        {
            h.Element("th", title, ("scope", "col"));
        }
        h.Close("tr").Close("thead").Open("tbody");
        foreach (var a in applications)
        {
            h.Open("tr").Open("td").Link($"/portal/applications/{Uri.EscapeDataString(a.Id)}", a.Id).Close("td")
                .Element("td", a.DestinationCountry).Open("td").Element("span", a.Status.ToString().ToLowerInvariant(), ("class", "status")).Close("td")
                .Element("td", PortalFormat.Time(a.CreatedAt)).Element("td", a.CertificateNumber).Element("td", a.DecisionReason).Close("tr");
        }
        h.Close("tbody").Close("table").Close("div");
    }

    private static void CertificatesTable(Html h, IReadOnlyList<CertificateView> certificates, string id)
    {
        if (certificates.Count == 0)
        {
            h.Element("p", "None.", ("class", "muted"));
            return;
        }
        h.Open("div", ("class", "table-wrap")).Open("table", ("id", id)).Open("thead").Open("tr");
        foreach (var title in new[] { "Certificate", "To", "Status", "Issued", "Last change" })
        {
            h.Element("th", title, ("scope", "col"));
        }
        h.Close("tr").Close("thead").Open("tbody");
        foreach (var c in certificates)
        {
            h.Open("tr").Open("td").Link(CertificatePath(c), c.Number).Close("td")
                .Element("td", c.PartnerCountry).Open("td").Element("span", c.Status, ("class", "status")).Close("td")
                .Element("td", PortalFormat.Time(c.IssuedAt)).Element("td", PortalFormat.Time(c.UpdatedAt)).Close("tr");
        }
        h.Close("tbody").Close("table").Close("div");
    }
}

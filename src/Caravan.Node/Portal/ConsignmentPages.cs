using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caravan.Common;
using Caravan.Documents.Declarations;
using Caravan.Documents.Phyto;
using Caravan.Node.Api.Endpoints;
using Caravan.Node.Api.Idempotency;
using Caravan.Node.Api.Security;
using Caravan.Node.Hosting;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Acdd;
using Caravan.Window.Certificates;
using Caravan.Window.Consignments;
using Caravan.Window.Phyto;
using Caravan.Window.Requirements;
using Caravan.Window.Risk;

namespace Caravan.Node.Portal;

/// <summary>
/// The single window in the browser. Traders (and brokers under mandate) lodge a declaration file, submit, follow the
/// tasks and timeline, answer information requests, attach documents, withdraw, and download the certificates issued
/// for their consignments. Agencies work their task queue (filters by status and action) and decide; approving an
/// export's phytosanitary task issues the ePhyto from the declaration plus the botanical names the officer enters.
/// Customs see the ACDD mismatches. Every step calls the same workflow as the API, in one transaction; what a party
/// may see follows the API's rules (another party's consignment is "not found").
/// </summary>
internal static class ConsignmentPages
{
    private const int MaxUploadBytes = 8 * 1024 * 1024;

    public static void MapConsignmentPages(this IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup("/portal").ExcludeFromDescription();

        portal.MapGet("/consignments", (Delegate)((HttpContext http) => ListPageAsync(http, null)))
            .RequireAuthorization(PortalAuth.TraderOrBroker);

        portal.MapPost("/consignments", async (HttpContext http, ConsignmentWorkflow workflow, NodeRuntime runtime, CaravanDatabase database) =>
        {
            var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
            if (form is null)
            {
                return PortalForms.Rejected(http);
            }
            var file = form.Files.GetFile("declaration");
            if (file is null || file.Length == 0)
            {
                return await ListPageAsync(http, Failure.Validation([new FieldError("declaration", "required", "Choose a declaration file (WCO DMS XML or JSON).")])).ConfigureAwait(false);
            }
            if (file.Length > MaxUploadBytes)
            {
                return await ListPageAsync(http, Failure.Validation([new FieldError("declaration", "too_large", $"A declaration file is at most {MaxUploadBytes / (1024 * 1024)} MiB.")])).ConfigureAwait(false);
            }
            var bytes = await ReadAllAsync(file, http.RequestAborted).ConfigureAwait(false);
            var parsed = ReadDeclaration(bytes);
            var onBehalfOf = form.Value("onBehalfOf");
            Result<ConsignmentView> result;
            if (!parsed.IsSuccess)
            {
                result = parsed.Failure;
            }
            else if (Lodgement.Create(parsed.Value, runtime.CountryCode) is { IsSuccess: false } refused)
            {
                result = refused.Failure;
            }
            else
            {
                var lodgement = Lodgement.Create(parsed.Value, runtime.CountryCode).Value;
                result = await PortalForms.InTransactionAsync(database, (unit, ct) =>
                    workflow.CreateDraftAsync(http.User.ToActor(), onBehalfOf.Length == 0 ? null : onBehalfOf, lodgement, unit, ct), http.RequestAborted).ConfigureAwait(false);
            }
            return result.IsSuccess
                ? Results.Redirect(ConsignmentPath(result.Value.Id))
                : await ListPageAsync(http, result.Failure).ConfigureAwait(false);
        }).RequireAuthorization(PortalAuth.TraderOrBroker);

        portal.MapGet("/consignments/{id}", (string id, HttpContext http) => ConsignmentPageAsync(http, id, null, null))
            .RequireAuthorization(PortalAuth.AnyAccount);

        portal.MapPost("/consignments/{id}/inspection", async (string id, HttpContext http, ConsignmentWorkflow workflow, RiskFeedback feedback, CaravanDatabase database) =>
        {
            var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
            if (form is null)
            {
                return PortalForms.Rejected(http);
            }
            var actor = http.User.ToActor();
            var findings = form.Value("findings");
            var result = await PortalForms.InTransactionAsync(database, async (unit, ct) =>
            {
                var consignment = await workflow.FindAsync(id, unit.Connection, unit.Transaction, ct).ConfigureAwait(false);
                if (consignment is null || !ConsignmentWorkflow.MaySee(actor, consignment))
                {
                    return Failure.NotFound("consignment.not_found", $"Consignment {id} does not exist.");
                }
                return await feedback.RecordAsync(actor, consignment, new RiskFeedback.InspectionResult(
                    int.TryParse(form.Value("item"), NumberStyles.None, CultureInfo.InvariantCulture, out var item) ? item : 0,
                    form.Value("found") == "true", findings.Length == 0 ? null : findings), unit, ct).ConfigureAwait(false);
            }, http.RequestAborted).ConfigureAwait(false);
            return await ConsignmentPageAsync(http, id, result.IsSuccess ? $"The inspection of item {result.Value.ItemNumber} is recorded; rules marked: {(result.Value.RulesMarked.Count == 0 ? "none held" : string.Join(", ", result.Value.RulesMarked))}." : null,
                result.IsSuccess ? null : result.Failure).ConfigureAwait(false);
        }).RequireAuthorization(PortalAuth.Customs);

        portal.MapPost("/consignments/{id}/submit", (string id, HttpContext http) =>
            TraderStepAsync(http, id, "Submitted: every required action is open at once.", (workflow, actor, form, unit, ct) => workflow.SubmitAsync(actor, id, unit, ct)))
            .RequireAuthorization(PortalAuth.TraderOrBroker);

        portal.MapPost("/consignments/{id}/withdraw", (string id, HttpContext http) =>
            TraderStepAsync(http, id, "Withdrawn.", (workflow, actor, form, unit, ct) => workflow.WithdrawAsync(actor, id, form.Value("reason"), unit, ct)))
            .RequireAuthorization(PortalAuth.TraderOrBroker);

        portal.MapPost("/consignments/{id}/respond", (string id, HttpContext http) =>
            TraderStepAsync(http, id, "Answer sent: the agencies' tasks are open again.", (workflow, actor, form, unit, ct) => workflow.RespondAsync(actor, id, form.Value("message"), unit, ct)))
            .RequireAuthorization(PortalAuth.TraderOrBroker);

        portal.MapPost("/consignments/{id}/attachments", async (string id, HttpContext http, ConsignmentAttachments attachments, CaravanDatabase database) =>
        {
            var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
            if (form is null)
            {
                return PortalForms.Rejected(http);
            }
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0 || file.Length > ConsignmentAttachments.MaxBytes)
            {
                return await ConsignmentPageAsync(http, id, null, Failure.Validation([new FieldError("file", "required", $"Choose a file of at most {ConsignmentAttachments.MaxBytes / (1024 * 1024)} MiB.")])).ConfigureAwait(false);
            }
            var bytes = await ReadAllAsync(file, http.RequestAborted).ConfigureAwait(false);
            var request = new ConsignmentAttachments.AttachRequest(Path.GetFileName(file.FileName), file.ContentType, Convert.ToBase64String(bytes), NullIfEmpty(form.Value("description")));
            var result = await PortalForms.InTransactionAsync(database, (unit, ct) => attachments.AttachAsync(http.User.ToActor(), id, request, unit, ct), http.RequestAborted).ConfigureAwait(false);
            return await ConsignmentPageAsync(http, id, result.IsSuccess ? $"Attached {request.FileName}." : null, result.IsSuccess ? null : result.Failure).ConfigureAwait(false);
        }).RequireAuthorization(PortalAuth.TraderOrBroker);

        portal.MapGet("/consignments/{id}/attachments/{attachmentId}", async (string id, string attachmentId, HttpContext http, ConsignmentAttachments attachments, CaravanDatabase database) =>
        {
            var found = await database.ReadAsync((c, ct) => attachments.DownloadAsync(http.User.ToActor(), id, attachmentId, c, ct), http.RequestAborted).ConfigureAwait(false);
            if (found is not { } download)
            {
                return NotFound(http);
            }
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(download.Content, download.Attachment.ContentType, download.Attachment.FileName);
        }).RequireAuthorization(PortalAuth.AnyAccount);

        portal.MapGet("/agency", async (HttpContext http, ConsignmentWorkflow workflow, CaravanDatabase database, string? status, string? action) =>
        {
            // No status chosen: the open tasks; "any" (an empty value) or an unknown name: every status.
            AgencyTaskStatus? statusFilter = status is null ? AgencyTaskStatus.Open : Names.TryParseTaskStatus(status, out var s) ? s : null;
            AgencyActionKind? actionFilter = Names.TryParseAction(action, out var a) ? a : null;
            var tasks = await database.ReadAsync((c, ct) => workflow.ListTasksAsync(http.User.GetPartyId(), statusFilter, actionFilter, 500, c, ct), http.RequestAborted).ConfigureAwait(false);
            return new PortalPage(http).Render("Task queue", h =>
            {
                h.Open("form", ("method", "get"), ("action", "/portal/agency"), ("class", "filters"));
                Select(h, "Status", "status", [("", "any"), .. Enum.GetValues<AgencyTaskStatus>().Select(s => (Names.Of(s), Names.Of(s)))], statusFilter is { } sf ? Names.Of(sf) : "");
                Select(h, "Action", "action", [("", "any"), .. Enum.GetValues<AgencyActionKind>().Select(a => (Names.Of(a), Names.Of(a)))], actionFilter is { } af ? Names.Of(af) : "");
                h.Element("button", "Filter", ("type", "submit"), ("id", "filter")).Close("form");
                if (tasks.Count == 0)
                {
                    h.Element("p", "No task matches.", ("id", "no-tasks"), ("class", "muted"));
                    return;
                }
                h.Open("div", ("class", "table-wrap")).Open("table", ("id", "tasks")).Open("thead").Open("tr");
                foreach (var title in new[] { "Consignment", "Action", "Items", "Status", "Opened", "Reason" })
                {
                    h.Element("th", title, ("scope", "col"));
                }
                h.Close("tr").Close("thead").Open("tbody");
                foreach (var t in tasks)
                {
                    h.Open("tr").Open("td").Link(ConsignmentPath(t.ConsignmentId), t.ConsignmentId).Close("td")
                        .Element("td", Names.Of(t.Action)).Element("td", string.Join(", ", t.ItemNumbers))
                        .Open("td").Element("span", Names.Of(t.Status), ("class", "status")).Close("td")
                        .Element("td", PortalFormat.Time(t.CreatedAt)).Element("td", t.Reason).Close("tr");
                }
                h.Close("tbody").Close("table").Close("div");
            });
        }).RequireAuthorization(PortalAuth.AgencyLike);

        portal.MapPost("/tasks/{taskId}/decide", async (string taskId, HttpContext http, ConsignmentWorkflow workflow, CaravanDatabase database) =>
        {
            var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
            if (form is null)
            {
                return PortalForms.Rejected(http);
            }
            var consignmentId = form.Value("consignment");
            var decision = form.Value("decision") switch
            {
                "approve" => TaskDecision.Approve,
                "reject" => TaskDecision.Reject,
                "request_information" => TaskDecision.RequestInformation,
                _ => (TaskDecision?)null,
            };
            if (decision is null)
            {
                return await ConsignmentPageAsync(http, consignmentId, null, Failure.Validation([new FieldError("decision", "required", "Choose approve, reject or request information.")])).ConfigureAwait(false);
            }
            var approval = await ApprovalFromFormAsync(http, consignmentId, form).ConfigureAwait(false);
            var result = await PortalForms.InTransactionAsync(database, (unit, ct) =>
                workflow.DecideAsync(http.User.ToActor(), taskId, decision.Value, NullIfEmpty(form.Value("reason")), approval, unit, ct), http.RequestAborted).ConfigureAwait(false);
            if (!result.IsSuccess && result.Failure.Code == "task.wrong_agency")
            {
                // Another agency's task answers as a missing one does, like every record that is not yours.
                return NotFound(http);
            }
            return await ConsignmentPageAsync(http, result.IsSuccess ? result.Value.Id : consignmentId, result.IsSuccess ? "Decision recorded." : null, result.IsSuccess ? null : result.Failure).ConfigureAwait(false);
        }).RequireAuthorization(PortalAuth.AgencyLike);
    }

    private static async Task<IResult> ListPageAsync(HttpContext http, Failure? failure)
    {
        var workflow = http.RequestServices.GetRequiredService<ConsignmentWorkflow>();
        var database = http.RequestServices.GetRequiredService<CaravanDatabase>();
        var consignments = await database.ReadAsync((c, ct) => workflow.ListAsync(http.User.ToActor(), 200, c, ct), http.RequestAborted).ConfigureAwait(false);
        var page = new PortalPage(http);
        return page.Render("Consignments", h =>
        {
            OperatorPages.Messages(h, null, failure);
            h.Open("div", ("class", "card")).Element("h2", "Lodge a declaration");
            h.Element("p", "Upload the goods declaration once: WCO DMS XML (the WCO Data Model, as HMRC's CDS uses it) or Caravan's JSON. It is saved as a draft; submit it from its page.", ("class", "muted"));
            h.Form("/portal/consignments", page.Token, encType: "multipart/form-data")
                .Open("div", ("class", "field")).Element("label", "Declaration file", ("for", "f-declaration"))
                .Void("input", ("id", "f-declaration"), ("name", "declaration"), ("type", "file"), ("accept", ".xml,.json,application/xml,application/json"), ("required", ""))
                .Close("div");
            if (http.User.GetRole() == PartyRole.Broker)
            {
                h.Field("On behalf of (trader id; you need its mandate)", "onBehalfOf", maxLength: 100);
            }
            h.Element("button", "Save as draft", ("type", "submit"), ("id", "lodge")).Close("form").Close("div");
            h.Element("h2", "Consignments");
            if (consignments.Count == 0)
            {
                h.Element("p", "None yet.", ("class", "muted"), ("id", "no-consignments"));
                return;
            }
            h.Open("div", ("class", "table-wrap")).Open("table", ("id", "consignments")).Open("thead").Open("tr");
            foreach (var title in new[] { "Consignment", "Procedure", "Route", "Status", "Last change" })
            {
                h.Element("th", title, ("scope", "col"));
            }
            h.Close("tr").Close("thead").Open("tbody");
            foreach (var c in consignments)
            {
                h.Open("tr").Open("td").Link(ConsignmentPath(c.Id), c.Id).Close("td").Element("td", Names.Of(c.Procedure))
                    .Element("td", $"{c.OriginCountry} → {c.DestinationCountry}")
                    .Open("td").Element("span", Names.Of(c.Status), ("class", "status")).Close("td")
                    .Element("td", PortalFormat.Time(c.UpdatedAt)).Close("tr");
            }
            h.Close("tbody").Close("table").Close("div");
        }, failure is null ? 200 : PortalFormat.StatusOf(failure));
    }

    private static async Task<IResult> ConsignmentPageAsync(HttpContext http, string id, string? notice, Failure? failure)
    {
        var services = http.RequestServices;
        var workflow = services.GetRequiredService<ConsignmentWorkflow>();
        var database = services.GetRequiredService<CaravanDatabase>();
        var actor = http.User.ToActor();
        var consignment = await database.ReadAsync((c, ct) => workflow.FindAsync(id, c, null, ct), http.RequestAborted).ConfigureAwait(false);
        if (consignment is null || !ConsignmentWorkflow.MaySee(actor, consignment))
        {
            return NotFound(http);
        }
        var attachments = await database.ReadAsync((c, ct) => services.GetRequiredService<ConsignmentAttachments>().ListAsync(actor, id, c, ct), http.RequestAborted).ConfigureAwait(false) ?? [];
        var certificates = await database.ReadAsync((c, ct) => services.GetRequiredService<CertificateStore>().ForConsignmentAsync(id, c, ct), http.RequestAborted).ConfigureAwait(false);
        var advance = actor.Role is PartyRole.Customs or PartyRole.Operator
            ? await database.ReadAsync((c, ct) => services.GetRequiredService<AcddLinker>().ViewAsync(consignment, c, ct), http.RequestAborted).ConfigureAwait(false)
            : [];
        var declaration = DeclarationJson.Read(consignment.Declaration.GetRawText()).Document;
        var riskEngine = actor.Role is PartyRole.Customs or PartyRole.Operator
            ? await database.ReadAsync((c, ct) => services.GetRequiredService<RiskRuleStore>().ActiveEngineAsync(c, null, ct), http.RequestAborted).ConfigureAwait(false)
            : null;
        var risk = riskEngine is null ? []
            : await database.ReadAsync((c, ct) => services.GetRequiredService<ConsignmentRisk>().EvaluateAsync(riskEngine, consignment, c, null, ct), http.RequestAborted).ConfigureAwait(false);
        var page = new PortalPage(http);
        var path = ConsignmentPath(id);
        var isTrader = actor.Role is PartyRole.Trader or PartyRole.Broker;
        var awaitingInformation = consignment.Tasks.Any(t => t.Status == AgencyTaskStatus.InformationRequested);
        return page.Render($"Consignment {consignment.Id}", h =>
        {
            OperatorPages.Messages(h, notice, failure);
            h.Open("div", ("class", "card")).Open("dl", ("class", "facts"));
            h.Element("dt", "Status").Open("dd").Element("span", Names.Of(consignment.Status), ("class", "status"), ("id", "consignment-status")).Close("dd");
            OperatorPages.Fact(h, "Procedure", Names.Of(consignment.Procedure));
            OperatorPages.Fact(h, "Route", $"{consignment.OriginCountry} → {consignment.DestinationCountry}");
            OperatorPages.Fact(h, "Reference", declaration?.FunctionalReference);
            OperatorPages.Fact(h, "Exporter", declaration?.Exporter?.Name ?? declaration?.Exporter?.Id);
            OperatorPages.Fact(h, "Consignee", (declaration?.Consignee ?? declaration?.Importer)?.Name);
            OperatorPages.Fact(h, "Assessed under matrix version", consignment.MatrixVersion?.ToString(CultureInfo.InvariantCulture));
            OperatorPages.Fact(h, "Released", PortalFormat.Time(consignment.ReleasedAt));
            h.Close("dl").Close("div");

            if (declaration is not null)
            {
                h.Element("h2", "Goods");
                h.Table(["Item", "Description", "HS code", "Quantity", "Value", "Origin"],
                    declaration.Items.Select(i => new[] { i.SequenceNumber?.ToString(CultureInfo.InvariantCulture), i.Description, i.HsCode?.Value ?? i.CommodityCode, i.Quantity?.ToString(), i.Value?.ToString(), i.OriginCountry?.Value }), "goods");
            }

            h.Element("h2", "Agency tasks");
            if (consignment.Tasks.Count == 0)
            {
                h.Element("p", consignment.Status == ConsignmentStatus.Draft ? "Tasks open when the draft is submitted." : "No agency action was required.", ("class", "muted"));
            }
            else
            {
                h.Table(["Action", "Agency", "Status", "Reason", "Decided"],
                    consignment.Tasks.Select(t => new[] { Names.Of(t.Action), t.AgencyPartyId, Names.Of(t.Status), t.Reason, PortalFormat.Time(t.DecidedAt) }), "tasks");
            }

            foreach (var task in consignment.Tasks.Where(t => t.AgencyPartyId == actor.PartyId && t.Status == AgencyTaskStatus.Open))
            {
                DecisionForm(h, page, consignment, task, declaration);
            }

            if (advance.Count > 0)
            {
                h.Element("h2", "Advance customs data (ACDD)");
                foreach (var a in advance)
                {
                    h.Open("div", ("class", "card"), ("id", "advance-data"));
                    h.Element("p", $"{(a.Direction == "sent" ? "Sent to" : "Received from")} {(a.Direction == "sent" ? consignment.DestinationCountry : a.ExportCountry)} customs: export declaration {a.DeclarationNumber}, {PortalFormat.Time(a.ReceivedAt)}");
                    if (a.Direction == "received")
                    {
                        if (a.Mismatches.Count == 0)
                        {
                            h.Element("p", "The import declaration matches the advance data.", ("id", "no-mismatch"));
                        }
                        else
                        {
                            h.Table(["Field", "Item", "Announced", "Declared", "Why it matters"],
                                a.Mismatches.Select(m => new[] { m.Field, m.ItemNumber?.ToString(CultureInfo.InvariantCulture), m.Announced, m.Declared, m.Explanation }), "mismatches");
                        }
                    }
                    h.Close("div");
                }
            }

            if (riskEngine is not null && consignment.Status != ConsignmentStatus.Draft)
            {
                h.Element("h2", $"Risk (rule set {riskEngine.Version})");
                h.Open("div", ("class", "table-wrap")).Open("table", ("id", "risk"));
                h.Open("thead").Open("tr");
                foreach (var header in new[] { "Item", "Channel", "Score", "Rules that held, and why" })
                {
                    h.Element("th", header, ("scope", "col"));
                }
                h.Close("tr").Close("thead").Open("tbody");
                foreach (var item in risk)
                {
                    h.Open("tr").Element("td", item.ItemNumber.ToString(CultureInfo.InvariantCulture))
                        .Element("td", item.Decision.Channel.ToString().ToLowerInvariant() + (item.Decision.RandomlySelected ? " (random selection)" : ""))
                        .Element("td", item.Decision.Score.ToString(CultureInfo.InvariantCulture))
                        .Element("td", item.Decision.Hits.Count == 0 ? "none" : string.Join("; ", item.Decision.Hits.Select(hit => $"{hit.RuleId} (+{hit.Weight}): {hit.Facts}"))).Close("tr");
                }
                h.Close("tbody").Close("table").Close("div");
                if (actor.Role == PartyRole.Customs && risk.Count > 0)
                {
                    h.Form(path + "/inspection", page.Token, "card");
                    h.Element("h3", "Record an inspection result");
                    h.Open("div", ("class", "field")).Element("label", "Item", ("for", "f-item")).Open("select", ("id", "f-item"), ("name", "item"));
                    foreach (var item in risk)
                    {
                        h.Element("option", item.ItemNumber.ToString(CultureInfo.InvariantCulture), ("value", item.ItemNumber.ToString(CultureInfo.InvariantCulture)));
                    }
                    h.Close("select").Close("div");
                    h.Open("div", ("class", "field")).Element("label", "Result", ("for", "f-found")).Open("select", ("id", "f-found"), ("name", "found"))
                        .Element("option", "nothing found", ("value", "false")).Element("option", "irregularity found", ("value", "true")).Close("select").Close("div");
                    h.Field("Findings", "findings", "textarea", required: false, maxLength: 2000);
                    h.Element("button", "Record the result", ("type", "submit"), ("id", "record-inspection"));
                    h.Close("form");
                }
            }

            if (certificates.Count > 0 && (isTrader || actor.Role is PartyRole.Agency or PartyRole.Operator))
            {
                h.Element("h2", "Certificates issued for this consignment");
                h.Open("ul", ("id", "consignment-certificates"));
                foreach (var c in certificates)
                {
                    h.Open("li").Link($"/portal/certificates/{c.IssuingCountry}/{Uri.EscapeDataString(c.Number)}", c.Number).Text($" ({c.DocumentType.Replace('_', ' ')}, {c.Status})").Close("li");
                }
                h.Close("ul");
            }

            h.Element("h2", "Attachments");
            if (attachments.Count == 0)
            {
                h.Element("p", "None.", ("class", "muted"));
            }
            else
            {
                h.Open("ul", ("id", "attachments"));
                foreach (var a in attachments)
                {
                    h.Open("li").Link($"{path}/attachments/{Uri.EscapeDataString(a.Id)}", a.FileName).Text($" ({a.SizeBytes} bytes, SHA-256 {a.Sha256[..16]}…)").Close("li");
                }
                h.Close("ul");
            }

            if (isTrader)
            {
                TraderActions(h, page, consignment, awaitingInformation, path);
            }

            h.Element("h2", "Timeline");
            h.Table(["#", "At", "Who", "What", "Why"],
                consignment.History.Select(e => new[] { PortalFormat.Number(e.Seq), PortalFormat.Time(e.At), e.Actor, e.Kind, e.Reason }), "timeline");
        }, failure is null ? 200 : PortalFormat.StatusOf(failure));
    }

    private static void TraderActions(Html h, PortalPage page, ConsignmentView consignment, bool awaitingInformation, string path)
    {
        h.Open("div", ("class", "grid2"));
        if (consignment.Status == ConsignmentStatus.Draft)
        {
            h.Open("div", ("class", "card")).Element("h2", "Submit");
            h.Element("p", "Lodge the declaration: the matrix decides which agencies act, and their tasks open at once.", ("class", "muted"));
            h.Form(path + "/submit", page.Token).Element("button", "Submit", ("type", "submit"), ("id", "submit")).Close("form").Close("div");
        }
        if (awaitingInformation)
        {
            h.Open("div", ("class", "card")).Element("h2", "Answer the agencies");
            h.Form(path + "/respond", page.Token).Field("Your answer", "message", "textarea", maxLength: 4000)
                .Element("button", "Send the answer", ("type", "submit"), ("id", "respond")).Close("form").Close("div");
        }
        if (consignment.Status == ConsignmentStatus.Draft || awaitingInformation)
        {
            h.Open("div", ("class", "card")).Element("h2", "Attach a document");
            h.Form(path + "/attachments", page.Token, encType: "multipart/form-data")
                .Open("div", ("class", "field")).Element("label", "File (PDF, PNG, JPEG, XML or text)", ("for", "f-file"))
                .Void("input", ("id", "f-file"), ("name", "file"), ("type", "file"), ("required", "")).Close("div")
                .Field("Description", "description", required: false, maxLength: 500)
                .Element("button", "Attach", ("type", "submit"), ("id", "attach")).Close("form").Close("div");
        }
        if (consignment.Status is ConsignmentStatus.Draft or ConsignmentStatus.InReview)
        {
            h.Open("div", ("class", "card")).Element("h2", "Withdraw");
            h.Form(path + "/withdraw", page.Token).Field("Reason", "reason", "textarea", maxLength: 2000)
                .Element("button", "Withdraw", ("type", "submit"), ("class", "danger"), ("id", "withdraw")).Close("form").Close("div");
        }
        h.Close("div");
    }

    private static void DecisionForm(Html h, PortalPage page, ConsignmentView consignment, AgencyTaskView task, CustomsDeclaration? declaration)
    {
        h.Open("div", ("class", "card"), ("id", "decide-" + task.Id)).Element("h2", $"Decide: {Names.Of(task.Action).Replace('_', ' ')}");
        h.Form($"/portal/tasks/{Uri.EscapeDataString(task.Id)}/decide", page.Token)
            .Void("input", ("type", "hidden"), ("name", "consignment"), ("value", consignment.Id));
        Select(h, "Decision", "decision", [("approve", "approve"), ("reject", "reject"), ("request_information", "request information")], "approve");
        h.Field("Reason (required to reject or ask; the trader sees it)", "reason", "textarea", required: false, maxLength: 4000);
        if (task.Action == AgencyActionKind.PhytosanitaryCertificate && consignment.Procedure == Procedure.Export && declaration is not null)
        {
            h.Element("p", "Approving issues the ePhyto to the importing country, from the declaration and what you enter here.", ("class", "muted"));
            foreach (var item in declaration.Items)
            {
                var number = item.SequenceNumber?.ToString(CultureInfo.InvariantCulture) ?? "?";
                h.Field($"Botanical name of item {number} ({item.Description})", "scientificName-" + number, required: false, maxLength: 200);
            }
            h.Field("Additional declaration", "additionalDeclaration", "textarea", required: false, maxLength: 4000)
                .Field("Authorised officer", "officerName", value: page.Http.User.Identity?.Name, required: false, maxLength: 200)
                .Field("Place of issue", "place", required: false, maxLength: 200);
        }
        h.Element("button", "Record the decision", ("type", "submit"), ("id", "decide")).Close("form").Close("div");
    }

    /// <summary>For a phytosanitary approval, the ePhyto drafted from the declaration and the officer's entries.</summary>
    private static async Task<TaskApproval> ApprovalFromFormAsync(HttpContext http, string consignmentId, IFormCollection form)
    {
        if (!form.Keys.Any(k => k.StartsWith("scientificName-", StringComparison.Ordinal)))
        {
            return TaskApproval.None;
        }
        var workflow = http.RequestServices.GetRequiredService<ConsignmentWorkflow>();
        var database = http.RequestServices.GetRequiredService<CaravanDatabase>();
        var consignment = await database.ReadAsync((c, ct) => workflow.FindAsync(consignmentId, c, null, ct), http.RequestAborted).ConfigureAwait(false);
        if (consignment is null || DeclarationJson.Read(consignment.Declaration.GetRawText()).Document is not { } declaration)
        {
            return TaskApproval.None;
        }
        var names = form.Keys.Where(k => k.StartsWith("scientificName-", StringComparison.Ordinal))
            .Select(k => (Ok: int.TryParse(k["scientificName-".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n), Number: n, Name: form.Value(k)))
            .Where(x => x.Ok && x.Name.Length > 0)
            .ToDictionary(x => x.Number, x => x.Name);
        var draft = PhytoDrafts.FromDeclaration(declaration, names, NullIfEmpty(form.Value("additionalDeclaration")));
        var certificate = JsonDocument.Parse(PhytoJson.ToJson(draft)).RootElement.Clone();
        return new TaskApproval(certificate, NullIfEmpty(form.Value("officerName")), NullIfEmpty(form.Value("place")));
    }

    private delegate Task<Result<ConsignmentView>> TraderStep(ConsignmentWorkflow workflow, Actor actor, IFormCollection form, UnitOfWork unit, CancellationToken cancellationToken);

    private static async Task<IResult> TraderStepAsync(HttpContext http, string id, string done, TraderStep step)
    {
        var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
        if (form is null)
        {
            return PortalForms.Rejected(http);
        }
        var workflow = http.RequestServices.GetRequiredService<ConsignmentWorkflow>();
        var database = http.RequestServices.GetRequiredService<CaravanDatabase>();
        var result = await PortalForms.InTransactionAsync(database, (unit, ct) => step(workflow, http.User.ToActor(), form, unit, ct), http.RequestAborted).ConfigureAwait(false);
        return await ConsignmentPageAsync(http, id, result.IsSuccess ? done : null, result.IsSuccess ? null : result.Failure).ConfigureAwait(false);
    }

    private static Result<CustomsDeclaration> ReadDeclaration(byte[] bytes)
    {
        var isXml = bytes.AsSpan().TrimStart("\uFEFF \t\r\n"u8).StartsWith("<"u8);
        // A file holding the declaration itself, or the API's wrapper {"declaration": ...}.
        if (!isXml)
        {
            try
            {
                if (JsonNode.Parse(bytes) is JsonObject json && !json.ContainsKey("declaration"))
                {
                    bytes = System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["declaration"] = json.DeepClone() }.ToJsonString());
                }
            }
            catch (JsonException ex)
            {
                return Failure.Validation([new FieldError("declaration", "json.invalid", "The file is neither WCO DMS XML nor valid JSON: " + ex.Message)]);
            }
        }
        var parsed = DeclarationBody.Read(new RawBody(bytes, isXml ? "application/xml" : "application/json", QueryCollection.Empty));
        return parsed.IsSuccess ? parsed.Value.Declaration : parsed.Failure;
    }

    private static async Task<byte[]> ReadAllAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using var stream = file.OpenReadStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static void Select(Html h, string label, string name, IReadOnlyList<(string Value, string Text)> options, string selected)
    {
        h.Open("div", ("class", "field")).Element("label", label, ("for", "f-" + name)).Open("select", ("id", "f-" + name), ("name", name));
        foreach (var (value, text) in options)
        {
            h.Element("option", text, ("value", value), ("selected", value == selected ? "" : null));
        }
        h.Close("select").Close("div");
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string ConsignmentPath(string id) => $"/portal/consignments/{Uri.EscapeDataString(id)}";

    private static IResult NotFound(HttpContext http) =>
        new PortalPage(http).Render("Consignment not found", h => h.Element("p", "There is no such record, or it is not yours to see.", ("class", "error")), StatusCodes.Status404NotFound);
}

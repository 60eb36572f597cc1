using System.Globalization;
using Caravan.Common;
using Caravan.Customs.Parcels;
using Caravan.Node.Api.Endpoints;
using Caravan.Node.Api.Security;
using Caravan.Node.Hosting;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Consignments;
using Caravan.Window.Parcels;
using Caravan.Window.Payments;

namespace Caravan.Node.Portal;

/// <summary>
/// The e-commerce lane in the portal. A parcel operator uploads batches (and sees each refused line), follows its
/// parcels, records returns, lodges its monthly consolidated declaration and pays it. Customs works the queue of held
/// parcels with the risk explanation of each and decides them. Customs, the operator and (for its own parcels) a
/// parcel operator see the statistics dashboard.
/// </summary>
internal static class ParcelPages
{
    private static readonly string[] Dimensions = ["channel", "origin", "hs_chapter", "platform", "value_band", "collection"];

    public static void MapParcelPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/portal/parcels").RequireAuthorization(PortalAuth.ParcelReader).ExcludeFromDescription();
        group.MapGet("", (HttpContext http, string? done) => HomeAsync(http, done, null));
        group.MapPost("/batches", UploadAsync).RequireAuthorization(PortalAuth.ParcelOperator);
        group.MapGet("/held", HeldAsync).RequireAuthorization(PortalAuth.Customs);
        group.MapGet("/statistics", StatisticsAsync);
        group.MapPost("/declarations", LodgeAsync).RequireAuthorization(PortalAuth.ParcelOperator);
        group.MapGet("/declarations/{id}", (string id, HttpContext http, string? done) => DeclarationAsync(http, id, done, null));
        group.MapPost("/declarations/{id}/pay", PayAsync).RequireAuthorization(PortalAuth.ParcelOperator);
        group.MapGet("/{id}", (string id, HttpContext http, string? done) => ParcelAsync(http, id, done, null));
        group.MapPost("/{id}/decision", DecideAsync).RequireAuthorization(PortalAuth.Customs);
        group.MapPost("/{id}/return", ReturnAsync).RequireAuthorization(PortalAuth.ParcelOperator);
    }

    private static async Task<IResult> HomeAsync(HttpContext http, string? done, Failure? failure)
    {
        var actor = http.User.ToActor();
        var database = http.RequestServices.GetRequiredService<CaravanDatabase>();
        var node = http.RequestServices.GetRequiredService<NodeContext>();
        var parcels = await database.ReadAsync((c, t) => ParcelStore.ListAsync(actor, new ParcelStore.Filter(null, null, null, 50), c, t), http.RequestAborted).ConfigureAwait(false);
        var isOperator = actor.Role == PartyRole.ParcelOperator;
        var declarations = isOperator ? await database.ReadAsync((c, t) => ParcelDeclarations.ListAsync(actor, c, t), http.RequestAborted).ConfigureAwait(false) : [];
        var guarantee = isOperator ? await database.ReadAsync((c, t) => ParcelAccounts.GuaranteeAsync(actor.PartyId, node.NationalCurrency, c, null, t), http.RequestAborted).ConfigureAwait(false) : null;
        var page = new PortalPage(http);
        return page.Render(isOperator ? "My parcels" : "E-commerce parcels", h =>
        {
            Notice(h, done, failure);
            if (isOperator)
            {
                h.Element("h2", "Push a batch");
                h.Form("/portal/parcels/batches", page.Token, encType: "multipart/form-data");
                h.Element("p", "A JSON lines file (one parcel per line) or a CSV file with a header line: trackingId, platform, seller, buyer, description, hsCode, quantity, value, currency, origin, weightKg, collection, registration, saleDate.", ("class", "muted"));
                h.Field("Batch file", "batch", "file");
                h.Element("button", "Push the batch", ("type", "submit"), ("id", "push"));
                h.Close("form");
                h.Element("h2", "Guarantee");
                h.Element("p", guarantee is null ? "No guarantee is recorded for you: parcels with a charge are held until customs records one."
                    : $"Covers {Money(guarantee.Amount, node)}; carries {Money(guarantee.Liability, node)} of charges not yet paid; {Money(guarantee.Headroom, node)} left.", ("id", "guarantee"));
                h.Element("h2", "Consolidated declarations");
                h.Table(["Declaration", "Month", "Parcels", "Charges", "Refunds", "Due", "Status"],
                    declarations.Select(d => (IReadOnlyList<string?>)[d.Id, d.Period, PortalFormat.Number(d.Parcels), Money(d.Charges, node), Money(d.Refunds, node), Money(d.Total, node), d.Status]), "declarations");
                h.Open("ul");
                foreach (var d in declarations)
                {
                    h.Open("li").Link($"/portal/parcels/declarations/{d.Id}", $"Statement of {d.Id} ({d.Period})").Close("li");
                }
                h.Close("ul");
                h.Form("/portal/parcels/declarations", page.Token);
                h.Field("Month to declare (yyyy-MM, ended)", "period", value: DateOnly.FromDateTime(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture));
                h.Element("button", "Lodge the declaration", ("type", "submit"), ("id", "lodge"));
                h.Close("form");
            }
            else
            {
                h.Open("ul")
                    .Open("li").Link("/portal/parcels/held", "Held parcels").Close("li")
                    .Open("li").Link("/portal/parcels/statistics", "Statistics").Close("li")
                    .Close("ul");
            }
            h.Element("h2", "Latest parcels");
            ParcelTable(h, parcels, node, "parcels");
        }, failure is null ? StatusCodes.Status200OK : PortalFormat.StatusOf(failure));
    }

    private static async Task<IResult> UploadAsync(HttpContext http, ParcelLane lane, NodeContext node)
    {
        var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
        if (form is null)
        {
            return PortalForms.Rejected(http);
        }
        var file = form.Files.GetFile("batch");
        if (file is null || file.Length == 0 || file.Length > ParcelEndpoints.MaxBatchBytes)
        {
            return await HomeAsync(http, null, Failure.Validation([new FieldError("batch", "required", "Choose a JSON lines or CSV file of at most 16 MiB.")])).ConfigureAwait(false);
        }
        var format = file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.ContentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
            ? ParcelBatchFormat.Csv : ParcelBatchFormat.JsonLines;
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        var result = await lane.IngestAsync(http.User.ToActor(), buffer.GetBuffer().AsMemory(0, (int)buffer.Length), format, http.RequestAborted).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return await HomeAsync(http, null, result.Failure).ConfigureAwait(false);
        }
        var batch = result.Value;
        return new PortalPage(http).Render($"Batch {batch.BatchId}", h =>
        {
            h.Element("p", $"{batch.Lines} lines: {batch.Accepted} accepted ({batch.Released} released, {batch.Held} held), {batch.Duplicates} already sent before, {batch.Rejected} refused.", ("id", "batch-summary"), ("class", "verdict ok"));
            if (batch.Errors.Count > 0)
            {
                h.Element("h2", "Refused lines");
                h.Table(["Line", "Tracking id", "Field", "Reason"], batch.Errors.Select(e => (IReadOnlyList<string?>)[PortalFormat.Number(e.Line), e.TrackingId, e.Field, e.Message]), "batch-errors");
            }
            h.Element("h2", "Parcels");
            h.Table(["Line", "Tracking id", "Parcel", "Decision", "Channel", "Duty", "VAT", "Collected", "Note"],
                batch.Parcels.Take(500).Select(p => (IReadOnlyList<string?>)[PortalFormat.Number(p.Line), p.TrackingId, p.ParcelId, p.Duplicate ? $"{p.Decision} (sent before)" : p.Decision,
                    p.Channel, Money(p.Duty, node), Money(p.Tax, node), p.CollectAt, p.HoldReason ?? p.Note]), "batch-parcels");
            h.Link("/portal/parcels", "Back to my parcels");
        });
    }

    private static async Task<IResult> HeldAsync(HttpContext http, string? platform, NodeContext node, CaravanDatabase database)
    {
        var actor = http.User.ToActor();
        var held = await database.ReadAsync((c, t) => ParcelStore.ListAsync(actor, new ParcelStore.Filter(string.IsNullOrWhiteSpace(platform) ? null : platform, "hold", null, 200), c, t), http.RequestAborted).ConfigureAwait(false);
        return new PortalPage(http).Render("Held parcels", h =>
        {
            h.Open("form", ("method", "get"), ("action", "/portal/parcels/held"));
            h.Field("Platform", "platform", value: platform, required: false);
            h.Element("button", "Filter", ("type", "submit"));
            h.Close("form");
            ParcelTable(h, held, node, "held");
        });
    }

    private static async Task<IResult> ParcelAsync(HttpContext http, string id, string? done, Failure? failure)
    {
        var actor = http.User.ToActor();
        var database = http.RequestServices.GetRequiredService<CaravanDatabase>();
        var node = http.RequestServices.GetRequiredService<NodeContext>();
        var parcel = await database.ReadAsync((c, t) => ParcelStore.FindAsync(id, c, null, t), http.RequestAborted).ConfigureAwait(false);
        if (parcel is null || (actor.Role == PartyRole.ParcelOperator && parcel.SubmitterPartyId != actor.PartyId && parcel.LiablePartyId != actor.PartyId))
        {
            return new PortalPage(http).Render("Not found", h => h.Element("p", $"Parcel {id} does not exist."), StatusCodes.Status404NotFound);
        }
        var explained = await database.ReadAsync((c, t) => http.RequestServices.GetRequiredService<ParcelExplanation>().ExplainAsync(parcel, c, t), http.RequestAborted).ConfigureAwait(false);
        var page = new PortalPage(http);
        return page.Render($"Parcel {parcel.Id}", h =>
        {
            Notice(h, done, failure);
            h.Open("div", ("class", "card")).Open("dl", ("class", "facts"));
            Fact(h, "Platform and tracking id", $"{parcel.Platform} / {parcel.TrackingId}");
            Fact(h, "Goods", $"{parcel.Description}: HS {parcel.HsCode}, {parcel.Quantity} piece(s), {parcel.WeightKg} kg, from {parcel.Origin}");
            if (parcel.HsSuggestion is { } suggestion)
            {
                Fact(h, "Goods code", suggestion);
            }
            Fact(h, "Seller and buyer", $"{parcel.Seller} to {parcel.Buyer}");
            Fact(h, "Value", $"{parcel.Value} {parcel.Currency} ({Money(ParcelRow.Major(parcel.ValueMinor), node)})");
            Fact(h, "Collection", $"{parcel.Collection}, collected {parcel.CollectAt}; liable: {parcel.LiablePartyId}{(parcel.CollectionNote is { } note ? $" ({note})" : "")}");
            Fact(h, "Decision", parcel.Decision + (parcel.HoldReason is { } reason ? $": {reason}" : "") + (parcel.Findings is { } findings ? $" (findings: {findings})" : ""));
            Fact(h, "Returned", $"{parcel.ReturnedQuantity} piece(s), {Money(ParcelRow.Major(parcel.RefundedMinor), node)} refunded");
            h.Close("dl").Close("div");
            h.Element("h2", "Charges and their working");
            if (explained.Working is { } working)
            {
                h.Table(["Charge", "Amount", "Rate", "Rate source", "Base", "Conversion"],
                    working.Components.Select(c => (IReadOnlyList<string?>)[c.Kind, Money(c.Amount, node), c.Rate, c.RateSource, c.Base, c.Conversion]), "working");
            }
            if (explained.WorkingNote is { } workingNote)
            {
                h.Element("p", workingNote, ("class", "muted"));
            }
            if (actor.Role != PartyRole.ParcelOperator)
            {
                h.Element("h2", "Risk");
                if (explained.Risk is { } risk)
                {
                    h.Element("p", $"Channel {risk.Channel.ToString().ToLowerInvariant()}, score {risk.Score} under rule set {risk.RulesVersion}{(risk.RandomlySelected ? ", selected at random" : "")}.", ("id", "risk-channel"));
                    h.Table(["Rule", "Weight", "Why"], risk.Hits.Select(hit => (IReadOnlyList<string?>)[$"{hit.RuleId}: {hit.RuleName}", $"+{hit.Weight}", hit.Facts]), "risk-hits");
                }
                else
                {
                    h.Element("p", explained.RiskNote ?? "No risk decision.", ("class", "muted"));
                }
            }
            if (actor.Role == PartyRole.Customs && parcel.Decision == "hold")
            {
                h.Element("h2", "Decide");
                h.Form($"/portal/parcels/{parcel.Id}/decision", page.Token);
                Select(h, "Decision", "action", [("release", "Release"), ("refuse", "Refuse entry")]);
                Select(h, "Inspection", "found", [("", "not inspected"), ("false", "inspected: nothing found"), ("true", "inspected: irregularity found")]);
                h.Field("Findings", "findings", "textarea", required: false, maxLength: 2000);
                h.Element("button", "Record the decision", ("type", "submit"), ("id", "decide"));
                h.Close("form");
            }
            if (actor.Role == PartyRole.ParcelOperator && parcel.Decision == "release" && parcel.RefundedMinor < parcel.ChargeMinor)
            {
                h.Element("h2", "Record a return");
                h.Form($"/portal/parcels/{parcel.Id}/return", page.Token);
                h.Field("Quantity returned (empty: all that is left)", "quantity", required: false);
                h.Field("Reason", "reason", required: false, maxLength: 500);
                h.Element("button", "Record the return", ("type", "submit"), ("id", "return"));
                h.Close("form");
            }
        }, failure is null ? StatusCodes.Status200OK : PortalFormat.StatusOf(failure));
    }

    private static async Task<IResult> DecideAsync(string id, HttpContext http, ParcelDecisions decisions, CaravanDatabase database)
    {
        var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
        if (form is null)
        {
            return PortalForms.Rejected(http);
        }
        bool? found = form.Value("found") switch { "true" => true, "false" => false, _ => null };
        var findings = form.Value("findings");
        var result = await PortalForms.InTransactionAsync(database, (unit, ct) =>
            decisions.DecideAsync(http.User.ToActor(), id, new ParcelDecisions.DecisionRequest(form.Value("action"), found, findings.Length == 0 ? null : findings), unit, ct), http.RequestAborted).ConfigureAwait(false);
        return result.IsSuccess ? Results.Redirect($"/portal/parcels/{Uri.EscapeDataString(id)}?done=decided") : await ParcelAsync(http, id, null, result.Failure).ConfigureAwait(false);
    }

    private static async Task<IResult> ReturnAsync(string id, HttpContext http, ParcelReturns returns, CaravanDatabase database)
    {
        var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
        if (form is null)
        {
            return PortalForms.Rejected(http);
        }
        var parcel = await database.ReadAsync((c, t) => ParcelStore.FindAsync(id, c, null, t), http.RequestAborted).ConfigureAwait(false);
        if (parcel is null)
        {
            return await ParcelAsync(http, id, null, null).ConfigureAwait(false);
        }
        decimal? quantity = null;
        if (form.Value("quantity") is { Length: > 0 } text)
        {
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            {
                return await ParcelAsync(http, id, null, Failure.Validation([new FieldError("quantity", "number.format", $"'{text}' is not a quantity.")])).ConfigureAwait(false);
            }
            quantity = parsed;
        }
        var reason = form.Value("reason");
        var result = await PortalForms.InTransactionAsync(database, (unit, ct) =>
            returns.RecordAsync(http.User.ToActor(), new ParcelReturns.ReturnRequest(parcel.Platform, parcel.TrackingId, quantity, reason.Length == 0 ? null : reason), unit, ct), http.RequestAborted).ConfigureAwait(false);
        return result.IsSuccess ? Results.Redirect($"/portal/parcels/{Uri.EscapeDataString(id)}?done=returned") : await ParcelAsync(http, id, null, result.Failure).ConfigureAwait(false);
    }

    private static async Task<IResult> LodgeAsync(HttpContext http, ParcelDeclarationPayments declarations, CaravanDatabase database)
    {
        var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
        if (form is null)
        {
            return PortalForms.Rejected(http);
        }
        var result = await PortalForms.InTransactionAsync(database, (unit, ct) =>
            declarations.LodgeAsync(http.User.ToActor(), new ParcelDeclarations.LodgeRequest(form.Value("period")), unit, ct), http.RequestAborted).ConfigureAwait(false);
        return result.IsSuccess ? Results.Redirect($"/portal/parcels/declarations/{Uri.EscapeDataString(result.Value.Id)}?done=lodged") : await HomeAsync(http, null, result.Failure).ConfigureAwait(false);
    }

    private static async Task<IResult> DeclarationAsync(HttpContext http, string id, string? done, Failure? failure)
    {
        var actor = http.User.ToActor();
        var database = http.RequestServices.GetRequiredService<CaravanDatabase>();
        var node = http.RequestServices.GetRequiredService<NodeContext>();
        var declaration = await database.ReadAsync((c, t) => ParcelDeclarations.FindAsync(actor, id, c, null, t), http.RequestAborted).ConfigureAwait(false);
        if (declaration is null)
        {
            return new PortalPage(http).Render("Not found", h => h.Element("p", $"Declaration {id} does not exist."), StatusCodes.Status404NotFound);
        }
        var order = declaration.PaymentOrderId is { } orderId ? await database.ReadAsync((c, t) => PaymentOrderStore.FindAsync(orderId, c, null, t), http.RequestAborted).ConfigureAwait(false) : null;
        var canPay = http.RequestServices.GetRequiredService<NodeRuntime>().Options.Payments.EffectiveCheckoutProvider is not null;
        var guarantee = await database.ReadAsync((c, t) => ParcelAccounts.GuaranteeAsync(declaration.PartyId, node.NationalCurrency, c, null, t), http.RequestAborted).ConfigureAwait(false);
        var page = new PortalPage(http);
        return page.Render($"Statement of {declaration.Id}", h =>
        {
            Notice(h, done, failure);
            h.Open("div", ("class", "card")).Open("dl", ("class", "facts"));
            Fact(h, "Declarant and month", $"{declaration.PartyId}, {declaration.Period} (and parcels released late from earlier months)");
            Fact(h, "Lodged", PortalFormat.Time(declaration.LodgedAt));
            Fact(h, "Parcels", PortalFormat.Number(declaration.Parcels));
            Fact(h, "Charges", Money(declaration.Charges, node));
            Fact(h, "Refunds credited", Money(declaration.Refunds, node));
            Fact(h, "Due", Money(declaration.Total, node));
            Fact(h, "Status", declaration.Status + (declaration.PaidAt is { } paid ? $" ({PortalFormat.Time(paid)})" : ""));
            if (order is not null)
            {
                Fact(h, "Payment order", $"{order.Id}: {order.Status.ToString().ToLowerInvariant()}, paid {order.Paid.Amount.ToString(CultureInfo.InvariantCulture)} of {order.Amount.Amount.ToString(CultureInfo.InvariantCulture)} {order.Amount.Currency.Value}");
            }
            if (guarantee is not null)
            {
                Fact(h, "Guarantee", $"covers {Money(guarantee.Amount, node)}, carries {Money(guarantee.Liability, node)}, {Money(guarantee.Headroom, node)} left");
            }
            h.Close("dl").Close("div");
            h.Table(["Collection", "Collected", "Parcels", "Value", "Duty", "Excise", "VAT", "Charged"],
                declaration.Lines.Select(l => (IReadOnlyList<string?>)[l.Collection, l.CollectAt, PortalFormat.Number(l.Parcels), Money(l.Value, node), Money(l.Duty, node), Money(l.Excise, node), Money(l.Tax, node), Money(l.Charge, node)]), "statement-lines");
            if (actor.PartyId == declaration.PartyId && declaration.Status == "lodged" && order is { Status: PaymentOrderStatus.Open } && canPay)
            {
                h.Form($"/portal/parcels/declarations/{declaration.Id}/pay", page.Token);
                h.Element("button", $"Pay {Money(order.Balance.Amount, node)}", ("type", "submit"), ("id", "pay"));
                h.Close("form");
            }
            h.Link("/portal/parcels", "Back");
        }, failure is null ? StatusCodes.Status200OK : PortalFormat.StatusOf(failure));
    }

    private static async Task<IResult> PayAsync(string id, HttpContext http, CaravanDatabase database)
    {
        if (await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false) is null)
        {
            return PortalForms.Rejected(http);
        }
        var actor = http.User.ToActor();
        var declaration = await database.ReadAsync((c, t) => ParcelDeclarations.FindAsync(actor, id, c, null, t), http.RequestAborted).ConfigureAwait(false);
        if (declaration?.PaymentOrderId is not { } orderId)
        {
            return await DeclarationAsync(http, id, null, Failure.NotFound("declaration.no_payment_order", $"Declaration {id} has nothing to pay.")).ConfigureAwait(false);
        }
        var result = await PortalForms.InTransactionAsync(database, (unit, ct) =>
            PaymentEndpoints.StartCheckoutAsync(orderId, actor.PartyId, http.RequestServices, unit, ct), http.RequestAborted).ConfigureAwait(false);
        return result.IsSuccess ? Results.Redirect($"/portal/parcels/declarations/{Uri.EscapeDataString(id)}?done=paying") : await DeclarationAsync(http, id, null, result.Failure).ConfigureAwait(false);
    }

    private static async Task<IResult> StatisticsAsync(HttpContext http, NodeContext node, CaravanDatabase database)
    {
        var actor = http.User.ToActor();
        var reports = new List<ParcelStatistics.Report>();
        foreach (var by in Dimensions)
        {
            var report = await database.ReadAsync((c, t) => ParcelStatistics.QueryAsync(actor, by, null, null, node.NationalCurrency, c, t), http.RequestAborted).ConfigureAwait(false);
            reports.Add(report.Value);
        }
        return new PortalPage(http).Render("E-commerce statistics", h =>
        {
            h.Element("p", $"{PortalFormat.Number(reports[0].Parcels)} parcels, {Money(reports[0].Charges, node)} of duty, excise and VAT{(actor.Role == PartyRole.ParcelOperator ? " (your parcels)" : "")}.", ("id", "stats-total"));
            foreach (var report in reports)
            {
                var most = Math.Max(1, report.Groups.Select(g => g.Parcels).DefaultIfEmpty(1).Max());
                h.Element("h2", $"By {report.By.Replace('_', ' ')}");
                h.Open("div", ("class", "table-wrap")).Open("table", ("id", $"stats-{report.By}"));
                h.Open("thead").Open("tr");
                foreach (var header in new[] { report.By.Replace('_', ' '), "parcels", "", "released", "held", "refused", "value", "duty", "VAT" })
                {
                    h.Element("th", header, ("scope", "col"));
                }
                h.Close("tr").Close("thead").Open("tbody");
                foreach (var g in report.Groups)
                {
                    h.Open("tr").Element("td", g.Key).Element("td", PortalFormat.Number(g.Parcels));
                    h.Open("td").Element("meter", null, ("value", g.Parcels.ToString(CultureInfo.InvariantCulture)), ("min", "0"), ("max", most.ToString(CultureInfo.InvariantCulture))).Close("td");
                    h.Element("td", PortalFormat.Number(g.Released)).Element("td", PortalFormat.Number(g.Held)).Element("td", PortalFormat.Number(g.Refused))
                        .Element("td", Money(g.Value, node)).Element("td", Money(g.Duty, node)).Element("td", Money(g.Tax, node)).Close("tr");
                }
                h.Close("tbody").Close("table").Close("div");
            }
        });
    }

    private static void ParcelTable(Html h, IReadOnlyList<ParcelRow> parcels, NodeContext node, string id)
    {
        h.Open("div", ("class", "table-wrap")).Open("table", ("id", id));
        h.Open("thead").Open("tr");
        foreach (var header in new[] { "Parcel", "Platform / tracking", "Goods", "Origin", "Decision", "Channel", "Charge", "Collection" })
        {
            h.Element("th", header, ("scope", "col"));
        }
        h.Close("tr").Close("thead").Open("tbody");
        foreach (var p in parcels)
        {
            h.Open("tr").Open("td").Link($"/portal/parcels/{Uri.EscapeDataString(p.Id)}", p.Id).Close("td")
                .Element("td", $"{p.Platform} / {p.TrackingId}").Element("td", $"{p.Description} ({p.HsCode})").Element("td", p.Origin)
                .Element("td", p.Decision + (p.HoldReason is { } reason ? $": {reason}" : "")).Element("td", p.RiskChannel)
                .Element("td", Money(ParcelRow.Major(p.ChargeMinor), node)).Element("td", $"{p.Collection} ({p.CollectAt})").Close("tr");
        }
        h.Close("tbody").Close("table").Close("div");
    }

    private static void Notice(Html h, string? done, Failure? failure)
    {
        if (failure is not null)
        {
            h.Element("p", PortalFormat.Describe(failure), ("class", "error"), ("id", "error"), ("role", "alert"));
        }
        else if (done is not null)
        {
            h.Element("p", done switch
            {
                "decided" => "The decision is recorded.",
                "returned" => "The return is recorded and refunded.",
                "lodged" => "The declaration is lodged; its payment order is raised.",
                "paying" => "Payment started; the declaration shows paid when the payment provider confirms.",
                _ => "Done.",
            }, ("class", "verdict ok"), ("id", "done"));
        }
    }

    private static void Select(Html h, string label, string name, IReadOnlyList<(string Value, string Text)> options)
    {
        h.Open("div", ("class", "field")).Element("label", label, ("for", "f-" + name)).Open("select", ("id", "f-" + name), ("name", name));
        foreach (var (value, text) in options)
        {
            h.Element("option", text, ("value", value));
        }
        h.Close("select").Close("div");
    }

    private static void Fact(Html h, string term, string value) => h.Element("dt", term).Element("dd", value);

    private static string Money(decimal amount, NodeContext node) => $"{PortalFormat.Number(amount)} {node.NationalCurrency}";
}

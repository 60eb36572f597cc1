using System.Globalization;
using System.Text.Json;
using Caravan.Common;
using Caravan.Customs.Risk;
using Caravan.Node.Api.Security;
using Caravan.Storage;
using Caravan.Window.Risk;

namespace Caravan.Node.Portal;

/// <summary>
/// Customs analysts manage risk rules in the portal: every rule set with its status, the active rules and each rule's
/// precision from inspection results, a draft written as JSON (refused with the rule and position when a condition
/// does not parse or type-check), its replay on past declarations against the active set, and its activation.
/// </summary>
internal static class RiskPages
{
    private const string Sample = """
        {
          "note": "first rule set",
          "thresholds": { "yellow": 40, "red": 80, "randomSelectionRate": 0.01 },
          "rules": [
            { "id": "cheap-audio", "name": "Headphones under 4,000 per kg", "condition": "hs startswith \"8518\" and value_per_kg < 4000", "weight": 50 }
          ]
        }
        """;

    public static void MapRiskPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/portal/risk").RequireAuthorization(PortalAuth.Customs).ExcludeFromDescription();
        group.MapGet("", (HttpContext http, string? done) => HomeAsync(http, done, null, null));
        group.MapPost("/drafts", DraftAsync);
        group.MapGet("/{version:int}/replay", ReplayAsync);
        group.MapPost("/{version:int}/activate", ActivateAsync);
    }

    private static async Task<IResult> HomeAsync(HttpContext http, string? done, Failure? failure, string? json)
    {
        var store = http.RequestServices.GetRequiredService<RiskRuleStore>();
        var database = http.RequestServices.GetRequiredService<CaravanDatabase>();
        var sets = await database.ReadAsync((c, t) => store.ListAsync(c, t), http.RequestAborted).ConfigureAwait(false);
        var precision = await database.ReadAsync((c, t) => RiskFeedback.PrecisionAsync(c, t), http.RequestAborted).ConfigureAwait(false);
        var active = sets.FirstOrDefault(s => s.Status == "active");
        var page = new PortalPage(http);
        return page.Render("Risk rules", h =>
        {
            if (failure is not null)
            {
                h.Element("p", PortalFormat.Describe(failure), ("class", "error"), ("id", "error"), ("role", "alert"));
            }
            else if (done is not null)
            {
                h.Element("p", done, ("class", "verdict ok"), ("id", "done"));
            }
            h.Element("h2", "Rule sets");
            h.Open("div", ("class", "table-wrap")).Open("table", ("id", "rule-sets")).Open("thead").Open("tr");
            foreach (var header in new[] { "Version", "Status", "Rules", "Thresholds", "Note", "Created", "Activated", "" })
            {
                h.Element("th", header, ("scope", "col"));
            }
            h.Close("tr").Close("thead").Open("tbody");
            foreach (var set in sets)
            {
                h.Open("tr").Element("td", PortalFormat.Number(set.Version)).Element("td", set.Status).Element("td", PortalFormat.Number(set.Rules.Count))
                    .Element("td", $"yellow {set.Thresholds.Yellow}, red {set.Thresholds.Red}, random {set.Thresholds.RandomSelectionRate.ToString(CultureInfo.InvariantCulture)}")
                    .Element("td", set.Note).Element("td", PortalFormat.Time(set.CreatedAt)).Element("td", PortalFormat.Time(set.ActivatedAt)).Open("td");
                if (set.Status == "draft")
                {
                    h.Link($"/portal/risk/{set.Version}/replay", "Replay", ("id", $"replay-{set.Version}"));
                    h.Form($"/portal/risk/{set.Version}/activate", page.Token, "inline");
                    h.Element("button", "Activate", ("type", "submit"), ("id", $"activate-{set.Version}"));
                    h.Close("form");
                }
                h.Close("td").Close("tr");
            }
            h.Close("tbody").Close("table").Close("div");
            if (active is not null)
            {
                h.Element("h2", $"Active rules (version {active.Version})");
                var byRule = precision.ToDictionary(p => p.RuleId);
                h.Table(["Rule", "Condition", "Weight", "Inspected", "Found", "Precision"], active.Rules.Select(r => (IReadOnlyList<string?>)
                [
                    $"{r.Id}: {r.Name}", r.Condition, r.Weight.ToString(CultureInfo.InvariantCulture),
                    byRule.TryGetValue(r.Id, out var p) ? PortalFormat.Number(p.Inspected) : "0",
                    byRule.TryGetValue(r.Id, out p) ? PortalFormat.Number(p.Found) : "0",
                    byRule.TryGetValue(r.Id, out p) ? (p.Precision * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "",
                ]), "active-rules");
            }
            h.Element("h2", "Write a draft");
            h.Element("p", $"Fields: {string.Join(", ", RiskSchema.Fields.Select(f => $"{f.Key} ({f.Value.ToString().ToLowerInvariant()})"))}. Operators: and, or, not, == != < <= > >=, in [...], startswith, contains, + - * /.", ("class", "muted"));
            h.Form("/portal/risk/drafts", page.Token);
            h.Field("Rule set (JSON)", "ruleset", "textarea", json ?? (active is null ? Sample : JsonSerializer.Serialize(new { note = "", thresholds = active.Thresholds, rules = active.Rules }, Indented)), maxLength: 500_000);
            h.Element("button", "Save the draft", ("type", "submit"), ("id", "save-draft"));
            h.Close("form");
        }, failure is null ? StatusCodes.Status200OK : PortalFormat.StatusOf(failure));
    }

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerOptions.Web) { WriteIndented = true };

    private static async Task<IResult> DraftAsync(HttpContext http, RiskRuleStore store, CaravanDatabase database)
    {
        var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
        if (form is null)
        {
            return PortalForms.Rejected(http);
        }
        var json = form["ruleset"].ToString();
        RiskRuleStore.SaveRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<RiskRuleStore.SaveRequest>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            return await HomeAsync(http, null, Failure.Validation([new FieldError(ex.Path ?? "ruleset", "json.invalid", "The rule set is not valid JSON: " + ex.Message)]), json).ConfigureAwait(false);
        }
        var result = await PortalForms.InTransactionAsync(database, (unit, ct) =>
            store.SaveDraftAsync(request ?? new RiskRuleStore.SaveRequest([], null!, null), http.User.GetPartyId(), unit, ct), http.RequestAborted).ConfigureAwait(false);
        return result.IsSuccess
            ? Results.Redirect($"/portal/risk?done={Uri.EscapeDataString($"Draft {result.Value.Version} is saved; replay it before activating.")}")
            : await HomeAsync(http, null, result.Failure, json).ConfigureAwait(false);
    }

    private static async Task<IResult> ReplayAsync(int version, HttpContext http, RiskRuleStore store, CaravanDatabase database)
    {
        var report = await database.ReadAsync((c, t) => store.ReplayAsync(version, 1000, c, t), http.RequestAborted).ConfigureAwait(false);
        if (!report.IsSuccess)
        {
            return new PortalPage(http).Render("Not found", h => h.Element("p", report.Failure!.Message), StatusCodes.Status404NotFound);
        }
        var r = report.Value;
        return new PortalPage(http).Render($"Replay of draft {version}", h =>
        {
            h.Element("p", $"{PortalFormat.Number(r.ItemsReplayed)} declaration items replayed against {(r.ActiveVersion is { } v ? $"active set {v}" : "no active set")}: {PortalFormat.Number(r.Changed)} would change channel.", ("id", "replay-summary"));
            h.Table(["Channel", "Draft", "Active"], new[] { "green", "yellow", "red" }.Select(c => (IReadOnlyList<string?>)
                [c, PortalFormat.Number(r.DraftChannels.GetValueOrDefault(c)), PortalFormat.Number(r.ActiveChannels.GetValueOrDefault(c))]), "replay-channels");
            h.Open("div", ("class", "table-wrap")).Open("table", ("id", "replay-changes")).Open("thead").Open("tr");
            foreach (var header in new[] { "Consignment", "Item", "From", "To", "Rules hit" })
            {
                h.Element("th", header, ("scope", "col"));
            }
            h.Close("tr").Close("thead").Open("tbody");
            foreach (var change in r.Examples)
            {
                h.Open("tr").Open("td").Link($"/portal/consignments/{Uri.EscapeDataString(change.ConsignmentId)}", change.ConsignmentId).Close("td")
                    .Element("td", PortalFormat.Number(change.ItemNumber)).Element("td", change.From).Element("td", change.To).Element("td", string.Join(", ", change.RulesHit)).Close("tr");
            }
            h.Close("tbody").Close("table").Close("div");
            h.Link("/portal/risk", "Back to the rule sets");
        });
    }

    private static async Task<IResult> ActivateAsync(int version, HttpContext http, RiskRuleStore store, CaravanDatabase database)
    {
        if (await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false) is null)
        {
            return PortalForms.Rejected(http);
        }
        var result = await PortalForms.InTransactionAsync(database, (unit, ct) => store.ActivateAsync(version, unit, ct), http.RequestAborted).ConfigureAwait(false);
        return result.IsSuccess
            ? Results.Redirect($"/portal/risk?done={Uri.EscapeDataString($"Rule set {version} is active.")}")
            : await HomeAsync(http, null, result.Failure, null).ConfigureAwait(false);
    }
}

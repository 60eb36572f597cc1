using Caravan.Common;
using Caravan.Exchange.Audit;
using Caravan.Exchange.Gateway;
using Caravan.Exchange.Outbox;
using Caravan.Node.Api.Security;
using Caravan.Node.Hosting;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Duty;
using Caravan.Window.Requirements;
using Caravan.Trust;

namespace Caravan.Node.Portal;

/// <summary>The operator's pages: trust list and revocations, dead letters and re-send, the audit-chain check, accounts.</summary>
internal static class OperatorPages
{
    public static void MapOperatorPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/portal/operator").RequireAuthorization(PortalAuth.Operator).ExcludeFromDescription();

        group.MapGet("", (HttpContext http, NodeRuntime runtime) =>
        {
            var own = runtime.Identity.Certificate;
            return new PortalPage(http).Render($"Operator: {runtime.Options.Country.Name} node", h =>
            {
                h.Open("div", ("class", "card")).Open("dl", ("class", "facts"));
                Fact(h, "Country", runtime.CountryCode);
                Fact(h, "Public address", runtime.PublicBaseUrl.ToString());
                Fact(h, "Node certificate", $"{own.Subject} (serial {own.SerialNumber})");
                Fact(h, "Valid", $"{PortalFormat.Time(new DateTimeOffset(own.NotBefore.ToUniversalTime()))} to {PortalFormat.Time(new DateTimeOffset(own.NotAfter.ToUniversalTime()))}");
                Fact(h, "Partners", PortalFormat.Number(runtime.TrustList.Partners.Count));
                h.Close("dl").Close("div");
                h.Open("ul")
                    .Open("li").Link("/portal/operator/matrix", "Regulatory-requirements matrix").Close("li")
                    .Open("li").Link("/portal/operator/tariff", "National tariff").Close("li")
                    .Open("li").Link("/portal/operator/trust", "Trust list and revocations").Close("li")
                    .Open("li").Link("/portal/operator/dead-letters", "Dead letters").Close("li")
                    .Open("li").Link("/portal/operator/audit", "Audit chain check").Close("li")
                    .Open("li").Link("/portal/operator/accounts", "Portal accounts").Close("li")
                    .Close("ul");
            });
        });

        group.MapGet("/matrix", (HttpContext http, int? published) => MatrixPageAsync(http, published is { } v ? $"Version {v} is published and active." : null, null));

        group.MapPost("/matrix", async (HttpContext http, RequirementMatrixStore matrices, CaravanDatabase database) =>
        {
            var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
            if (form is null)
            {
                return PortalForms.Rejected(http);
            }
            var file = form.Files.GetFile("rules");
            if (file is null || file.Length == 0 || file.Length > 4 * 1024 * 1024)
            {
                return await MatrixPageAsync(http, null, Failure.Validation([new FieldError("rules", "required", "Choose a JSON file of rules (at most 4 MiB).")])).ConfigureAwait(false);
            }
            IReadOnlyList<RequirementRule>? rules;
            try
            {
                await using var stream = file.OpenReadStream();
                using var document = await System.Text.Json.JsonDocument.ParseAsync(stream, cancellationToken: http.RequestAborted).ConfigureAwait(false);
                var array = document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && document.RootElement.TryGetProperty("rules", out var inner) ? inner : document.RootElement;
                rules = System.Text.Json.JsonSerializer.Deserialize<List<RequirementRule>>(array, RequirementMatrixStore.Json);
            }
            catch (System.Text.Json.JsonException ex)
            {
                return await MatrixPageAsync(http, null, Failure.Validation([new FieldError(ex.Path ?? "rules", "json.invalid", "The file is not a JSON list of rules: " + ex.Message)])).ConfigureAwait(false);
            }
            var note = form.Value("note");
            var result = await PortalForms.InTransactionAsync(database, (unit, ct) =>
                matrices.PublishAsync(rules ?? [], note.Length == 0 ? $"uploaded {file.FileName}" : note, http.User.GetPartyId(), unit, ct), http.RequestAborted).ConfigureAwait(false);
            return result.IsSuccess
                ? Results.Redirect($"/portal/operator/matrix?published={result.Value.Version}")
                : await MatrixPageAsync(http, null, result.Failure).ConfigureAwait(false);
        });

        group.MapGet("/tariff", (HttpContext http, int? published, string? code) => TariffPageAsync(http, published is { } v ? $"Tariff version {v} is published and active." : null, null, code));

        group.MapGet("/tariff.csv", async (CaravanDatabase database, HttpContext http) =>
        {
            var csv = await database.ReadAsync((c, t) => TariffStore.ActiveCsvAsync(c, t), http.RequestAborted).ConfigureAwait(false);
            return csv is null ? Results.NotFound() : Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", "tariff.csv");
        });

        group.MapPost("/tariff", async (HttpContext http, TariffStore tariffs, CaravanDatabase database) =>
        {
            var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
            if (form is null)
            {
                return PortalForms.Rejected(http);
            }
            var file = form.Files.GetFile("tariff");
            if (file is null || file.Length == 0 || file.Length > 16 * 1024 * 1024)
            {
                return await TariffPageAsync(http, null, Failure.Validation([new FieldError("tariff", "required", "Choose the tariff's CSV file (at most 16 MiB).")]), null).ConfigureAwait(false);
            }
            using var reader = new StreamReader(file.OpenReadStream());
            var csv = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
            var note = form.Value("note");
            var result = await PortalForms.InTransactionAsync(database, (unit, ct) =>
                tariffs.PublishAsync(csv, note.Length == 0 ? $"uploaded {file.FileName}" : note, http.User.GetPartyId(), unit, ct), http.RequestAborted).ConfigureAwait(false);
            return result.IsSuccess
                ? Results.Redirect($"/portal/operator/tariff?published={result.Value.Version}")
                : await TariffPageAsync(http, null, result.Failure, null).ConfigureAwait(false);
        });

        group.MapGet("/trust", (HttpContext http, string? done) => TrustPageAsync(http, done is "revoked" ? "The certificate is revoked." : null, null));

        group.MapPost("/trust/revocations", async (HttpContext http, RevocationStore revocations, CaravanDatabase database) =>
        {
            var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
            if (form is null)
            {
                return PortalForms.Rejected(http);
            }
            var result = await PortalForms.InTransactionAsync(database, (unit, ct) =>
                revocations.RevokeAsync(form.Value("serial"), form.Value("reason"), http.User.GetPartyId(), unit.Transaction, ct), http.RequestAborted).ConfigureAwait(false);
            return result.IsSuccess
                ? Results.Redirect("/portal/operator/trust?done=revoked")
                : await TrustPageAsync(http, null, result.Failure).ConfigureAwait(false);
        });

        group.MapGet("/dead-letters", (HttpContext http, string? done) => DeadLettersPageAsync(http, done is "resent" ? "The message is queued for delivery again." : null, null));

        group.MapPost("/dead-letters/{id:long}/resend", async (long id, HttpContext http, OutboxStore outbox, AuditLog audit, DeliverySignal signal, TimeProvider time, CaravanDatabase database) =>
        {
            if (await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false) is null)
            {
                return PortalForms.Rejected(http);
            }
            var result = await PortalForms.InTransactionAsync<bool>(database, async (unit, ct) =>
            {
                var entry = await outbox.GetAsync(id, ct).ConfigureAwait(false);
                if (entry is null)
                {
                    return Failure.NotFound("dead_letter.not_found", $"Outbox message {id} does not exist.");
                }
                if (!await outbox.RequeueAsync(unit, id, time.GetUtcNow(), ct).ConfigureAwait(false))
                {
                    return Failure.Conflict("dead_letter.not_dead", $"Outbox message {id} is {entry.Status.ToString().ToLowerInvariant()}, not dead.");
                }
                await audit.AppendAsync(unit, new AuditEntry
                {
                    At = time.GetUtcNow(),
                    Actor = http.User.GetPartyId(),
                    Kind = AuditKinds.Requeued,
                    MessageId = entry.Message.MessageId,
                    Subject = $"conversation:{entry.Message.ConversationId}",
                }, ct).ConfigureAwait(false);
                unit.OnCommitted(signal.Notify);
                return true;
            }, http.RequestAborted).ConfigureAwait(false);
            return result.IsSuccess
                ? Results.Redirect("/portal/operator/dead-letters?done=resent")
                : await DeadLettersPageAsync(http, null, result.Failure).ConfigureAwait(false);
        });

        group.MapGet("/audit", async (HttpContext http, AuditVerifier verifier) =>
        {
            var result = await verifier.VerifyAsync(http.RequestAborted).ConfigureAwait(false);
            return new PortalPage(http).Render("Audit chain check", h =>
            {
                h.Element("p", result.IsIntact
                        ? $"Intact: {PortalFormat.Number(result.EntriesChecked)} entries checked, every hash links to the one before."
                        : $"BROKEN at entry {PortalFormat.Number(result.FirstViolation!.Seq)}: {result.FirstViolation.Description}",
                    ("class", result.IsIntact ? "verdict ok" : "verdict bad"), ("id", "audit-result"));
                h.Element("p", "The check walks the whole hash-chained audit log and reports the first entry that was rewritten or deleted.", ("class", "muted"));
            });
        });

        group.MapGet("/accounts", (HttpContext http, string? done) => AccountsPageAsync(http, done switch
        {
            "created" => "The account is created. Give the person their username and password through a separate channel.",
            "disabled" => "The account is disabled; its sessions have ended.",
            "enabled" => "The account is enabled again.",
            _ => null,
        }, null));

        group.MapPost("/accounts", async (HttpContext http, AccountStore accounts, CaravanDatabase database) =>
        {
            var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
            if (form is null)
            {
                return PortalForms.Rejected(http);
            }
            var result = await PortalForms.InTransactionAsync(database, (unit, ct) =>
                accounts.CreateAsync(form.Value("username"), form.Value("displayName"), form.Value("partyId"), form["password"].ToString(), unit.Transaction, ct),
                http.RequestAborted).ConfigureAwait(false);
            return result.IsSuccess
                ? Results.Redirect("/portal/operator/accounts?done=created")
                : await AccountsPageAsync(http, null, result.Failure).ConfigureAwait(false);
        });

        group.MapPost("/accounts/{id}/disable", (string id, HttpContext http) => SetDisabledAsync(http, id, disable: true));
        group.MapPost("/accounts/{id}/enable", (string id, HttpContext http) => SetDisabledAsync(http, id, disable: false));
    }

    private static async Task<IResult> SetDisabledAsync(HttpContext http, string id, bool disable)
    {
        if (await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false) is null)
        {
            return PortalForms.Rejected(http);
        }
        var accounts = http.RequestServices.GetRequiredService<AccountStore>();
        var database = http.RequestServices.GetRequiredService<CaravanDatabase>();
        var result = await PortalForms.InTransactionAsync(database, (unit, ct) => accounts.SetDisabledAsync(id, disable, unit.Transaction, ct), http.RequestAborted).ConfigureAwait(false);
        return result.IsSuccess
            ? Results.Redirect($"/portal/operator/accounts?done={(disable ? "disabled" : "enabled")}")
            : await AccountsPageAsync(http, null, result.Failure).ConfigureAwait(false);
    }

    private static async Task<IResult> TrustPageAsync(HttpContext http, string? notice, Failure? failure)
    {
        var runtime = http.RequestServices.GetRequiredService<NodeRuntime>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var revocations = await http.RequestServices.GetRequiredService<RevocationStore>().ListAsync(http.RequestAborted).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var page = new PortalPage(http);
        return page.Render("Trust list and revocations", h =>
        {
            Messages(h, notice, failure);
            h.Element("h2", "Partners");
            h.Table(["Country", "AS4 endpoint", "Certificate", "Serial", "Valid from", "Valid until", "Now"],
                runtime.TrustList.Partners.OrderBy(p => p.CountryCode, StringComparer.Ordinal).Select(p => new[]
                {
                    p.CountryCode, p.Endpoint.ToString(), p.Certificate.Subject, p.Certificate.SerialNumber,
                    PortalFormat.Time(p.ValidFrom), PortalFormat.Time(p.ValidUntil),
                    runtime.TrustList.Evaluate(p.Certificate, now).Verdict.ToString().ToLowerInvariant(),
                }), "partners");
            h.Element("h2", "Revoked certificates");
            if (revocations.Count == 0)
            {
                h.Element("p", "No certificate is revoked.", ("class", "muted"));
            }
            else
            {
                h.Table(["Serial", "Reason", "Revoked at", "By"], revocations.Select(r => new[] { r.Serial, r.Reason, PortalFormat.Time(r.RevokedAt), r.RevokedBy }), "revocations");
            }
            h.Element("h2", "Revoke a certificate");
            h.Open("div", ("class", "card"));
            h.Element("p", "Messages and documents signed by a revoked certificate are rejected from then on. This cannot be undone here.", ("class", "muted"));
            h.Form("/portal/operator/trust/revocations", page.Token)
                .Field("Serial number (hex)", "serial", maxLength: 200)
                .Field("Reason", "reason", maxLength: 500)
                .Element("button", "Revoke", ("type", "submit"), ("class", "danger"))
                .Close("form");
            h.Close("div");
        }, failure is null ? 200 : PortalFormat.StatusOf(failure));
    }

    private static async Task<IResult> MatrixPageAsync(HttpContext http, string? notice, Failure? failure)
    {
        var matrices = http.RequestServices.GetRequiredService<RequirementMatrixStore>();
        var active = await matrices.GetActiveAsync(http.RequestAborted).ConfigureAwait(false);
        var versions = await matrices.ListVersionsAsync(http.RequestAborted).ConfigureAwait(false);
        var page = new PortalPage(http);
        return page.Render("Regulatory-requirements matrix", h =>
        {
            Messages(h, notice, failure);
            h.Element("p", $"Active version: {active.Version}. A consignment is assessed under the version active when it is submitted, and keeps it.", ("id", "active-version"));
            h.Table(["Rule", "HS prefix", "Procedure", "From", "To", "Minimum value", "Minimum quantity", "Action", "Agency"],
                active.Rules.Select(r => new[]
                {
                    r.Id, r.HsPrefix.Length == 0 ? "any" : r.HsPrefix, Caravan.Window.Consignments.Names.Of(r.Procedure), r.OriginCountry, r.DestinationCountry,
                    r.MinValue?.ToString(), r.MinQuantity?.ToString(), Caravan.Window.Consignments.Names.Of(r.Action), r.AgencyPartyId,
                }), "rules");
            h.Open("div", ("class", "card")).Element("h2", "Publish a new version");
            h.Element("p", "Upload the whole matrix as JSON (a list of rules, or {\"rules\": [...]}, as GET /api/v1/matrix returns it). Every rule is checked; a bad file changes nothing. Earlier versions are kept.", ("class", "muted"));
            h.Form("/portal/operator/matrix", page.Token, encType: "multipart/form-data")
                .Open("div", ("class", "field")).Element("label", "Rules file (JSON)", ("for", "f-rules"))
                .Void("input", ("id", "f-rules"), ("name", "rules"), ("type", "file"), ("accept", ".json,application/json"), ("required", "")).Close("div")
                .Field("Note", "note", required: false, maxLength: 500)
                .Element("button", "Publish", ("type", "submit"), ("id", "publish")).Close("form").Close("div");
            h.Element("h2", "Versions");
            h.Table(["Version", "Published", "By", "Rules", "Note"],
                versions.Select(v => new[] { PortalFormat.Number(v.Version), PortalFormat.Time(v.CreatedAt), v.CreatedBy, PortalFormat.Number(v.RuleCount), v.Note }), "versions");
        }, failure is null ? 200 : PortalFormat.StatusOf(failure));
    }

    private static async Task<IResult> TariffPageAsync(HttpContext http, string? notice, Failure? failure, string? code)
    {
        var tariffs = http.RequestServices.GetRequiredService<TariffStore>();
        var database = http.RequestServices.GetRequiredService<CaravanDatabase>();
        var active = await database.ReadAsync((c, t) => tariffs.GetActiveAsync(c, null, t), http.RequestAborted).ConfigureAwait(false);
        var versions = await database.ReadAsync((c, t) => TariffStore.ListVersionsAsync(c, t), http.RequestAborted).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var page = new PortalPage(http);
        return page.Render("National tariff", h =>
        {
            Messages(h, notice, failure);
            if (failure?.Errors is { Count: > 0 } errors)
            {
                h.Table(["Where", "Problem"], errors.Select(e => new[] { e.Path, e.Message }), "tariff-errors");
            }
            h.Element("p", active is { } a ? $"Active version: {a.Version}, {PortalFormat.Number(a.Schedule.Lines.Count)} lines." : "No tariff is published yet.", ("id", "tariff-active"));
            h.Open("form", ("method", "get"), ("action", "/portal/operator/tariff"));
            h.Field("Look up a goods code (2 to 10 digits)", "code", value: code, required: false, maxLength: 10);
            h.Element("button", "Look up", ("type", "submit"), ("id", "lookup"));
            h.Close("form");
            if (!string.IsNullOrWhiteSpace(code) && active is { } schedule)
            {
                h.Element("p", schedule.Schedule.Find(code.Trim(), today) is { } line
                    ? $"{code}: line {line.Code} from {line.ValidFrom:yyyy-MM-dd}: MFN {line.Mfn}, VAT {line.VatPercent.ToString(System.Globalization.CultureInfo.InvariantCulture)}%{(line.Excise is { } excise ? $", excise {excise}" : "")}{(line.Preferences.Count > 0 ? ", preferences " + string.Join("; ", line.Preferences.Select(p => $"{p.Agreement} {string.Join('|', p.Origins.Select(o => o.Value))} {p.Rate}")) : "")}"
                    : $"No line covers {code} today.", ("id", "tariff-line"));
            }
            h.Open("div", ("class", "card")).Element("h2", "Publish a new version");
            h.Element("p", "To edit the tariff, download the active version, change it and upload it whole; every line is checked (codes, dates without gaps or overlaps, rates) and a file with any problem changes nothing. Earlier versions are kept.", ("class", "muted"));
            h.Link("/portal/operator/tariff.csv", "Download the active version (CSV)", ("id", "download"));
            h.Form("/portal/operator/tariff", page.Token, encType: "multipart/form-data")
                .Open("div", ("class", "field")).Element("label", "Tariff file (CSV)", ("for", "f-tariff"))
                .Void("input", ("id", "f-tariff"), ("name", "tariff"), ("type", "file"), ("accept", ".csv,text/csv"), ("required", "")).Close("div")
                .Field("Note", "note", required: false, maxLength: 500)
                .Element("button", "Publish", ("type", "submit"), ("id", "publish")).Close("form").Close("div");
            h.Element("h2", "Versions");
            h.Table(["Version", "Published", "By", "Lines", "Note"],
                versions.Select(v => new[] { PortalFormat.Number(v.Version), PortalFormat.Time(v.CreatedAt), v.CreatedBy, PortalFormat.Number(v.LineCount), v.Note }), "tariff-versions");
        }, failure is null ? 200 : PortalFormat.StatusOf(failure));
    }

    private static async Task<IResult> DeadLettersPageAsync(HttpContext http, string? notice, Failure? failure)
    {
        var outbox = http.RequestServices.GetRequiredService<OutboxStore>();
        var dead = await outbox.ListDeadAsync(0, 500, http.RequestAborted).ConfigureAwait(false);
        var page = new PortalPage(http);
        return page.Render("Dead letters", h =>
        {
            Messages(h, notice, failure);
            h.Element("p", "Messages the gateway gave up on after its retries. Re-send queues one again with its attempts reset.", ("class", "muted"));
            if (dead.Count == 0)
            {
                h.Element("p", "There are no dead letters.", ("id", "no-dead-letters"));
                return;
            }
            h.Open("div", ("class", "table-wrap")).Open("table", ("id", "dead-letters")).Open("thead").Open("tr");
            foreach (var title in new[] { "Id", "Partner", "Action", "Conversation", "Attempts", "Last error", "Created", "" })
            {
                h.Element("th", title, ("scope", "col"));
            }
            h.Close("tr").Close("thead").Open("tbody");
            foreach (var d in dead)
            {
                h.Open("tr")
                    .Element("td", PortalFormat.Number(d.Id)).Element("td", d.Message.Partner).Element("td", d.Message.Action)
                    .Element("td", d.Message.ConversationId).Element("td", PortalFormat.Number(d.Attempts)).Element("td", d.LastError)
                    .Element("td", PortalFormat.Time(d.Message.CreatedAt))
                    .Open("td");
                h.Form($"/portal/operator/dead-letters/{d.Id}/resend", page.Token, "inline").Element("button", "Re-send", ("type", "submit")).Close("form");
                h.Close("td").Close("tr");
            }
            h.Close("tbody").Close("table").Close("div");
        }, failure is null ? 200 : PortalFormat.StatusOf(failure));
    }

    private static async Task<IResult> AccountsPageAsync(HttpContext http, string? notice, Failure? failure)
    {
        var accounts = await http.RequestServices.GetRequiredService<AccountStore>().ListAsync(http.RequestAborted).ConfigureAwait(false);
        var parties = await http.RequestServices.GetRequiredService<PartyStore>().ListAsync(http.RequestAborted).ConfigureAwait(false);
        var page = new PortalPage(http);
        return page.Render("Portal accounts", h =>
        {
            Messages(h, notice, failure);
            h.Open("div", ("class", "table-wrap")).Open("table", ("id", "accounts")).Open("thead").Open("tr");
            foreach (var title in new[] { "Username", "Name", "Party", "Role", "Last sign-in", "State", "" })
            {
                h.Element("th", title, ("scope", "col"));
            }
            h.Close("tr").Close("thead").Open("tbody");
            foreach (var a in accounts)
            {
                var state = a.IsDisabled ? "disabled" : a.LockedUntil is { } l && l > http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() ? $"locked until {PortalFormat.Time(l)}" : "active";
                h.Open("tr")
                    .Element("td", a.Username).Element("td", a.DisplayName).Element("td", $"{a.PartyName} ({a.PartyId})").Element("td", a.Role.ToName())
                    .Element("td", PortalFormat.Time(a.LastSignInAt)).Element("td", state).Open("td");
                h.Form($"/portal/operator/accounts/{Uri.EscapeDataString(a.Id)}/{(a.IsDisabled ? "enable" : "disable")}", page.Token, "inline")
                    .Element("button", a.IsDisabled ? "Enable" : "Disable", ("type", "submit"), ("class", a.IsDisabled ? null : "danger")).Close("form");
                h.Close("td").Close("tr");
            }
            h.Close("tbody").Close("table").Close("div");

            h.Element("h2", "Create an account");
            h.Open("div", ("class", "card"));
            h.Form("/portal/operator/accounts", page.Token)
                .Field("Username", "username", autocomplete: "off", maxLength: 64)
                .Field("Person's name", "displayName", maxLength: 200);
            h.Open("div", ("class", "field")).Element("label", "Acts for party", ("for", "f-partyId")).Open("select", ("id", "f-partyId"), ("name", "partyId"), ("required", ""));
            foreach (var p in parties)
            {
                h.Element("option", $"{p.Name} ({p.Id}, {p.Role.ToName()})", ("value", p.Id));
            }
            h.Close("select").Close("div");
            h.Field($"Initial password ({AccountPasswords.MinimumLength}+ characters)", "password", "password", autocomplete: "new-password", maxLength: AccountPasswords.MaximumLength)
                .Element("button", "Create account", ("type", "submit"))
                .Close("form");
            h.Close("div");
        }, failure is null ? 200 : PortalFormat.StatusOf(failure));
    }

    internal static void Messages(Html h, string? notice, Failure? failure)
    {
        if (notice is not null)
        {
            h.Element("p", notice, ("class", "notice"), ("role", "status"));
        }
        if (failure is not null)
        {
            h.Element("p", PortalFormat.Describe(failure), ("class", "error"), ("role", "alert"));
        }
    }

    internal static void Fact(Html h, string name, string? value) => h.Element("dt", name).Element("dd", value);
}

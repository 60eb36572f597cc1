using System.Data.Common;
using System.Text.Json;
using Caravan.Common;
using Caravan.Documents.Common;
using Caravan.Documents.Origin;
using Caravan.Exchange.Gateway;
using Caravan.Exchange.Outbox;
using Caravan.Storage;
using Caravan.Trust;
using Caravan.Window.Certificates;
using Dapper;

namespace Caravan.Window.Origin;

/// <summary>
/// The certificate-of-origin workflow on one node: an exporter applies, the issuing authority approves (the
/// certificate is numbered, certified, signed, stored and queued for the importing country in one transaction) or
/// rejects. What happens to the certificate afterwards (use, acceptance, revocation...) is <see cref="CertificateLifecycle"/>'s.
/// Every method runs inside the caller's unit of work, so the change, its outbox message and its idempotency record
/// commit together.
/// </summary>
public sealed class OriginWorkflow(NodeContext node, CertificateStore certificates, CertificateLifecycle lifecycle, OutboxStore outbox, TimeProvider time)
{
    public const string DocumentType = "certificate_of_origin";

    /// <summary>Fields the authority fills at issue; an application need not (and cannot usefully) set them.</summary>
    private static readonly string[] AuthorityFields = ["certificateNumber", "issueDate", "issuingAuthority", "certification"];

    public sealed record ApplyRequest(string DestinationCountry, JsonElement Certificate);

    public sealed record ApproveRequest(string OfficerName, string? Place);

    public sealed record RejectRequest(string Reason);

    public sealed record ReplaceRequest(JsonElement Certificate, string OfficerName, string? Place, string Reason);

    public async Task<Result<OriginApplication>> ApplyAsync(string exporterPartyId, ApplyRequest request, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(unit);
        var errors = new List<FieldError>();
        var checkedDestination = PartnerDestination.Check(node, request.DestinationCountry, "destinationCountry");
        if (!checkedDestination.IsSuccess)
        {
            errors.AddRange(checkedDestination.Failure.Errors ?? []);
        }
        var destination = checkedDestination.IsSuccess ? CountryCode.Of(checkedDestination.Value) : default;
        if (request.Certificate.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("certificate", "required", "certificate must be a JSON object (the certificate of origin)."));
            return Failure.Validation(errors);
        }
        var document = ReadDraft(request.Certificate, errors.Any(e => e.Path == "destinationCountry") ? null : destination.Value, errors);
        if (errors.Count > 0 || document is null)
        {
            return Failure.Validation(errors);
        }
        var certificate = document with
        {
            IssuingCountry = CountryCode.Of(node.CountryCode),
            ImportingCountry = destination,
            CertificateNumber = null,
            IssueDate = null,
            Certification = null,
            IssuingAuthority = null,
        };
        var now = time.GetUtcNow();
        var id = "coa_" + Guid.CreateVersion7(now).ToString("N");
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into co_applications (id, exporter_party_id, destination_country, status, document_json, created_at_ms, updated_at_ms)
            values (@id, @exporterPartyId, @destination, 'submitted', @json, @at, @at)
            """,
            new { id, exporterPartyId, destination = destination.Value, json = CertificateOfOriginJson.ToJson(certificate), at = now.ToUnixTimeMilliseconds() },
            unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (await FindApplicationAsync(id, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<Result<CertificateView>> ApproveAsync(string authorityPartyId, string applicationId, ApproveRequest request, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(unit);
        if (string.IsNullOrWhiteSpace(request.OfficerName) || request.OfficerName.Length > 200)
        {
            return Failure.Validation([new FieldError("officerName", "required", "officerName is required (at most 200 characters).")]);
        }
        var application = await FindApplicationAsync(applicationId, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (application is null)
        {
            return Failure.NotFound("application.not_found", $"Application {applicationId} does not exist.");
        }
        if (application.Status != OriginApplicationStatus.Submitted)
        {
            return Failure.Conflict("application.already_decided", $"Application {applicationId} is already {application.Status.ToString().ToLowerInvariant()}.");
        }
        var draft = CertificateOfOriginJson.Read(application.Certificate.GetRawText(), CertificateOfOriginStage.Application).Document
            ?? throw new InvalidOperationException($"Stored application {applicationId} no longer parses.");
        var issued = await IssueAsync(draft, application.DestinationCountry, application.Id, application.ExporterPartyId, authorityPartyId,
            request.OfficerName, request.Place, $"approved application {application.Id}", unit, cancellationToken).ConfigureAwait(false);
        if (!issued.IsSuccess)
        {
            return issued.Failure;
        }
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            "update co_applications set status = 'issued', certificate_number = @number, updated_at_ms = @at where id = @id",
            new { number = issued.Value.Number, at = time.GetUtcNow().ToUnixTimeMilliseconds(), id = application.Id }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return issued;
    }

    /// <summary>
    /// The issuing authority replaces a certificate it issued with a corrected one: the new certificate is numbered,
    /// signed and sent like any other, and the old one becomes replaced on both sides.
    /// </summary>
    public async Task<Result<CertificateView>> ReplaceAsync(string authorityPartyId, string number, ReplaceRequest request, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(unit);
        if (string.IsNullOrWhiteSpace(request.OfficerName) || string.IsNullOrWhiteSpace(request.Reason))
        {
            return Failure.Validation([.. new[] { ("officerName", request.OfficerName), ("reason", request.Reason) }
                .Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => new FieldError(f.Item1, "required", $"{f.Item1} is required."))]);
        }
        var old = await certificates.FindAsync(node.CountryCode, number, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (old is null || old.Direction != CertificateDirection.Issued || old.DocumentType != DocumentType)
        {
            return Failure.NotFound("certificate.not_found", $"Certificate of origin {number} was not issued here.");
        }
        if (CertificateTransitions.IsFinal(CertificateStatusNames.Parse(old.Status)))
        {
            return Failure.Conflict("certificate.status_transition", $"Certificate {number} is {old.Status} and cannot be replaced.");
        }
        if (request.Certificate.ValueKind != JsonValueKind.Object)
        {
            return Failure.Validation([new FieldError("certificate", "required", "certificate must be the corrected certificate of origin.")]);
        }
        var errors = new List<FieldError>();
        var corrected = ReadDraft(request.Certificate, old.PartnerCountry, errors);
        if (corrected is null || errors.Count > 0)
        {
            return Failure.Validation(errors);
        }
        var draft = corrected;
        var issued = await IssueAsync(draft, old.PartnerCountry, old.ApplicationId, old.ExporterPartyId, authorityPartyId, request.OfficerName, request.Place,
            $"replaces {number}: {request.Reason}", unit, cancellationToken).ConfigureAwait(false);
        if (!issued.IsSuccess)
        {
            return issued.Failure;
        }
        var replaced = await lifecycle.MarkReplacedAsync(authorityPartyId, number, issued.Value.Number, $"replaced by {issued.Value.Number}: {request.Reason}", unit, cancellationToken).ConfigureAwait(false);
        return replaced.IsSuccess ? issued : replaced.Failure;
    }

    private async Task<Result<CertificateView>> IssueAsync(CertificateOfOrigin draft, string destination, string? applicationId, string? exporterPartyId,
        string authorityPartyId, string officerName, string? place, string reason, UnitOfWork unit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sequence = await NumberSequence.NextAsync(unit, $"co:{now.Year}", cancellationToken).ConfigureAwait(false);
        var number = $"{node.CountryCode}-CO-{now.Year}-{sequence:000000}";
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var certificate = draft with
        {
            CertificateNumber = number,
            IssueDate = today,
            IssuingAuthority = new IssuingAuthority { Name = node.AuthorityName, Country = CountryCode.Of(node.CountryCode) },
            Certification = new Certification { Place = place ?? node.CountryName, Date = today, OfficerName = officerName },
        };
        var problems = CertificateOfOriginValidator.Validate(certificate, CertificateOfOriginStage.Issued);
        if (problems.Count > 0)
        {
            return Failure.Validation("certificate.invalid_at_issue", "The certificate cannot be issued as it stands.",
                problems.Select(e => new FieldError("certificate." + e.Path, e.Code, e.Message)).ToList());
        }

        var xml = CertificateOfOriginXml.ToXmlDocument(certificate);
        XmlDocumentSigner.Sign(xml, node.Identity.Certificate);
        var signedXml = xml.OuterXml;
        var messageId = MessageIds.New(node.CountryCode, now);
        var items = new List<NewCertificateItem>();
        foreach (var item in certificate.Items)
        {
            if (!Quantities.TryToMicros(item.Quantity!.Value.Value, out var micros))
            {
                return Failure.Validation([new FieldError($"certificate.items[{item.ItemNumber}].quantity", "quantity.precision", "Quantities may have at most 6 decimals.")]);
            }
            items.Add(new NewCertificateItem(item.ItemNumber!.Value, item.HsCode!.Value.ToString(), item.Quantity.Value.Unit, micros));
        }
        await certificates.InsertAsync(new NewCertificate(
            node.CountryCode, number, DocumentType, CertificateDirection.Issued, destination, applicationId,
            exporterPartyId, messageId, now, items, CertificateOfOriginJson.ToJson(certificate), signedXml)
        {
            IssuedByPartyId = authorityPartyId,
        },
            authorityPartyId, reason, unit.Transaction, cancellationToken).ConfigureAwait(false);
        await outbox.EnqueueAsync(unit, new OutboxMessage
        {
            MessageId = messageId,
            Partner = destination,
            Service = As4Services.Origin,
            Action = As4Services.IssueCertificateAction,
            ConversationId = number,
            Payload = System.Text.Encoding.UTF8.GetBytes(signedXml),
            PayloadContentType = "application/xml",
            CreatedAt = now,
        }, cancellationToken).ConfigureAwait(false);
        return (await certificates.FindAsync(node.CountryCode, number, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<Result<OriginApplication>> RejectAsync(string applicationId, RejectRequest request, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(unit);
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 2000)
        {
            return Failure.Validation([new FieldError("reason", "required", "reason is required (at most 2000 characters): the exporter sees it.")]);
        }
        var application = await FindApplicationAsync(applicationId, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (application is null)
        {
            return Failure.NotFound("application.not_found", $"Application {applicationId} does not exist.");
        }
        if (application.Status != OriginApplicationStatus.Submitted)
        {
            return Failure.Conflict("application.already_decided", $"Application {applicationId} is already {application.Status.ToString().ToLowerInvariant()}.");
        }
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            "update co_applications set status = 'rejected', decision_reason = @reason, updated_at_ms = @at where id = @id and status = 'submitted'",
            new { reason = request.Reason, at = time.GetUtcNow().ToUnixTimeMilliseconds(), id = applicationId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (await FindApplicationAsync(applicationId, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Reads a certificate as a trader or a correcting authority writes it: the fields the authority fills at issue may
    /// be absent, this node is the issuing country and <paramref name="destination"/> the importing one (filled when
    /// absent; when given they must agree). Adds every problem to <paramref name="errors"/> with its path.
    /// </summary>
    private CertificateOfOrigin? ReadDraft(JsonElement certificate, string? destination, List<FieldError> errors)
    {
        // This node is the issuing country and the destination is the importing country: fill them when absent, so the
        // exporter states them once; when given, they must agree.
        var certificateJson = System.Text.Json.Nodes.JsonNode.Parse(certificate.GetRawText())!.AsObject();
        if (certificateJson["issuingCountry"] is { } givenIssuing && givenIssuing.ToString() != node.CountryCode)
        {
            errors.Add(new FieldError("certificate.issuingCountry", "issuing_country.not_this_node", $"This node issues certificates for {node.CountryCode} only."));
        }
        if (certificateJson["importingCountry"] is { } givenImporting && destination is not null && givenImporting.ToString() != destination)
        {
            errors.Add(new FieldError("certificate.importingCountry", "importing_country.mismatch", "certificate.importingCountry must equal destinationCountry."));
        }
        certificateJson["issuingCountry"] = node.CountryCode;
        if (destination is not null)
        {
            certificateJson["importingCountry"] ??= destination;
        }
        var read = CertificateOfOriginJson.Read(certificateJson.ToJsonString(), CertificateOfOriginStage.Application);
        errors.AddRange(read.Errors
            .Where(e => !AuthorityFields.Any(f => e.Path == f || e.Path.StartsWith(f + ".", StringComparison.Ordinal)))
            .Where(e => e.Path != "importingCountry" || destination is not null)
            .Select(e => new FieldError(string.IsNullOrEmpty(e.Path) ? "certificate" : "certificate." + e.Path, e.Code, e.Message)));
        return read.Document;
    }

    public async Task<OriginApplication?> FindApplicationAsync(string id, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var row = await connection.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition(
            ApplicationColumns + " where id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToApplication();
    }

    /// <summary>Applications newest first; <paramref name="exporterPartyId"/> restricts them to one exporter's own.</summary>
    public async Task<IReadOnlyList<OriginApplication>> ListApplicationsAsync(string? exporterPartyId, int limit, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<ApplicationRow>(new CommandDefinition(
            ApplicationColumns + " where (@exporter is null or exporter_party_id = @exporter) order by created_at_ms desc, id desc limit @limit",
            new { exporter = exporterPartyId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToApplication()).ToList();
    }

    private const string ApplicationColumns =
        """
        select id as Id, exporter_party_id as ExporterPartyId, destination_country as DestinationCountry, status as Status,
               certificate_number as CertificateNumber, decision_reason as DecisionReason, created_at_ms as CreatedAtMs,
               updated_at_ms as UpdatedAtMs, document_json as DocumentJson
        from co_applications
        """;

    private sealed class ApplicationRow
    {
        public string Id { get; set; } = "";
        public string ExporterPartyId { get; set; } = "";
        public string DestinationCountry { get; set; } = "";
        public string Status { get; set; } = "";
        public string? CertificateNumber { get; set; }
        public string? DecisionReason { get; set; }
        public long CreatedAtMs { get; set; }
        public long UpdatedAtMs { get; set; }
        public string DocumentJson { get; set; } = "";

        public OriginApplication ToApplication()
        {
            using var document = JsonDocument.Parse(DocumentJson);
            return new(Id, ExporterPartyId, DestinationCountry,
                Status switch
                {
                    "submitted" => OriginApplicationStatus.Submitted,
                    "issued" => OriginApplicationStatus.Issued,
                    "rejected" => OriginApplicationStatus.Rejected,
                    _ => throw new FormatException($"Unknown application status '{Status}'."),
                },
                CertificateNumber, DecisionReason,
                DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAtMs),
                document.RootElement.Clone());
        }
    }
}

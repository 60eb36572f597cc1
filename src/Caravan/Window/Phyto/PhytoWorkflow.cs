using System.Text.Json;
using Caravan.Common;
using Caravan.Documents.Common;
using Caravan.Documents.Phyto;
using Caravan.Exchange.Gateway;
using Caravan.Exchange.Outbox;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Certificates;
using Caravan.Window.Consignments;
using Caravan.Window.Requirements;

namespace Caravan.Window.Phyto;

/// <summary>
/// The exporting plant-protection agency (NPPO) issues ePhyto certificates: approving a consignment's phytosanitary
/// task issues one for that consignment (<see cref="OnApprovingAsync"/>), and <see cref="IssueAsync"/> issues one
/// on its own. Either way the certificate is numbered, completed with what only the NPPO states (number, issue time,
/// issuer, signatory), validated against the ePhyto rules, signed, stored with its hub envelope header and queued
/// for the importing country's node, all in the caller's transaction. What happens to it afterwards (inspection,
/// acceptance, rejection, revocation) is <see cref="CertificateLifecycle"/>'s, like any certificate.
/// </summary>
public sealed class PhytoWorkflow(NodeContext node, PartyStore parties, CertificateStore certificates, CertificateLifecycle lifecycle, OutboxStore outbox, TimeProvider time)
    : ITaskApprovalHandler
{
    public const string DocumentType = "phytosanitary_certificate";

    public sealed record IssueRequest(string DestinationCountry, JsonElement Certificate, string OfficerName, string? Place);

    public sealed record ReplaceRequest(JsonElement Certificate, string OfficerName, string? Place, string Reason);

    public AgencyActionKind Action => AgencyActionKind.PhytosanitaryCertificate;

    /// <summary>Issues an ePhyto that no consignment asked for (e.g. a consignment lodged elsewhere).</summary>
    public async Task<Result<CertificateView>> IssueAsync(Actor actor, IssueRequest request, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var destination = PartnerDestination.Check(node, request.DestinationCountry, "destinationCountry");
        if (!destination.IsSuccess)
        {
            return destination.Failure;
        }
        return await IssueCoreAsync(actor, destination.Value, request.Certificate, request.OfficerName, request.Place, null, null,
            PhytoCodes.StatusIssued, null, "issued", unit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Approving an export consignment's phytosanitary task issues its ePhyto to the destination country.</summary>
    public async Task<Result<string?>> OnApprovingAsync(Actor actor, ConsignmentView consignment, AgencyTaskView task, TaskApproval approval, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        ArgumentNullException.ThrowIfNull(approval);
        if (consignment.Procedure != Procedure.Export)
        {
            // On import the agency checks the ePhyto the exporting country sent; approving issues nothing.
            return (string?)null;
        }
        if (approval.Certificate is not { ValueKind: JsonValueKind.Object } certificate)
        {
            return Failure.Validation([new FieldError("certificate", "required",
                "Approving a phytosanitary task issues the ePhyto: certificate (the SPSCertificate JSON) and officerName are required.")]);
        }
        if (node.TrustList.FindPartner(consignment.DestinationCountry) is null)
        {
            return Failure.Validation([new FieldError("consignment.destinationCountry", "partner.unknown",
                $"{consignment.DestinationCountry} is not a partner of this node; the ePhyto cannot be sent there.")]);
        }
        var issued = await IssueCoreAsync(actor, consignment.DestinationCountry, certificate, approval.OfficerName, approval.Place,
            consignment.Id, consignment.TraderPartyId, PhytoCodes.StatusIssued, null, $"issued for consignment {consignment.Id}", unit, cancellationToken).ConfigureAwait(false);
        return issued.IsSuccess ? $"ePhyto {issued.Value.Number} issued" : issued.Failure;
    }

    /// <summary>
    /// The NPPO replaces an ePhyto it issued with a corrected one (status 40, referring to the one it replaces); the old
    /// one becomes replaced on both sides.
    /// </summary>
    public async Task<Result<CertificateView>> ReplaceAsync(Actor actor, string number, ReplaceRequest request, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 2000)
        {
            return Failure.Validation([new FieldError("reason", "required", "reason is required (at most 2000 characters): the importing NPPO sees it.")]);
        }
        var old = await certificates.FindAsync(node.CountryCode, number, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (old is null || old.Direction != CertificateDirection.Issued || old.DocumentType != DocumentType || old.IssuedByPartyId != actor.PartyId)
        {
            return Failure.NotFound("certificate.not_found", $"ePhyto {number} was not issued here by {actor.PartyId}.");
        }
        if (CertificateTransitions.IsFinal(CertificateStatusNames.Parse(old.Status)))
        {
            return Failure.Conflict("certificate.status_transition", $"ePhyto {number} is {old.Status} and cannot be replaced.");
        }
        var issued = await IssueCoreAsync(actor, old.PartnerCountry, request.Certificate, request.OfficerName, request.Place, old.ConsignmentId,
            old.ExporterPartyId, PhytoCodes.StatusReplacement, number, $"replaces {number}: {request.Reason}", unit, cancellationToken).ConfigureAwait(false);
        if (!issued.IsSuccess)
        {
            return issued.Failure;
        }
        var replaced = await lifecycle.MarkReplacedAsync(actor.PartyId, number, issued.Value.Number, $"replaced by {issued.Value.Number}: {request.Reason}", unit, cancellationToken).ConfigureAwait(false);
        return replaced.IsSuccess ? issued : replaced.Failure;
    }

    private async Task<Result<CertificateView>> IssueCoreAsync(Actor actor, string destination, JsonElement draftJson, string? officerName, string? place,
        string? consignmentId, string? traderPartyId, int statusCode, string? replaces, string reason, UnitOfWork unit, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(officerName) || officerName.Length > 200)
        {
            errors.Add(new FieldError("officerName", "required", "officerName (the authorised officer who signs) is required, at most 200 characters."));
        }
        if (draftJson.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("certificate", "required", "certificate must be a JSON object (the ePhyto SPSCertificate)."));
            return Failure.Validation(errors);
        }
        var read = PhytoJson.Read(draftJson.GetRawText());
        if (read.Document is null)
        {
            errors.AddRange(read.Errors.Select(Prefixed));
            return Failure.Validation(errors);
        }
        var draft = read.Document;
        if (draft.Consignment?.ExportCountry?.Id is { } export && export.Value != node.CountryCode)
        {
            errors.Add(new FieldError("certificate.consignment.exportCountry.id", "export_country.not_this_node", $"This node's NPPO issues ePhytos for exports from {node.CountryCode} only."));
        }
        if (draft.Consignment?.ImportCountry?.Id is { } import && import.Value != destination)
        {
            errors.Add(new FieldError("certificate.consignment.importCountry.id", "import_country.mismatch", $"The certificate is for {destination}, not {import}."));
        }
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        var now = time.GetUtcNow();
        var issuer = await parties.FindAsync(actor.PartyId, cancellationToken).ConfigureAwait(false);
        var sequence = await NumberSequence.NextAsync(unit, $"pc:{now.Year}", cancellationToken).ConfigureAwait(false);
        var number = $"{node.CountryCode}-PC-{now.Year}-{sequence:000000}";
        var issuedAt = PhytoDateTime.FromDateTimeOffset(now);
        var document = draft.Document ?? new PhytoExchangedDocument();
        var certificate = draft with
        {
            Document = document with
            {
                Name = document.Name ?? "Phytosanitary Certificate",
                Id = number,
                TypeCode = document.TypeCode ?? PhytoCodes.PhytosanitaryCertificate,
                StatusCode = statusCode,
                IssueDateTime = issuedAt,
                IssuerName = issuer?.Name ?? actor.PartyId,
                ReferencedDocuments = replaces is null
                    ? document.ReferencedDocuments
                    : [.. document.ReferencedDocuments, new PhytoReferencedDocument { TypeCode = PhytoCodes.PhytosanitaryCertificate.ToString(System.Globalization.CultureInfo.InvariantCulture), RelationshipTypeCode = "AWR", Id = replaces }],
                Signatory = new PhytoSignatory
                {
                    ActualDateTime = issuedAt,
                    PlaceName = string.IsNullOrWhiteSpace(place) ? node.CountryName : place,
                    ProviderName = issuer?.Name ?? actor.PartyId,
                    OfficerName = officerName,
                    Clauses = document.Signatory?.Clauses is { Count: > 0 } clauses ? clauses : [DefaultClause],
                },
            },
            Consignment = (draft.Consignment ?? new PhytoConsignment()) with
            {
                ExportCountry = new PhytoCountry { Id = CountryCode.Of(node.CountryCode), Name = node.CountryName },
                ImportCountry = new PhytoCountry { Id = CountryCode.Of(destination), Name = draft.Consignment?.ImportCountry?.Name },
            },
        };
        var problems = PhytoValidator.Validate(certificate);
        if (problems.Count > 0)
        {
            return Failure.Validation("certificate.invalid_at_issue", "The ePhyto cannot be issued as it stands.", problems.Select(Prefixed).ToList());
        }
        var envelope = EphytoEnvelope.FromCertificate(certificate, out _)
            ?? throw new InvalidOperationException("A validated ePhyto always has its envelope fields.");
        var items = ItemsOf(certificate, out var tooPrecise);
        if (items is null)
        {
            return Failure.Validation([new FieldError($"certificate.consignment.items[{tooPrecise!.SequenceNumber}].netWeight", "quantity.precision", "Quantities may have at most 6 decimals.")]);
        }

        var signedXml = PhytoSigning.Sign(certificate, node.Identity.Certificate);
        var messageId = MessageIds.New(node.CountryCode, now);
        await certificates.InsertAsync(new NewCertificate(
            node.CountryCode, number, DocumentType, CertificateDirection.Issued, destination, null, traderPartyId, messageId, now, items,
            PhytoJson.ToJson(certificate), System.Text.Encoding.UTF8.GetString(signedXml))
        {
            IssuedByPartyId = actor.PartyId,
            ConsignmentId = consignmentId,
            EnvelopeJson = JsonSerializer.Serialize(envelope, PhytoJsonContext.Default.EphytoEnvelope),
        }, actor.PartyId, reason, unit.Transaction, cancellationToken).ConfigureAwait(false);
        await outbox.EnqueueAsync(unit, new OutboxMessage
        {
            MessageId = messageId,
            Partner = destination,
            Service = As4Services.Phyto,
            Action = As4Services.IssueCertificateAction,
            ConversationId = number,
            Payload = signedXml,
            PayloadContentType = "application/xml",
            CreatedAt = now,
        }, cancellationToken).ConfigureAwait(false);
        return (await certificates.FindAsync(node.CountryCode, number, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// The balance lines of a validated ePhyto: per item its HS code and its net weight (else gross weight, else
    /// volume) as the quantity; null, with the item, when a quantity has more than 6 decimals.
    /// </summary>
    internal static List<NewCertificateItem>? ItemsOf(PhytosanitaryCertificate certificate, out PhytoTradeLineItem? tooPrecise)
    {
        var items = new List<NewCertificateItem>();
        foreach (var item in certificate.Consignment!.Items)
        {
            var quantity = item.NetWeight ?? item.GrossWeight ?? item.NetVolume ?? item.GrossVolume;
            if (!Quantities.TryToMicros(quantity?.Value ?? 0m, out var micros))
            {
                tooPrecise = item;
                return null;
            }
            items.Add(new NewCertificateItem(item.SequenceNumber!.Value, HsCodeOf(item), quantity?.Unit ?? "", micros));
        }
        tooPrecise = null;
        return items;
    }

    /// <summary>The HS heading of an item (first 6 digits of its HS classification), or empty when it has none.</summary>
    internal static string HsCodeOf(PhytoTradeLineItem item) =>
        item.Classifications.FirstOrDefault(c => c.SystemName == PhytoCodes.SystemHs)?.ClassCode is { Length: >= 6 } hs ? hs[..6] : "";

    private static readonly PhytoClause DefaultClause = new(1,
        "This is to certify that the plants, plant products or other regulated articles described herein have been inspected and/or tested "
        + "according to appropriate official procedures and are considered to be free from the quarantine pests specified by the importing "
        + "contracting party and to conform with the current phytosanitary requirements of the importing contracting party.");

    private static FieldError Prefixed(DocumentError e) =>
        new(string.IsNullOrEmpty(e.Path) ? "certificate" : "certificate." + e.Path, e.Code, e.Line is { } line ? $"{e.Message} (line {line})" : e.Message);
}

namespace Caravan.Exchange.Gateway;

/// <summary>
/// The ebMS Service and Action values Caravan nodes use between each other (the business collaboration of the
/// P-Mode). Versioned with the profile in docs/as4-profile.md.
/// </summary>
public static class As4Services
{
    /// <summary>Certificates of origin: issuance to the importing country.</summary>
    public const string Origin = "urn:caravan:services:origin:1";

    public const string IssueCertificateAction = "IssueCertificate";

    /// <summary>ePhyto phytosanitary certificates (UN/CEFACT SPSCertificate XML): issuance to the importing NPPO.</summary>
    public const string Phyto = "urn:caravan:services:phyto:1";

    /// <summary>Customs to customs: advance customs data (the ACDD) sent when an export is released.</summary>
    public const string Customs = "urn:caravan:services:customs:1";

    public const string AdvanceCustomsDeclarationAction = "AdvanceCustomsDeclaration";

    /// <summary>Every certificate type's status changes, sent to the other side as business responses.</summary>
    public const string Certificates = "urn:caravan:services:certificates:1";

    public const string CertificateStatusNoticeAction = "CertificateStatusNotice";

    /// <summary>Opaque document transfer between nodes (large attachments, benchmarks); stored in the inbox only.</summary>
    public const string Documents = "urn:caravan:services:documents:1";

    public const string DeliverDocumentAction = "DeliverDocument";

    /// <summary>The eDelivery test service: a partner's connectivity test, answered with a receipt and not processed.</summary>
    public const string TestService = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/service";

    public const string TestAction = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/test";

    /// <summary>The AgreementRef of the Caravan network's P-Mode.</summary>
    public const string Agreement = "urn:caravan:agreements:nsw-network:1";

    /// <summary>PartyId type for a node, identified by its ISO 3166-1 country code.</summary>
    public const string PartyIdType = "urn:caravan:names:party-type:iso3166-1";

    public const string InitiatorRole = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/initiator";
    public const string ResponderRole = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/responder";
}

namespace Caravan.Node.Configuration;

/// <summary>
/// Everything one country's node needs to start: who it is, where it listens, where it keeps its data and
/// which partner nodes it trusts. Bound from the node's JSON configuration file (and CARAVAN__* environment
/// variables), then checked by <see cref="NodeOptionsValidator"/> before anything starts.
/// </summary>
public sealed class NodeOptions
{
    public CountryOptions Country { get; set; } = new();

    /// <summary>The base URL partners and browsers use to reach this node (its AS4 endpoint is {PublicBaseUrl}/as4).</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>The address Kestrel binds to; defaults to <see cref="PublicBaseUrl"/>.</summary>
    public string? Listen { get; set; }

    /// <summary>The node's data folder: SQLite database, generated identity, operator token.</summary>
    public string DataFolder { get; set; } = "";

    public StorageSettings Storage { get; set; } = new();

    public IdentityOptions Identity { get; set; } = new();

    public List<PartnerOptions> Partners { get; set; } = [];

    public DeliveryOptions Delivery { get; set; } = new();

    public PaymentsOptions Payments { get; set; } = new();
}

public sealed class CountryOptions
{
    /// <summary>ISO 3166-1 alpha-2 code, e.g. KZ.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The national currency (ISO 4217) in which duties are assessed, e.g. KZT.</summary>
    public string Currency { get; set; } = "USD";
}

public sealed class StorageSettings
{
    /// <summary>Sqlite (default: a file in the data folder) or Postgres.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Required for Postgres; optional for Sqlite (defaults to {DataFolder}/caravan.db).</summary>
    public string? ConnectionString { get; set; }
}

public sealed class IdentityOptions
{
    /// <summary>A PKCS#12 file with the node's certificate and private key; when absent one is generated into the data folder.</summary>
    public string? Pkcs12Path { get; set; }

    public string? Password { get; set; }
}

public sealed class PartnerOptions
{
    /// <summary>The partner's ISO 3166-1 alpha-2 country code.</summary>
    public string Country { get; set; } = "";

    /// <summary>The partner's AS4 endpoint, e.g. https://nsw.example.uz/as4.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Path to the partner's certificate (PEM or DER), pinned on the trust list.</summary>
    public string Certificate { get; set; } = "";

    public DateTimeOffset? TrustedFrom { get; set; }

    public DateTimeOffset? TrustedUntil { get; set; }
}

/// <summary>The retry policy of the outbox delivery worker (per partner agreement).</summary>
public sealed class DeliveryOptions
{
    public int MaxAttempts { get; set; } = 10;

    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the worker looks for due messages when it was not woken by a new one.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; set; } = 32;

    /// <summary>How many messages one worker has in flight at once.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>How long a claimed message is reserved for its worker; a crashed worker's messages are retried after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How many messages to one partner share a content-encryption key (and its RSA-OAEP wrapping, which the partner
    /// then unwraps once instead of for every message); 1 draws a fresh key for every message.
    /// </summary>
    public int EncryptionKeyMessages { get; set; } = 1000;

    /// <summary>How long one content-encryption key is used at most.</summary>
    public TimeSpan EncryptionKeyLifetime { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Payment providers: whose signed settlement callbacks the node believes (each pinned to its certificate), and which
/// one payers check out with through the API.
/// </summary>
public sealed class PaymentsOptions
{
    /// <summary>The name of the built-in fake provider.</summary>
    public const string FakeProviderName = "fake";

    /// <summary>Providers by name (lower-case letters, digits and '-'; the name is the last segment of the callback URL).</summary>
    public Dictionary<string, PaymentProviderOptions> Providers { get; set; } = [];

    /// <summary>Runs the built-in fake provider, named <c>fake</c>, whose certificate is made at start and trusted: for the demo and tests only.</summary>
    public bool EnableFakeProvider { get; set; }

    /// <summary>
    /// The provider <c>POST /api/v1/payment-orders/{id}/pay</c> checks out with (one of the trusted providers with an
    /// adapter registered); defaults to <c>fake</c> when the fake provider is enabled. Without one, payers cannot start a
    /// payment through the API (they pay at the provider, which still reports by callback).
    /// </summary>
    public string? CheckoutProvider { get; set; }

    /// <summary>The provider payers check out with, after the default.</summary>
    public string? EffectiveCheckoutProvider => CheckoutProvider ?? (EnableFakeProvider ? FakeProviderName : null);
}

public sealed class PaymentProviderOptions
{
    /// <summary>The provider's X.509 certificate its callbacks are verified against: PEM text, or the path of a PEM or DER file.</summary>
    public string Certificate { get; set; } = "";

    /// <summary>True when <see cref="Certificate"/> holds the PEM text itself rather than a path.</summary>
    public bool IsInlinePem => Certificate.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
}

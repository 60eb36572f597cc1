using Caravan.Documents.Common;

namespace Caravan.Node.Configuration;

/// <summary>Checks a <see cref="NodeOptions"/> and names each bad setting, so a misconfigured node refuses to start and says why.</summary>
public static class NodeOptionsValidator
{
    public static IReadOnlyList<string> Validate(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!CountryCode.TryParse(options.Country.Code, out _))
        {
            errors.Add($"Country:Code: '{options.Country.Code}' is not an ISO 3166-1 alpha-2 country code.");
        }
        if (!CurrencyCode.TryParse(options.Country.Currency, out _))
        {
            errors.Add($"Country:Currency: '{options.Country.Currency}' is not an ISO 4217 currency code.");
        }
        if (string.IsNullOrWhiteSpace(options.Country.Name))
        {
            errors.Add("Country:Name: is required.");
        }
        CheckUrl(errors, "PublicBaseUrl", options.PublicBaseUrl, required: true);
        CheckUrl(errors, "Listen", options.Listen, required: false);
        if (string.IsNullOrWhiteSpace(options.DataFolder))
        {
            errors.Add("DataFolder: is required.");
        }
        switch (options.Storage.Provider.ToUpperInvariant())
        {
            case "SQLITE":
                break;
            case "POSTGRES" or "POSTGRESQL":
                if (string.IsNullOrWhiteSpace(options.Storage.ConnectionString))
                {
                    errors.Add("Storage:ConnectionString: is required when Storage:Provider is Postgres.");
                }
                break;
            default:
                errors.Add($"Storage:Provider: '{options.Storage.Provider}' is not supported; use Sqlite or Postgres.");
                break;
        }
        if (options.Identity.Pkcs12Path is { } pfx && !File.Exists(pfx))
        {
            errors.Add($"Identity:Pkcs12Path: file '{pfx}' does not exist.");
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Partners.Count; i++)
        {
            var partner = options.Partners[i];
            var prefix = $"Partners:{i}";
            if (!CountryCode.TryParse(partner.Country, out _))
            {
                errors.Add($"{prefix}:Country: '{partner.Country}' is not an ISO 3166-1 alpha-2 country code.");
            }
            else if (!seen.Add(partner.Country))
            {
                errors.Add($"{prefix}:Country: partner '{partner.Country}' is listed twice.");
            }
            else if (string.Equals(partner.Country, options.Country.Code, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{prefix}:Country: a node cannot be its own partner.");
            }
            CheckUrl(errors, $"{prefix}:Endpoint", partner.Endpoint, required: true);
            if (string.IsNullOrWhiteSpace(partner.Certificate))
            {
                errors.Add($"{prefix}:Certificate: is required (path to the partner's PEM or DER certificate).");
            }
            else if (!File.Exists(partner.Certificate))
            {
                errors.Add($"{prefix}:Certificate: file '{partner.Certificate}' does not exist.");
            }
            if (partner.TrustedFrom is { } from && partner.TrustedUntil is { } until && until <= from)
            {
                errors.Add($"{prefix}:TrustedUntil: must be after TrustedFrom.");
            }
        }
        ValidatePayments(errors, options.Payments);
        var delivery = options.Delivery;
        if (delivery.MaxAttempts is < 1 or > 1000)
        {
            errors.Add("Delivery:MaxAttempts: must be between 1 and 1000.");
        }
        if (delivery.InitialDelay <= TimeSpan.Zero)
        {
            errors.Add("Delivery:InitialDelay: must be positive.");
        }
        if (delivery.MaxDelay < delivery.InitialDelay)
        {
            errors.Add("Delivery:MaxDelay: must not be less than Delivery:InitialDelay.");
        }
        if (delivery.PollInterval <= TimeSpan.Zero)
        {
            errors.Add("Delivery:PollInterval: must be positive.");
        }
        if (delivery.SendTimeout <= TimeSpan.Zero)
        {
            errors.Add("Delivery:SendTimeout: must be positive.");
        }
        if (delivery.Concurrency is < 1 or > 256)
        {
            errors.Add("Delivery:Concurrency: must be between 1 and 256.");
        }
        if (delivery.Lease < TimeSpan.FromSeconds(1))
        {
            errors.Add("Delivery:Lease: must be at least one second.");
        }
        if (delivery.BatchSize is < 1 or > 1000)
        {
            errors.Add("Delivery:BatchSize: must be between 1 and 1000.");
        }
        if (delivery.EncryptionKeyMessages is < 1 or > 1_000_000)
        {
            errors.Add("Delivery:EncryptionKeyMessages: must be between 1 (a fresh key for every message) and 1000000.");
        }
        if (delivery.EncryptionKeyLifetime <= TimeSpan.Zero || delivery.EncryptionKeyLifetime > TimeSpan.FromDays(1))
        {
            errors.Add("Delivery:EncryptionKeyLifetime: must be positive and at most one day.");
        }
        return errors;
    }

    private static void ValidatePayments(List<string> errors, PaymentsOptions payments)
    {
        foreach (var (name, provider) in payments.Providers)
        {
            var prefix = $"Payments:Providers:{name}";
            if (name.Length is 0 or > 40 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                errors.Add($"{prefix}: a provider name is 1-40 lower-case letters, digits or '-'.");
            }
            if (payments.EnableFakeProvider && name == PaymentsOptions.FakeProviderName)
            {
                errors.Add($"{prefix}: the name '{PaymentsOptions.FakeProviderName}' is the built-in fake provider's (Payments:EnableFakeProvider).");
            }
            if (string.IsNullOrWhiteSpace(provider.Certificate))
            {
                errors.Add($"{prefix}:Certificate: is required (the provider's certificate as PEM text or a file path).");
            }
            else if (!provider.IsInlinePem && !File.Exists(provider.Certificate))
            {
                errors.Add($"{prefix}:Certificate: file '{provider.Certificate}' does not exist.");
            }
        }
        if (payments.CheckoutProvider is { } checkout && !payments.Providers.ContainsKey(checkout)
            && !(payments.EnableFakeProvider && checkout == PaymentsOptions.FakeProviderName))
        {
            errors.Add($"Payments:CheckoutProvider: '{checkout}' is not a configured provider.");
        }
    }

    private static void CheckUrl(List<string> errors, string name, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add($"{name}: is required.");
            }
            return;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{name}: '{value}' is not an absolute http(s) URL.");
        }
    }
}

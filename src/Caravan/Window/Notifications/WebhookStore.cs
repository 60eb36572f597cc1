using System.Security.Cryptography;
using System.Text.Json;
using Caravan.Common;
using Caravan.Storage;
using Dapper;

namespace Caravan.Window.Notifications;

/// <summary>
/// Traders' webhooks: one URL per party, and a durable queue of deliveries written in the same transaction as the
/// change they report. The shared secret (shown once at registration) signs each delivery with HMAC-SHA256.
/// </summary>
public sealed class WebhookStore(TimeProvider time)
{
    public sealed record Registration(string PartyId, string Url, string Secret, DateTimeOffset CreatedAt);

    public async Task<Result<Registration>> RegisterAsync(string partyId, string url, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || url.Length > 2000)
        {
            return Failure.Validation([new FieldError("url", "url.invalid", "url must be an absolute http(s) URL.")]);
        }
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        await unit.Connection.ExecuteAsync(new CommandDefinition("delete from webhooks where party_id = @partyId", new { partyId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            "insert into webhooks (party_id, url, secret, created_at_ms) values (@partyId, @url, @secret, @at)",
            new { partyId, url, secret, at = now.ToUnixTimeMilliseconds() }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new Registration(partyId, url, secret, now);
    }

    /// <summary>Queues <paramref name="payload"/> for the party's webhook, if it registered one (in the caller's transaction).</summary>
    public async Task EnqueueAsync(string partyId, object payload, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var registered = await unit.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from webhooks where party_id = @partyId", new { partyId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (registered == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into webhook_deliveries (id, party_id, event_json, status, attempts, next_attempt_at_ms, created_at_ms)
            values (@id, @partyId, @json, 'pending', 0, @at, @at)
            """,
            new { id = "whd_" + Guid.CreateVersion7(now).ToString("N"), partyId, json = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web), at = now.ToUnixTimeMilliseconds() },
            unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The value of the <c>Caravan-Signature</c> header: <c>t=UNIX,v1=HEX(HMAC-SHA256(secret, "UNIX." + body))</c>.</summary>
    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = System.Text.Encoding.UTF8.GetBytes(unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), message))}";
    }
}

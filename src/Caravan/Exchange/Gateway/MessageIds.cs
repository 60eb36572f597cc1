namespace Caravan.Exchange.Gateway;

/// <summary>ebMS MessageIds (RFC 2822 msg-id form: unique-part@domain), time-ordered for readable logs.</summary>
public static class MessageIds
{
    public static string New(string countryCode, DateTimeOffset at) =>
        $"{Guid.CreateVersion7(at):N}@{countryCode.ToLowerInvariant()}.caravan";
}

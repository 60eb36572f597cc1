using System.Collections.Frozen;

namespace Caravan.Exchange.As4.Model;

/// <summary>
/// An ebMS3 / AS4 error code (e.g. <c>EBMS:0101</c>) with its short description, category and default severity
/// as defined by the ebMS3 core specification (section 6.7) and the AS4 profile (EBMS:03xx).
/// </summary>
public sealed class EbmsErrorCode : IEquatable<EbmsErrorCode>
{
    public const string SeverityFailure = "failure";
    public const string SeverityWarning = "warning";

    private EbmsErrorCode(string code, string shortDescription, string category, string severity, string origin)
    {
        Code = code;
        ShortDescription = shortDescription;
        Category = category;
        Severity = severity;
        Origin = origin;
    }

    /// <summary>The code as written in the errorCode attribute, e.g. <c>EBMS:0001</c>.</summary>
    public string Code { get; }

    public string ShortDescription { get; }

    /// <summary>Content, Communication, Unpackaging or Processing.</summary>
    public string Category { get; }

    /// <summary><c>failure</c> or <c>warning</c>.</summary>
    public string Severity { get; }

    /// <summary>The ebMS module that raises the error: ebMS, security, reliability or the AS4 profile.</summary>
    public string Origin { get; }

    public static readonly EbmsErrorCode ValueNotRecognized = new("EBMS:0001", "ValueNotRecognized", "Content", SeverityFailure, "ebMS");
    public static readonly EbmsErrorCode FeatureNotSupported = new("EBMS:0002", "FeatureNotSupported", "Content", SeverityWarning, "ebMS");
    public static readonly EbmsErrorCode ValueInconsistent = new("EBMS:0003", "ValueInconsistent", "Content", SeverityFailure, "ebMS");
    public static readonly EbmsErrorCode Other = new("EBMS:0004", "Other", "Content", SeverityFailure, "ebMS");
    public static readonly EbmsErrorCode ConnectionFailure = new("EBMS:0005", "ConnectionFailure", "Communication", SeverityFailure, "ebMS");
    public static readonly EbmsErrorCode EmptyMessagePartitionChannel = new("EBMS:0006", "EmptyMessagePartitionChannel", "Communication", SeverityWarning, "ebMS");
    public static readonly EbmsErrorCode MimeInconsistency = new("EBMS:0007", "MimeInconsistency", "Unpackaging", SeverityFailure, "ebMS");
    public static readonly EbmsErrorCode FeatureNotSupportedInconsistently = new("EBMS:0008", "FeatureNotSupported", "Unpackaging", SeverityFailure, "ebMS");
    public static readonly EbmsErrorCode InvalidHeader = new("EBMS:0009", "InvalidHeader", "Unpackaging", SeverityFailure, "ebMS");
    public static readonly EbmsErrorCode ProcessingModeMismatch = new("EBMS:0010", "ProcessingModeMismatch", "Processing", SeverityFailure, "ebMS");
    public static readonly EbmsErrorCode ExternalPayloadError = new("EBMS:0011", "ExternalPayloadError", "Content", SeverityFailure, "ebMS");
    public static readonly EbmsErrorCode FailedAuthentication = new("EBMS:0101", "FailedAuthentication", "Processing", SeverityFailure, "security");
    public static readonly EbmsErrorCode FailedDecryption = new("EBMS:0102", "FailedDecryption", "Processing", SeverityFailure, "security");
    public static readonly EbmsErrorCode PolicyNoncompliance = new("EBMS:0103", "PolicyNoncompliance", "Processing", SeverityFailure, "security");
    public static readonly EbmsErrorCode DysfunctionalReliability = new("EBMS:0201", "DysfunctionalReliability", "Processing", SeverityFailure, "reliability");
    public static readonly EbmsErrorCode DeliveryFailure = new("EBMS:0202", "DeliveryFailure", "Communication", SeverityFailure, "reliability");
    public static readonly EbmsErrorCode MissingReceipt = new("EBMS:0301", "MissingReceipt", "Communication", SeverityFailure, "as4");
    public static readonly EbmsErrorCode InvalidReceipt = new("EBMS:0302", "InvalidReceipt", "Communication", SeverityFailure, "as4");
    public static readonly EbmsErrorCode DecompressionFailure = new("EBMS:0303", "DecompressionFailure", "Content", SeverityFailure, "as4");

    private static readonly FrozenDictionary<string, EbmsErrorCode> Known = new[]
    {
        ValueNotRecognized, FeatureNotSupported, ValueInconsistent, Other, ConnectionFailure, EmptyMessagePartitionChannel,
        MimeInconsistency, FeatureNotSupportedInconsistently, InvalidHeader, ProcessingModeMismatch, ExternalPayloadError,
        FailedAuthentication, FailedDecryption, PolicyNoncompliance, DysfunctionalReliability, DeliveryFailure,
        MissingReceipt, InvalidReceipt, DecompressionFailure,
    }.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>All codes defined by ebMS3 core and AS4.</summary>
    public static IEnumerable<EbmsErrorCode> All => Known.Values;

    /// <summary>
    /// The known code for <paramref name="code"/>, or a code built from the values found in a received eb:Error
    /// when another stack used a code we do not define.
    /// </summary>
    public static EbmsErrorCode FromCode(string code, string? shortDescription = null, string? category = null, string? severity = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Known.TryGetValue(code.Trim(), out var known)
            ? known
            : new EbmsErrorCode(code.Trim(), shortDescription ?? "Unknown", category ?? "Content", severity ?? SeverityFailure, "ebMS");
    }

    public static bool IsKnown(string code) => Known.ContainsKey(code);

    public bool Equals(EbmsErrorCode? other) => other is not null && string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as EbmsErrorCode);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Code);

    public override string ToString() => Code + " " + ShortDescription;
}

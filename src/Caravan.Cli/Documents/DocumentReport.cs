using Caravan.Documents.Common;

namespace Caravan.Cli.Documents;

/// <summary>What <see cref="DocumentCheck"/> found: every error (schema, value and business rule) and every warning.</summary>
public sealed record DocumentReport(DocumentKind Kind, IReadOnlyList<DocumentError> Errors, IReadOnlyList<DocumentError> Warnings)
{
    /// <summary>True when nothing is wrong (warnings allowed).</summary>
    public bool IsValid => Errors.Count == 0;
}

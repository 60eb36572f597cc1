namespace Caravan.Documents.Phyto;

/// <summary>
/// A note with an IPPC harmonized subject code (see <see cref="PhytoNoteSubjects"/>): at document level an
/// <c>IncludedSPSNote</c> (additional declarations, replacement details, distinguishing marks), at item level an
/// <c>AdditionalInformationSPSNote</c>. The hub schema allows one content per document-level note.
/// </summary>
public sealed record PhytoNote
{
    public string? Subject { get; init; }

    public IReadOnlyList<LocalizedText> Contents { get; init; } = [];

    public bool Equals(PhytoNote? other) =>
        other is not null && Subject == other.Subject && Contents.SequenceEqual(other.Contents);

    public override int GetHashCode() => HashCode.Combine(Subject, Contents.Count);
}

using Caravan.Documents.Rendering;

namespace Caravan.Tests.Documents.Rendering;

public sealed class VerificationLinkTests
{
    [Fact]
    public void For_BuildsLinkWithKeyOfTheSignedDocument()
    {
        var link = VerificationLink.For(new Uri("http://127.0.0.1:5000/"), "UZ", "UZ-CO-2026-000001", "<doc>signed</doc>");

        Assert.Equal($"http://127.0.0.1:5000/verify/UZ/UZ-CO-2026-000001?k={VerificationLink.Key("<doc>signed</doc>")}", link.ToString());
        Assert.Equal(22, VerificationLink.Key("<doc>signed</doc>").Length);
    }

    [Fact]
    public void Matches_OtherDocumentOrMissingKey_IsFalse()
    {
        var key = VerificationLink.Key("<doc>signed</doc>");

        Assert.True(VerificationLink.Matches("<doc>signed</doc>", key));
        Assert.False(VerificationLink.Matches("<doc>signed!</doc>", key));
        Assert.False(VerificationLink.Matches("<doc>signed</doc>", null));
        Assert.False(VerificationLink.Matches("<doc>signed</doc>", key[..^1]));
    }
}

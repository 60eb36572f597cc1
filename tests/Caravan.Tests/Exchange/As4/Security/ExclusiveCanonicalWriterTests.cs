using System.Text;
using System.Xml;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Security;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Exchange.As4.Security;

/// <summary>The streaming exc-c14n writer gives the framework transform's octets for every element of real documents.</summary>
public sealed class ExclusiveCanonicalWriterTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        var roots = new[]
        {
            Corpus.Path("as4-eessi-as4net", "source", "Eu.EDelivery.AS4.UnitTests", "Resources"),
            Corpus.Path("ephyto-mattilsynet", "src", "test", "resources"),
            Corpus.Path("wco-dms-hmrc-cds", "public", "api", "conf", "3.0", "examples"),
            Corpus.Path("as4-eessi-as4net", "output", "samples", "messages"),
        };
        foreach (var root in roots)
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".xml", StringComparison.Ordinal) || f.EndsWith(".txt", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal).Take(40))
            {
                data.Add(file);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryElement_MatchesTheFrameworkTransform(string path)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            document.Load(reader);
        }
        catch (XmlException)
        {
            return; // Not XML (some corpus files are annotated text); nothing to compare.
        }
        var elements = document.SelectNodes("//*")!.Cast<XmlElement>().ToList();
        Assert.NotEmpty(elements);
        foreach (var element in elements)
        {
            using var expected = XmlCanonicalizer.WithFramework(element, As4Namespaces.ExcC14N, null);
            using var copy = new MemoryStream();
            expected.CopyTo(copy);
            var actual = ExclusiveCanonicalWriter.Canonicalize(element);
            if (!copy.ToArray().AsSpan().SequenceEqual(actual))
            {
                var e = Encoding.UTF8.GetString(copy.ToArray());
                var a = Encoding.UTF8.GetString(actual);
                var at = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i]);
                Assert.Fail($"{path} <{element.Name}> differs at {at}:\nexpected ...{e[Math.Max(0, at - 80)..Math.Min(e.Length, at + 80)]}\nactual   ...{a[Math.Max(0, at - 80)..Math.Min(a.Length, at + 80)]}");
            }
            // The digest path encodes the same text in chunks straight into the hash.
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(copy.ToArray()), ExclusiveCanonicalWriter.Digest(element, System.Security.Cryptography.HashAlgorithmName.SHA256));
        }
    }

    [Fact]
    public async Task OurSignedEncryptedEnvelopeAndReceipt_MatchTheFrameworkTransform()
    {
        using var a = Caravan.Trust.NodeIdentity.CreateSelfSigned("UZ", "A", TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(1));
        using var b = Caravan.Trust.NodeIdentity.CreateSelfSigned("KZ", "B", TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(1));
        var (contentType, body) = await new As4TestMessage { From = "UZ", To = "KZ", Signer = a, Recipient = b }.BuildAsync();
        using var read = await As4MessageReader.ReadAsync(new MemoryStream(body), contentType, CancellationToken.None);
        var receipt = Caravan.Exchange.As4.Signals.As4ReceiptBuilder.Build(read.Envelope!, "r@kz", TimeProvider.System.GetUtcNow());
        foreach (var document in new[] { read.Envelope!.Document, receipt })
        {
            XmlHelpers.DeclareNamespaces(document);
            foreach (var element in document.SelectNodes("//*")!.Cast<XmlElement>())
            {
                using var expected = XmlCanonicalizer.WithFramework(element, As4Namespaces.ExcC14N, null);
                using var copy = new MemoryStream();
                expected.CopyTo(copy);
                Assert.True(copy.ToArray().AsSpan().SequenceEqual(ExclusiveCanonicalWriter.Canonicalize(element)), element.Name);
                Assert.Equal(System.Security.Cryptography.SHA256.HashData(copy.ToArray()), ExclusiveCanonicalWriter.Digest(element, System.Security.Cryptography.HashAlgorithmName.SHA256));
            }
        }
    }

    [Fact]
    public void Digest_OfTextLongerThanTheEncodingBuffer_WithMultiByteCharactersAcrossChunks_MatchesTheCanonicalBytes()
    {
        // Cyrillic and CJK text (2- and 3-byte UTF-8) in an element far larger than the 8 KB encoding buffer and the
        // builder's chunks, so characters straddle every boundary; plus the escaped characters.
        var text = string.Concat(Enumerable.Repeat("Казахстан 中国 & <x> \r \"q\" ", 3000));
        var document = new XmlDocument { PreserveWhitespace = true };
        var root = document.CreateElement("c", "Item", "urn:caravan:test");
        root.SetAttribute("note", text[..500]);
        root.AppendChild(document.CreateTextNode(text));
        document.AppendChild(root);

        var canonical = ExclusiveCanonicalWriter.Canonicalize(root);

        Assert.Equal(System.Security.Cryptography.SHA256.HashData(canonical), ExclusiveCanonicalWriter.Digest(root, System.Security.Cryptography.HashAlgorithmName.SHA256));
        Assert.Contains("&amp; &lt;x&gt; &#xD;", Encoding.UTF8.GetString(canonical), StringComparison.Ordinal);
    }
}

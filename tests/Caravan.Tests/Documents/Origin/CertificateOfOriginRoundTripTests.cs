using Caravan.Documents.Origin;

namespace Caravan.Tests.Documents.Origin;

public sealed class CertificateOfOriginRoundTripTests
{
    private const int Seed = 20260312;
    private const int Cases = 300;

    public static TheoryData<int> Batches() => [0, 1, 2];

    [Theory]
    [MemberData(nameof(Batches))]
    public void JsonToXmlToJson_RandomValidCertificates_AreUnchanged(int batch)
    {
        var generator = new RandomCertificateGenerator(Seed + batch);
        for (var i = 0; i < Cases / 3; i++)
        {
            var original = generator.Next();
            Assert.Empty(CertificateOfOriginValidator.Validate(original));

            var json = CertificateOfOriginJson.ToUtf8Bytes(original);
            var fromJson = CertificateOfOriginJson.Read(json);
            Assert.True(fromJson.IsValid, $"case {batch}/{i}: " + string.Join("\n", fromJson.Errors));

            var xml = CertificateOfOriginXml.ToUtf8Bytes(fromJson.Document!);
            var fromXml = CertificateOfOriginXml.Read(xml);
            Assert.True(fromXml.IsValid, $"case {batch}/{i}: " + string.Join("\n", fromXml.Errors));

            Assert.Equal(original, fromXml.Document);
            Assert.Equal(json, CertificateOfOriginJson.ToUtf8Bytes(fromXml.Document!));
        }
    }

    [Fact]
    public void XmlDocumentPath_RandomValidCertificates_AreUnchanged()
    {
        var generator = new RandomCertificateGenerator(Seed + 99);
        for (var i = 0; i < 50; i++)
        {
            var original = generator.Next();

            var result = CertificateOfOriginXml.Read(CertificateOfOriginXml.ToXmlDocument(original));

            Assert.True(result.IsValid, string.Join("\n", result.Errors));
            Assert.Equal(original, result.Document);
        }
    }

    [Fact]
    public void Equality_DetectsAChangeDeepInAList()
    {
        var a = CertificateSamples.ThaiRiceAndCoffee();
        var b = a with { Exporter = a.Exporter! with { AddressLines = ["99/1 Rama IV Road", "Khlong Toei."] } };

        Assert.NotEqual(a, b);
        Assert.Equal(a, CertificateSamples.ThaiRiceAndCoffee());
    }
}

using Caravan.Documents.Phyto;

namespace Caravan.Tests.Documents.Phyto;

public sealed class PhytoRoundTripTests
{
    private const int Cases = 300;

    [Fact]
    public void Generator_MakesCertificatesTheValidatorAccepts()
    {
        var generator = new RandomPhytoGenerator(20251122);
        for (var i = 0; i < Cases; i++)
        {
            var certificate = generator.Next();

            Assert.Empty(PhytoValidator.Validate(certificate));
        }
    }

    [Fact]
    public void Xml_RandomCertificates_AreHubValidAndRoundTripEqual()
    {
        var generator = new RandomPhytoGenerator(7);
        for (var i = 0; i < Cases; i++)
        {
            var certificate = generator.Next();
            var xml = PhytoXml.ToUtf8Bytes(certificate);

            var result = PhytoXml.Analyze(xml, PhytoReadMode.Strict);

            Assert.True(result.Errors.Count == 0, $"case {i}: {string.Join("; ", result.Errors)}");
            Assert.Empty(result.Warnings);
            Assert.Equal(certificate, result.Certificate);
        }
    }

    [Fact]
    public void Json_RandomCertificates_RoundTripEqual()
    {
        var generator = new RandomPhytoGenerator(11);
        for (var i = 0; i < Cases; i++)
        {
            var certificate = generator.Next();

            var result = PhytoJson.Read(PhytoJson.ToUtf8Bytes(certificate));

            Assert.True(result.IsValid, $"case {i}: {string.Join("; ", result.Errors)}");
            Assert.Equal(certificate, result.Document);
        }
    }

    [Fact]
    public void JsonThenXml_RandomCertificates_Agree()
    {
        var generator = new RandomPhytoGenerator(99);
        for (var i = 0; i < 50; i++)
        {
            var certificate = generator.Next();

            var viaJson = PhytoJson.Read(PhytoJson.ToJson(certificate)).Document!;
            var viaXml = PhytoXml.Read(PhytoXml.ToUtf8Bytes(viaJson)).Document;

            Assert.Equal(certificate, viaXml);
        }
    }
}

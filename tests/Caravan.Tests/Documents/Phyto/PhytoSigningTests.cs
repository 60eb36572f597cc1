using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Caravan.Documents.Phyto;
using Caravan.Trust;

namespace Caravan.Tests.Documents.Phyto;

public sealed class PhytoSigningTests
{
    private static X509Certificate2 NewSigner()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=NPPO Kenya test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return request.CreateSelfSigned(now, now.AddYears(2));
    }

    [Fact]
    public void Verify_SignedCertificate_IsValidAndReadsTheModel()
    {
        using var signer = NewSigner();
        var signed = PhytoSigning.Sign(PhytoSamples.KenyaRoses(), signer);

        var result = PhytoSigning.Verify(signed);

        Assert.True(result.Signature.IsValid, result.Signature.Reason);
        Assert.Empty(result.Document.Errors);
        Assert.Equal(PhytoSamples.KenyaRoses(), result.Document.Document);
        Assert.Equal(signer.Thumbprint, result.Signature.SignerCertificate!.Thumbprint);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Read_SignedCertificate_IgnoresTheEnvelopedSignatureInTheSchemaCheck()
    {
        using var signer = NewSigner();
        var signed = PhytoSigning.Sign(PhytoSamples.KenyaRoses(), signer);

        var result = PhytoXml.Analyze(signed);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Verify_TamperedCertificate_FailsWithSignatureMismatch()
    {
        using var signer = NewSigner();
        var signed = Encoding.UTF8.GetString(PhytoSigning.Sign(PhytoSamples.KenyaRoses(), signer));
        var tampered = Encoding.UTF8.GetBytes(signed.Replace(">1200.5<", ">120.5<", StringComparison.Ordinal));
        Assert.NotEqual(signed, Encoding.UTF8.GetString(tampered));

        var result = PhytoSigning.Verify(tampered);

        Assert.False(result.IsValid);
        Assert.Equal(DocumentSignatureFailure.SignatureMismatch, result.Signature.Failure);
        Assert.Null(result.Document.Document);
        var error = Assert.Single(result.Document.Errors);
        Assert.Equal(PhytoErrorCodes.Signature, error.Code);
        Assert.Contains("SignatureMismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UnsignedCertificate_FailsAsMissing()
    {
        var result = PhytoSigning.Verify(PhytoXml.ToUtf8Bytes(PhytoSamples.KenyaRoses()));

        Assert.Equal(DocumentSignatureFailure.Missing, result.Signature.Failure);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Verify_SignedButInvalidCertificate_ReportsTheRuleErrors()
    {
        using var signer = NewSigner();
        var certificate = PhytoSamples.KenyaRoses();
        var bad = certificate with { Consignment = certificate.Consignment! with { Items = [] } };

        var result = PhytoSigning.Verify(PhytoSigning.Sign(bad, signer));

        Assert.True(result.Signature.IsValid);
        Assert.Contains(result.Document.Errors, e => e.Code == PhytoErrorCodes.ItemsEmpty);
    }
}

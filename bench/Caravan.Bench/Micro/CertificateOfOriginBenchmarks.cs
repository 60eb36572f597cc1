using System.Security.Cryptography.X509Certificates;
using System.Xml;
using BenchmarkDotNet.Attributes;
using Caravan.Documents.Common;
using Caravan.Documents.Origin;
using Caravan.Trust;

namespace Caravan.Bench.Micro;

/// <summary>
/// The certificate-of-origin document path on one realistic certificate: business validation, JSON read (with
/// validation), XML write, XML read (XSD, mapping, validation), and the enveloped XML-DSig as a sending node makes
/// it (write, sign, serialise) and a receiving node checks it (parse, verify), with RSA-2048 and ECDSA P-256 keys
/// generated at setup.
/// </summary>
public class CertificateOfOriginBenchmarks : IDisposable
{
    private CertificateOfOrigin _certificate = null!;
    private byte[] _json = null!;
    private byte[] _xml = null!;
    private X509Certificate2 _rsa = null!;
    private X509Certificate2 _ecdsa = null!;
    private byte[] _signedRsa = null!;
    private byte[] _signedEcdsa = null!;

    [GlobalSetup]
    public void Setup()
    {
        _certificate = CertificateSamples.ThaiFoodstuffs();
        _json = CertificateOfOriginJson.ToUtf8Bytes(_certificate);
        _xml = CertificateOfOriginXml.ToUtf8Bytes(_certificate);
        _rsa = BenchCertificates.Create(SignatureKey.Rsa2048);
        _ecdsa = BenchCertificates.Create(SignatureKey.EcdsaP256);
        _signedRsa = WriteSignSerialize(_rsa);
        _signedEcdsa = WriteSignSerialize(_ecdsa);

        // Measure the success paths only: every input must be accepted.
        Require(CertificateOfOriginValidator.Validate(_certificate).Count == 0, "the sample certificate is invalid");
        Require(CertificateOfOriginJson.Read(_json).IsValid, "the JSON does not read back valid");
        Require(CertificateOfOriginXml.Read(_xml).IsValid, "the XML does not read back valid");
        Require(LoadVerify(_signedRsa).IsValid, "the RSA signature does not verify");
        Require(LoadVerify(_signedEcdsa).IsValid, "the ECDSA signature does not verify");
        Console.WriteLine($"// certificate: {_json.Length} bytes JSON, {_xml.Length} bytes XML, {_signedRsa.Length} bytes signed (RSA-2048), {_signedEcdsa.Length} bytes signed (ECDSA P-256)");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _rsa?.Dispose();
        _ecdsa?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public int Validate() => CertificateOfOriginValidator.Validate(_certificate).Count;

    [Benchmark]
    public DocumentResult<CertificateOfOrigin> Json_ReadAndValidate() => CertificateOfOriginJson.Read(_json);

    [Benchmark]
    public XmlDocument Xml_Write() => CertificateOfOriginXml.ToXmlDocument(_certificate);

    [Benchmark]
    public DocumentResult<CertificateOfOrigin> Xml_ReadSchemaAndValidate() => CertificateOfOriginXml.Read(_xml);

    [Benchmark]
    public byte[] WriteSignSerialize_Rsa2048() => WriteSignSerialize(_rsa);

    [Benchmark]
    public byte[] WriteSignSerialize_EcdsaP256() => WriteSignSerialize(_ecdsa);

    [Benchmark]
    public DocumentSignatureResult LoadVerify_Rsa2048() => LoadVerify(_signedRsa);

    [Benchmark]
    public DocumentSignatureResult LoadVerify_EcdsaP256() => LoadVerify(_signedEcdsa);

    private byte[] WriteSignSerialize(X509Certificate2 signer)
    {
        var document = CertificateOfOriginXml.ToXmlDocument(_certificate);
        XmlDocumentSigner.Sign(document, signer);
        return SecureXml.ToUtf8Bytes(document);
    }

    private static DocumentSignatureResult LoadVerify(byte[] signed)
    {
        if (!SecureXml.TryLoad(signed, out var document, out var error))
        {
            throw new InvalidOperationException("The signed certificate does not parse: " + error);
        }
        return XmlDocumentSigner.Verify(document);
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark setup failed: " + what + ".");
        }
    }
}

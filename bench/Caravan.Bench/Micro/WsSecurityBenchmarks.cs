using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using BenchmarkDotNet.Attributes;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;

namespace Caravan.Bench.Micro;

/// <summary>
/// WS-Security on an AS4 user message with one 4 KiB attachment, as the gateway does it: the sender builds the
/// envelope, signs eb:Messaging, the Body and the attachment, and serialises; the receiver parses the envelope
/// and verifies every reference and the signature value. RSA-2048 and ECDSA P-256 keys are generated at setup.
/// Also the exclusive C14N of the eb:Messaging header alone (one of the reference digests).
/// </summary>
public class WsSecurityBenchmarks : IDisposable
{
    private const string ContentId = "certificate-of-origin@th.caravan.example";
    private const int AttachmentBytes = 4 * 1024;

    private static readonly SignatureVerificationOptions VerifyOptions = new();

    private As4UserMessage _message = null!;
    private As4Attachment[] _attachments = null!;
    private X509Certificate2 _rsa = null!;
    private X509Certificate2 _ecdsa = null!;
    private byte[] _signedRsa = null!;
    private byte[] _signedEcdsa = null!;
    private XmlElement _messaging = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _message = new As4UserMessage(
            MessageId: "2f1c8a5e-6b0d-4c1e-9a53-0d8c8a3f1b21@th.caravan.example",
            Timestamp: new DateTimeOffset(2026, 3, 12, 8, 30, 0, TimeSpan.Zero),
            RefToMessageId: null,
            From: new As4Party(new As4PartyId("TH-NSW", "urn:caravan:node"), "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/initiator"),
            To: new As4Party(new As4PartyId("VN-NSW", "urn:caravan:node"), "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/responder"),
            Service: "urn:caravan:service:certificate-of-origin",
            Action: "Submit",
            ConversationId: "TH-2026-000123")
        {
            AgreementRef = "urn:caravan:agreement:atiga",
            PModeId = "th-vn-co-push",
            MessageProperties =
            [
                new As4Property("originalSender", "urn:caravan:party:th:0105551234567"),
                new As4Property("finalRecipient", "urn:caravan:party:vn:customs"),
            ],
            PayloadInfo = [As4PartInfo.ForAttachment(ContentId, "application/xml")],
        };
        _attachments = [new As4Attachment(ContentId, "application/xml", PayloadContent.FromBytes(RandomNumberGenerator.GetBytes(AttachmentBytes)))];
        _rsa = BenchCertificates.Create(SignatureKey.Rsa2048);
        _ecdsa = BenchCertificates.Create(SignatureKey.EcdsaP256);
        _signedRsa = await CreateSignSerialize(_rsa);
        _signedEcdsa = await CreateSignSerialize(_ecdsa);

        // Measure the success paths only: both signatures must verify and cover everything.
        foreach (var signed in new[] { _signedRsa, _signedEcdsa })
        {
            var result = await ParseVerify(signed);
            if (result.SignatureValid != true || result.Coverage.Describe() is not null)
            {
                throw new InvalidOperationException("Benchmark setup failed: " + (result.FailureReason ?? result.Coverage.Describe()));
            }
        }
        _messaging = Parse(_signedRsa).Messaging;
        Console.WriteLine($"// envelope: {_signedRsa.Length} bytes signed (RSA-2048), {_signedEcdsa.Length} bytes signed (ECDSA P-256), attachment {AttachmentBytes} bytes");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        foreach (var attachment in _attachments ?? [])
        {
            attachment.Dispose();
        }
        _rsa?.Dispose();
        _ecdsa?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public XmlDocument CreateEnvelope() => As4EnvelopeSerializer.CreateEnvelope(_message);

    [Benchmark]
    public Task<byte[]> CreateSignSerialize_Rsa2048() => CreateSignSerialize(_rsa);

    [Benchmark]
    public Task<byte[]> CreateSignSerialize_EcdsaP256() => CreateSignSerialize(_ecdsa);

    [Benchmark]
    public Task<SignatureVerificationResult> ParseVerify_Rsa2048() => ParseVerify(_signedRsa);

    [Benchmark]
    public Task<SignatureVerificationResult> ParseVerify_EcdsaP256() => ParseVerify(_signedEcdsa);

    /// <summary>Exclusive C14N of the signed eb:Messaging header, read to the end; returns the canonical length.</summary>
    [Benchmark]
    public long ExcC14n_Messaging()
    {
        using var canonical = XmlCanonicalizer.Canonicalize(_messaging, As4Namespaces.ExcC14N, null);
        var length = 0L;
        Span<byte> buffer = stackalloc byte[4096];
        int read;
        while ((read = canonical.Read(buffer)) > 0)
        {
            length += read;
        }
        return length;
    }

    private async Task<byte[]> CreateSignSerialize(X509Certificate2 signer)
    {
        var envelope = As4EnvelopeSerializer.CreateEnvelope(_message);
        await WsSecuritySigner.SignAsync(envelope, _attachments, signer, CancellationToken.None);
        using var output = new MemoryStream(8192);
        XmlHelpers.Save(envelope, output);
        return output.ToArray();
    }

    private Task<SignatureVerificationResult> ParseVerify(byte[] signed) =>
        WsSecurityVerifier.VerifyAsync(Parse(signed), _attachments, VerifyOptions, CancellationToken.None);

    private static As4Envelope Parse(byte[] signed)
    {
        using var input = new MemoryStream(signed, writable: false);
        var parsed = As4EnvelopeParser.Parse(input);
        return parsed.Succeeded
            ? parsed.Envelope!
            : throw new InvalidOperationException("The signed envelope does not parse: " + string.Join("; ", parsed.Errors));
    }
}

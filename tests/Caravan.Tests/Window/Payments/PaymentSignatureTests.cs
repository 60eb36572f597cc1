using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Caravan.Trust;
using Caravan.Window.Payments;

namespace Caravan.Tests.Window.Payments;

public sealed class PaymentSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 17, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"providerTransactionId":"t-1","orderId":"PO-KZ-000001","amount":10.50,"currency":"KZT","paidAt":"2026-09-17T10:00:00Z"}""");

    private static X509Certificate2 Ec(DateTimeOffset from, DateTimeOffset until)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest("CN=Bank", key, HashAlgorithmName.SHA256).CreateSelfSigned(from, until);
    }

    [Fact]
    public void Check_EcAndRsaSignaturesOfTheExactBody_Hold()
    {
        using var ec = Ec(Now.AddDays(-1), Now.AddDays(1));
        using var rsa = NodeIdentity.CreateSelfSigned("KZ", "Bank", Now.AddDays(-1), TimeSpan.FromDays(2));
        Assert.Null(PaymentSignature.Check(Body, PaymentSignature.Sign(Body, ec), ec, Now));
        Assert.Null(PaymentSignature.Check(Body, PaymentSignature.Sign(Body, rsa), rsa, Now));

        var changed = Body.ToArray();
        changed[^3] ^= 1;
        Assert.Equal("payment_signature.invalid", PaymentSignature.Check(changed, PaymentSignature.Sign(Body, ec), ec, Now)!.Value.Code);
        Assert.Equal("payment_signature.invalid", PaymentSignature.Check(changed, PaymentSignature.Sign(Body, rsa), rsa, Now)!.Value.Code);
    }

    [Fact]
    public void Check_OutsideTheCertificatesValidity_IsRefused()
    {
        using var expired = Ec(Now.AddDays(-10), Now.AddDays(-1));
        Assert.Equal("payment_signature.certificate_not_valid", PaymentSignature.Check(Body, PaymentSignature.Sign(Body, expired), expired, Now)!.Value.Code);
    }

    [Fact]
    public void Parse_NamesEachBadMember_AndKeepsTwoDecimals()
    {
        var parsed = PaymentCallback.Parse(Body).Value;
        Assert.Equal(("t-1", "PO-KZ-000001", "KZT 10.50", Now), (parsed.ProviderTransactionId, parsed.OrderId, parsed.Amount.ToString(), parsed.PaidAt));
        var bad = PaymentCallback.Parse("""{"orderId":"","amount":1.005,"currency":"XXY","paidAt":"yesterday"}"""u8);
        Assert.Equal(["providerTransactionId", "orderId", "amount", "currency", "paidAt"], bad.Failure!.Errors!.Select(e => e.Path).ToArray());
        Assert.Equal("payment_callback.json_invalid", PaymentCallback.Parse("not json"u8).Failure!.Code);
    }
}

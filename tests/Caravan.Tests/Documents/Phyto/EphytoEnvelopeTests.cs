using System.Text.Json;
using Caravan.Documents.Common;
using Caravan.Documents.Phyto;

namespace Caravan.Tests.Documents.Phyto;

public sealed class EphytoEnvelopeTests
{
    [Fact]
    public void FromCertificate_TakesCountriesTypeStatusAndNumber()
    {
        var envelope = EphytoEnvelope.FromCertificate(PhytoSamples.KenyaRoses(), out var errors);

        Assert.Empty(errors);
        Assert.NotNull(envelope);
        Assert.Equal(CountryCode.Of("KE"), envelope.From);
        Assert.Equal(CountryCode.Of("NL"), envelope.To);
        Assert.Equal(851, envelope.CertificateType);
        Assert.Equal(70, envelope.CertificateStatus);
        Assert.Equal("KE-KEPHIS-2025/0412", envelope.NppoCertificateNumber);
        Assert.Null(envelope.HubTrackingInfo);
    }

    [Fact]
    public void FromCertificate_MissingFields_ReportsEachPath()
    {
        var envelope = EphytoEnvelope.FromCertificate(new PhytosanitaryCertificate(), out var errors);

        Assert.Null(envelope);
        Assert.Equal(
            ["consignment.exportCountry.id", "consignment.importCountry.id", "document.typeCode", "document.statusCode", "document.id"],
            errors.Select(e => e.Path));
    }

    [Fact]
    public void WithHubTracking_KeepsTheHeaderAndRoundTripsThroughJson()
    {
        var envelope = EphytoEnvelope.FromCertificate(PhytoSamples.KenyaRoses(), out _)!
            .WithHubTracking("HUB-2025-000123", HubTrackingInfo.DeliveredWithWarnings, "Unknown EPPO code ROSHY")
            with { Forwardings = [new EphytoEnvelopeForwarding("GeNS", "GENS-55")] };

        var json = JsonSerializer.Serialize(envelope, PhytoJsonContext.Default.EphytoEnvelope);
        var back = JsonSerializer.Deserialize(json, PhytoJsonContext.Default.EphytoEnvelope);

        Assert.Contains("\"hubTrackingInfo\":\"DeliveredWithWarnings\"", json, StringComparison.Ordinal);
        Assert.Equal(envelope, back);
    }
}

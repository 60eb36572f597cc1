using Caravan.Exchange.Outbox;

namespace Caravan.Tests.Exchange.Outbox;

public sealed class RetryPolicyTests
{
    private static RetryPolicy CreateSut() => new(TimeSpan.FromSeconds(2), 3.0, TimeSpan.FromMinutes(1), 8);

    [Fact]
    public void CeilingFor_GrowsExponentiallyUpToMaxDelay()
    {
        var policy = CreateSut();

        var ceilings = Enumerable.Range(1, 6).Select(policy.CeilingFor).ToList();

        Assert.Equal(
            [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(54), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)],
            ceilings);
    }

    [Fact]
    public void NextDelay_ManySamples_StayWithinZeroAndCeilingAndSpreadAcrossIt()
    {
        var policy = CreateSut();
        var random = new Random(1234);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var ceiling = policy.CeilingFor(attempt);
            var samples = Enumerable.Range(0, 2000).Select(_ => policy.NextDelay(attempt, random)).ToList();

            Assert.All(samples, d => Assert.InRange(d, TimeSpan.Zero, ceiling));
            var meanFraction = samples.Average(d => d / ceiling);
            Assert.InRange(meanFraction, 0.45, 0.55);
            Assert.True(samples.Min() < ceiling * 0.05, "full jitter reaches near zero");
            Assert.True(samples.Max() > ceiling * 0.95, "full jitter reaches near the ceiling");
        }
    }

    [Fact]
    public void NextDelay_SameSeed_IsReproducible()
    {
        var policy = CreateSut();

        var first = Enumerable.Range(1, 5).Select(a => policy.NextDelay(a, new Random(7))).ToList();
        var second = Enumerable.Range(1, 5).Select(a => policy.NextDelay(a, new Random(7))).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void AllowsAnotherAttempt_AtMaxAttempts_IsFalse()
    {
        var policy = CreateSut();

        Assert.True(policy.AllowsAnotherAttempt(7));
        Assert.False(policy.AllowsAnotherAttempt(8));
    }

    [Fact]
    public void Constructor_MultiplierBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(TimeSpan.FromSeconds(1), 0.5, TimeSpan.FromMinutes(1), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(TimeSpan.FromMinutes(2), 2, TimeSpan.FromMinutes(1), 3));
    }
}

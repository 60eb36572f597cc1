using Caravan.Cli.Demo;

namespace Caravan.Tests.Cli.Demo;

/// <summary>The README's first command: the whole story runs on real nodes and ends with exit 0.</summary>
public sealed class DemoRunnerTests
{
    [Fact]
    public async Task Demo_CarriesTheApplesThroughTheWholeStory_AndExitsZero()
    {
        var folder = Directory.CreateTempSubdirectory("caravan-demo-test-").FullName;
        try
        {
            using var output = new StringWriter();
            var exitCode = await new DemoRunner(output, TimeProvider.System).RunAsync(keepRunning: false, folder, CancellationToken.None);
            var text = output.ToString();
            Assert.True(exitCode == 0, text);
            foreach (var expected in new[]
            {
                "received in KZ", "task phytosanitary_certificate  uz-plant     open", "released; ePhyto UZ-PC-", "issued → sent → inspected → accepted",
                "matches the import declaration", "409 certificate.quantity_exceeded", ": released", ": rejected; the exporter is told", "advance-data-sent",
                "audit chain of KZ: intact", "audit chain of UZ: intact", "password for every demo account", "Demo complete.",
            })
            {
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

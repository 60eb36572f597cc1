using System.Text.Json.Nodes;
using Caravan.Tests.TestSupport;
using Xunit.Abstractions;

namespace Caravan.Tests.Node.Network;

/// <summary>
/// Property: however customs' uses of a certificate of origin interleave, across two KZ node processes on one
/// database, the quantity drawn down never exceeds the certificate's, and what remains is exactly what was not drawn.
/// </summary>
public sealed class ConcurrentDrawdownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestNetwork _network = null!;
    private OriginScenario _origin = null!;
    private readonly NodeProcesses _processes = new();

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(["UZ", "KZ"]);
        _origin = await OriginScenario.CreateAsync(_network);
    }

    public async Task DisposeAsync()
    {
        await _processes.DisposeAsync();
        await _network.DisposeAsync();
    }

    [Fact]
    public async Task ConcurrentUseFromTwoProcesses_NeverDrawsMoreThanTheCertificateHolds()
    {
        var number = await _origin.IssueAsync();
        var received = await OriginScenario.EventuallyAsync(_origin.Customs, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "received");
        var quantity = received["items"]![0]!["remaining"]!.GetValue<decimal>();
        var token = _origin.Customs.DefaultRequestHeaders.Authorization!;

        // KZ's in-process node steps aside; two processes of KZ take over its data folder and database.
        var kz = _network["KZ"].Options;
        await _network.Network.StopAsync("KZ");
        var urls = new[] { await _processes.StartAsync(kz), await _processes.StartAsync(kz) };
        var clients = urls.Select(u => new HttpClient { BaseAddress = u, DefaultRequestHeaders = { Authorization = token } }).ToArray();

        // A home-made generator: 40 uses of 300 to 2,500 kg, half through each process, all at once.
        var random = new Random(20261122);
        var uses = Enumerable.Range(0, 40).Select(i => (Index: i, Quantity: (decimal)random.Next(300, 2_501))).ToList();
        var outcomes = await Task.WhenAll(uses.Select(async use =>
        {
            var response = await clients[use.Index % 2].PostJsonAsync($"api/v1/certificates/UZ/{number}/utilizations", new
            {
                declarationNumber = $"KZ-DT-{use.Index}",
                items = new[] { new { itemNumber = 1, quantity = use.Quantity } },
            });
            return (use.Quantity, Status: (int)response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));
        output.WriteLine(string.Join('\n', outcomes.Select(o => $"{o.Quantity} -> {o.Status}")));

        Assert.All(outcomes, o => Assert.True(o.Status is 201 or 409, $"{o.Status}: {o.Body}\n{_processes.Output}"));
        var drawn = outcomes.Where(o => o.Status == 201).Sum(o => o.Quantity);
        Assert.True(drawn <= quantity, $"drew {drawn} of {quantity}");
        // Each refusal was right: what it asked for did not fit in what was left at the end either.
        Assert.All(outcomes.Where(o => o.Status == 409), o => Assert.True(o.Quantity > quantity - drawn, $"{o.Quantity} was refused with {quantity - drawn} left"));
        var after = await (await clients[0].GetAsync($"api/v1/certificates/UZ/{number}")).ExpectAsync(200);
        Assert.Equal(quantity - drawn, after["items"]![0]!["remaining"]!.GetValue<decimal>());
        Assert.Equal(outcomes.Count(o => o.Status == 201), after["utilizations"]!.AsArray().Count);
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}

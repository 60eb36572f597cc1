using System.Net;
using System.Text;
using System.Text.Json;
using Caravan.Node.Hosting;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Tests.TestSupport;
using Caravan.Window.Consignments;
using Caravan.Window.Notifications;
using Caravan.Window.Requirements;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Tests.Node.Network;

/// <summary>Traders hear about their consignments through signed webhooks, retried until their endpoint answers.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private TestNetwork _network = null!;
    private HttpListener _listener = null!;
    private readonly List<(string Body, string Signature)> _received = [];
    private int _failuresToInject;
    private Task _serving = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(["UZ"]);
        var port = LocalNetwork.FreePort();
        _listener = new HttpListener();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        _listener.Start();
        _serving = ServeAsync();
        Url = $"http://127.0.0.1:{port}/hook/";
    }

    private string Url { get; set; } = "";

    public async Task DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _network.DisposeAsync();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            if (Interlocked.Decrement(ref _failuresToInject) >= 0)
            {
                context.Response.StatusCode = 503;
            }
            else
            {
                lock (_received)
                {
                    _received.Add((body, context.Request.Headers["Caravan-Signature"] ?? ""));
                }
                context.Response.StatusCode = 204;
            }
            context.Response.Close();
        }
    }

    [Fact]
    public async Task ConsignmentChanges_ArriveSigned_AfterRetries()
    {
        var node = _network["UZ"];
        using var op = node.CreateClient();
        var token = await op.CreatePartyAsync("trader-w", "Webhook Trader", "trader");
        using var trader = node.CreateClient(token);
        var registration = await (await trader.PostJsonAsync("api/v1/webhooks", new { url = Url })).ExpectAsync(201);
        var secret = registration["secret"]!.GetValue<string>();
        _failuresToInject = 1;

        var services = node.Services;
        var workflow = services.GetRequiredService<ConsignmentWorkflow>();
        var database = services.GetRequiredService<CaravanDatabase>();
        var actor = new Actor("trader-w", PartyRole.Trader);
        var lodgement = TestDeclarations.ExportLodgement("UZ", "KZ", "847130");
        var draft = await database.InTransactionAsync((u, ct) => workflow.CreateDraftAsync(actor, null, lodgement, u, ct), CancellationToken.None);
        await database.InTransactionAsync((u, ct) => workflow.SubmitAsync(actor, draft.Value.Id, u, ct), CancellationToken.None);

        var deadline = Environment.TickCount64 + 20_000;
        while (Environment.TickCount64 < deadline && _received.Count == 0)
        {
            await Task.Delay(100);
        }
        var (body, signature) = Assert.Single(_received);
        Assert.Equal("consignment.submitted", JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());
        Assert.Equal("released", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
        var timestamp = long.Parse(signature.Split(',')[0]["t=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(WebhookStore.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body)), signature);
        Assert.NotEqual(WebhookStore.Sign("whsec_wrong", timestamp, Encoding.UTF8.GetBytes(body)), signature);
    }
}

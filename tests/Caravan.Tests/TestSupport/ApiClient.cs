using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Caravan.Tests.TestSupport;

/// <summary>Small helpers for calling a node's API from tests: POST with an idempotency key, read problem details.</summary>
public static class ApiClient
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString("N"));
        return client.SendAsync(request);
    }

    /// <summary>POSTs an XML body (a WCO DMS declaration) with an idempotency key.</summary>
    public static Task<HttpResponseMessage> PostXmlAsync(this HttpClient client, string path, byte[] xml, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(xml) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString("N"));
        return client.SendAsync(request);
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("The response body is null.");
    }

    /// <summary>Asserts the status and returns the JSON body, showing the body when the status is wrong.</summary>
    public static async Task<JsonNode> ExpectAsync(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status} but got {(int)response.StatusCode}: {text}");
        return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public static async Task<string> CreatePartyAsync(this HttpClient operatorClient, string id, string name, string role)
    {
        var response = await operatorClient.PostJsonAsync("api/v1/parties", new { id, name, role });
        var json = await response.ExpectAsync(201);
        return json["token"]!.GetValue<string>();
    }

    public static Task<HttpResponseMessage> GetAsJsonAsync(this HttpClient client, string path) => client.GetAsync(path);

    public static JsonContent Json(object value) => JsonContent.Create(value);
}

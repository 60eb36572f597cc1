using Caravan.Exchange.Gateway;
using Microsoft.AspNetCore.Http.Features;

namespace Caravan.Node.Gateway;

/// <summary>
/// The node's AS4 endpoint (<c>POST /as4</c>), where partner nodes push user messages. Authentication is the
/// message's own WS-Security signature checked against the trust list, so the endpoint itself is anonymous; the
/// answer is a signed receipt or an ebMS error signal, synchronously, as the P-Mode says.
/// </summary>
public static class As4Endpoint
{
    public static void MapAs4Endpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/as4", async (HttpContext http, As4Receiver receiver, GatewayOptions options) =>
        {
            var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (sizeFeature is { IsReadOnly: false })
            {
                sizeFeature.MaxRequestBodySize = options.MaxInboundBytes;
            }
            var contentType = http.Request.ContentType ?? "";
            var response = await receiver.ReceiveAsync(http.Request.Body, contentType, http.RequestAborted).ConfigureAwait(false);
            http.Response.StatusCode = response.StatusCode;
            http.Response.ContentType = response.ContentType;
            await http.Response.Body.WriteAsync(response.Body, http.RequestAborted).ConfigureAwait(false);
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }
}

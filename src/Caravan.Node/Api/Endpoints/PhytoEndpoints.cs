using Caravan.Node.Api.Idempotency;
using Caravan.Node.Api.Security;
using Caravan.Window.Certificates;
using Caravan.Window.Phyto;

namespace Caravan.Node.Api.Endpoints;

/// <summary>
/// ePhyto issuance by the exporting plant-protection agency when no consignment task asked for it, and replacement of
/// an ePhyto it issued. (Approving an export's phytosanitary task issues the ePhyto too: see the task decision.) The
/// certificate is then read, inspected, accepted, rejected and revoked through /certificates like any other type.
/// </summary>
public static class PhytoEndpoints
{
    public static void MapPhytoEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/ephyto").WithTags("ePhyto");

        group.MapIdempotentPost<PhytoWorkflow.IssueRequest, CertificateView>("", (request, context, ct) =>
            context.Services.GetRequiredService<PhytoWorkflow>().IssueAsync(context.User.ToActor(), request, context.Unit, ct))
            .RequireAuthorization(Policies.Agency)
            .WithSummary("The NPPO issues an ePhyto: numbered, completed, validated, signed and sent to the importing country's node.");

        group.MapIdempotentPost<PhytoWorkflow.ReplaceRequest, CertificateView>("/{number}/replace", (request, context, ct) =>
            context.Services.GetRequiredService<PhytoWorkflow>().ReplaceAsync(context.User.ToActor(), context.Route("number"), request, context.Unit, ct))
            .RequireAuthorization(Policies.Agency)
            .WithSummary("The NPPO replaces an ePhyto it issued with a corrected one (status 40); the old one becomes replaced on both sides.");
    }
}

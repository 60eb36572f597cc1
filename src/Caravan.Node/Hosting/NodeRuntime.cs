using Caravan.Node.Configuration;
using Caravan.Trust;

namespace Caravan.Node.Hosting;

/// <summary>The node's resolved identity and settings, made once at start-up and shared by its services.</summary>
public sealed class NodeRuntime(NodeOptions options, NodeIdentity identity, TrustList trustList)
{
    public NodeOptions Options { get; } = options;

    public string CountryCode => Options.Country.Code;

    public NodeIdentity Identity { get; } = identity;

    public TrustList TrustList { get; } = trustList;

    public Uri PublicBaseUrl { get; } = new(options.PublicBaseUrl.TrimEnd('/') + "/");

    public Uri As4Endpoint => new(PublicBaseUrl, "as4");
}

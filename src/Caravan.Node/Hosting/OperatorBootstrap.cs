using Caravan.Parties;
using Caravan.Storage;

namespace Caravan.Node.Hosting;

/// <summary>
/// On a node's first start, creates the operator party and writes its API token to {DataFolder}/operator.token
/// (readable by the owner only). The token is never logged; the operator creates every other party through the API.
/// </summary>
public static class OperatorBootstrap
{
    public const string OperatorPartyId = "operator";
    public const string TokenFileName = "operator.token";

    public static async Task EnsureAsync(IServiceProvider services, string dataFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var parties = services.GetRequiredService<PartyStore>();
        if (await parties.FindAsync(OperatorPartyId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }
        var database = services.GetRequiredService<CaravanDatabase>();
        var path = Path.Combine(dataFolder, TokenFileName);
        await database.InTransactionAsync(async (unit, ct) =>
        {
            var created = await parties.CreateAsync(OperatorPartyId, "Node operator", PartyRole.Operator, unit.Transaction, ct).ConfigureAwait(false);
            if (!created.IsSuccess)
            {
                // Another process of the same node created it first.
                return;
            }
            // Written before the commit: if the write fails, the operator party is not created either.
            await File.WriteAllTextAsync(path, created.Value.Token, ct).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }, cancellationToken).ConfigureAwait(false);
    }
}

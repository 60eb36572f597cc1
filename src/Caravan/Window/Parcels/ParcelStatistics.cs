using System.Data.Common;
using Caravan.Common;
using Caravan.Parties;
using Caravan.Window.Consignments;
using Dapper;

namespace Caravan.Window.Parcels;

/// <summary>
/// Item-level statistics of the e-commerce lane, grouped by one dimension (origin, HS chapter, platform, risk
/// channel, value band or collection model) over a period of receipt: parcels, released, held and refused, value,
/// duty, excise and tax. A parcel operator sees only the parcels it lodged or is liable for.
/// </summary>
public static class ParcelStatistics
{
    public static readonly IReadOnlyDictionary<string, string> Dimensions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["origin"] = "origin",
        ["hs_chapter"] = "substr(hs_code, 1, 2)",
        ["platform"] = "platform",
        ["channel"] = "risk_channel",
        ["value_band"] = "value_band",
        ["collection"] = "collection",
    };

    public sealed record Group(string Key, int Parcels, int Released, int Held, int Refused, decimal Value, decimal Duty, decimal Excise, decimal Tax, decimal Charges);

    public sealed record Report(string By, DateTimeOffset? From, DateTimeOffset? To, string Currency, int Parcels, decimal Charges, IReadOnlyList<Group> Groups);

    public static async Task<Result<Report>> QueryAsync(Actor actor, string by, DateTimeOffset? from, DateTimeOffset? to, string currency, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(connection);
        if (!Dimensions.TryGetValue(by ?? "", out var expression))
        {
            return Failure.Validation([new FieldError("by", "statistics.dimension", $"by is one of {string.Join(", ", Dimensions.Keys)}.")]);
        }
        var where = new List<string> { "1 = 1" };
        if (actor.Role == PartyRole.ParcelOperator)
        {
            where.Add("(submitter_party_id = @party or liable_party_id = @party)");
        }
        if (from is not null)
        {
            where.Add("received_at_ms >= @fromMs");
        }
        if (to is not null)
        {
            where.Add("received_at_ms < @toMs");
        }
        var rows = await connection.QueryAsync<(string Key, long Parcels, long Released, long Held, long Refused, long Value, long Duty, long Excise, long Tax, long Charges)>(new CommandDefinition(
            $"""
            select {expression} as k, count(*),
                   sum(case when decision = 'release' then 1 else 0 end), sum(case when decision = 'hold' then 1 else 0 end),
                   sum(case when decision = 'refused' then 1 else 0 end),
                   sum(value_minor), sum(duty_minor), sum(excise_minor), sum(tax_minor), sum(charge_minor)
            from parcels where {string.Join(" and ", where)}
            group by {expression} order by count(*) desc, k
            """,
            new { party = actor.PartyId, fromMs = from?.ToUnixTimeMilliseconds(), toMs = to?.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var groups = rows.Select(r => new Group(r.Key, (int)r.Parcels, (int)r.Released, (int)r.Held, (int)r.Refused, ParcelRow.Major(r.Value), ParcelRow.Major(r.Duty),
            ParcelRow.Major(r.Excise), ParcelRow.Major(r.Tax), ParcelRow.Major(r.Charges))).ToList();
        return new Report(by!, from, to, currency, groups.Sum(g => g.Parcels), groups.Sum(g => g.Charges), groups);
    }
}

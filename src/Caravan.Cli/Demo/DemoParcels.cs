using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Caravan.Customs.Parcels;
using Caravan.Documents.Hs;

namespace Caravan.Cli.Demo;

/// <summary>
/// The e-commerce part of the demo on KZ's node: a marketplace that collects VAT at sale under its registration and a
/// courier that pays at the border or has buyers pay on delivery push a few thousand parcels; the demo shows the risk
/// channels, what each collection model collects, a held parcel inspected and released, one return refunded (once),
/// and the marketplace's consolidated declaration for last month paid through the (fake) payment provider.
/// </summary>
internal sealed class DemoParcels(TextWriter output, TimeProvider time, Func<string, Task> step)
{
    private static readonly (string Description, string Hs, decimal MinUsd, decimal MaxUsd, decimal Kg)[] Goods =
    [
        ("Men's cotton T-shirt", "610910", 4, 30, 0.25m),
        ("Bluetooth wireless headphones", "851830", 8, 250, 0.3m),
        ("Children's plastic toy car", "950300", 3, 40, 0.4m),
        ("Leather wallet", "420231", 10, 120, 0.2m),
        ("Mobile phone case, silicone", "392690", 1, 15, 0.08m),
        ("Running shoes, textile uppers", "640411", 20, 180, 0.9m),
        ("Paperback novel", "490199", 5, 25, 0.35m),
        ("Lipstick set", "330410", 6, 60, 0.15m),
    ];

    private static readonly string[] Origins = ["CN", "CN", "CN", "TR", "KR", "DE"];

    public async Task RunAsync(HttpClient kzOperator, HttpClient customs, HttpClient shopzone, HttpClient courier, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);

        await step("E-commerce: KZ publishes its whole tariff (every HS chapter), a duty de minimis of 94,000 KZT (about 200 USD), a marketplace's tax registration and two guarantees").ConfigureAwait(false);
        var tariff = new StringBuilder("code,valid_from,valid_to,mfn,vat_percent,excise,preferences\n080810,2026-01-01,,10,12,,CISFTA:UZ|KG|TJ=0\n081310,2026-01-01,,15,12,,\n");
        foreach (var chapter in HsNomenclature.Hs2022.Entries.Where(e => e.Level == HsLevel.Chapter).OrderBy(e => e.Code, StringComparer.Ordinal))
        {
            tariff.Append(chapter.Code).Append(",2026-01-01,,").Append(chapter.Code is "61" or "64" or "42" ? 15 : chapter.Code is "49" ? 0 : 10).Append(",12,,\n");
        }
        using (var content = new StringContent(tariff.ToString(), Encoding.UTF8, "text/csv"))
        using (var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/tariff/versions?note=whole+tariff") { Content = content })
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            using var response = await kzOperator.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new DemoFailedException($"Publishing the whole tariff answered {(int)response.StatusCode}.");
            }
        }
        await Post(kzOperator, "api/v1/parcels/settings", new JsonObject
        {
            ["dutyDeMinimis"] = 94_000,
            ["valueBands"] = new JsonArray(10_000, 47_000, 94_000, 235_000),
        }, 200, cancellationToken).ConfigureAwait(false);
        var registration = RegistrationNumber.Create(398_000_017);
        await Post(kzOperator, "api/v1/parcels/registrations", new JsonObject
        {
            ["number"] = registration, ["partyId"] = "shopzone", ["platform"] = "shopzone", ["validFrom"] = "2026-01-01",
        }, 201, cancellationToken).ConfigureAwait(false);
        await Post(customs, "api/v1/parcels/guarantees/shopzone", new JsonObject { ["amount"] = 20_000_000 }, 200, cancellationToken).ConfigureAwait(false);
        await Post(customs, "api/v1/parcels/guarantees/swift-express", new JsonObject { ["amount"] = 3_000_000 }, 200, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  ShopZone collects VAT at sale under {registration}; Swift Express pays at the border or has buyers pay on delivery").ConfigureAwait(false);

        await step("KZ customs activates parcel risk rules (and a 1% random selection)").ConfigureAwait(false);
        var rules = await Post(customs, "api/v1/risk/rule-sets", JsonNode.Parse("""
            {"note":"parcels","thresholds":{"yellow":40,"red":80,"randomSelectionRate":0.01},"rules":[
              {"id":"cheap-audio","name":"Headphones declared under 4,000 KZT per kg","condition":"hs startswith \"8518\" and value_per_kg < 4000","weight":50},
              {"id":"heavy-shoes","name":"A pair of shoes over 2 kg (concealment)","condition":"hs startswith \"64\" and weight_kg > 2","weight":90},
              {"id":"cod-high-value","name":"Over 90,000 KZT paid on delivery","condition":"collection == \"consumer\" and not registered and value > 90000","weight":40},
              {"id":"cosmetics-tr","name":"Cosmetics from TR (shared safety alert)","condition":"hs startswith \"3304\" and origin == \"TR\"","weight":45}]}
            """)!, 201, cancellationToken).ConfigureAwait(false);
        await Post(customs, $"api/v1/risk/rule-sets/{rules["version"]}/activate", new JsonObject(), 200, cancellationToken).ConfigureAwait(false);

        await step("ShopZone pushes 2,000 parcels sold last month (JSON lines), Swift Express 1,000 arriving now (CSV, with two malformed lines)").ConfigureAwait(false);
        var random = new Random(2026);
        var shopLines = Enumerable.Range(1, 2_000).Select(i => ShopZoneLine(i, random, registration, lastMonth)).ToList();
        foreach (var chunk in shopLines.Chunk(1_000))
        {
            var batch = await Push(shopzone, string.Join('\n', chunk), "application/x-ndjson", cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"  ShopZone batch {batch["batchId"]}: {batch["accepted"]} accepted, {batch["released"]} released, {batch["held"]} held").ConfigureAwait(false);
        }
        var csv = new StringBuilder("trackingId,platform,seller,buyer,description,hsCode,quantity,value,currency,origin,weightKg,collection\n");
        for (var i = 1; i <= 1_000; i++)
        {
            var (description, hs, min, max, kg) = Goods[random.Next(Goods.Length)];
            var value = Math.Round(min + ((max - min) * (decimal)random.NextDouble()), 2);
            var line = i switch
            {
                17 => $"SWX{i:D7},mercado,Seller {i},Buyer {i},\"{description}\",{hs},1,twelve,USD,CN,{kg},consumer",
                500 => $"SWX{i:D7},mercado,Seller {i},Buyer {i},\"{description}\",{hs},1,{value},USD,ZZ,{kg},intermediary",
                // Every tenth parcel comes without a goods code: one is suggested from the description.
                _ => string.Create(CultureInfo.InvariantCulture, $"SWX{i:D7},mercado,Seller {random.Next(300)},Buyer {random.Next(90_000)},\"{description}\",{(i % 10 == 0 ? "" : hs)},1,{value},USD,{Origins[random.Next(Origins.Length)]},{kg},{(i % 5 < 3 ? "intermediary" : "consumer")}"),
            };
            csv.Append(line).Append('\n');
        }
        var courierBatch = await Push(courier, csv.ToString(), "text/csv", cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  Swift Express batch {courierBatch["batchId"]}: {courierBatch["accepted"]} accepted, {courierBatch["rejected"]} lines refused:").ConfigureAwait(false);
        foreach (var error in courierBatch["errors"]!.AsArray())
        {
            await output.WriteLineAsync($"    line {error!["line"]} ({error["trackingId"]}) {error["field"]}: {error["message"]}").ConfigureAwait(false);
        }
        var resent = await Push(shopzone, string.Join('\n', shopLines.Take(1_000)), "application/x-ndjson", cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  ShopZone resends its first batch: {resent["accepted"]} accepted, {resent["duplicates"]} duplicates answered with their first decision (stored once)").ConfigureAwait(false);

        await step("The channels, and what each collection model collects (KZ customs' statistics)").ConfigureAwait(false);
        var channels = await Get(customs, "api/v1/parcels/statistics?by=channel", cancellationToken).ConfigureAwait(false);
        foreach (var group in channels["groups"]!.AsArray())
        {
            await output.WriteLineAsync($"  {group!["key"],-7} {group["parcels"],6} parcels  ({group["held"]} held)").ConfigureAwait(false);
        }
        var collections = await Get(customs, "api/v1/parcels/statistics?by=collection", cancellationToken).ConfigureAwait(false);
        foreach (var group in collections["groups"]!.AsArray())
        {
            var where = group!["key"]!.GetValue<string>() switch { "vendor" => "at sale, by the marketplace", "intermediary" => "at the border, by the courier", _ => "on delivery, from the buyer" };
            await output.WriteLineAsync($"  {group["key"],-12} {group["parcels"],5} parcels: duty {group["duty"],12} KZT, VAT {group["tax"],12} KZT, collected {where}").ConfigureAwait(false);
        }

        await step("Customs inspects a held parcel: nothing found, it is released, and the rules that held are marked as misses").ConfigureAwait(false);
        var held = (await Get(customs, "api/v1/parcels?decision=hold&limit=50", cancellationToken).ConfigureAwait(false)).AsArray()
            .FirstOrDefault(p => p!["ruleHits"] is not null && !p["holdReason"]!.GetValue<string>().Contains("guarantee", StringComparison.Ordinal));
        if (held is not null)
        {
            var id = held["id"]!.GetValue<string>();
            var explained = await Get(customs, $"api/v1/parcels/{id}", cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"  {id} ({held["description"]}, {held["platform"]}/{held["trackingId"]}): {explained["risk"]!["channel"]}, score {explained["risk"]!["score"]}").ConfigureAwait(false);
            foreach (var hit in explained["risk"]!["hits"]!.AsArray())
            {
                await output.WriteLineAsync($"    rule {hit!["ruleId"]} (+{hit["weight"]}): {hit["facts"]}").ConfigureAwait(false);
            }
            var decided = await Post(customs, $"api/v1/parcels/{id}/decision", new JsonObject { ["action"] = "release", ["found"] = false, ["findings"] = "goods as declared" }, 200, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"  decided: {decided["decision"]}; rules marked: {string.Join(", ", decided["rulesMarked"]!.AsArray().Select(r => r!.GetValue<string>()))}").ConfigureAwait(false);
        }

        await step("A buyer returns a ShopZone parcel: duty and VAT are refunded once, as a credit on ShopZone's declaration").ConfigureAwait(false);
        var returned = (await Get(shopzone, "api/v1/parcels?decision=release&limit=200", cancellationToken).ConfigureAwait(false)).AsArray()
            .First(p => p!["chargeMinor"]!.GetValue<long>() > 0 && p["collection"]!.GetValue<string>() == "vendor")!;
        var refund = await Post(shopzone, "api/v1/parcels/returns", new JsonObject { ["platform"] = "shopzone", ["trackingId"] = returned["trackingId"]!.GetValue<string>(), ["reason"] = "wrong size" }, 201, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  {refund["parcelId"]} returned: {refund["refunded"]} KZT refunded of {refund["charged"]} charged").ConfigureAwait(false);
        var twice = await Post(shopzone, "api/v1/parcels/returns", new JsonObject { ["platform"] = "shopzone", ["trackingId"] = returned["trackingId"]!.GetValue<string>() }, 409, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  returned again: 409 {twice["code"]}").ConfigureAwait(false);

        await step($"ShopZone lodges its consolidated declaration for {lastMonth:yyyy-MM} and pays it through the payment provider (a signed callback)").ConfigureAwait(false);
        var declaration = await Post(shopzone, "api/v1/parcel-declarations", new JsonObject { ["period"] = lastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture) }, 201, cancellationToken).ConfigureAwait(false);
        foreach (var line in declaration["lines"]!.AsArray())
        {
            await output.WriteLineAsync($"  {line!["collection"],-12} {line["parcels"],5} parcels  duty {line["duty"],12}  VAT {line["tax"],12}  charged {line["charge"],12} KZT").ConfigureAwait(false);
        }
        await output.WriteLineAsync($"  {declaration["id"]}: charges {declaration["charges"]} less refunds {declaration["refunds"]} = {declaration["total"]} KZT due, payment order {declaration["paymentOrderId"]}").ConfigureAwait(false);
        var again = await Post(shopzone, "api/v1/parcel-declarations", new JsonObject { ["period"] = lastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture) }, 409, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  declaring {lastMonth:yyyy-MM} again: 409 {again["code"]}").ConfigureAwait(false);
        if (declaration["paymentOrderId"] is { } order)
        {
            await Post(shopzone, $"api/v1/payment-orders/{order}/pay", new JsonObject(), 202, cancellationToken).ConfigureAwait(false);
            var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(30);
            JsonNode paid;
            while ((paid = await Get(shopzone, $"api/v1/parcel-declarations/{declaration["id"]}", cancellationToken).ConfigureAwait(false))["status"]!.GetValue<string>() != "paid")
            {
                if (time.GetUtcNow() > deadline)
                {
                    throw new DemoFailedException("The declaration's payment was not confirmed.");
                }
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            var guarantee = await Get(shopzone, "api/v1/parcels/guarantees/shopzone", cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"  {paid["id"]}: {paid["status"]} at {paid["paidAt"]}; ShopZone's guarantee now carries {guarantee["liability"]} KZT (headroom {guarantee["headroom"]})").ConfigureAwait(false);
        }
    }

    private static string ShopZoneLine(int i, Random random, string registration, DateOnly month)
    {
        var (description, hs, min, max, kg) = Goods[random.Next(Goods.Length)];
        var value = Math.Round(min + ((max - min) * (decimal)random.NextDouble()), 2);
        var sold = month.AddDays(random.Next(0, 28));
        return new JsonObject
        {
            ["trackingId"] = $"SZ{i:D8}",
            ["platform"] = "shopzone",
            ["seller"] = $"Seller {random.Next(400)}",
            ["buyer"] = $"Buyer {random.Next(100_000)}",
            ["description"] = description,
            ["hsCode"] = hs,
            ["quantity"] = 1,
            ["value"] = value,
            ["currency"] = "USD",
            ["origin"] = Origins[random.Next(Origins.Length)],
            ["weightKg"] = i % 97 == 0 ? 2.5m : kg,
            ["collection"] = "vendor",
            ["registration"] = registration,
            ["saleDate"] = sold.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }.ToJsonString();
    }

    private static async Task<JsonNode> Push(HttpClient client, string body, string mediaType, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await client.PostAsync("api/v1/parcels/batches", content, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)! : throw new DemoFailedException($"Pushing a parcel batch answered {(int)response.StatusCode}: {text}");
    }

    private static Task<JsonNode> Post(HttpClient client, string path, JsonNode body, int expected, CancellationToken cancellationToken) =>
        DemoRunner.PostAsync(client, path, body, expected, cancellationToken);

    private static Task<JsonNode> Get(HttpClient client, string path, CancellationToken cancellationToken) => DemoRunner.GetAsync(client, path, cancellationToken);
}

using Caravan.Cli.Demo;
using System.Diagnostics;
using System.Text.Json;
using Caravan.Documents.Common;
using Caravan.Documents.Declarations;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Storage.Migrations;
using Caravan.Window.Consignments;
using Caravan.Window.Notifications;
using Caravan.Window.Requirements;
using Dapper;
using Npgsql;

namespace Caravan.Bench.Window;

/// <summary>
/// The single window's processing rate on a real database: lodge N consignments of 1-20 items (create the draft,
/// then submit it: matrix assessment, tasks, history, trader notification, in one transaction each), concurrently,
/// and measure submission latency; half are green lane (no agency action: released at submission), half need two
/// agencies, which then approve: the second approval's latency is "last approval to release".
/// Usage: window --db postgres|sqlite [--pg ADMIN-CONNSTRING] [--consignments N] [--concurrency C]
/// </summary>
public static class WindowBenchmark
{
    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: window --db postgres|sqlite [--pg ADMIN-CONNSTRING] [--consignments N] [--concurrency C]");
            return 64;
        }
        var (storage, cleanup) = await CreateDatabaseAsync(options).ConfigureAwait(false);
        try
        {
            await using var database = CaravanDatabase.Create(storage);
            await new MigrationRunner(database, TimeProvider.System).MigrateAsync(CancellationToken.None).ConfigureAwait(false);
            var matrices = new RequirementMatrixStore(database, TimeProvider.System);
            var workflow = new ConsignmentWorkflow(matrices, new MandateStore(TimeProvider.System),
                [new TraderNotifier(new WebhookStore(TimeProvider.System))], [], TimeProvider.System);
            await SeedAsync(database, matrices).ConfigureAwait(false);

            Console.WriteLine($"Single-window benchmark: {options.Consignments} consignments of 1-20 items on {storage.Provider}, concurrency {options.Concurrency}");
            var random = new Random(42);
            var work = Enumerable.Range(0, options.Consignments).Select(i => (Index: i, Green: i % 2 == 0, Items: random.Next(1, 21))).ToList();
            var submitLatencies = new double[work.Count];
            var releaseLatencies = new List<double>();
            var pending = new List<(string Id, string Trader)>();
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (job, ct) =>
            {
                var trader = new Actor($"trader-{job.Index % 50}", PartyRole.Trader);
                var lodgement = Lodgement(job.Green, job.Items);
                var started = Stopwatch.GetTimestamp();
                var draft = await database.InTransactionAsync((u, t) => workflow.CreateDraftAsync(trader, null, lodgement, u, t), ct).ConfigureAwait(false);
                var submitted = await database.InTransactionAsync((u, t) => workflow.SubmitAsync(trader, draft.Value.Id, u, t), ct).ConfigureAwait(false);
                submitLatencies[job.Index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!submitted.IsSuccess || (job.Green && submitted.Value.Status != ConsignmentStatus.Released) || (!job.Green && submitted.Value.Tasks.Count != 2))
                {
                    throw new InvalidOperationException($"Consignment {job.Index} did not reach the expected state: {submitted.Failure?.Message}");
                }
                if (!job.Green)
                {
                    lock (pending)
                    {
                        pending.Add((submitted.Value.Id, trader.PartyId));
                    }
                }
            }).ConfigureAwait(false);
            var lodgeSeconds = watch.Elapsed.TotalSeconds;

            watch.Restart();
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (p, ct) =>
            {
                var view = await database.ReadAsync((c, t) => workflow.FindAsync(p.Id, c, null, t), ct).ConfigureAwait(false);
                var nppo = view!.Tasks.Single(t => t.AgencyPartyId == "nppo");
                var customs = view.Tasks.Single(t => t.AgencyPartyId == "customs");
                await database.InTransactionAsync((u, t) => workflow.DecideAsync(new Actor("nppo", PartyRole.Agency), nppo.Id, TaskDecision.Approve, null, u, t), ct).ConfigureAwait(false);
                var started = Stopwatch.GetTimestamp();
                var released = await database.InTransactionAsync((u, t) => workflow.DecideAsync(new Actor("customs", PartyRole.Customs), customs.Id, TaskDecision.Approve, null, u, t), ct).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (released.Value.Status != ConsignmentStatus.Released)
                {
                    throw new InvalidOperationException($"{p.Id} was not released.");
                }
                lock (releaseLatencies)
                {
                    releaseLatencies.Add(elapsed);
                }
            }).ConfigureAwait(false);
            var decideSeconds = watch.Elapsed.TotalSeconds;

            var green = work.Where(w => w.Green).Select(w => submitLatencies[w.Index]).ToList();
            Console.WriteLine($"lodged (draft + submit): {work.Count / lodgeSeconds:F0} consignments/s over {lodgeSeconds:F1} s");
            Console.WriteLine($"  submit latency, all:   p50 {Percentile(submitLatencies, 50):F1} ms, p99 {Percentile(submitLatencies, 99):F1} ms");
            Console.WriteLine($"  submit latency, green: p50 {Percentile(green, 50):F1} ms, p99 {Percentile(green, 99):F1} ms (released at submission)");
            Console.WriteLine($"decided (2 approvals each): {pending.Count / decideSeconds:F0} consignments/s over {decideSeconds:F1} s");
            Console.WriteLine($"  last approval to release: p50 {Percentile(releaseLatencies, 50):F1} ms, p99 {Percentile(releaseLatencies, 99):F1} ms");
            return 0;
        }
        finally
        {
            await cleanup().ConfigureAwait(false);
        }
    }

    private static Lodgement Lodgement(bool green, int itemCount) => Caravan.Window.Consignments.Lodgement.Create(Declaration(green, itemCount), "UZ").Value;

    /// <summary>A UZ export of 1-20 items: green-lane goods (HS 847130, no agency action) or fruit (080810, two agencies).</summary>
    internal static CustomsDeclaration Declaration(bool green, int itemCount, string destination = "KZ")
    {
        var template = DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17)).Items[0];
        return DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17), "BENCH-" + Guid.NewGuid().ToString("N")[..16]) with
        {
            DestinationCountry = CountryCode.Of(destination),
            Items = Enumerable.Range(1, itemCount).Select(n => template with
            {
                SequenceNumber = n,
                HsCode = HsCode.Of(green ? "847130" : "080810"),
                CommodityCode = null,
                Value = Money.Create(100m * n, "USD").Value,
                Quantity = Quantity.Create(10m * n, "KGM").Value,
            }).ToList(),
        };
    }

    private static async Task SeedAsync(CaravanDatabase database, RequirementMatrixStore matrices) =>
        await database.InTransactionAsync(async (unit, ct) =>
        {
            var parties = Enumerable.Range(0, 50).Select(i => (Id: $"trader-{i}", Role: "trader")).Append(("nppo", "agency")).Append(("customs", "customs"));
            foreach (var (id, role) in parties)
            {
                await unit.Connection.ExecuteAsync(new CommandDefinition("insert into parties (id, name, role, created_at_ms) values (@id, @id, @role, 0)", new { id, role }, unit.Transaction, cancellationToken: ct)).ConfigureAwait(false);
            }
            await matrices.PublishAsync(
            [
                new RequirementRule { Id = "fruit-phyto", HsPrefix = "08", Procedure = Procedure.Export, Action = AgencyActionKind.PhytosanitaryCertificate, AgencyPartyId = "nppo" },
                new RequirementRule { Id = "fruit-customs", HsPrefix = "08", Procedure = Procedure.Export, Action = AgencyActionKind.CustomsClearance, AgencyPartyId = "customs" },
            ], "benchmark", "bench", unit, ct).ConfigureAwait(false);
        }, CancellationToken.None).ConfigureAwait(false);

    internal static double Percentile(IReadOnlyCollection<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    private static async Task<(StorageOptions Storage, Func<Task> Cleanup)> CreateDatabaseAsync(Options options)
    {
        if (options.Postgres)
        {
            var name = "caravan_bench_" + Guid.NewGuid().ToString("N")[..12];
            var admin = new NpgsqlConnectionStringBuilder(options.AdminConnectionString) { Pooling = false }.ConnectionString;
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync().ConfigureAwait(false);
                await connection.ExecuteAsync($"CREATE DATABASE \"{name}\"").ConfigureAwait(false);
            }
            var storage = new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = new NpgsqlConnectionStringBuilder(options.AdminConnectionString) { Database = name, MaxPoolSize = 100 }.ConnectionString };
            return (storage, async () =>
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync().ConfigureAwait(false);
                await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").ConfigureAwait(false);
            });
        }
        var folder = Path.Combine(Path.GetTempPath(), "caravan-bench-" + Guid.NewGuid().ToString("N")[..12]);
        return (new StorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = folder }, () =>
        {
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        });
    }

    private sealed record Options(bool Postgres, string AdminConnectionString, int Consignments, int Concurrency)
    {
        public static Options? Parse(string[] args)
        {
            string? db = null;
            var pg = Environment.GetEnvironmentVariable("CARAVAN_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=postgres";
            var consignments = 10_000;
            var concurrency = 16;
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--db" when i + 1 < args.Length: db = args[++i]; break;
                    case "--pg" when i + 1 < args.Length: pg = args[++i]; break;
                    case "--consignments" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0: consignments = n; i++; break;
                    case "--concurrency" when i + 1 < args.Length && int.TryParse(args[i + 1], out var c) && c > 0: concurrency = c; i++; break;
                    default: return null;
                }
            }
            return db is "postgres" or "sqlite" ? new Options(db == "postgres", pg, consignments, concurrency) : null;
        }
    }
}

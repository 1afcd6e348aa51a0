using System.Diagnostics;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Infrastructure.Storage.Postgres;
using Npgsql;

namespace ChatOps.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project benchmarks/ChatOps.Benchmarks -- pgstoreprobe "Host=…;Database=…"`: the store
/// work one command makes on PostgreSQL (its delivery claim, its audit record, its channel's open incident), one
/// command after another, with the connection string as given and as the bot runs it (<see
/// cref="PostgresStoreConnection.For"/>: Npgsql's automatic preparation). Wall time is the client and the server
/// together; CPU is the bot's side only. The database is migrated and written to.
/// </summary>
public static class PostgresStoreProbe
{
    private const int Measured = 3_000;

    public static async Task RunAsync(string connectionString)
    {
        var key = new AuditChainKey("probe", "pg-store-probe-key-0123456789abcdef"u8.ToArray());
        // Both twice, alternating, so neither gets the whole JIT warm-up.
        var variants = new[]
        {
            ("as given", connectionString),
            ("as the bot runs it (prepared)", PostgresStoreConnection.For(connectionString)),
        };
        foreach (var (name, settings) in variants.Concat(variants.Reverse()))
        {
            await using var source = NpgsqlDataSource.Create(settings);
            var store = new PostgresChatOpsStore(source, new AuditChainKeys([key], "probe"));
            await store.MigrateAsync(CancellationToken.None);
            var run = Guid.NewGuid().ToString("N")[..8];
            await RunCommandsAsync(store, run + "-warm", 500);

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            await RunCommandsAsync(store, run, Measured);
            Console.WriteLine(
                $"{name}: {clock.Elapsed.TotalMicroseconds / Measured:F0} µs wall, " +
                $"{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / Measured:F0} µs CPU, " +
                $"{(GC.GetTotalAllocatedBytes(precise: true) - bytes) / Measured:N0} B per command");
        }
    }

    private static async Task RunCommandsAsync(PostgresChatOpsStore store, string run, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var now = DateTimeOffset.UtcNow;
            await store.TryClaimAsync($"probe:{run}:{i}", now, now.AddMinutes(10), CancellationToken.None);
            await store.AppendAsync(
                new AuditRecord($"r-{run}-{i}", now, "slack", "U1", "alice", "C-PROBE", "help", "help", null,
                    AuditDecision.Allowed, null, AuditOutcome.Succeeded, null, 1, $"c-{run}-{i}"), [], CancellationToken.None);
            await store.FindOpenIncidentAsync("C-PROBE", CancellationToken.None);
        }
    }
}

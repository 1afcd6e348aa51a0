using System.Diagnostics;
using ChatOps.Bot.Features.Incidents;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project benchmarks/ChatOps.Benchmarks -- storeprobe`: what one store read costs on the
/// default SQLite store, single-threaded, after a warm-up: the open-incident lookup every audited command makes
/// (through the store), a trivial query on a connection from the pool, and the lookup's statement prepared on a
/// connection of its own, the floor.
/// </summary>
public static class StoreReadProbe
{
    private const int Calls = 20_000;

    public static void Run()
    {
        var bench = new SlackEndpointBenchmarks();
        bench.Setup();
        var store = bench.Services.GetRequiredService<IIncidentStore>();
        Measure("FindOpenIncidentAsync, through the store", () =>
            store.FindOpenIncidentAsync("C-BENCH", CancellationToken.None).GetAwaiter().GetResult());
        var connectionString = bench.StoreConnectionString;
        Measure("open from the pool + SELECT 1", () =>
        {
            using var c = new SqliteConnection(connectionString);
            c.Open();
            using var q = c.CreateCommand();
            q.CommandText = "SELECT 1";
            return q.ExecuteScalar();
        });
        using var kept = new SqliteConnection(connectionString);
        kept.Open();
        using var find = kept.CreateCommand();
        find.CommandText = "SELECT id FROM incidents WHERE (incident_channel = @c OR channel_id = @c) AND resolved_at IS NULL " +
            "ORDER BY CASE WHEN incident_channel = @c THEN 0 ELSE 1 END, year DESC, seq DESC LIMIT 1";
        find.Parameters.AddWithValue("@c", "C-BENCH");
        find.Prepare();
        Measure("the lookup as one prepared command on a kept connection", () => find.ExecuteScalar());
        bench.Cleanup();
    }

    private static void Measure<T>(string name, Func<T> call)
    {
        for (var i = 0; i < 2000; i++)
        {
            call();
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            call();
        }

        var wall = clock.Elapsed.TotalMicroseconds / Calls;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / Calls;
        Console.WriteLine($"{name}: {wall:F1} µs wall, {used:F1} µs CPU, {(GC.GetTotalAllocatedBytes(precise: true) - bytes) / Calls:N0} B per call");
    }
}

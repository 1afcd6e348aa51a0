using System.Diagnostics;
using System.Globalization;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>
/// A throwaway PostgreSQL 15 cluster of its own (initdb + pg_ctl in a temp folder, on a free loopback port) that a
/// test may stop and start: the shared server from scripts/services.sh must never be stopped under other tests.
/// As root (CI) the server runs as the postgres user, which PostgreSQL requires. scripts/services.sh installs the
/// binaries and exports their folder as CHATOPS_TEST_PG_BIN.
/// </summary>
public sealed class StoppablePostgres : IAsyncDisposable
{
    private readonly string _dir;

    private StoppablePostgres(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public static string Bin => Environment.GetEnvironmentVariable("CHATOPS_TEST_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Pooling=true;Timeout=5";

    private static bool AsRoot => Environment.UserName == "root";

    public static async Task<StoppablePostgres> StartAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 binaries not found in {Bin}: run the tests through scripts/test.sh (scripts/services.sh installs postgresql-15)");
        }

        var dir = Directory.CreateTempSubdirectory("chatops-pgfault-").FullName;
        if (AsRoot)
        {
            await RunAsync("chown", "-R", "postgres:postgres", dir);
        }

        var pg = new StoppablePostgres(dir, BotProcess.FreePort());
        await pg.PgAsync("initdb", "-D", Path.Combine(dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8");
        await pg.StartServerAsync();
        return pg;
    }

    public Task StartServerAsync() => PgAsync(
        "pg_ctl", "-D", Path.Combine(_dir, "data"), "-l", Path.Combine(_dir, "log"), "-w", "-t", "60",
        "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off", "start");

    /// <summary>A fast shutdown: open connections are cut, as when the database server goes away under the bot.</summary>
    public Task StopServerAsync() => PgAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-m", "immediate", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }

        Directory.Delete(_dir, recursive: true);
    }

    private Task PgAsync(string tool, params string[] args) =>
        AsRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, tool), .. args]) : RunAsync(Path.Combine(Bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stdout}{await stderr}");
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatOps.IntegrationTests.Support;

/// <summary>Runs the bot the way the README does (<c>dotnet run --project src/ChatOps.Bot</c>), as a real process.</summary>
public static class BotProcess
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The configuration the test binaries were built in, so <c>--no-build</c> finds the bot's build.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static ProcessStartInfo StartInfo(string dataDirectory, params string[] botArgs)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "run", "--project", "src/ChatOps.Bot", "-c", Configuration, "--no-build", "--" }.Concat(botArgs))
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["ChatOps__Store__ConnectionString"] = $"Data Source={Path.Combine(dataDirectory, "chatops.db")}";
        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToEndAsync(ProcessStartInfo info, string stdin, TimeSpan timeout)
    {
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the bot did not exit within {timeout}: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The file names the bot has mapped (its assemblies among them), read from /proc: <c>dotnet run</c> starts the
    /// bot as a child, so it is the descendant whose command line names ChatOps.Bot.
    /// </summary>
    public static IReadOnlySet<string> MappedFileNames(Process runner)
    {
        var bot = Descendants(runner.Id).Single(pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains("ChatOps.Bot", StringComparison.Ordinal));
        return File.ReadLines($"/proc/{bot}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 5 && fields[5].StartsWith('/'))
            .Select(fields => Path.GetFileName(fields[5]))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<int> Descendants(int pid) =>
        Directory.EnumerateDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(child => int.Parse(child, System.Globalization.CultureInfo.InvariantCulture))
            .SelectMany(child => Descendants(child).Prepend(child));

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChatOps.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ChatOps.sln not found above the test binaries");
    }
}

using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.SimCluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Benchmarks;

/// <summary>
/// Issue 14: <c>logs --tail 100</c> and <c>describe pod</c> from chat text to answer (parse, pipeline with audit,
/// handler, KubernetesAdapter over HTTP) versus the same API calls replayed raw with HttpClient and versus spawning
/// kubectl, all against one simulated cluster whose pods have run for 11 days, so each container's log is over 50 MiB.
/// The Big* benchmarks are one <c>logs</c> of that log each: the allocations must stay near the 64 KiB cap.
/// </summary>
[MemoryDiagnoser]
public class InvestigationBenchmarks
{
    private const string Ns = "urbanos";
    private const string Name = "urbanos-service-billing";
    private static readonly TimeSpan Uptime = TimeSpan.FromDays(11);
    private KubeApiServer _server = null!;
    private ServiceProvider _services = null!;
    private CommandDispatcher _dispatcher = null!;
    private HttpClient _http = null!;
    private string _dir = null!;
    private string _kubeconfig = null!;
    private string _pod = null!;
    private string[] _logCalls = null!;
    private string[] _describeCalls = null!;

    public string Pod => _pod;

    public KubeApiServer Server => _server;

    [GlobalSetup]
    public void Setup()
    {
        // The cluster's clock starts 11 days back and is moved to now: the pods started then, their logs ran since.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow - Uptime);
        _server = KubeApiServer.StartAsync(clock: clock).GetAwaiter().GetResult();
        _server.Seed.Deployment(Ns, Name, 3, "registry/billing:1", "registry/billing:2");
        clock.Advance(Uptime);
        _dir = Directory.CreateTempSubdirectory("chatops-bench-").FullName;
        _kubeconfig = _server.WriteKubeconfig(Path.Combine(_dir, "kubeconfig"), Ns);
        _services = Build();
        _dispatcher = _services.GetRequiredService<CommandDispatcher>();
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        _logCalls = Recorded($"logs {Name} --tail 100");
        _pod = _logCalls.Select(c => c.Split('?')[0]).First(p => p.EndsWith("/log", StringComparison.Ordinal)).Split('/')[^2];
        _describeCalls = Recorded($"describe pod {_pod}");
        BotLogsTail100().GetAwaiter().GetResult();
        KubectlLogsTail100().GetAwaiter().GetResult(); // kubectl's discovery cache is warm from here on
        KubectlDescribePod().GetAwaiter().GetResult();
    }

    /// <summary>The GETs one bot command makes, in order, for the raw benchmarks to make the same.</summary>
    private string[] Recorded(string command)
    {
        _server.ClearCalls();
        Run(command).GetAwaiter().GetResult();
        var calls = _server.Calls.ToArray();
        return calls.All(c => c.Method == "GET") ? [.. calls.Select(c => c.Path + c.Query)]
            : throw new InvalidOperationException($"{command} made a call that is not a GET");
    }

    private ServiceProvider Build()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ChatOps:Roles:Bindings:0:Subject"] = "console:alice",
            ["ChatOps:Roles:Bindings:0:Role"] = "admin",
            ["ChatOps:Clusters:local:Kubeconfig"] = _kubeconfig,
            ["ChatOps:Clusters:local:DefaultNamespace"] = Ns,
        };
        return InMemoryBot.Build(settings);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark]
    public Task<OperationResult> BotLogsTail100() => Run($"logs {Name} --tail 100");

    [Benchmark]
    public Task<long> RawLogsTail100() => Replay(_logCalls);

    [Benchmark]
    public Task<int> KubectlLogsTail100() => Kubectl("logs", $"deployment/{Name}", "--tail=100", "-n", Ns);

    [Benchmark]
    public Task<OperationResult> BotDescribePod() => Run($"describe pod {_pod}");

    [Benchmark]
    public Task<long> RawDescribePod() => Replay(_describeCalls);

    [Benchmark]
    public Task<int> KubectlDescribePod() => Kubectl("describe", "pod", _pod, "-n", Ns);

    /// <summary>Default caps (100 lines, 64 KiB) on the 50 MiB log.</summary>
    [Benchmark]
    public Task<OperationResult> BigLogDefaults() => Run($"logs {_pod}");

    /// <summary>--since 10m: the server sends 600 lines, the reader keeps the last 100.</summary>
    [Benchmark]
    public Task<OperationResult> BigLogSince10m() => Run($"logs {_pod} --since 10m");

    /// <summary>The server ignores limitBytes and sends the whole log: only the reader's own cap stops it.</summary>
    [Benchmark]
    public async Task<OperationResult> BigLogServerIgnoresLimit()
    {
        _server.IgnoreLogLimitBytes = true;
        try
        {
            return await Run($"logs {_pod} --tail 1000");
        }
        finally
        {
            _server.IgnoreLogLimitBytes = false;
        }
    }

    /// <summary>
    /// What holding the log would cost: the whole log read into one string, as an unbounded client would. Not a
    /// [Benchmark]: some 700 MB a call on a shared machine; the logprobe runs it a few times, last.
    /// </summary>
    public async Task<int> BigLogWholeRaw() => (await _http.GetStringAsync($"/api/v1/namespaces/{Ns}/pods/{_pod}/log")).Length;

    public async Task<OperationResult> Run(string text)
    {
        var context = new ChatContext("console", "alice", "alice", "C1", null, RequestIds.New(), DateTimeOffset.UtcNow);
        var result = await _dispatcher.DispatchAsync(text, context, CancellationToken.None);
        return result.IsSuccess ? result : throw new InvalidOperationException(result.Text);
    }

    private async Task<long> Replay(string[] calls)
    {
        var bytes = 0L;
        foreach (var call in calls)
        {
            var body = await _http.GetByteArrayAsync(call);
            bytes += body.Length;
        }

        return bytes;
    }

    private async Task<int> Kubectl(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["KUBECONFIG"] = _kubeconfig;
        start.Environment["HOME"] = _dir;
        using var p = Process.Start(start)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return p.ExitCode == 0 ? output.Length : throw new InvalidOperationException(await p.StandardError.ReadToEndAsync());
    }
}

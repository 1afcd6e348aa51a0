using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Infrastructure.Kubernetes;
using ChatOps.SimCluster;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Benchmarks;

/// <summary>
/// `scale` from chat text to completed API calls (parse, pipeline with audit, KubernetesClient: get deployment,
/// list HPAs, patch deployments/scale) versus one raw HTTP PATCH of the scale subresource and versus spawning
/// `kubectl scale`, all against the same loopback test API server.
/// </summary>
[MemoryDiagnoser]
public class KubernetesBenchmarks
{
    private const string Ns = "urbanos";
    private const string Name = "urbanos-service-billing";
    private KubeApiServer _server = null!;
    private ServiceProvider _services = null!;
    private CommandDispatcher _dispatcher = null!;
    private ServiceProvider _policed = null!;
    private ServiceProvider _cachedServices = null!;
    private CommandDispatcher _cachedDispatcher = null!;
    private CommandDispatcher _policedDispatcher = null!;
    private HttpClient _http = null!;
    private string _dir = null!;
    private string _kubeconfig = null!;
    private int _n;

    [GlobalSetup]
    public void Setup()
    {
        _server = KubeApiServer.StartAsync().GetAwaiter().GetResult();
        _server.Seed.Deployment(Ns, Name, 3, "registry/billing:1", "registry/billing:2");
        _dir = Directory.CreateTempSubdirectory("chatops-bench-").FullName;
        _kubeconfig = _server.WriteKubeconfig(Path.Combine(_dir, "kubeconfig"), Ns);
        _services = Build(replicaLimit: false);
        _policed = Build(replicaLimit: true);
        _cachedServices = Build(replicaLimit: false, watchCache: true);
        _cachedDispatcher = _cachedServices.GetRequiredService<CommandDispatcher>();
        StartCache(_cachedServices);
        _dispatcher = _services.GetRequiredService<CommandDispatcher>();
        _policedDispatcher = _policed.GetRequiredService<CommandDispatcher>();
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        BotScale().GetAwaiter().GetResult(); // warm the client and discovery-free path
        BotScaleWithReplicaLimit().GetAwaiter().GetResult();
        BotScaleCached().GetAwaiter().GetResult();
    }

    /// <summary>Starts the watch cache as the host would and waits until it has listed and watches all four kinds.</summary>
    private static void StartCache(ServiceProvider services)
    {
        var cache = services.GetRequiredService<KubeCache>();
        cache.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        for (var i = 0; i < 600 && cache.Peek(new("local", Ns))?.IsFresh != true; i++)
        {
            Thread.Sleep(50);
        }
    }

    /// <summary>The bot on the test server; with a replica limit the policy step reads the deployment's count first (issue 16).</summary>
    private ServiceProvider Build(bool replicaLimit, bool watchCache = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ChatOps:Roles:Bindings:0:Subject"] = "console:alice",
            ["ChatOps:Roles:Bindings:0:Role"] = "admin",
            ["ChatOps:Clusters:local:Kubeconfig"] = _kubeconfig,
            ["ChatOps:Clusters:local:DefaultNamespace"] = Ns,
        };
        if (watchCache)
        {
            settings["ChatOps:Clusters:local:WatchCache"] = "true";
        }

        if (replicaLimit)
        {
            settings["ChatOps:Policies:Limits:MaxReplicaChange"] = "10";
        }

        return InMemoryBot.Build(settings);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _policed.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _cachedServices.GetRequiredService<KubeCache>().StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _cachedServices.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    private int Next() => 2 + (_n++ % 3);

    [Benchmark(Baseline = true)]
    public async Task<HttpResponseMessage> RawHttpPatch()
    {
        using var content = new StringContent($"{{\"spec\":{{\"replicas\":{Next()}}}}}", Encoding.UTF8, "application/merge-patch+json");
        var response = await _http.PatchAsync($"/apis/apps/v1/namespaces/{Ns}/deployments/{Name}/scale", content);
        response.EnsureSuccessStatusCode();
        return response;
    }

    [Benchmark]
    public async Task<OperationResult> BotScale()
    {
        var context = new ChatContext("console", "alice", "alice", "C1", null, RequestIds.New(), DateTimeOffset.UtcNow);
        var result = await _dispatcher.DispatchAsync($"scale {Name} {Next()}", context, CancellationToken.None);
        return result.IsSuccess ? result : throw new InvalidOperationException(result.Text);
    }

    [Benchmark]
    public async Task<OperationResult> BotScaleWithReplicaLimit()
    {
        var context = new ChatContext("console", "alice", "alice", "C1", null, RequestIds.New(), DateTimeOffset.UtcNow);
        var result = await _policedDispatcher.DispatchAsync($"scale {Name} {Next()}", context, CancellationToken.None);
        return result.IsSuccess ? result : throw new InvalidOperationException(result.Text);
    }

    /// <summary>scale with the watch cache: the before value and the HPA from memory, then the conditional PATCH.</summary>
    [Benchmark]
    public Task<OperationResult> BotScaleCached() => Run(_cachedDispatcher, $"scale {Name} {Next()}");

    [Benchmark]
    public Task<OperationResult> BotStatusLive() => Run(_dispatcher, $"status {Name}");

    [Benchmark]
    public Task<OperationResult> BotStatusCached() => Run(_cachedDispatcher, $"status {Name}");

    private static async Task<OperationResult> Run(CommandDispatcher dispatcher, string text)
    {
        var context = new ChatContext("console", "alice", "alice", "C1", null, RequestIds.New(), DateTimeOffset.UtcNow);
        var result = await dispatcher.DispatchAsync(text, context, CancellationToken.None);
        return result.IsSuccess ? result : throw new InvalidOperationException(result.Text);
    }

    [Benchmark]
    public async Task<int> KubectlScale()
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "scale", "deployment", Name, $"--replicas={Next()}", "-n", Ns })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["KUBECONFIG"] = _kubeconfig;
        start.Environment["HOME"] = _dir;
        using var p = Process.Start(start)!;
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return p.ExitCode == 0 ? 0 : throw new InvalidOperationException(await p.StandardError.ReadToEndAsync());
    }
}

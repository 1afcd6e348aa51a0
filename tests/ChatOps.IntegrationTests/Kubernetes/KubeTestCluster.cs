using System.Diagnostics;
using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Bot.Infrastructure.Kubernetes;
using ChatOps.SimCluster;
using ChatOps.Tests.Fakes;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// One test API server seeded with the runbooks' urbanos tenant, a kubeconfig for it, the bot's KubernetesClient
/// adapter configured as cluster "local", and a way to run the real kubectl against the same server.
/// </summary>
public sealed class KubeTestCluster : IAsyncDisposable
{
    public const string Ns = "urbanos";
    public const string Billing = "urbanos-service-billing";
    public static readonly string[] Images = ["registry.urbanos.com/urbanos/service-billing:3.1.7", "registry.urbanos.com/urbanos/service-billing:3.1.8", "registry.urbanos.com/urbanos/service-billing:3.1.9"];

    private readonly string _dir;

    private KubeTestCluster(KubeApiServer server, string dir, TimeSpan timeout)
    {
        Server = server;
        _dir = dir;
        Kubeconfig = server.WriteKubeconfig(Path.Combine(dir, "kubeconfig"), Ns);
        Options = new TargetOptions { Clusters = { ["local"] = new ClusterOptions { Kubeconfig = Kubeconfig, RequestTimeout = timeout } } };
        Clients = new KubernetesClients(FixedOptions.Of(Options));
        Bot = new KubernetesAdapter(Clients);
    }

    public KubeApiServer Server { get; }

    public string Kubeconfig { get; }

    public TargetOptions Options { get; }

    public KubernetesClients Clients { get; }

    public IKubernetesOperations Bot { get; }

    public KubeTarget Target { get; } = new("local", Ns);

    /// <summary>With a <paramref name="clock"/> and <paramref name="timing"/>, rollouts progress only as the test advances time.</summary>
    public static async Task<KubeTestCluster> StartAsync(TimeSpan? timeout = null, TimeProvider? clock = null, SimTiming? timing = null)
    {
        var server = await KubeApiServer.StartAsync(clock: clock, timing: timing);
        server.Seed.Deployment(Ns, Billing, 3, Images);
        server.Seed.Hpa(Ns, Billing, Billing, min: 2, max: 10, targetCpu: 70, currentCpu: 41, current: 3);
        var dir = Directory.CreateTempSubdirectory("chatops-kube-").FullName;
        return new KubeTestCluster(server, dir, timeout ?? TimeSpan.FromSeconds(10));
    }

    public string Deployment(string name = Billing) => Json.Write(Server.Store.Get(new ObjectKey("deployments", Ns, name)));

    public System.Text.Json.Nodes.JsonObject DeploymentObject(string name = Billing) => Server.Store.Get(new ObjectKey("deployments", Ns, name))!;

    /// <summary>Runs the real kubectl (from PATH) against this server; a missing kubectl fails the test.</summary>
    public async Task<(int Exit, string Output)> KubectlAsync(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["KUBECONFIG"] = Kubeconfig;
        start.Environment["HOME"] = _dir; // discovery cache under the test's folder
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>A kubectl left running (e.g. a watch) against this server.</summary>
    public KubectlStream KubectlStream(params string[] args) => new(Kubeconfig, _dir, args);

    /// <summary>
    /// Plain HTTP to the server as a client other than the bot (the user agent keeps these calls out of the bot's
    /// least-privilege check, as kubectl's are), for what kubectl cannot show: the wire format itself.
    /// </summary>
    public HttpClient DirectHttp()
    {
        var http = new HttpClient { BaseAddress = Server.BaseAddress };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("kubectl/direct-http-test");
        return http;
    }

    /// <summary>Waits until kubectl (or anyone) has opened a watch on <paramref name="resource"/>.</summary>
    public async Task WatchOpenedAsync(string resource)
    {
        for (var i = 0; i < 600 && !Server.Calls.Any(c => c.Verb == "watch" && c.Resource == resource); i++)
        {
            await Task.Delay(50);
        }

        Server.Calls.ShouldContain(c => c.Verb == "watch" && c.Resource == resource);
    }

    /// <summary>
    /// Every test that talks to this server also proves least privilege: whatever the bot called during the test
    /// must be allowed by manifests/rbac.yaml, or the test fails here.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var disallowed = RbacManifest.Disallowed(Server.Calls);
        Clients.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
        if (disallowed.Count > 0)
        {
            throw new InvalidOperationException($"the bot made calls manifests/rbac.yaml does not allow: {string.Join("; ", disallowed)}");
        }
    }
}

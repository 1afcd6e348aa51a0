using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.SimCluster;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel) speaking the subset of the Kubernetes API the bot and kubectl use.
/// Every request is recorded in <see cref="Calls"/>; <see cref="Interceptor"/> lets a test answer a request with
/// a failure (403, slowness, a concurrent write) before it is handled.
/// </summary>
public sealed class KubeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ITimer> _timers = [];
    private long _logBytesSent;

    private KubeApiServer(WebApplication app, ObjectStore store, SimTiming timing)
    {
        _app = app;
        Store = store;
        Controller = new DeploymentController(store, timing);
        Autoscaler = new HpaController(store, Controller);
        Seed = new Seeder(store, Controller);
        Proxy = new ServiceProxy(store);
        var status = new StatusView();
        var router = new Router(store, Controller, status);
        var watcher = new Watcher(store, (kind, obj) => status.Decorate(kind.Resource, obj));
        app.Run(context => Serve(context, router, watcher));

        // The controllers' resyncs run on the server's clock, so a test's FakeTimeProvider.Advance drives them.
        if (timing.Resync > TimeSpan.Zero)
        {
            _timers.Add(store.Clock.CreateTimer(_ => Controller.SyncAll(), null, timing.Resync, timing.Resync));
        }

        if (timing.HpaSync is { } hpaPeriod && hpaPeriod > TimeSpan.Zero)
        {
            _timers.Add(store.Clock.CreateTimer(_ => Autoscaler.SyncAll(), null, hpaPeriod, hpaPeriod));
        }
    }

    public ObjectStore Store { get; }

    public DeploymentController Controller { get; }

    public HpaController Autoscaler { get; }

    public Seeder Seed { get; }

    /// <summary>The service proxy subresource; a test registers the loopback server behind each service port.</summary>
    public ServiceProxy Proxy { get; }

    public ConcurrentQueue<ApiCall> Calls { get; } = new();

    /// <summary>Runs before each request is handled; a returned exception becomes the answer.</summary>
    public Func<ApiCall, CancellationToken, Task<ApiException?>>? Interceptor { get; set; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Serve pods/log as if a proxy in front had dropped limitBytes: the whole log, for the client's own cap to stop.</summary>
    public bool IgnoreLogLimitBytes { get; set; }

    /// <summary>Bytes of pods/log (not follow) the clients have taken so far: what a hang-up left unsent shows here.</summary>
    public long LogBytesSent => Interlocked.Read(ref _logBytesSent);

    /// <summary>Starts the server; without <paramref name="timing"/> every rollout completes within the write (<see cref="SimTiming.Immediate"/>).</summary>
    public static async Task<KubeApiServer> StartAsync(int port = 0, TimeProvider? clock = null, SimTiming? timing = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var store = new ObjectStore(clock ?? TimeProvider.System);
        foreach (var ns in Namespaces.Initial)
        {
            Namespaces.Ensure(store, ns);
        }

        var server = new KubeApiServer(app, store, timing ?? SimTiming.Immediate);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>A kubeconfig that kubectl and KubernetesClient both read; the context is named "test".</summary>
    public string WriteKubeconfig(string path, string defaultNamespace = "default")
    {
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}
            users:
            - name: test
              user:
                token: chatops-test-token
            contexts:
            - name: test
              context:
                cluster: test
                user: test
                namespace: {defaultNamespace}
            current-context: test

            """;
        File.WriteAllText(path, text);
        return path;
    }

    public void ClearCalls() => Calls.Clear();

    /// <summary>Completes on Ctrl+C or SIGTERM (the host's console lifetime handles both).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    private async Task Serve(HttpContext context, Router router, Watcher watcher)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var call = Router.Describe(context.Request, body);
        Calls.Enqueue(call);
        JsonObject answer;
        var code = HttpStatusCode.OK;
        try
        {
            if (Interceptor is { } intercept && await intercept(call, context.RequestAborted) is { } refusal)
            {
                throw refusal;
            }

            if (call is { Verb: "get", Resource: "pods", Subresource: "log" })
            {
                if (context.Request.Query["follow"].ToString() is "true" or "1")
                {
                    await PodLogs.FollowAsync(Store, call, context.Request.Query, context.Response, context.RequestAborted);
                    return;
                }

                // a log is text, not an object
                await PodLogs.WriteAsync(Store, call, context.Request.Query, context.Response, IgnoreLogLimitBytes,
                    n => Interlocked.Add(ref _logBytesSent, n), context.RequestAborted);
                return;
            }

            if (ServiceProxy.Handles(call))
            {
                await Proxy.ServeAsync(context, call);
                return;
            }

            if (call.Verb == "watch")
            {
                await watcher.StreamAsync(context, Router.Resolve(call), call);
                return;
            }

            answer = router.Handle(context.Request, call);
        }
        catch (ApiException ex)
        {
            code = ex.Code;
            answer = StatusBody(ex, call);
        }
        catch (System.Text.Json.JsonException ex)
        {
            code = HttpStatusCode.BadRequest;
            answer = StatusBody(new BadRequestException($"the request body is not valid JSON: {ex.Message}"), call);
        }

        context.Response.StatusCode = (int)code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Json.Write(answer), context.RequestAborted);
    }

    internal static JsonObject StatusBody(ApiException ex, ApiCall call) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = ex.Message,
        ["reason"] = ex.Reason,
        ["details"] = ex is InvalidException invalid ? invalid.Details() : new JsonObject { ["name"] = call.Name, ["group"] = call.Group, ["kind"] = call.Resource },
        ["code"] = (int)ex.Code,
    };

    /// <summary>The answer the real API server gives when RBAC refuses a request.</summary>
    public static ApiException Forbidden(ApiCall call, string user = "system:serviceaccount:chatops:chatops-bot") =>
        new(HttpStatusCode.Forbidden, "Forbidden",
            $"{Kinds.Qualified(call.Resource)} \"{call.Name}\" is forbidden: User \"{user}\" cannot {call.Verb} resource \"{call.RbacResource}\" in API group \"{call.Group}\" in the namespace \"{call.Namespace}\"");

    public async ValueTask DisposeAsync()
    {
        foreach (var timer in _timers)
        {
            await timer.DisposeAsync();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        Proxy.Dispose();
    }
}

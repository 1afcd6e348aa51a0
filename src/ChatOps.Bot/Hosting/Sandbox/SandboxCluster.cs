using System.Net.Http.Headers;
using System.Security.Cryptography;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.SimCluster;

namespace ChatOps.Bot.Hosting.Sandbox;

/// <summary>
/// <c>console --sandbox</c>: the simulated cluster, served by the first terminal and joined by the next. The first
/// process starts it in-process, seeds it, puts a token-checking gate in front and writes the record; a later one
/// finds a live record (its process runs and its port accepts its token) and becomes a client. A stale record
/// (process gone, port silent, token refused) is replaced. Only the console's flag gets here: the HTTP host has no
/// path to this class, whatever its configuration says.
/// </summary>
public sealed class SandboxCluster : IAsyncDisposable
{
    public const string Name = "sandbox";
    public const string DefaultNamespace = "urbanos";
    public const string KubeconfigFileName = "sandbox.kubeconfig";

    private readonly KubeApiServer? _server;
    private readonly SandboxGate? _gate;
    private readonly string _folder;

    private SandboxCluster(string folder, SandboxRecord record, KubeApiServer? server, SandboxGate? gate)
    {
        _folder = folder;
        Record = record;
        _server = server;
        _gate = gate;
    }

    public SandboxRecord Record { get; }

    /// <summary>True in the process that serves the cluster; false in one that joined it.</summary>
    public bool Serving => _server is not null;

    public string Kubeconfig => Path.Combine(_folder, $"{KubeconfigFileName}.{Record.Pid}");

    public static async Task<SandboxCluster> StartOrAttachAsync(string folder, CancellationToken cancellationToken)
    {
        if (SandboxRecord.Read(folder) is { } existing && existing.OwnerRuns() && await AnswersAsync(existing, cancellationToken))
        {
            return new SandboxCluster(folder, existing, null, null);
        }

        // Realistic delays, so a newcomer sees a rollout progress pod by pod and a bad image stall it.
        var server = await KubeApiServer.StartAsync(timing: SimTiming.Realistic);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var gate = await SandboxGate.StartAsync(server.BaseAddress, token);
        SandboxSeed.Plant(server.Seed);
        var record = new SandboxRecord(gate.Port, Environment.ProcessId, token);
        var cluster = new SandboxCluster(folder, record, server, gate);

        // The kubeconfig first, then the record: a joiner that finds the record finds its kubeconfig too.
        OwnerOnlyFile.Write(cluster.Kubeconfig, KubeconfigText(record), overwrite: true);
        record.Write(folder);
        return cluster;
    }

    /// <summary>The configuration that registers the sandbox as the default, production cluster.</summary>
    public IReadOnlyDictionary<string, string?> Configuration() => new Dictionary<string, string?>
    {
        [$"ChatOps:Clusters:{Name}:Kubeconfig"] = Kubeconfig,
        [$"ChatOps:Clusters:{Name}:Context"] = Name,
        [$"ChatOps:Clusters:{Name}:Production"] = "true",
        [$"ChatOps:Clusters:{Name}:Default"] = "true",
        [$"ChatOps:Clusters:{Name}:DefaultNamespace"] = DefaultNamespace,
    };

    private static async Task<bool> AnswersAsync(SandboxRecord record, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{record.Port}/version");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", record.Token);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static string KubeconfigText(SandboxRecord record) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {Name}
          cluster:
            server: http://127.0.0.1:{record.Port}
        users:
        - name: {Name}
          user:
            token: {record.Token}
        contexts:
        - name: {Name}
          context:
            cluster: {Name}
            user: {Name}
            namespace: {DefaultNamespace}
        current-context: {Name}

        """;

    public async ValueTask DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        // The record goes only if it is still ours: a later sandbox may have replaced it after this one went silent.
        if (SandboxRecord.Read(_folder) is { } current && current.Pid == Record.Pid && current.Token == Record.Token)
        {
            File.Delete(Path.Combine(_folder, SandboxRecord.FileName));
        }

        File.Delete(Kubeconfig);
        await _gate!.DisposeAsync();
        await _server.DisposeAsync();
    }
}

using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// The bot's core as the host wires it (SQLite store, the real Kubernetes adapter) with the test cluster registered
/// as production cluster "local": alice is admin, dave an operator there, so dangerous commands need a second person.
/// With a <paramref name="clock"/> the bot waits on the same simulated time as the cluster.
/// </summary>
public sealed class KubeBot : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempDirectory _directory = new();
    private readonly TimeProvider _clock;

    private KubeBot(KubeTestCluster cluster, TimeProvider? clock)
    {
        _clock = clock ?? TimeProvider.System;
        var settings = new Dictionary<string, string?>
        {
            ["ChatOps:Store:Provider"] = "Sqlite",
            ["ChatOps:Store:ConnectionString"] = $"Data Source={Path.Combine(_directory.Path, "chatops.db")}",
            ["ChatOps:Roles:Bindings:0:Subject"] = "console:alice",
            ["ChatOps:Roles:Bindings:0:Role"] = "admin",
            ["ChatOps:Roles:Bindings:1:Subject"] = "console:dave",
            ["ChatOps:Roles:Bindings:1:Role"] = "operator",
            ["ChatOps:Roles:Bindings:1:Scope"] = "local",
            ["ChatOps:Clusters:local:Kubeconfig"] = cluster.Kubeconfig,
            ["ChatOps:Clusters:local:Production"] = "true",
            ["ChatOps:Clusters:local:Default"] = "true",
            ["ChatOps:Clusters:local:DefaultNamespace"] = KubeTestCluster.Ns,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(_clock);
        _services = services.AddChatOpsCore(configuration).BuildServiceProvider();
    }

    public static async Task<KubeBot> StartAsync(KubeTestCluster cluster, TimeProvider? clock = null)
    {
        var bot = new KubeBot(cluster, clock);
        await bot._services.GetRequiredService<IChatOpsStore>().MigrateAsync(CancellationToken.None);
        return bot;
    }

    public Task<int> PendingApprovalsAsync() =>
        _services.GetRequiredService<IChatOpsStore>().CountPendingAsync(_clock.GetUtcNow(), CancellationToken.None);

    /// <summary>Runs one command; <paramref name="progress"/> receives each edit of the chat message.</summary>
    public Task<OperationResult> RunAsync(string user, string text, Action<string>? progress = null) =>
        _services.GetRequiredService<CommandDispatcher>().DispatchAsync(
            text, new ChatContext("console", user, user, "C-OPS", null, RequestIds.New(), _clock.GetUtcNow()), CancellationToken.None,
            progress is null ? null : (r, _) =>
            {
                progress(r.Text);
                return ValueTask.CompletedTask;
            });

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

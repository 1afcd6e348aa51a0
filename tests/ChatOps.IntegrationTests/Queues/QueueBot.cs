using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Queues;

/// <summary>The bot's core as the host wires it (SQLite audit store, the real RabbitMQ adapter) with broker targets.</summary>
public sealed class QueueBot : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempDirectory _directory = new();

    /// <param name="brokers">name → ChatOps:Brokers:&lt;name&gt; settings (Kind defaults to RabbitMq)</param>
    public QueueBot(IReadOnlyDictionary<string, Dictionary<string, string>> brokers)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ChatOps:Store:Provider"] = "Sqlite",
            ["ChatOps:Store:ConnectionString"] = $"Data Source={Path.Combine(_directory.Path, "chatops.db")}",
            ["ChatOps:Roles:Bindings:0:Subject"] = "console:alice",
            ["ChatOps:Roles:Bindings:0:Role"] = "admin",
            ["ChatOps:Roles:Bindings:1:Subject"] = "console:bob",
            ["ChatOps:Roles:Bindings:1:Role"] = "admin",
        };
        foreach (var (name, values) in brokers)
        {
            settings[$"ChatOps:Brokers:{name}:Kind"] = "RabbitMq";
            foreach (var (key, value) in values)
            {
                settings[$"ChatOps:Brokers:{name}:{key}"] = value;
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection().AddLogging().AddChatOpsCore(configuration).BuildServiceProvider();
    }

    public async Task StartAsync() => await _services.GetRequiredService<IChatOpsStore>().MigrateAsync(CancellationToken.None);

    /// <summary>Approval requests still waiting for a decision.</summary>
    public Task<int> PendingApprovalsAsync() =>
        _services.GetRequiredService<IChatOpsStore>().CountPendingAsync(DateTimeOffset.UtcNow, CancellationToken.None);

    public Task<OperationResult> RunAsync(string user, string text) =>
        _services.GetRequiredService<CommandDispatcher>().DispatchAsync(
            text, new ChatContext("console", user, user, "C-OPS", null, RequestIds.New(), DateTimeOffset.UtcNow), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

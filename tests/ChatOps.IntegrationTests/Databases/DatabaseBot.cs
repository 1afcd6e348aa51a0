using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Databases;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Databases;

/// <summary>The bot's core as the host wires it (SQLite audit store, the real Npgsql adapter) with database targets.</summary>
public sealed class DatabaseBot : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempDirectory _directory = new();

    /// <param name="targets">name → (connection string, production, protected users)</param>
    public DatabaseBot(IReadOnlyDictionary<string, (string ConnectionString, bool Production, string[] Protected)> targets)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ChatOps:Store:Provider"] = "Sqlite",
            ["ChatOps:Store:ConnectionString"] = $"Data Source={Path.Combine(_directory.Path, "chatops.db")}",
            ["ChatOps:Roles:Bindings:0:Subject"] = "console:alice",
            ["ChatOps:Roles:Bindings:0:Role"] = "admin",
            ["ChatOps:Roles:Bindings:1:Subject"] = "console:bob",
            ["ChatOps:Roles:Bindings:1:Role"] = "admin",
            ["ChatOps:Roles:Bindings:2:Subject"] = "console:oscar",
            ["ChatOps:Roles:Bindings:2:Role"] = "operator",
        };
        foreach (var (name, target) in targets)
        {
            settings[$"ChatOps:Databases:{name}:ConnectionString"] = target.ConnectionString;
            settings[$"ChatOps:Databases:{name}:Production"] = target.Production ? "true" : "false";
            for (var i = 0; i < target.Protected.Length; i++)
            {
                settings[$"ChatOps:Databases:{name}:ProtectedUsers:{i}"] = target.Protected[i];
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection().AddLogging().AddChatOpsCore(configuration).BuildServiceProvider();
    }

    public IDatabaseOperations Operations => _services.GetRequiredService<IDatabaseOperations>();

    public async Task StartAsync() => await _services.GetRequiredService<IChatOpsStore>().MigrateAsync(CancellationToken.None);

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

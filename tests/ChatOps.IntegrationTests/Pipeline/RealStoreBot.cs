using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Pipeline;

/// <summary>The bot's core exactly as the host wires it, on a real store chosen by configuration.</summary>
public sealed class RealStoreBot(ServiceProvider services) : IAsyncDisposable
{
    public IChatOpsStore Store => services.GetRequiredService<IChatOpsStore>();

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    public static async Task<RealStoreBot> StartAsync(string provider, string connectionString, bool migrate = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatOps:Store:Provider"] = provider,
            ["ChatOps:Store:ConnectionString"] = connectionString,
            ["ChatOps:Roles:Bindings:0:Subject"] = "console:alice",
            ["ChatOps:Roles:Bindings:0:Role"] = "admin",
            ["ChatOps:Roles:Bindings:1:Subject"] = "console:carol",
            ["ChatOps:Roles:Bindings:1:Role"] = "viewer",
            ["ChatOps:Policies:Elevation:Requesters:0"] = "console:carol",
            ["ChatOps:Policies:Elevation:SelfGrant"] = "true",

            // The PostgreSQL store needs a configured chain key (replicas must share it); SQLite would use a key file.
            ["ChatOps:Audit:ChainKeys:0:Id"] = "test",
            ["ChatOps:Audit:ChainKeys:0:Secret"] = "integration-chain-key-0123456789abcdef",
            ["ChatOps:Audit:ActiveKeyId"] = "test",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddChatOpsCore(configuration).BuildServiceProvider();
        var bot = new RealStoreBot(services);
        if (migrate)
        {
            await bot.Store.MigrateAsync(CancellationToken.None);
        }

        return bot;
    }

    public Task<OperationResult> RunAsync(string user, string text) =>
        services.GetRequiredService<CommandDispatcher>().DispatchAsync(
            text, new ChatContext("console", user, user, "C-OPS", null, RequestIds.New(), DateTimeOffset.UtcNow), CancellationToken.None);

    public ValueTask DisposeAsync() => services.DisposeAsync();
}

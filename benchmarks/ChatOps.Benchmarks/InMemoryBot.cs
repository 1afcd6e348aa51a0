using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Benchmarks;

/// <summary>The bot's core services on <paramref name="settings"/> with the in-memory store, for benchmarks that dispatch commands.</summary>
public static class InMemoryBot
{
    public static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddChatOpsCore(configuration);
        services.AddSingleton<IChatOpsStore>(new InMemoryChatOpsStore { RetainLast = 1000 });
        return services.BuildServiceProvider();
    }
}

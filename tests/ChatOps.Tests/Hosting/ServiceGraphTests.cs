using ChatOps.Bot.Core;
using ChatOps.Bot.Parsing;
using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Hosting;

public sealed class ServiceGraphTests
{
    /// <summary>
    /// A cycle through a factory registration is not caught when the container is built: at the first resolution the
    /// container recurses until its stack guard moves to another thread, which then waits on the lock the first one
    /// holds, and the host hangs at start instead of failing. Seen when the group directories read the policy options,
    /// whose validators need the command registry, whose grammars need the group directory.
    /// </summary>
    [Fact]
    public async Task TheWebHostsServices_Resolve_WithoutACycle()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddChatOpsCore(new ConfigurationBuilder().Build())
            .AddChatOpsSlack()
            .AddChatOpsTeams();
        await using var provider = services.BuildServiceProvider();

        var resolve = Task.Run(() =>
        {
            provider.GetRequiredService<CommandRegistry>();
            provider.GetRequiredService<IGroupDirectory>();
            provider.GetRequiredService<ICommandDispatcher>();
        });

        await resolve.WaitAsync(TimeSpan.FromSeconds(60));
    }
}

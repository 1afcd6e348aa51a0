using ChatOps.Bot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOps.Tests.Hosting;

public sealed class HostedServiceOrderTests
{
    [Fact]
    public void TheStoreMigration_StartsBeforeEveryOtherHostedService()
    {
        // Hosted services start in registration order; a worker started before the migration polls tables that a
        // fresh store does not have yet (seen: "no such column: platform" from the incident timers at first start).
        var services = new ServiceCollection().AddLogging().AddChatOpsCore(new ConfigurationBuilder().Build());

        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();

        hosted.Count.ShouldBeGreaterThan(1);
        hosted[0].ImplementationType.ShouldBe(typeof(StoreMigration));
    }
}

using ChatOps.Bot.Dispatch;
using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.IntegrationTests.Slack;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>
/// SIGTERM while two mutating commands wait on the Kubernetes API: new commands are refused (connection refused, or
/// the dispatcher's shutting-down answer), the two finish and
/// answer, and the process exits 0. The drain is bounded by the host's shutdown timeout (30 s).
/// </summary>
public sealed class BotTerminatedTests
{
    private const string Orders = "urbanos-service-orders";

    [Fact]
    public async Task Sigterm_InFlightCommandsFinish_NewOnesAreRefused_ExitCodeZero()
    {
        using var data = new TempDirectory();
        await using var cluster = await KubeTestCluster.StartAsync();
        cluster.Server.Seed.Deployment(KubeTestCluster.Ns, Orders, 2, KubeTestCluster.Images);
        await using var slack = await FakeSlackApi.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = 0;
        cluster.Server.Interceptor = async (call, ct) =>
        {
            if (call.Verb == "patch")
            {
                Interlocked.Increment(ref held);
                await release.Task.WaitAsync(ct);
            }

            return null;
        };
        await using var bot = await BotUnderTest.StartAsync(data.Path, slack, cluster);

        var (ackBilling, billingId) = await bot.SendAsync($"scale {KubeTestCluster.Billing} 4");
        var (ackOrders, ordersId) = await bot.SendAsync($"scale {Orders} 5");
        ackBilling.ShouldStartWith("Working on");
        ackOrders.ShouldStartWith("Working on");
        await WaitUntilAsync(() => Volatile.Read(ref held) == 2);

        bot.Terminate();
        while (await RefusedAsync(bot, "help") is false)
        {
            await Task.Delay(20);
        }

        (await RefusedAsync(bot, $"scale {KubeTestCluster.Billing} 9")).ShouldBeTrue();

        release.SetResult();
        (await bot.FinalAsync(ackBilling, billingId)).ShouldContain("→ 4 replicas");
        (await bot.FinalAsync(ackOrders, ordersId)).ShouldContain("→ 5 replicas");
        (await bot.WaitForExitAsync()).ShouldBe(0);
        FaultBot.Replicas(cluster).ShouldBe(4);
        cluster.Server.Calls.Count(c => c.Verb == "patch").ShouldBe(2, "the refused scale never reached Kubernetes");
    }

    /// <summary>
    /// Once shutdown begins, Kestrel stops accepting connections and the dispatcher refuses what still comes in
    /// (e.g. over Socket Mode); either way nothing runs. False while the command is still answered normally.
    /// </summary>
    private static async Task<bool> RefusedAsync(BotUnderTest bot, string text)
    {
        try
        {
            return await bot.AnswerAsync(text) == CommandDispatcher.ShuttingDown;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("condition not reached in 60 s");
            }

            await Task.Delay(50);
        }
    }
}

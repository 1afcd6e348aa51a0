using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Queues;
using ChatOps.Tests.Features.Queues;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Policies;

/// <summary>
/// A feature's facts are read only for the limits that judge them: a limit on bulk kills costs a scale no read of its
/// deployment, and a replica limit costs a purge no read of its queue, so a failing read can never hold up a command
/// that no configured limit judges. Each case is compared with the same command run with no limits at all.
/// </summary>
public sealed class PolicyFactReadsTests
{
    private const string Limits = "ChatOps:Policies:Limits";

    [Fact]
    public async Task AKillSessionLimit_CostsAScale_NoReadOfItsDeployment()
    {
        await using var unlimited = TestBot.Create();
        (await unlimited.RunAsync("alice", "scale web 5 --cluster staging")).Outcome.ShouldBe(Outcome.Succeeded);
        await using var bot = TestBot.Create(s => s[$"{Limits}:MaxKillSessions"] = "2");

        (await bot.RunAsync("alice", "scale web 5 --cluster staging")).Outcome.ShouldBe(Outcome.Succeeded);

        bot.Kube.Calls.ShouldBe(unlimited.Kube.Calls);
    }

    [Fact]
    public async Task AReplicaLimit_ReadsTheDeployment_OnceMoreThanNoLimit()
    {
        await using var unlimited = TestBot.Create();
        await unlimited.RunAsync("alice", "scale web 5 --cluster staging");
        await using var bot = TestBot.Create(s => s[$"{Limits}:MaxReplicaChange"] = "10");

        (await bot.RunAsync("alice", "scale web 5 --cluster staging")).Outcome.ShouldBe(Outcome.Succeeded);

        bot.Kube.Calls.Count.ShouldBe(unlimited.Kube.Calls.Count + 1, "the replica change is read for the limit");
    }

    [Fact]
    public async Task AReplicaLimit_CostsAPurge_NoReadOfItsQueue()
    {
        await using var unlimited = QueueBots.Create();
        unlimited.Queues.Add("rabbit", new QueueStats("orders", 42, 40, 2, 1));
        (await unlimited.RunAsync("alice", "queue purge orders")).Outcome.ShouldBe(Outcome.Succeeded);
        await using var bot = QueueBots.Create(configure: s => s[$"{Limits}:MinProductionReplicas"] = "2");
        bot.Queues.Add("rabbit", new QueueStats("orders", 42, 40, 2, 1));

        (await bot.RunAsync("alice", "queue purge orders")).Outcome.ShouldBe(Outcome.Succeeded);

        bot.Queues.Calls.ShouldBe(unlimited.Queues.Calls);
    }
}

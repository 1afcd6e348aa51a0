using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Bot.Features.Queues;
using ChatOps.Tests.Fakes;
using ChatOps.Tests.Features.Databases;
using ChatOps.Tests.Features.Queues;

namespace ChatOps.Tests.Pipeline;

/// <summary>
/// Issue 21.4: a dangerous production request resolves its target before anyone is asked to approve it. A target
/// the server says does not exist is a one-line refusal with no pending approval; a target that cannot be read for
/// now still gets an approval request, with the fact marked unknown (the handler resolves it again when it runs).
/// </summary>
public sealed class ApprovalTargetTests
{
    private const string Refused = "; no approval was requested and nothing was changed";

    [Fact]
    public async Task PurgeOfAMissingQueue_IsRefused_WithoutAnApproval()
    {
        await using var bot = QueueBots.Create(production: true);
        bot.Queues.Add("rabbit", new QueueStats("orders", 42, 40, 2, 0));

        var result = await bot.RunAsync("alice", "queue purge NOPE");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("there is no queue 'NOPE' on broker rabbit" + Refused);
        result.Reference.ShouldBeNull();
        (await PendingAsync(bot)).ShouldBe(0);
        bot.Queues.Purged.ShouldBeEmpty();
    }

    [Fact]
    public async Task PurgeWhileTheBrokerIsUnreachable_StillAsks_WithTheDepthUnknown()
    {
        await using var bot = QueueBots.Create(production: true);
        bot.Queues.Failure = new PortFailure("broker rabbit is unreachable (ConnectionError)");

        var result = await bot.RunAsync("alice", "queue purge orders");

        result.Outcome.ShouldBe(Outcome.AwaitingApproval);
        result.Text.ShouldContain("\nCurrent depth: unknown: broker rabbit is unreachable (ConnectionError)");
        (await PendingAsync(bot)).ShouldBe(1);
    }

    [Theory]
    [InlineData("scale web 0 --cluster prod-eks", "deployment web")]
    [InlineData("rollout undo web --cluster prod-eks", "deployment web")]
    [InlineData("rollout restart web --cluster prod-eks", "deployment web")]
    [InlineData("hpa web --min 2 --max 5 --cluster prod-eks", "HPA web")]
    public async Task KubernetesChangeOfAMissingObject_IsRefused_WithoutAnApproval(string text, string what)
    {
        await using var bot = KubeBot();
        var missing = $"{what} not found in namespace default on cluster prod-eks";
        bot.Kube.Fail = new KubernetesFailure(KubernetesFailureKind.NotFound, missing);

        var result = await bot.RunAsync("dave", text);

        result.Outcome.ShouldBe(Outcome.Failed, result.Text);
        result.Text.ShouldBe(missing + Refused);
        (await PendingAsync(bot)).ShouldBe(0);
        bot.Kube.Calls.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("scale web 0 --cluster prod-eks", "Deployment now: web: 3 desired, 3 ready, revision 3, image registry/web:3")]
    [InlineData("rollout undo web --cluster prod-eks", "Deployment now: web: 3 desired")]
    [InlineData("rollout restart web --cluster prod-eks", "Deployment now: web: 3 desired")]
    [InlineData("hpa web --min 2 --max 5 --cluster prod-eks", "HPA now: web → web: min 2, max 10, current 3, desired 3 (cpu 41%/70%)")]
    public async Task KubernetesChangeOfAnExistingObject_ShowsItToApprovers_AndChangesNothingYet(string text, string shown)
    {
        await using var bot = KubeBot();

        var result = await bot.RunAsync("dave", text);

        result.Outcome.ShouldBe(Outcome.AwaitingApproval, result.Text);
        result.Text.ShouldContain("\n" + shown);
        (await PendingAsync(bot)).ShouldBe(1);
        bot.Kube.CurrentReplicas.ShouldBe(3);
        bot.Kube.Calls.ShouldAllBe(c => c.StartsWith("status ", StringComparison.Ordinal) || c.StartsWith("hpa ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KubernetesUnreachable_StillAsks_WithTheStateUnknown()
    {
        await using var bot = KubeBot();
        bot.Kube.Fail = new KubernetesFailure(KubernetesFailureKind.Unreachable, "cluster prod-eks is unreachable");

        var result = await bot.RunAsync("dave", "scale web 0 --cluster prod-eks");

        result.Outcome.ShouldBe(Outcome.AwaitingApproval, result.Text);
        result.Text.ShouldContain("\nDeployment now: unknown: cluster prod-eks is unreachable");
    }

    [Fact]
    public async Task KillOfASessionThatIsNotRunning_IsRefused_WithoutAnApproval()
    {
        await using var bot = KillBot();
        var shown = await ShowSessionAsync(bot);
        bot.Databases.Remove(1371);

        var result = await bot.RunAsync("alice", $"db kill {shown} --terminate");

        result.Outcome.ShouldBe(Outcome.Failed, result.Text);
        result.Text.ShouldBe("no session with pid 1371 is running on coredb" + Refused);
        (await PendingAsync(bot)).ShouldBe(0);
        bot.Databases.Signals.ShouldBeEmpty();
    }

    [Fact]
    public async Task KillOfAPidNowHeldByAnotherSession_IsRefused_WithoutAnApproval()
    {
        await using var bot = KillBot();
        var shown = await ShowSessionAsync(bot);
        bot.Databases.Remove(1371);
        var other = bot.Databases.Add(1371, TimeSpan.FromMinutes(12), user: "report_user");

        var result = await bot.RunAsync("alice", $"db kill {shown} --terminate");

        result.Outcome.ShouldBe(Outcome.Failed, result.Text);
        result.Text.ShouldBe($"pid 1371 on coredb now belongs to another session ({other.Tag}), not {shown}" + Refused);
        (await PendingAsync(bot)).ShouldBe(0);
        bot.Databases.Signals.ShouldBeEmpty();
    }

    private static TestBot KubeBot() => TestBot.Create(s =>
    {
        s["ChatOps:Approvals:Commands:0"] = "rollout undo";
        s["ChatOps:Approvals:Commands:1"] = "rollout restart";
        s["ChatOps:Approvals:Commands:2"] = "hpa";
    });

    private static TestBot KillBot()
    {
        var bot = DbBots.Create(production: true);
        bot.Reconfigure("ChatOps:Approvals:Commands:0", "db kill");
        return bot;
    }

    private static async Task<string> ShowSessionAsync(TestBot bot)
    {
        bot.Databases.Add(1371, TimeSpan.FromMinutes(12), user: "app_user");
        return (await bot.RunAsync("carol", "db queries")).Tables[0].Rows.ShouldHaveSingleItem()[0];
    }

    private static Task<int> PendingAsync(TestBot bot) => bot.Store.CountPendingAsync(bot.Clock.GetUtcNow(), CancellationToken.None);
}

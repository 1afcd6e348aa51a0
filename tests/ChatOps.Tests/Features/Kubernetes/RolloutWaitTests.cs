using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary>
/// <c>rollout status --wait</c>: a watch drives the edits of the chat message; where the server does not serve watch
/// the same answers come from polling on the injected clock; a deadline or a timeout ends it as a failure.
/// </summary>
public sealed class RolloutWaitTests
{
    private const string Command = "rollout status web --wait 30s --cluster staging";

    private static void QueueRollout(TestBot bot)
    {
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 1, available: 1));
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 2, available: 2));
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 3, available: 3, revision: 4));
    }

    private static async Task<(OperationResult Result, List<string> Edits)> WaitAsync(TestBot bot, string text = Command)
    {
        var edits = new List<string>();
        var result = await bot.Clock.RunAsync(bot.Dispatcher.DispatchAsync(text, bot.Context("alice"), CancellationToken.None, (r, _) =>
        {
            edits.Add(r.Text);
            return ValueTask.CompletedTask;
        })).WaitAsync(TimeSpan.FromMinutes(1));
        return (result, edits);
    }

    [Fact]
    public async Task Watch_EditsTheMessageAsPodsBecomeReady_WithoutPolling()
    {
        await using var bot = TestBot.Create();
        QueueRollout(bot);

        var (result, edits) = await WaitAsync(bot);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        edits.ShouldBe([
            "waiting for deployment web rollout to finish: 1 of 3 updated replicas are available",
            "waiting for deployment web rollout to finish: 1 of 3 updated replicas are available\nwaiting for deployment web rollout to finish: 2 of 3 updated replicas are available",
        ]);
        result.Text.ShouldBe(edits[^1] + "\ndeployment web successfully rolled out (revision 4)");
        bot.Kube.Calls.ShouldBe(["watch staging/default/web"], "the watch alone drives it: no status polls");
    }

    [Fact]
    public async Task WatchNotServed_FallsBackToPolling_WithTheSameEdits()
    {
        await using var bot = TestBot.Create();
        bot.Kube.WatchServed = false;
        QueueRollout(bot);
        var started = bot.Clock.GetUtcNow();

        var (result, edits) = await WaitAsync(bot);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        edits.Count.ShouldBe(2);
        edits[^1].ShouldEndWith("2 of 3 updated replicas are available");
        result.Text.ShouldEndWith("deployment web successfully rolled out (revision 4)");
        bot.Kube.Calls.ShouldBe(["watch staging/default/web", "status staging/default/web", "status staging/default/web", "status staging/default/web"]);
        (bot.Clock.GetUtcNow() - started).ShouldBe(2 * RolloutStatusHandler.PollInterval);
    }

    [Fact]
    public async Task UnchangedStatus_DoesNotEditTheMessageAgain()
    {
        await using var bot = TestBot.Create();
        bot.Kube.WatchServed = false;
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 1, available: 1));
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 1, available: 1));
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 1, available: 1));
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 3, available: 3, revision: 4));

        var (result, edits) = await WaitAsync(bot);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        edits.ShouldBe(["waiting for deployment web rollout to finish: 1 of 3 updated replicas are available"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ProgressDeadlineExceeded_EndsTheWait_AsAFailure(bool watchServed)
    {
        await using var bot = TestBot.Create();
        bot.Kube.WatchServed = watchServed;
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 1, available: 0));
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 1, available: 0, failure: "ProgressDeadlineExceeded"));

        var (result, edits) = await WaitAsync(bot);

        result.Outcome.ShouldBe(Outcome.Failed, result.Text);
        edits.ShouldBe(["waiting for deployment web rollout to finish: 1 of 3 updated replicas are available"]);
        result.Text.ShouldEndWith("deployment web exceeded its progress deadline: ReplicaSet \"web-x\" has timed out progressing.");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RolloutThatDoesNotMove_TimesOutAfterTheWait_NamingIt(bool watchServed)
    {
        await using var bot = TestBot.Create();
        bot.Kube.WatchServed = watchServed;
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 2, available: 1));
        var started = bot.Clock.GetUtcNow();

        var (result, edits) = await WaitAsync(bot);

        result.Outcome.ShouldBe(Outcome.Failed, result.Text);
        result.Text.ShouldBe(
            "waiting for deployment web rollout to finish: 2 of 3 updated replicas are available\n" +
            "timed out after 30s waiting for deployment web in default on cluster staging");
        edits.ShouldBe(["waiting for deployment web rollout to finish: 2 of 3 updated replicas are available"]);
        (bot.Clock.GetUtcNow() - started).ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
        (bot.Clock.GetUtcNow() - started).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(29));
    }

    [Fact]
    public async Task WithoutWait_OneCheck_NoWatch_NoEdits()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 2, available: 1));

        var (result, edits) = await WaitAsync(bot, "rollout status web --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Severity.ShouldBe(Severity.Warning);
        edits.ShouldBeEmpty();
        bot.Kube.Calls.ShouldBe(["status staging/default/web"]);
    }
}

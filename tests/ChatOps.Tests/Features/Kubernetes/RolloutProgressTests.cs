using ChatOps.Bot.Chat.Console;
using ChatOps.Bot.Core;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary><c>rollout status --wait</c> shows the rollout moving: interim answers while it waits.</summary>
public sealed class RolloutProgressTests
{
    private static void QueueRollout(TestBot bot)
    {
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 1, available: 1));
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 2, available: 2));
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 3, available: 3, revision: 4));
    }

    [Fact]
    public async Task Wait_ReportsEachNewLine_BeforeTheFinalAnswer()
    {
        await using var bot = TestBot.Create();
        QueueRollout(bot);
        var interim = new List<string>();

        var result = await bot.Clock.RunAsync(bot.Dispatcher.DispatchAsync(
            "rollout status web --wait 30s --cluster staging", bot.Context("alice"), CancellationToken.None,
            (r, _) =>
            {
                interim.Add(r.Text);
                return ValueTask.CompletedTask;
            }));

        interim.Count.ShouldBe(2);
        interim[0].ShouldBe("waiting for deployment web rollout to finish: 1 of 3 updated replicas are available");
        interim[1].ShouldStartWith(interim[0] + "\nwaiting for deployment web rollout to finish: 2 of 3");
        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Text.ShouldStartWith(interim[1] + "\n");
        result.Text.ShouldEndWith("deployment web successfully rolled out (revision 4)");
    }

    [Fact]
    public async Task Console_PrintsEachLineOnce_AsTheRolloutMoves()
    {
        await using var bot = TestBot.Create();
        QueueRollout(bot);
        var output = new StringWriter { NewLine = "\n" };

        var exit = await bot.Clock.RunAsync(new ConsoleSession(bot.Dispatcher, bot.Clock).RunAsync(
            "alice", new StringReader("rollout status web --wait 30s --cluster staging\n"), output, interactive: false, CancellationToken.None));

        exit.ShouldBe(0);
        output.ToString().ShouldBe(
            """
            waiting for deployment web rollout to finish: 1 of 3 updated replicas are available
            waiting for deployment web rollout to finish: 2 of 3 updated replicas are available
            deployment web successfully rolled out (revision 4)

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task ListenerFailure_DoesNotFailTheCommand()
    {
        await using var bot = TestBot.Create();
        QueueRollout(bot);

        var result = await bot.Clock.RunAsync(bot.Dispatcher.DispatchAsync(
            "rollout status web --wait 30s --cluster staging", bot.Context("alice"), CancellationToken.None,
            (_, _) => throw new HttpRequestException("chat API down")));

        result.Outcome.ShouldBe(Outcome.Succeeded);
    }

    /// <summary>
    /// The wait and its polling run on the injected clock: a 15-minute wait ends after exactly 15 minutes of test time
    /// and no wall-clock time (on a clock that only fakes "now" it would poll every real second, forever).
    /// </summary>
    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task Wait_TimesOut_OnTheInjectedClock_WithoutSleeping()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 1, available: 1));

        var started = bot.Clock.GetUtcNow();
        var result = await bot.Clock.RunAsync(bot.Dispatcher.DispatchAsync(
            "rollout status web --wait 15m --cluster staging", bot.Context("alice"), CancellationToken.None,
            (_, _) => ValueTask.CompletedTask)).WaitAsync(TimeSpan.FromMinutes(1));

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldContain("timed out after 15m waiting for deployment web");
        (bot.Clock.GetUtcNow() - started).ShouldBe(TimeSpan.FromMinutes(15));
    }
}

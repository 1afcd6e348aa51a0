using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary>Rollback and Restart buttons on <c>describe</c> / <c>logs</c> answers about a crashing pod (issue 14 item 7).</summary>
public sealed class CrashActionsTests
{
    private static readonly DateTimeOffset Created = TestClock.Epoch.AddHours(-2);

    [Fact]
    public async Task DescribeACrashLoopingPod_OffersRollbackAndRestart_OfItsOwningDeployment()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("carol", "describe pod web-3-fghij --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.ShouldContain("owner staging/default/web-3-fghij");
        result.Buttons.Select(b => (b.Label, b.Command)).ShouldBe(
        [
            ("Rollback", "rollout undo web -n default --cluster staging"),
            ("Restart", "rollout restart web -n default --cluster staging"),
        ]);
        result.Buttons.ShouldAllBe(b => b.Style == ButtonStyle.Danger && b.Confirm != null);
    }

    [Theory]
    [InlineData("describe pod web-3-abcde --cluster staging")]
    [InlineData("logs pod/web-3-abcde --cluster staging")]
    public async Task AHealthyPod_GetsNoButtons_AndNoOwnerLookup(string text)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("carol", text);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Buttons.ShouldBeEmpty();
        bot.Kube.Calls.ShouldNotContain(c => c.StartsWith("owner ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogsOfADeployment_OfferTheButtons_ForThePodItRead_WhenThatPodRestarted()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Pods.Clear();
        bot.Kube.Pods.Add(FakeKubernetes.PodWithSidecar("web-a", 0, null, Created));
        bot.Kube.Pods.Add(FakeKubernetes.PodWithSidecar("web-b", 3, Created.AddMinutes(30), Created));
        bot.Kube.OwnedPods["web-b"] = new OwnerView("ReplicaSet", "web-3");

        var result = await bot.RunAsync("carol", "logs web --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls[^1].ShouldBe("owner staging/default/web-b");
        result.Buttons.Select(b => b.Command).ShouldBe(["rollout undo web -n default --cluster staging", "rollout restart web -n default --cluster staging"]);
    }

    [Theory]
    [InlineData("Job", "migrate", null)]
    [InlineData("ReplicaSet", "hand-made", null)]
    public async Task ACrashingPodWithoutADeploymentOwner_GetsNoButtons(string kind, string owner, string? deployment)
    {
        await using var bot = TestBot.Create();
        bot.Kube.OwnedPods["web-3-fghij"] = new OwnerView(kind, owner);
        bot.Kube.ReplicaSetOwners[owner] = deployment;

        var result = await bot.RunAsync("carol", "describe pod web-3-fghij --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.ShouldContain("owner staging/default/web-3-fghij");
        result.Buttons.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheButtons_RunAsTheClicker_ThroughTheOrdinaryRoleChecks()
    {
        await using var bot = TestBot.Create();
        var buttons = (await bot.RunAsync("carol", "describe pod web-3-fghij --cluster staging")).Buttons;

        var refused = await bot.RunAsync("carol", buttons.Single(b => b.Label == "Restart").Command);
        var restarted = await bot.RunAsync("alice", buttons.Single(b => b.Label == "Restart").Command);

        refused.Outcome.ShouldBe(Outcome.Denied, refused.Text);
        restarted.Outcome.ShouldBe(Outcome.Succeeded, restarted.Text);
        bot.Kube.Calls.ShouldContain(c => c.StartsWith("restart staging/default/web", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, "Running", null, null, false)]
    [InlineData(2, "Running", null, null, true)]
    [InlineData(0, "Waiting", "CrashLoopBackOff", null, true)]
    [InlineData(0, "Running", null, "OOMKilled", true)]
    [InlineData(0, "Waiting", "ImagePullBackOff", null, false)]
    public void IsCrashing_RestartsCrashLoopOrOomKill(int restarts, string state, string? reason, string? lastReason, bool crashing)
    {
        var pod = FakeKubernetes.Pod("p", "Running", ready: false, state: new(state, reason, null, null, null, null, null),
            last: lastReason is null ? null : new("Terminated", lastReason, null, 137, null, null, null), restarts: restarts);

        CrashActions.IsCrashing(pod).ShouldBe(crashing);
    }
}

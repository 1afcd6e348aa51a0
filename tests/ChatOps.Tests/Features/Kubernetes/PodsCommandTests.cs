using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary><c>pods</c> through the real parser and pipeline, on the fake port (issue 14).</summary>
public sealed class PodsCommandTests
{
    [Fact]
    public async Task Pods_ListsUnhealthyFirst_WithKubectlStatus_RestartAge_AndWhy()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", "pods web --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.ShouldBe(["pods staging/default deployment web"]);
        var rows = result.Tables.Single().Rows;
        rows.Select(r => r[0]).ShouldBe(["web-3-fghij", "web-3-abcde"]);
        rows[0].ShouldBe(["web-3-fghij", "0/1", "CrashLoopBackOff", "5 (5m ago)", "60m", "node-1"]);
        rows[1].ShouldBe(["web-3-abcde", "1/1", "Running", "0", "60m", "node-1"]);
        result.Text.ShouldStartWith("2 pods for deployment web in default on cluster staging, 1 unhealthy\n");
        result.Text.ShouldContain("web-3-fghij: web: back-off 5m0s restarting failed container=web pod=web-3-fghij");
        result.Severity.ShouldBe(Severity.Warning);
    }

    [Theory]
    [InlineData("pods app=web,tier!=db --cluster staging", "pods staging/default selector app=web,tier!=db")]
    [InlineData("pods deployment/web --cluster staging -n default", "pods staging/default deployment web")]
    public async Task Pods_TakesADeploymentOrALabelSelector(string text, string call)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.ShouldBe([call]);
    }

    [Theory]
    [InlineData("pods Web_1 --cluster staging", "'Web_1' is not a deployment name or a label selector")]
    [InlineData("pods app=(x --cluster staging", "'app=(x' is not a label selector")]
    public async Task Pods_BadTarget_IsOneClearLine_BeforeAnyCall(string text, string expected)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.Split('\n')[0].ShouldStartWith(expected);
        bot.Kube.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pods_UnknownDeployment_IsOneLine()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", "pods nope --cluster staging");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("deployment nope not found in namespace default on cluster staging");
    }

    [Fact]
    public async Task Pods_MasksSecretsInTheReasons()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Pods.Add(FakeKubernetes.Pod("web-3-secret", "Pending", ready: false,
            state: new("Waiting", "CreateContainerConfigError", "env DB_URL=postgres://app:hunter2-very-secret@db/app rejected", null, null, null, null)));

        var result = await bot.RunAsync("alice", "pods web --cluster staging");

        result.Text.ShouldNotContain("hunter2-very-secret");
        result.Text.ShouldContain("***");
        bot.Store.Entries[^1].Record.ToString().ShouldNotContain("hunter2-very-secret");
    }

    [Fact]
    public void Status_PendingShowsTheSchedulerReason_AndTerminatingWins()
    {
        var pending = FakeKubernetes.Pod("p", "Pending", ready: false, state: null,
            conditions: [new("PodScheduled", "False", "Unschedulable", "0/3 nodes are available: 3 Insufficient cpu.")], node: null);
        var summary = PodStatus.Summarize(pending);
        (summary.Status, summary.Why, summary.Healthy).ShouldBe(("Pending (Unschedulable)", "0/3 nodes are available: 3 Insufficient cpu.", false));

        var exited = FakeKubernetes.Pod("q", "Running", ready: false, state: new("Terminated", null, null, 1, 9, null, null));
        PodStatus.Status(exited).ShouldBe("Signal:9");
        PodStatus.Status(exited with { Deleting = true }).ShouldBe("Terminating");
    }
}

using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary><c>describe</c> and <c>events</c> through the real parser and pipeline, on the fake port (issue 14).</summary>
public sealed class DescribeAndEventsCommandTests
{
    private static readonly DateTimeOffset Now = TestClock.Epoch;

    [Fact]
    public async Task DescribePod_SaysWhyTheContainerDied_ItsResources_AndItsEvents()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Events.Add(new EventView("Warning", "BackOff", new ObjectRef("Pod", "web-3-fghij"), "Back-off restarting failed container web", 12, Now.AddMinutes(-30), Now.AddMinutes(-1)));

        var result = await bot.RunAsync("alice", "describe pod web-3-fghij --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.ShouldBe(["pod staging/default/web-3-fghij", "events staging/default Pod/web-3-fghij", "owner staging/default/web-3-fghij"]);
        result.Text.ShouldStartWith("pod web-3-fghij in default on cluster staging: CrashLoopBackOff, 0/1 ready, node node-1, controlled by ReplicaSet/web-3");
        result.Text.ShouldContain("  state: Waiting (CrashLoopBackOff), message: back-off 5m0s restarting failed container=web pod=web-3-fghij");
        result.Text.ShouldContain("  last state: Terminated (OOMKilled), exit code 137, started 2026-11-23 11:50:00 UTC, finished 2026-11-23 11:55:00 UTC");
        result.Text.ShouldContain("  requests: cpu=100m, memory=128Mi; limits: memory=256Mi");
        result.Tables.Single().Rows.Single().ShouldBe(["Warning", "BackOff", "12", "60s ago", "30m ago", "Back-off restarting failed container web"]);
    }

    [Fact]
    public async Task Describe_ADeployment_PicksItsWorstPod_AndNamesTheOthers()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", "describe deployment/web --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.ShouldBe(["pods staging/default deployment web", "events staging/default Pod/web-3-fghij", "owner staging/default/web-3-fghij"]);
        result.Text.ShouldStartWith("deployment web: describing its worst pod web-3-fghij; others: web-3-abcde (Running)\npod web-3-fghij");
    }

    [Theory]
    [InlineData("describe pod nope --cluster staging", "pod nope not found in namespace default on cluster staging")]
    [InlineData("describe nope --cluster staging", "deployment nope not found in namespace default on cluster staging")]
    public async Task Describe_UnknownObject_IsOneLine(string text, string expected)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe(expected);
    }

    [Fact]
    public async Task Events_FoldRepeats_PutWarningsFirst_NewestFirst_AndMaskSecrets()
    {
        await using var bot = TestBot.Create();
        var pod = new ObjectRef("Pod", "web-3-abcde");
        bot.Kube.Events.AddRange(
        [
            new("Normal", "Pulled", pod, "Successfully pulled image", 1, Now.AddMinutes(-50), Now.AddMinutes(-50)),
            new("Warning", "Unhealthy", pod, "Readiness probe failed: 503", 3, Now.AddMinutes(-20), Now.AddMinutes(-10)),
            new("Warning", "Unhealthy", pod, "Readiness probe failed: 503", 2, Now.AddMinutes(-9), Now.AddMinutes(-2)),
            new("Warning", "Failed", pod, "Error: secret password=hunter2-very-secret not found", 1, Now.AddMinutes(-40), Now.AddMinutes(-40)),
            new("Normal", "ScalingReplicaSet", new ObjectRef("Deployment", "web"), "Scaled up replica set web-3 from 0 to 1", 1, Now.AddMinutes(-5), Now.AddMinutes(-5)),
        ]);

        var result = await bot.RunAsync("alice", "events web --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.ShouldBe(["status staging/default/web", "events staging/default Deployment/web,ReplicaSet/web-3,ReplicaSet/web-2,Pod/web-3-abcde"]);
        result.Tables.Single().Rows.Select(r => string.Join('|', r)).ShouldBe(
        [
            "Warning|Unhealthy|pod/web-3-abcde|5|2m ago|20m ago|Readiness probe failed: 503",
            "Warning|Failed|pod/web-3-abcde|1|40m ago|40m ago|Error: secret password=*** not found",
            "Normal|ScalingReplicaSet|deployment/web|1|5m ago|5m ago|Scaled up replica set web-3 from 0 to 1",
            "Normal|Pulled|pod/web-3-abcde|1|50m ago|50m ago|Successfully pulled image",
        ]);
        result.Text.ShouldNotContain("hunter2");
        bot.Store.Entries[^1].Record.ToString().ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task Events_SinceAndWarnings_Narrow_AndAPodOrTheNamespaceNeedNoDeployment()
    {
        await using var bot = TestBot.Create();
        var pod = new ObjectRef("Pod", "web-3-abcde");
        bot.Kube.Events.AddRange(
        [
            new("Warning", "Unhealthy", pod, "Readiness probe failed", 1, Now.AddHours(-2), Now.AddHours(-2)),
            new("Warning", "BackOff", pod, "Back-off restarting", 1, Now.AddMinutes(-5), Now.AddMinutes(-5)),
            new("Normal", "Pulled", pod, "Pulled", 1, Now.AddMinutes(-5), Now.AddMinutes(-5)),
        ]);

        var result = await bot.RunAsync("alice", "events pod/web-3-abcde --since 1h --warnings --cluster staging");
        var all = await bot.RunAsync("alice", "events namespace --cluster staging");

        bot.Kube.Calls.ShouldBe(["events staging/default Pod/web-3-abcde", "events staging/default "]);
        result.Tables.Single().Rows.Select(r => r[1]).ShouldBe(["BackOff"]);
        all.Tables.Single().Rows.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData("events service/web --cluster staging", "events are shown for a deployment, pod/<name> or namespace, not 'service'")]
    [InlineData("events pod/Web_1 --cluster staging", "'Web_1' is not a valid name")]
    public async Task Events_BadTarget_IsOneLine_BeforeAnyCall(string text, string expected)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldContain(expected);
        bot.Kube.Calls.ShouldBeEmpty();
    }
}

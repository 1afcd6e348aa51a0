using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOps.SimCluster;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// Issue 17: the simulated cluster's controllers over simulated time. The test owns the clock (FakeTimeProvider),
/// so every step of a rollout can be looked at; real kubectl reads the states a real cluster would show.
/// </summary>
public sealed partial class SimControllerTests
{
    private const string Ns = KubeTestCluster.Ns;
    private const string Billing = KubeTestCluster.Billing;
    private const string Next = "registry.urbanos.com/urbanos/service-billing:3.2.0";
    private const string Missing = "registry.urbanos.com/urbanos/service-billing:does-not-exist";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RollingUpdate_ReplacesPodsStepByStep_WithinSurgeAndUnavailable()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await Settled(clock);
        c.Server.Seed.SetImage(Ns, Billing, Next);

        (await PodTable(c)).Output.ShouldContain("Pending");
        Advance(clock, 1);
        (await PodTable(c)).Output.ShouldContain("ContainerCreating");
        var midway = await c.KubectlAsync("rollout", "status", $"deployment/{Billing}", "--watch=false");
        midway.Exit.ShouldBe(0, midway.Output);
        midway.Output.ShouldStartWith($"Waiting for deployment \"{Billing}\" rollout to finish: 1 out of 3 new replicas have been updated...\n");

        // 3 replicas at 25%/25%: surge rounds up to 1, unavailable down to 0.
        var mixed = 0;
        for (var second = 0; second < 40; second++)
        {
            var pods = Pods(c);
            pods.Count.ShouldBeLessThanOrEqualTo(4);
            pods.Count(Ready).ShouldBeGreaterThanOrEqualTo(3);
            mixed += pods.Select(Image).Distinct().Count() == 2 ? 1 : 0;
            Advance(clock, 1);
        }

        mixed.ShouldBeGreaterThan(5);
        Pods(c).Select(Image).ShouldBe([Next, Next, Next]);
        var done = await c.KubectlAsync("rollout", "status", $"deployment/{Billing}", "--watch=false");
        done.Exit.ShouldBe(0, done.Output);
        done.Output.ShouldStartWith($"deployment \"{Billing}\" successfully rolled out\n");
        var status = c.DeploymentObject()["status"]!;
        (status.Num("replicas"), status.Num("updatedReplicas"), status.Num("readyReplicas"), status.Num("availableReplicas"), status.Num("unavailableReplicas"))
            .ShouldBe((3, 3, 3, 3, null));

        // Conditions keep the time they changed, however much later they are read.
        var conditions = status["conditions"]!.ToJsonString();
        Advance(clock, 100);
        c.DeploymentObject()["status"]!["conditions"]!.ToJsonString().ShouldBe(conditions);
    }

    [Fact]
    public async Task Pods_AreNamedAfterTheirReplicaSet_OwnedByIt_AndReportRunningContainers()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await Settled(clock);
        var rs = c.Server.Controller.OwnedReplicaSets(c.DeploymentObject()).Single(r => r.Num("spec", "replicas") == 3);
        var rsName = rs.Str("metadata", "name")!;
        var hash = rs.Str("metadata", "labels", DeploymentController.HashLabel)!;

        foreach (var pod in Pods(c))
        {
            pod.Str("metadata", "name")!.ShouldMatch($"^{Regex.Escape(rsName)}-[bcdfghjklmnpqrstvwxz2456789]{{5}}$");
            var owner = pod["metadata"]!["ownerReferences"]![0]!;
            (owner.Str("kind"), owner.Str("name"), owner["controller"]!.GetValue<bool>()).ShouldBe(("ReplicaSet", rsName, true));
            pod.Str("metadata", "labels", DeploymentController.HashLabel).ShouldBe(hash);
            pod.Str("spec", "nodeName")!.ShouldStartWith("sim-node-");
            pod.Str("status", "phase").ShouldBe("Running");
            var container = pod["status"]!["containerStatuses"]![0]!;
            (container["ready"]!.GetValue<bool>(), container.Num("restartCount"), container["state"]!["running"] is not null).ShouldBe((true, 0L, true));
        }

        var table = await PodTable(c);
        PodLine().Matches(table.Output).Count.ShouldBe(3, table.Output);
    }

    [Fact]
    public async Task BadImage_PullsBackOff_OldPodsKeepServing_AndTheDeadlineExpiresOnlyAfterProgressDeadlineSeconds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await Settled(clock);
        c.Server.Seed.SetImage(Ns, Billing, Missing);

        Advance(clock, 2);
        (await PodTable(c)).Output.ShouldContain("ErrImagePull");
        Advance(clock, 10);
        var stuck = await PodTable(c);
        stuck.Output.ShouldContain("ImagePullBackOff");
        Pods(c).Where(p => Image(p) == Missing).ShouldHaveSingleItem().Str("status", "phase").ShouldBe("Pending");

        var elapsed = 12;
        for (; elapsed + 17 <= 599; elapsed += 17)
        {
            Advance(clock, 17);
            Pods(c).Count(p => Ready(p) && Image(p) == KubeTestCluster.Images[2]).ShouldBe(3);
            Progressing(c).Str("status").ShouldBe("True");
        }

        // progressDeadlineSeconds is 600 and the last progress was the new ReplicaSet's first pod, at the change.
        Advance(clock, 599 - elapsed);
        Progressing(c).Str("status").ShouldBe("True");
        Advance(clock, 2);
        var progressing = Progressing(c);
        (progressing.Str("status"), progressing.Str("reason")).ShouldBe(("False", "ProgressDeadlineExceeded"));
        var status = await c.KubectlAsync("rollout", "status", $"deployment/{Billing}", "--watch=false");
        status.Exit.ShouldBe(1, status.Output);
        status.Output.ShouldContain($"deployment \"{Billing}\" exceeded its progress deadline");
        Pods(c).Count(Ready).ShouldBe(3);
    }

    [Fact]
    public async Task RevisionHistoryLimit_PrunesTheOldestEmptyReplicaSets()
    {
        await using var c = await KubeTestCluster.StartAsync();
        c.Server.Seed.Update(Ns, Billing, d => d["spec"]!["revisionHistoryLimit"] = 1);
        c.Server.Seed.SetImage(Ns, Billing, Next);
        c.Server.Seed.SetImage(Ns, Billing, Missing.Replace("does-not-exist", "3.2.1", StringComparison.Ordinal));

        c.Server.Controller.OwnedReplicaSets(c.DeploymentObject()).Select(DeploymentController.Revision).Order().ShouldBe([4L, 5L]);
        var history = await c.KubectlAsync("rollout", "history", $"deployment/{Billing}");
        history.Exit.ShouldBe(0, history.Output);
        history.Output.ShouldNotContain($"deploy {KubeTestCluster.Images[2]}");
        history.Output.ShouldContain($"deploy {Next}");
    }

    [Fact]
    public async Task Hpa_ScalesToTheMetric_WithinMinMax_StabilizesDownscales_AndIsDisabledAtZeroReplicas()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await KubeTestCluster.StartAsync(clock: clock, timing: SimTiming.Realistic);
        var annotate = await c.KubectlAsync("annotate", "hpa", Billing, $"{HpaController.UtilizationAnnotation}=140");
        annotate.Exit.ShouldBe(0, annotate.Output);

        Advance(clock, 15);
        c.DeploymentObject().Num("spec", "replicas").ShouldBe(6); // ceil(3 × 140 / 70)
        var hpa = Hpa(c);
        (hpa.Num("status", "currentReplicas"), hpa.Num("status", "desiredReplicas")).ShouldBe((3, 6));
        hpa["status"]!["currentMetrics"]![0]!.Num("resource", "current", "averageUtilization").ShouldBe(140);
        Condition(hpa, "ScalingActive").ShouldBe(("True", "ValidMetricFound"));
        Condition(hpa, "ScalingLimited").ShouldBe(("False", "DesiredWithinRange"));
        Condition(hpa, "AbleToScale").ShouldBe(("True", "SucceededRescale"));
        Advance(clock, 14);
        Pods(c).Count(Ready).ShouldBe(6);

        c.Server.Autoscaler.SetUtilization(Ns, Billing, 700);
        Advance(clock, 15);
        c.DeploymentObject().Num("spec", "replicas").ShouldBe(10);
        Condition(Hpa(c), "ScalingLimited").ShouldBe(("True", "TooManyReplicas"));

        c.Server.Autoscaler.SetUtilization(Ns, Billing, 35);
        Advance(clock, 15);
        c.DeploymentObject().Num("spec", "replicas").ShouldBe(10);
        Condition(Hpa(c), "AbleToScale").ShouldBe(("True", "ScaleDownStabilized"));
        Advance(clock, 300);
        c.DeploymentObject().Num("spec", "replicas").ShouldBe(5);

        c.Server.Seed.Update(Ns, Billing, d => d["spec"]!["replicas"] = 0);
        Advance(clock, 30);
        c.DeploymentObject().Num("spec", "replicas").ShouldBe(0);
        hpa = Hpa(c);
        Condition(hpa, "ScalingActive").ShouldBe(("False", "ScalingDisabled"));
        hpa.Num("status", "desiredReplicas").ShouldBe(0);
        Pods(c).ShouldBeEmpty();
    }

    /// <summary>The seeded three revisions, rolled one after another, settle within a minute of simulated time.</summary>
    private static async Task<KubeTestCluster> Settled(FakeTimeProvider clock)
    {
        var c = await KubeTestCluster.StartAsync(clock: clock, timing: SimTiming.Realistic with { HpaSync = null });
        Advance(clock, 60);
        Pods(c).Select(Image).ShouldBe([KubeTestCluster.Images[2], KubeTestCluster.Images[2], KubeTestCluster.Images[2]]);
        return c;
    }

    private static void Advance(FakeTimeProvider clock, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    // The server answers lists as JSON, not as server-side Tables, so kubectl is told which columns to print.
    private static Task<(int Exit, string Output)> PodTable(KubeTestCluster c) =>
        c.KubectlAsync("get", "pods", "--no-headers", "-o",
            "custom-columns=NAME:.metadata.name,PHASE:.status.phase,WAITING:.status.containerStatuses[*].state.waiting.reason,READY:.status.containerStatuses[*].ready,RESTARTS:.status.containerStatuses[*].restartCount,NODE:.spec.nodeName");

    private static List<JsonObject> Pods(KubeTestCluster c) => c.Server.Store.List("pods", Ns).ToList();

    private static JsonObject Hpa(KubeTestCluster c) => c.Server.Store.Get(new ObjectKey("horizontalpodautoscalers", Ns, Billing))!;

    private static string? Image(JsonObject pod) => pod["spec"]!["containers"]![0].Str("image");

    private static bool Ready(JsonObject pod) => Kubelet.IsReady(pod);

    private static JsonNode Progressing(KubeTestCluster c) =>
        c.DeploymentObject()["status"]!["conditions"]!.AsArray().Single(x => x.Str("type") == "Progressing")!;

    private static (string?, string?) Condition(JsonObject hpa, string type)
    {
        var condition = hpa["status"]!["conditions"]!.AsArray().Single(x => x.Str("type") == type);
        return (condition.Str("status"), condition.Str("reason"));
    }

    [GeneratedRegex(@"^urbanos-service-billing-\w+-\w{5}\s+Running\s+<none>\s+true\s+0\s+sim-node-\d$", RegexOptions.Multiline)]
    private static partial Regex PodLine();
}

using System.Text.Json.Nodes;
using ChatOps.SimCluster;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// Issue 17's fidelity suite, the answers not covered elsewhere: what the real kubectl prints against the simulated
/// cluster must be what it prints against a real one (kubectl 1.32 on a kind cluster gives these same lines).
/// Covered elsewhere: <c>rollout status -w</c> and <c>get -w</c> (WatchTests), <c>set env X-</c> and <c>set image</c>
/// objects (StrategicMergeAndScaleTests), <c>apply --dry-run=server</c> (DefaultingTests), <c>delete pod</c> (PodDeletionTests).
/// </summary>
public sealed class KubectlFidelityTests
{
    private const string Ns = KubeTestCluster.Ns;
    private const string Billing = KubeTestCluster.Billing;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RolloutStatusWatch_OnABadImage_FailsWithTheProgressDeadline_OnlyAfterProgressDeadlineSeconds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var c = await KubeTestCluster.StartAsync(clock: clock, timing: SimTiming.Realistic with { HpaSync = null });
        Advance(clock, 60);
        c.Server.Seed.SetImage(Ns, Billing, "registry.urbanos.com/urbanos/service-billing:does-not-exist");

        await using var kubectl = c.KubectlStream("rollout", "status", $"deployment/{Billing}", "-w", "--timeout=10m", "-n", Ns);
        await c.WatchOpenedAsync("deployments");
        await kubectl.WaitForAsync("Waiting for deployment", Wait);
        Advance(clock, 599);
        await Task.Delay(300);
        kubectl.Output.ShouldNotContain("exceeded its progress deadline");
        Advance(clock, 2);

        (await kubectl.ExitAsync(Wait)).ShouldBe(1, kubectl.Output);
        kubectl.Output.ShouldContain($"Waiting for deployment \"{Billing}\" rollout to finish: 1 out of 3 new replicas have been updated...");
        kubectl.Output.ShouldEndWith($"error: deployment \"{Billing}\" exceeded its progress deadline\n");
    }

    [Fact]
    public async Task SetImage_AndSetEnv_AnswerAsOnARealCluster_AndEnvRemovalIsADeleteDirective()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var image = await c.KubectlAsync("set", "image", $"deployment/{Billing}", "-n", Ns, $"{Billing}=registry.urbanos.com/urbanos/service-billing:4.0.0");
        var add = await c.KubectlAsync("set", "env", $"deployment/{Billing}", "-n", Ns, "A=1", "B=2");
        c.Server.ClearCalls();
        var remove = await c.KubectlAsync("set", "env", $"deployment/{Billing}", "-n", Ns, "A-");
        var list = await c.KubectlAsync("set", "env", $"deployment/{Billing}", "-n", Ns, "--list");

        image.ShouldBe((0, $"deployment.apps/{Billing} image updated\n"));
        add.ShouldBe((0, $"deployment.apps/{Billing} env updated\n"));
        remove.ShouldBe((0, $"deployment.apps/{Billing} env updated\n"));
        var patch = c.Server.Calls.Single(x => x.Verb == "patch");
        patch.ContentType.ShouldStartWith(Patches.StrategicMergePatch);
        patch.Body.ShouldContain("\"$patch\":\"delete\"");
        patch.Body.ShouldContain("\"name\":\"A\"");
        list.Exit.ShouldBe(0, list.Output);
        list.Output.ShouldContain("TENANT=");
        list.Output.ShouldContain("B=2");
        list.Output.ShouldNotContain("A=1");
    }

    [Fact]
    public async Task RolloutHistory_OfOneRevision_ShowsItsPodTemplate()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var history = await c.KubectlAsync("rollout", "history", $"deployment/{Billing}", "-n", Ns);
        var second = await c.KubectlAsync("rollout", "history", $"deployment/{Billing}", "-n", Ns, "--revision=2");
        var missing = await c.KubectlAsync("rollout", "history", $"deployment/{Billing}", "-n", Ns, "--revision=9");

        history.Exit.ShouldBe(0, history.Output);
        history.Output.ShouldStartWith($"deployment.apps/{Billing} \nREVISION  CHANGE-CAUSE\n1         ");
        second.Exit.ShouldBe(0, second.Output);
        second.Output.ShouldStartWith($"deployment.apps/{Billing} with revision #2\nPod Template:\n");
        second.Output.ShouldContain($"Image:\t{KubeTestCluster.Images[1]}");
        missing.Exit.ShouldBe(1, missing.Output);
        missing.Output.ShouldContain("unable to find the specified revision");
    }

    [Fact]
    public async Task DeletePod_ServerDryRun_KeepsThePod_AndAMissingPodIsNotFound()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var victim = c.Server.Store.List("pods", Ns)[0].Str("metadata", "name")!;

        var dry = await c.KubectlAsync("delete", "pod", victim, "-n", Ns, "--dry-run=server");
        var missing = await c.KubectlAsync("delete", "pod", "no-such-pod", "-n", Ns);

        dry.ShouldBe((0, $"pod \"{victim}\" deleted (server dry run)\n"));
        c.Server.Store.Get(new ObjectKey("pods", Ns, victim)).ShouldNotBeNull();
        missing.ShouldBe((1, "Error from server (NotFound): pods \"no-such-pod\" not found\n"));
    }

    private static void Advance(FakeTimeProvider clock, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }
    }
}

using System.Net;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.SimCluster;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>The KubernetesClient adapter against the loopback API server: real HTTP, real JSON, real status codes.</summary>
public sealed class KubernetesAdapterTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Status_ShowsReplicasRevisionPodsAndHpa()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var s = await c.Bot.GetStatusAsync(c.Target, KubeTestCluster.Billing, None);

        s.Deployment.Desired.ShouldBe(3);
        s.Deployment.Available.ShouldBe(3);
        s.Deployment.Revision.ShouldBe(3);
        s.Deployment.Images.ShouldBe([KubeTestCluster.Images[2]]);
        s.ReplicaSets.Select(r => r.Revision).ShouldBe([3, 2, 1]);
        s.ReplicaSets[0].MatchesDeploymentTemplate.ShouldBeTrue();
        s.Pods.Count.ShouldBe(3);
        s.Pods.ShouldAllBe(p => p.Phase == "Running" && p.ReadyContainers == 1);
        s.Hpa.ShouldBe(new HpaView(KubeTestCluster.Billing, KubeTestCluster.Billing, 2, 10, 3, 3, "cpu 41%/70%"));
    }

    [Fact]
    public async Task Scale_UsesTheScaleSubresource_AndDryRunChangesNothing()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var dry = await c.Bot.ScaleAsync(c.Target, KubeTestCluster.Billing, 5, dryRun: true, None);
        c.DeploymentObject().Num("spec", "replicas").ShouldBe(3);
        var real = await c.Bot.ScaleAsync(c.Target, KubeTestCluster.Billing, 5, dryRun: false, None);

        (dry.Before, dry.After, dry.DryRun).ShouldBe((3, 5, true));
        real.Before.ShouldBe(3);
        real.After.ShouldBe(5);
        c.DeploymentObject().Num("spec", "replicas").ShouldBe(5);
        (await c.Bot.GetStatusAsync(c.Target, KubeTestCluster.Billing, None)).Pods.Count.ShouldBe(5);
        c.Server.Calls.Where(x => x.Verb == "patch").Select(x => (x.RbacResource, x.Query)).ShouldBe([("deployments/scale", "?dryRun=All"), ("deployments/scale", "")]);
    }

    [Fact]
    public async Task Hpa_PatchesBounds_AndRefusesMinAboveMax()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var change = await c.Bot.SetHpaBoundsAsync(c.Target, KubeTestCluster.Billing, 4, 15, dryRun: false, None);
        var refused = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.SetHpaBoundsAsync(c.Target, KubeTestCluster.Billing, 20, null, false, None));

        (change.Before.Min, change.Before.Max, change.After.Min, change.After.Max).ShouldBe((2, 10, 4, 15));
        change.After.Targets.ShouldBe("cpu 41%/70%");
        refused.Message.ShouldBe($"HPA {KubeTestCluster.Billing} would have min 20 above max 15; give both --min and --max (nothing changed)");
    }

    [Fact]
    public async Task Hpa_IsShownByName_AndListed()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var one = await c.Bot.GetHpaAsync(c.Target, KubeTestCluster.Billing, None);
        var all = await c.Bot.ListHpasAsync(c.Target, None);
        var missing = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.GetHpaAsync(c.Target, "nope", None));

        one.Hpa.ShouldBe(new HpaView(KubeTestCluster.Billing, KubeTestCluster.Billing, 2, 10, 3, 3, "cpu 41%/70%"));
        all.ShouldBe([one.Hpa]);
        missing.Message.ShouldBe("HPA nope not found in namespace urbanos on cluster local");
    }

    [Fact]
    public async Task SetImage_PatchesOneContainer_RecordsTheCause_AndRefusesAnUnknownContainer()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var image = "registry.urbanos.com/urbanos/service-billing:3.2.0";
        var container = c.DeploymentObject()["spec"]!["template"]!["spec"]!["containers"]![0]!.Str("name")!;

        var dry = await c.Bot.SetImageAsync(c.Target, KubeTestCluster.Billing, container, image, "chatops set image", dryRun: true, None);
        c.DeploymentObject()["spec"]!["template"]!["spec"]!["containers"]![0]!.Str("image").ShouldBe(KubeTestCluster.Images[2]);
        var set = await c.Bot.SetImageAsync(c.Target, KubeTestCluster.Billing, container, image, "chatops set image", dryRun: false, None);
        var missing = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.SetImageAsync(c.Target, KubeTestCluster.Billing, "nope", image, "x", false, None));

        (dry.Before, dry.After, dry.DryRun).ShouldBe((KubeTestCluster.Images[2], image, true));
        (set.Before, set.After).ShouldBe((KubeTestCluster.Images[2], image));
        var d = c.DeploymentObject();
        d["spec"]!["template"]!["spec"]!["containers"]![0]!.Str("image").ShouldBe(image);
        d.Str("metadata", "annotations", "kubernetes.io/change-cause").ShouldBe("chatops set image");
        (await c.Bot.GetStatusAsync(c.Target, KubeTestCluster.Billing, None)).Deployment.Revision.ShouldBe(4);
        missing.Message.ShouldBe($"deployment {KubeTestCluster.Billing} in urbanos on cluster local has no container 'nope'; containers: {container} (nothing changed)");
    }

    [Fact]
    public async Task Undo_RestoresThePreviousRevision_AndRefusesWhatKubectlRefuses()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var dry = await c.Bot.UndoAsync(c.Target, KubeTestCluster.Billing, null, dryRun: true, None);
        c.DeploymentObject().Str("metadata", "annotations", "deployment.kubernetes.io/revision").ShouldBe("3");
        var undo = await c.Bot.UndoAsync(c.Target, KubeTestCluster.Billing, null, dryRun: false, None);

        dry.DryRun.ShouldBeTrue();
        (undo.FromRevision, undo.ToRevision, undo.DryRun).ShouldBe((3, 2, false));
        undo.FromImages.ShouldBe([KubeTestCluster.Images[2]]);
        undo.ToImages.ShouldBe([KubeTestCluster.Images[1]]);
        var d = c.DeploymentObject();
        d["spec"]!["template"]!["spec"]!["containers"]![0]!.Str("image").ShouldBe(KubeTestCluster.Images[1]);
        d.Str("metadata", "annotations", "deployment.kubernetes.io/revision").ShouldBe("4");
        d.Str("metadata", "annotations", "kubernetes.io/change-cause").ShouldBe($"deploy {KubeTestCluster.Images[1]}");
        (d["spec"]!["template"]!["metadata"]!["labels"] as System.Text.Json.Nodes.JsonObject)!.ContainsKey("pod-template-hash").ShouldBeFalse();

        var missing = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.UndoAsync(c.Target, KubeTestCluster.Billing, 9, false, None));
        missing.Message.ShouldBe($"deployment {KubeTestCluster.Billing} in urbanos on cluster local has no revision 9; revisions: 1, 3, 4 (nothing changed)");
        var writes = c.Server.Calls.Count(x => x.Verb == "patch");
        var already = await c.Bot.UndoAsync(c.Target, KubeTestCluster.Billing, 4, false, None);
        (already.Skipped, already.ToRevision).ShouldBe((true, 4));
        c.Server.Calls.Count(x => x.Verb == "patch").ShouldBe(writes, "a skipped rollback writes nothing");
        c.Server.Seed.Update(KubeTestCluster.Ns, KubeTestCluster.Billing, o => o["spec"]!["paused"] = true);
        var paused = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.UndoAsync(c.Target, KubeTestCluster.Billing, 1, false, None));
        paused.Message.ShouldContain("is paused; resume it before rolling back");
    }

    [Fact]
    public async Task Restart_AnnotatesThePodTemplate_AndRollsANewRevision()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var at = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);

        var r = await c.Bot.RestartAsync(c.Target, KubeTestCluster.Billing, at, dryRun: false, None);

        r.RestartedAt.ShouldBe("2026-02-03T04:05:06Z");
        c.DeploymentObject().Str("spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt").ShouldBe("2026-02-03T04:05:06Z");
        (await c.Bot.GetStatusAsync(c.Target, KubeTestCluster.Billing, None)).Deployment.Revision.ShouldBe(4);

        // Same second again: the annotation already holds this value, so a write would change nothing; refused, no patch.
        var again = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.RestartAsync(c.Target, KubeTestCluster.Billing, at.AddMilliseconds(400), dryRun: false, None));
        again.Message.ShouldContain("already restarted at 2026-02-03T04:05:06Z, within the past second");
        c.Server.Calls.Count(x => x.Verb == "patch").ShouldBe(1);
        (await c.Bot.GetStatusAsync(c.Target, KubeTestCluster.Billing, None)).Deployment.Revision.ShouldBe(4);
    }

    [Fact]
    public async Task NotFound_NamesNamespaceAndCluster()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var ex = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.GetStatusAsync(c.Target, "nope", None));
        var hpa = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.SetHpaBoundsAsync(c.Target, "nope", 2, 3, false, None));

        ex.Message.ShouldBe("deployment nope not found in namespace urbanos on cluster local");
        hpa.Message.ShouldBe("HPA nope not found in namespace urbanos on cluster local");
    }

    [Fact]
    public async Task Forbidden_NamesVerbAndResource_AndPointsAtTheManifest()
    {
        await using var c = await KubeTestCluster.StartAsync();
        c.Server.Interceptor = (call, _) => Task.FromResult(call.RbacResource == "deployments/scale" ? KubeApiServer.Forbidden(call) : null);

        var ex = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.ScaleAsync(c.Target, KubeTestCluster.Billing, 5, false, None));

        ex.Kind.ShouldBe(KubernetesFailureKind.Forbidden);
        ex.Message.ShouldBe("the bot's service account is forbidden to patch deployments/scale in namespace urbanos on cluster local; grant it in manifests/rbac.yaml");
        c.DeploymentObject().Num("spec", "replicas").ShouldBe(3);
    }

    [Fact]
    public async Task Conflict_IsRetriedAfterReReading()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var raced = 0;
        c.Server.Interceptor = (call, _) =>
        {
            // Someone else writes between our read and our first patch: the patch carries a stale resourceVersion.
            if (call.Verb == "patch" && raced++ == 0)
            {
                c.Server.Seed.Update(KubeTestCluster.Ns, KubeTestCluster.Billing, o => o.Obj("metadata").Obj("labels")["touched"] = "yes");
            }

            return Task.FromResult<ApiException?>(null);
        };

        var change = await c.Bot.ScaleAsync(c.Target, KubeTestCluster.Billing, 4, false, None);

        change.After.ShouldBe(4);
        c.Server.Calls.Count(x => x.Verb == "patch").ShouldBe(2);
    }

    [Fact]
    public async Task Conflict_GivesUpAfterThreeAttempts_WithNothingChanged()
    {
        await using var c = await KubeTestCluster.StartAsync();
        c.Server.Interceptor = (call, _) =>
        {
            if (call.Verb == "patch")
            {
                c.Server.Seed.Update(KubeTestCluster.Ns, KubeTestCluster.Billing, o => o.Obj("metadata").Obj("labels")["touched"] = Guid.NewGuid().ToString("N"));
            }

            return Task.FromResult<ApiException?>(null);
        };

        var ex = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.UndoAsync(c.Target, KubeTestCluster.Billing, null, false, None));

        ex.Message.ShouldBe($"deployment {KubeTestCluster.Billing} in urbanos on cluster local kept changing under us (3 conflicts in a row); nothing was changed, try again");
        c.DeploymentObject()["spec"]!["template"]!["spec"]!["containers"]![0]!.Str("image").ShouldBe(KubeTestCluster.Images[2]);
    }

    [Fact]
    public async Task SlowApiServer_TimesOut_NamingTheCluster()
    {
        await using var c = await KubeTestCluster.StartAsync(timeout: TimeSpan.FromSeconds(1));
        c.Server.Interceptor = async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            return null;
        };

        var ex = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.GetStatusAsync(c.Target, KubeTestCluster.Billing, None));

        ex.Kind.ShouldBe(KubernetesFailureKind.Timeout);
        ex.Message.ShouldStartWith("cluster local did not answer within 1s (deployment urbanos-service-billing)");
    }

    [Fact]
    public async Task UnreachableApiServer_NamesTheCluster()
    {
        var c = await KubeTestCluster.StartAsync();
        var bot = c.Bot;
        var target = c.Target;
        await c.Server.DisposeAsync(); // the port is closed now; the kubeconfig still points at it

        var ex = await Should.ThrowAsync<KubernetesFailure>(() => bot.GetStatusAsync(target, KubeTestCluster.Billing, None));

        ex.Kind.ShouldBe(KubernetesFailureKind.Unreachable);
        ex.Message.ShouldStartWith("cannot reach the API server of cluster local");
        c.Clients.Dispose();
    }

    [Fact]
    public async Task ServerValidation_IsReportedInOneLine()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var ex = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.ScaleAsync(c.Target, KubeTestCluster.Billing, -1, false, None));

        ex.Kind.ShouldBe(KubernetesFailureKind.Invalid);
        ex.Message.ShouldStartWith("cluster local refused the change: Scale.autoscaling \"urbanos-service-billing\" is invalid");
        _ = HttpStatusCode.UnprocessableEntity;
    }
}

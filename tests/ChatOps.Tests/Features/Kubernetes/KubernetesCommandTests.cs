using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary>The Kubernetes commands through the real parser and pipeline, on a fake of the port.</summary>
public sealed class KubernetesCommandTests
{
    [Theory]
    [InlineData("scale web 5 --cluster staging")]
    [InlineData("scale deployment web --replicas=5 --cluster staging")]
    [InlineData("scale deployment/web --replicas 5 --cluster=staging -n default")]
    [InlineData("scale deploy web 5 --cluster staging")]
    public async Task Scale_BothKubectlAndShortForms_RunTheSameCanonicalCommand(string text)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.ShouldBe(["scale staging/default/web 5"]);
        bot.Store.Entries[^1].Record.ParsedRequest.ShouldBe("scale web 5 --namespace=default --cluster=staging");
        result.Text.ShouldBe("scaled deployment web in default on cluster staging: 3 → 5 replicas");
        result.Visibility.ShouldBe(Visibility.InChannel);
    }

    [Fact]
    public async Task ScaleBy_AddsToTheDesiredCountReadWhenItRuns()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", "scale web --by 2 --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.ShouldBe(["status staging/default/web", "scale staging/default/web 5"]);
        bot.Store.Entries[^1].Record.ParsedRequest.ShouldBe("scale web --by=2 --namespace=default --cluster=staging");
    }

    [Fact]
    public async Task ScaleBy_AboveTheClusterLimit_IsRefused_WithNothingScaled()
    {
        await using var bot = TestBot.Create(s => s["ChatOps:Clusters:staging:MaxReplicas"] = "4");

        var result = await bot.RunAsync("alice", "scale web --by 2 --cluster staging");

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldBe("scaling web by 2 would give 5 replicas, above the limit of cluster staging (MaxReplicas 4)");
        bot.Kube.Calls.ShouldBe(["status staging/default/web"]);
    }

    [Theory]
    [InlineData("scale web 5 --by 2 --cluster staging", "give either the replica count or --by, not both")]
    [InlineData("scale web --by 0 --cluster staging", "must be between 1 and 100")]
    [InlineData("scale web --cluster staging", "give the replica count")]
    [InlineData("scale web 5 --replicas=6 --cluster staging", "given twice")]
    [InlineData("scale web 51 --cluster staging", "above the limit of cluster staging (MaxReplicas 50)")]
    [InlineData("scale web -1 --cluster staging", "must be between 0 and 10000")]
    [InlineData("scale Web_1 5 --cluster staging", "is not a valid name")]
    [InlineData("scale web 5", "name a cluster with --cluster; there is no default cluster (configured: prod-eks, staging)")]
    [InlineData("scale web 5 --cluster nowhere", "unknown cluster 'nowhere' (configured: prod-eks, staging)")]
    [InlineData("hpa web --min 5 --max 3 --cluster staging", "--min (5) must not be above --max (3)")]
    [InlineData("hpa web --min 0 --cluster staging", "--min must be at least 1")]
    [InlineData("hpa web --dry-run --cluster staging", "give --min, --max or both")]
    [InlineData("rollout status web --wait 1h --cluster staging", "--wait must be between 1s and 15m")]
    public async Task InvalidArguments_AreRefusedBeforeAnyCall(string text, string expected)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldContain(expected);
        bot.Kube.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Namespace_NotAllowedOnCluster_IsRefusedBeforeAnyCall()
    {
        await using var bot = TestBot.Create(s =>
        {
            s["ChatOps:Clusters:staging:Namespaces:0"] = "urbanos";
            s["ChatOps:Clusters:staging:DefaultNamespace"] = "urbanos";
        });

        var other = await bot.RunAsync("alice", "status web -n kube-system --cluster staging");
        var allowed = await bot.RunAsync("alice", "status web --cluster staging");

        other.Outcome.ShouldBe(Outcome.Invalid);
        other.Text.ShouldStartWith("namespace 'kube-system' is not allowed on cluster staging (allowed: urbanos)");
        allowed.Outcome.ShouldBe(Outcome.Succeeded);
        bot.Kube.Calls.ShouldBe(["status staging/urbanos/web"]);
    }

    [Fact]
    public async Task DefaultCluster_IsUsedAndWrittenIntoTheCanonicalCommand()
    {
        await using var bot = TestBot.Create(s => s["ChatOps:Clusters:staging:Default"] = "true");

        var result = await bot.RunAsync("alice", "rollout undo deployment/web --to-revision=2");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        bot.Kube.Calls.ShouldBe(["undo staging/default/web 2"]);
        bot.Store.Entries[^1].Record.ParsedRequest.ShouldBe("rollout undo web --to-revision=2 --namespace=default --cluster=staging");
        result.Text.ShouldBe("rolled back deployment web in default on cluster staging: revision 3 → 2 (template of revision 2); image registry/web:3 → registry/web:2");
    }

    [Fact]
    public async Task ScaleToZero_OnProduction_NeedsApproval_ThenRunsOnce()
    {
        await using var bot = TestBot.Create();

        var request = await bot.RunAsync("dave", "scale web 0 --cluster prod-eks");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval);
        request.Text.ShouldContain("\nDeployment now: web: 3 desired, 3 ready, revision 3, image registry/web:3");
        bot.Kube.Calls.ShouldBe(["status prod-eks/default/web"]);
        var approved = await bot.RunAsync("alice", $"approve {request.Reference}");
        approved.Outcome.ShouldBe(Outcome.Succeeded, approved.Text);
        bot.Kube.Calls.ShouldBe(["status prod-eks/default/web", "scale prod-eks/default/web 0"]);
        (await bot.RunAsync("bob", $"approve {request.Reference}")).Outcome.ShouldNotBe(Outcome.Succeeded);
        bot.Kube.Calls.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("scale web 2 --cluster prod-eks")]
    [InlineData("rollout undo web --cluster prod-eks")]
    [InlineData("scale web 0 --cluster staging")]
    public async Task NonZeroScale_Undo_AndNonProduction_RunWithoutApproval(string text)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync(text.Contains("staging", StringComparison.Ordinal) ? "alice" : "dave", text);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("carol", "scale web 2 --cluster prod-eks", "needs operator on prod-eks/default; console:carol has viewer there")]
    [InlineData("dave", "scale web 2 --cluster staging", "needs operator on staging/default; console:dave has no role there")]
    [InlineData("erin", "rollout restart web -n urbanos --cluster prod-eks", "needs operator on prod-eks/urbanos")]
    public async Task Roles_AreCheckedOnClusterAndNamespace(string user, string text, string expected)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync(user, text);

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldContain(expected);
        bot.Kube.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Viewer_MayReadStatusAndHistory()
    {
        await using var bot = TestBot.Create();

        var status = await bot.RunAsync("carol", "status web --cluster prod-eks");
        var history = await bot.RunAsync("carol", "rollout history deploy/web --cluster prod-eks");

        status.Outcome.ShouldBe(Outcome.Succeeded);
        status.Text.ShouldContain("web-3-abcde  Running  1/1    2");
        history.Text.ShouldContain("3 (current)");
        history.Text.ShouldContain("deploy 3");
        history.Text.ShouldContain("<none>");
    }

    [Fact]
    public async Task Scale_WithHpa_SaysTheHpaWillOverrideAValueOutsideItsBounds()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Hpa = new HpaView("web", "web", 2, 10, 3, 3, "cpu 41%/70%");

        var result = await bot.RunAsync("alice", "scale web 12 --cluster staging --dry-run");

        result.Text.ShouldStartWith("would scale deployment web in default on cluster staging: 3 → 12 replicas (dry run: the API server validated the change; nothing was changed)");
        result.Text.ShouldContain("12 is outside its bounds, so the HPA will set it back within 2–10");
        bot.Kube.Calls.ShouldBe(["scale staging/default/web 12 dry-run"]);
    }

    [Fact]
    public async Task ScaleToZero_WithHpa_SaysTheHpaIsInactive_NotThatItScalesBack()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Hpa = new HpaView("web-hpa", "web", 2, 10, 3, 3, "cpu 41%/70%");

        var result = await bot.RunAsync("alice", "scale web 0 --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldContain("at 0 replicas the HPA is inactive (ScalingDisabled) and will not scale it back up; autoscaling resumes once replicas > 0 (e.g. `scale web 2`)");
        result.Text.ShouldNotContain("set it back");
    }

    [Fact]
    public async Task UndoToTheCurrentRevision_IsKubectlsSkippedRollback_ASuccess()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", "rollout undo web --to-revision 3 --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldBe("skipped rollback of deployment web in default on cluster staging (current template already matches revision 3); nothing changed");
    }

    [Fact]
    public async Task RestartTwiceInOneSecond_SecondIsRefusedTruthfully_LikeKubectl()
    {
        await using var bot = TestBot.Create();

        var first = await bot.RunAsync("alice", "rollout restart web --cluster staging");
        var second = await bot.RunAsync("alice", "rollout restart web --cluster staging");

        first.Outcome.ShouldBe(Outcome.Succeeded, first.Text);
        second.Outcome.ShouldBe(Outcome.Failed);
        second.Text.ShouldBe($"deployment web in default on cluster staging was already restarted at {bot.Kube.RestartedAt}, within the past second; please wait a second before restarting it again (nothing changed)");
    }

    [Fact]
    public void RestartPlan_RefusesPausedAndSameSecond_WritesANewStampOtherwise()
    {
        var target = new KubeTarget("c", "ns");
        var at = new DateTimeOffset(2026, 2, 3, 4, 5, 6, 700, TimeSpan.Zero);

        RolloutRestartPlan.Check(target, "web", false, null, at).ShouldBe("2026-02-03T04:05:06Z");
        RolloutRestartPlan.Check(target, "web", false, "2026-02-03T04:05:05Z", at).ShouldBe("2026-02-03T04:05:06Z");
        Should.Throw<KubernetesFailure>(() => RolloutRestartPlan.Check(target, "web", false, "2026-02-03T04:05:06Z", at)).Message.ShouldContain("already restarted at 2026-02-03T04:05:06Z");
        Should.Throw<KubernetesFailure>(() => RolloutRestartPlan.Check(target, "web", true, null, at)).Message.ShouldContain("is paused");
    }

    [Fact]
    public async Task HpaWithoutBounds_ShowsTheHpa_ToAViewer_WithNothingChanged()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("carol", "hpa web --cluster prod-eks");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldBe("HPA web in default on cluster prod-eks → deployment web: min 2, max 10, current 3, desired 3; metrics (current/target): cpu 41%/70%\n" +
            "conditions:\nAbleToScale=True (ReadyForNewScale): recommended size matches current size\nScalingActive=True (ValidMetricFound)");
        bot.Kube.Calls.ShouldBe(["get hpa prod-eks/default/web"]);
    }

    [Fact]
    public async Task HpaList_ListsTheNamespacesHpas_AsKubectlGetHpa()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Hpa = new HpaView("web-hpa", "web", 2, 10, 3, 3, "cpu 41%/70%");

        var result = await bot.RunAsync("carol", "hpa list -n default --cluster prod-eks");
        bot.Kube.Hpa = null;
        var none = await bot.RunAsync("carol", "hpa list --cluster prod-eks");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldContain("web-hpa  Deployment/web  cpu 41%/70%");
        none.Text.ShouldBe("no HPAs in default on cluster prod-eks");
        bot.Kube.Calls.ShouldBe(["list hpa prod-eks/default", "list hpa prod-eks/default"]);
    }

    [Fact]
    public async Task SetImage_RecordsTheChangeCause_AndShowsOldToNew()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", "set image deployment/web web=registry/web:4 --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldStartWith("set image of container web in deployment web in default on cluster staging: registry/web:3 → registry/web:4; a rolling update");
        bot.Kube.Calls.ShouldBe(["set image staging/default/web web=registry/web:4 cause: chatops set image web web=registry/web:4 --namespace=default --cluster=staging"]);
        bot.Store.Entries[^1].Record.ParsedRequest.ShouldBe("set image web web=registry/web:4 --namespace=default --cluster=staging");
    }

    [Fact]
    public async Task SetImage_OnProduction_NeedsApproval_ShowingOldToNew_ThenRunsOnce()
    {
        await using var bot = TestBot.Create();

        var request = await bot.RunAsync("dave", "set image web web=registry/web:4 --cluster prod-eks");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        request.Text.ShouldContain("Image: web: registry/web:3 → registry/web:4");
        bot.Kube.Image.ShouldBe("registry/web:3", "the approval preview is a dry run");
        var approved = await bot.RunAsync("alice", $"approve {request.Reference}");
        approved.Outcome.ShouldBe(Outcome.Succeeded, approved.Text);
        bot.Kube.Image.ShouldBe("registry/web:4");
        bot.Kube.Calls.Count(c => !c.Contains("dry-run", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task SetImage_UnknownContainer_IsRefused_InThePreviewToo()
    {
        await using var bot = TestBot.Create();

        var preview = await bot.RunAsync("alice", "set image web api=registry/web:4 --cluster staging --dry-run");

        preview.Outcome.ShouldBe(Outcome.Failed);
        preview.Text.ShouldBe("deployment web in default on cluster staging has no container 'api'; containers: web (nothing changed)");
        bot.Kube.Image.ShouldBe("registry/web:3");
    }

    [Theory]
    [InlineData("set image web registry/web:4 --cluster staging", "give the change as <container>=<image>")]
    [InlineData("set image web web= --cluster staging", "give the change as <container>=<image>")]
    [InlineData("set image web Web_1=registry/web:4 --cluster staging", "'Web_1' is not a container name")]
    [InlineData("set image web web=Registry/WEB:4 --cluster staging", "is not an image reference")]
    [InlineData("set image web web=registry/web:4;rm --cluster staging", "is not an image reference")]
    public async Task SetImage_BadAssignment_IsRefusedBeforeAnyCall(string text, string expected)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Invalid, result.Text);
        result.Text.ShouldContain(expected);
        bot.Kube.Calls.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("nginx", true)]
    [InlineData("registry.urbanos.com:5000/urbanos/service-billing:3.1.8", true)]
    [InlineData("ghcr.io/org/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("app:", false)]
    [InlineData("app/UPPER", false)]
    [InlineData("a b", false)]
    public void ImageReference_FollowsTheDistributionGrammar(string image, bool valid) =>
        SetImageCommandValidator.IsImageReference(image).ShouldBe(valid);

    [Fact]
    public async Task PortFailure_IsOneLine_AndAudited()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Fail = new KubernetesFailure(KubernetesFailureKind.NotFound, "deployment web not found in namespace default on cluster staging");

        var result = await bot.RunAsync("alice", "rollout restart web --cluster staging");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("deployment web not found in namespace default on cluster staging");
    }

    [Fact]
    public async Task RolloutStatus_ReportsFailureFromTheProgressDeadline()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 1, available: 0, failure: "ProgressDeadlineExceeded"));

        var result = await bot.RunAsync("alice", "rollout status web --cluster staging");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldContain("exceeded its progress deadline");
    }

    [Fact]
    public void UndoPlan_FollowsKubectl()
    {
        var target = new KubeTarget("c", "ns");
        var d = FakeKubernetes.Deployment(revision: 3);
        ReplicaSetView Rs(long rev, bool current = false) => new($"web-{rev}", rev, 0, 0, [$"img:{rev}"], null, null, current);
        var owned = new[] { Rs(1), Rs(3, current: true), Rs(2) };

        RolloutUndoPlan.Choose(target, d, owned, null).Revision.ShouldBe(2);
        RolloutUndoPlan.Choose(target, d, owned, 1).Revision.ShouldBe(1);
        Should.Throw<KubernetesFailure>(() => RolloutUndoPlan.Choose(target, d, owned, 7)).Message
            .ShouldBe("deployment web in ns on cluster c has no revision 7; revisions: 1, 2, 3 (nothing changed)");
        RolloutUndoPlan.Choose(target, d, owned, 3).MatchesDeploymentTemplate.ShouldBeTrue();
        Should.Throw<KubernetesFailure>(() => RolloutUndoPlan.Choose(target, d with { Paused = true }, owned, null)).Message
            .ShouldStartWith("deployment web in ns on cluster c is paused");
        Should.Throw<KubernetesFailure>(() => RolloutUndoPlan.Choose(target, d, [Rs(3, current: true)], null)).Message
            .ShouldContain("no previous revision");
    }
}

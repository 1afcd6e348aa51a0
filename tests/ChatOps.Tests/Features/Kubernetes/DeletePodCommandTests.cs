using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary><c>delete pod</c> through the real parser, pipeline and handler, on the fake Kubernetes port.</summary>
public sealed class DeletePodCommandTests
{
    [Theory]
    [InlineData("delete pod Web_3 --cluster staging", "is not a valid name")]
    [InlineData("delete pod web-3-abcde;rm --cluster staging", "is not a valid name")]
    [InlineData("delete pod --cluster staging", "missing <pod>")]
    [InlineData("delete pod web-3-abcde", "name a cluster with --cluster")]
    [InlineData("delete pod web-3-abcde -n Bad_NS --cluster staging", "Bad_NS")]
    public async Task BadArguments_AreRefusedInOneLine_BeforeAnyCall(string text, string expected)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Invalid, result.Text);
        // One line saying what is wrong; the usage line under it is the parser's standard help.
        var lines = result.Text.Split('\n');
        lines[0].ShouldContain(expected);
        lines.Skip(1).ShouldAllBe(l => l.StartsWith("usage: delete pod <pod>", StringComparison.Ordinal));
        bot.Kube.Calls.ShouldBeEmpty();
        bot.Kube.OwnedPods.Count.ShouldBe(4);
    }

    [Theory]
    [InlineData("debug", "pod debug in default on cluster staging has no owner: deleted, nothing would bring it back; only pods of a deployment are deleted by this command (nothing changed)")]
    [InlineData("migrate-x1", "pod migrate-x1 in default on cluster staging is owned by Job migrate, not by a deployment's ReplicaSet")]
    public async Task PodThatNothingBringsBack_IsRefused_WithNothingDeleted(string pod, string expected)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", $"delete pod {pod} --cluster staging");

        result.Outcome.ShouldBe(Outcome.Failed, result.Text);
        result.Text.ShouldStartWith(expected);
        bot.Kube.OwnedPods.ShouldContainKey(pod);
        bot.Kube.Calls.ShouldBe([$"delete pod staging/default/{pod}"]);
    }

    [Fact]
    public void PodOwners_RefuseAReplicaSetNoDeploymentOwns()
    {
        var target = new KubeTarget("c", "ns");

        Should.Throw<KubernetesFailure>(() => PodOwners.Check(target, "p", new OwnerView("ReplicaSet", "rs"), null)).Message
            .ShouldBe("pod p in ns on cluster c is owned by ReplicaSet rs, which no deployment owns; only pods of a deployment are deleted by this command (nothing changed)");
        PodOwners.Check(target, "p", new OwnerView("ReplicaSet", "rs"), new OwnerView("Deployment", "web")).ShouldBe(("rs", "web"));
    }

    [Fact]
    public async Task DryRun_PreviewsTheDeletion_AndDeletesNothing()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", "delete pod web-3-abcde --cluster staging --dry-run");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldStartWith("would delete pod web-3-abcde (Running) in default on cluster staging; ReplicaSet web-3 of deployment web would replace it (dry run");
        bot.Kube.Calls.ShouldBe(["delete pod staging/default/web-3-abcde dry-run"]);
        bot.Kube.OwnedPods.ShouldContainKey("web-3-abcde");
    }

    [Fact]
    public async Task Delete_NamesTheReplacement_OnceTheReplicaSetHasCreatedIt()
    {
        await using var bot = TestBot.Create();
        bot.Kube.ReplacementAfterChecks = 3;

        var result = await bot.Clock.RunAsync(bot.RunAsync("alice", "delete pod web-3-abcde --cluster staging"));

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldBe("deleted pod web-3-abcde (Running) in default on cluster staging; ReplicaSet web-3 of deployment web replaces it: its replacement is pod web-3-klmno");
        result.Fields.ShouldContain(f => f.Name == "Replaced by" && f.Value == "web-3-klmno");
        result.Visibility.ShouldBe(Visibility.InChannel);
        bot.Kube.OwnedPods.ShouldNotContainKey("web-3-abcde");
        bot.Kube.Calls.Count(c => c.StartsWith("find replacement", StringComparison.Ordinal)).ShouldBe(4);
        bot.Store.Entries[^1].Record.ParsedRequest.ShouldBe("delete pod web-3-abcde --namespace=default --cluster=staging");
    }

    /// <summary>A sibling that was already there is never taken for the replacement.</summary>
    [Fact]
    public async Task Delete_WithoutAReplacementInTime_SaysSo_AndStillSucceeds()
    {
        await using var bot = TestBot.Create();
        bot.Kube.ReplacementAfterChecks = int.MaxValue;

        var started = bot.Clock.GetUtcNow();
        var result = await bot.Clock.RunAsync(bot.RunAsync("alice", "delete pod web-3-abcde --cluster staging"));

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldEndWith("replaces it; no replacement seen within 5s (follow it with `status web -n default`)");
        result.Text.ShouldNotContain("web-3-fghij");
        (bot.Clock.GetUtcNow() - started).ShouldBeLessThanOrEqualTo(DeletePodHandler.ReplacementWait);
    }

    [Fact]
    public async Task OnProduction_NeedsApproval_ShowingThePodAndItsReplacer_ThenDeletesOnce()
    {
        await using var bot = TestBot.Create();

        var request = await bot.RunAsync("dave", "delete pod web-3-abcde --cluster prod-eks");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        request.Text.ShouldContain("Pod: web-3-abcde (Running), replaced by ReplicaSet web-3 of deployment web");
        bot.Kube.Calls.ShouldBe(["delete pod prod-eks/default/web-3-abcde dry-run"]);
        bot.Kube.OwnedPods.ShouldContainKey("web-3-abcde");

        var approved = await bot.Clock.RunAsync(bot.RunAsync("alice", $"approve {request.Reference}"));

        approved.Outcome.ShouldBe(Outcome.Succeeded, approved.Text);
        approved.Text.ShouldContain("its replacement is pod web-3-klmno");
        bot.Kube.Calls.Count(c => c.StartsWith("delete pod", StringComparison.Ordinal) && !c.EndsWith("dry-run", StringComparison.Ordinal)).ShouldBe(1);
        bot.Kube.OwnedPods.ShouldNotContainKey("web-3-abcde");
    }

    [Theory]
    [InlineData("web-3-zzzzz", "pod web-3-zzzzz not found in namespace default on cluster prod-eks")]
    [InlineData("debug", "pod debug in default on cluster prod-eks has no owner")]
    public async Task OnProduction_APodThatIsMissingOrUnowned_IsRefusedBeforeAnyoneIsAsked(string pod, string expected)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("dave", $"delete pod {pod} --cluster prod-eks");

        result.Outcome.ShouldNotBe(Outcome.AwaitingApproval, result.Text);
        result.Outcome.ShouldNotBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldContain(expected);
        result.Reference.ShouldBeNull();
        (await bot.Store.CountPendingAsync(bot.Clock.GetUtcNow(), CancellationToken.None)).ShouldBe(0);
        bot.Kube.Calls.ShouldBe([$"delete pod prod-eks/default/{pod} dry-run"]);
    }

    [Theory]
    [InlineData("carol", "prod-eks", "needs operator on prod-eks/default; console:carol has viewer there")]
    [InlineData("dave", "staging", "needs operator on staging/default; console:dave has no role there")]
    public async Task WithoutOperator_IsDenied_BeforeAnyCall(string user, string cluster, string expected)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync(user, $"delete pod web-3-abcde --cluster {cluster}");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldContain(expected);
        bot.Kube.Calls.ShouldBeEmpty();
    }
}

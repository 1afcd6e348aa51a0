using System.Text.RegularExpressions;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.SimCluster;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// The real kubectl (from PATH; scripts/services.sh installs it) against the test API server: it must work there,
/// and from the same starting state the bot and kubectl must leave byte-identical objects. A missing kubectl
/// fails these tests; they never skip.
/// </summary>
public sealed class KubectlEquivalenceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Kubectl_Get_And_RolloutHistory_WorkAgainstTheServer()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var get = await c.KubectlAsync("get", "deployment", KubeTestCluster.Billing, "-n", KubeTestCluster.Ns, "-o", "jsonpath={.spec.replicas} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}");
        var history = await c.KubectlAsync("rollout", "history", $"deployment/{KubeTestCluster.Billing}", "-n", KubeTestCluster.Ns);

        get.ShouldBe((0, "3 3"));
        history.Exit.ShouldBe(0, history.Output);
        history.Output.ShouldContain($"1         deploy {KubeTestCluster.Images[0]}");
        history.Output.ShouldContain($"3         deploy {KubeTestCluster.Images[2]}");
    }

    [Fact]
    public async Task Undo_BotAndKubectl_LeaveByteIdenticalDeployments()
    {
        await using var bot = await KubeTestCluster.StartAsync();
        await using var kubectl = await KubeTestCluster.StartAsync();

        await bot.Bot.UndoAsync(bot.Target, KubeTestCluster.Billing, null, dryRun: false, None);
        var run = await kubectl.KubectlAsync("rollout", "undo", $"deployment/{KubeTestCluster.Billing}", "-n", KubeTestCluster.Ns);

        run.Exit.ShouldBe(0, run.Output);
        Template(bot).ShouldBe(Template(kubectl));
        Annotations(bot).ShouldBe(Annotations(kubectl));
        Template(bot).ShouldContain(KubeTestCluster.Images[1]);
    }

    [Fact]
    public async Task UndoToRevision_BotAndKubectl_LeaveByteIdenticalDeployments()
    {
        await using var bot = await KubeTestCluster.StartAsync();
        await using var kubectl = await KubeTestCluster.StartAsync();

        await bot.Bot.UndoAsync(bot.Target, KubeTestCluster.Billing, 1, dryRun: false, None);
        var run = await kubectl.KubectlAsync("rollout", "undo", $"deployment/{KubeTestCluster.Billing}", "--to-revision=1", "-n", KubeTestCluster.Ns);

        run.Exit.ShouldBe(0, run.Output);
        Template(bot).ShouldBe(Template(kubectl));
        Annotations(bot).ShouldBe(Annotations(kubectl));
        Template(bot).ShouldContain(KubeTestCluster.Images[0]);
        var history = await kubectl.KubectlAsync("rollout", "history", $"deployment/{KubeTestCluster.Billing}", "-n", KubeTestCluster.Ns);
        history.Output.ShouldContain($"4         deploy {KubeTestCluster.Images[0]}");
    }

    [Fact]
    public async Task Undo_RefusesTheSameMissingRevisionAsKubectl()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var before = c.Deployment();

        var run = await c.KubectlAsync("rollout", "undo", $"deployment/{KubeTestCluster.Billing}", "--to-revision=9", "-n", KubeTestCluster.Ns);
        var ours = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.UndoAsync(c.Target, KubeTestCluster.Billing, 9, false, None));

        run.Exit.ShouldNotBe(0);
        run.Output.ShouldContain("revision 9");
        ours.Message.ShouldContain("has no revision 9");
        c.Deployment().ShouldBe(before);
    }

    [Fact]
    public async Task UndoToTheCurrentRevision_IsSkipped_ByBothWithNothingWritten()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var before = c.Deployment();

        var run = await c.KubectlAsync("rollout", "undo", $"deployment/{KubeTestCluster.Billing}", "--to-revision=3", "-n", KubeTestCluster.Ns);
        var ours = await c.Bot.UndoAsync(c.Target, KubeTestCluster.Billing, 3, false, None);

        run.Exit.ShouldBe(0, run.Output);
        run.Output.ShouldContain("skipped rollback (current template already matches revision 3)");
        (ours.Skipped, ours.ToRevision).ShouldBe((true, 3));
        c.Deployment().ShouldBe(before);
    }

    [Fact]
    public async Task Scale_BotAndKubectl_LeaveByteIdenticalSpecs()
    {
        await using var bot = await KubeTestCluster.StartAsync();
        await using var kubectl = await KubeTestCluster.StartAsync();

        await bot.Bot.ScaleAsync(bot.Target, KubeTestCluster.Billing, 5, dryRun: false, None);
        var run = await kubectl.KubectlAsync("scale", "deployment", KubeTestCluster.Billing, "--replicas=5", "-n", KubeTestCluster.Ns);

        run.ShouldBe((0, $"deployment.apps/{KubeTestCluster.Billing} scaled\n"));
        Json.Write(bot.DeploymentObject()["spec"]).ShouldBe(Json.Write(kubectl.DeploymentObject()["spec"]));
        kubectl.Server.Calls.Where(x => x.Verb == "patch").Select(x => x.RbacResource).ShouldBe(["deployments/scale"]);
    }

    [Fact]
    public async Task Restart_BotAndKubectl_LeaveTheSameTemplate_UpToTheTimestamp()
    {
        await using var bot = await KubeTestCluster.StartAsync();
        await using var kubectl = await KubeTestCluster.StartAsync();

        await bot.Bot.RestartAsync(bot.Target, KubeTestCluster.Billing, DateTimeOffset.UtcNow, dryRun: false, None);
        var run = await kubectl.KubectlAsync("rollout", "restart", $"deployment/{KubeTestCluster.Billing}", "-n", KubeTestCluster.Ns);

        run.Exit.ShouldBe(0, run.Output);
        var stamp = new Regex("\"kubectl.kubernetes.io/restartedAt\":\"[^\"]+\"");
        var ours = Template(bot);
        var theirs = Template(kubectl);
        stamp.Match(ours).Value.ShouldMatch("^\"kubectl.kubernetes.io/restartedAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)\"$");
        stamp.Match(theirs).Success.ShouldBeTrue(theirs);
        stamp.Replace(ours, "STAMP").ShouldBe(stamp.Replace(theirs, "STAMP"));
        kubectl.Server.Calls.Single(x => x.Verb == "patch").ContentType.ShouldStartWith(Patches.StrategicMergePatch);
    }

    private static string Template(KubeTestCluster c) => Json.Write(c.DeploymentObject()["spec"]!["template"]);

    private static string Annotations(KubeTestCluster c) => Json.Write(c.DeploymentObject()["metadata"]!["annotations"]);
}

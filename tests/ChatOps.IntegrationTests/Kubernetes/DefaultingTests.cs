using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Support;
using ChatOps.SimCluster;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// The server defaults what a client leaves out, as a real one does, so a template read back is never the one that
/// was sent; rollbacks and re-applies must still find their match. Real kubectl is the judge.
/// </summary>
public sealed class DefaultingTests
{
    private const string Ns = KubeTestCluster.Ns;

    [Fact]
    public async Task Kubectl_GetYaml_ShowsTheDefaultsTheServerFilledIn()
    {
        await using var c = await KubeTestCluster.StartAsync();
        using var temp = new TempDirectory();

        var create = await c.KubectlAsync("apply", "--validate=false", "-f", Manifest(temp, "web.yaml", "nginx", string.Empty));
        var yaml = await c.KubectlAsync("get", "deploy", "web", "-n", Ns, "-o", "yaml");

        create.Exit.ShouldBe(0, create.Output);
        yaml.Exit.ShouldBe(0, yaml.Output);
        string[] defaults =
        [
            "replicas: 1", "revisionHistoryLimit: 10", "progressDeadlineSeconds: 600", "type: RollingUpdate", "maxSurge: 25%", "maxUnavailable: 25%",
            "dnsPolicy: ClusterFirst", "restartPolicy: Always", "schedulerName: default-scheduler", "securityContext: {}", "terminationGracePeriodSeconds: 30",
            "imagePullPolicy: Always", "terminationMessagePath: /dev/termination-log", "terminationMessagePolicy: File", "protocol: TCP",
        ];
        foreach (var line in defaults)
        {
            yaml.Output.ShouldContain(line, customMessage: yaml.Output);
        }

        // The ReplicaSet and its pods carry the same defaulted template.
        var pod = c.Server.Store.List("pods", Ns).First(p => p.Str("metadata", "name")!.StartsWith("web-", StringComparison.Ordinal));
        pod.Str("spec", "schedulerName").ShouldBe("default-scheduler");
        pod["spec"]!["containers"]![0].Str("terminationMessagePath").ShouldBe(Defaults.TerminationMessagePath);
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("registry.local:5000/app", "Always")]
    [InlineData("registry.local:5000/app:2.0", "IfNotPresent")]
    [InlineData("app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent")]
    [InlineData("app:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Always")]
    public void PullPolicy_IsAlwaysOnlyForLatestOrUntagged(string image, string expected) =>
        Defaults.PullPolicy(image).ShouldBe(expected);

    [Fact]
    public async Task Kubectl_ApplyingAManifestThatDropsSpelledOutDefaults_IsNotANewRevision()
    {
        await using var c = await KubeTestCluster.StartAsync();
        using var temp = new TempDirectory();
        var explicitDefaults = Manifest(temp, "explicit.yaml", "nginx:1.27", """
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                  schedulerName: default-scheduler
                  terminationGracePeriodSeconds: 30
            """);
        var minimal = Manifest(temp, "minimal.yaml", "nginx:1.27", string.Empty);

        var first = await c.KubectlAsync("apply", "--validate=false", "-f", explicitDefaults);
        var second = await c.KubectlAsync("apply", "--validate=false", "-f", minimal);
        var history = await c.KubectlAsync("rollout", "history", "deployment/web", "-n", Ns);

        first.Exit.ShouldBe(0, first.Output);
        second.Exit.ShouldBe(0, second.Output);
        history.Output.ShouldContain("1         <none>");
        history.Output.ShouldNotContain("2         ");
        ReplicaSets(c).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Kubectl_UndoAndHistory_OnADefaultedDeployment_BehaveAsOnACluster_AndTheBotSeesTheSkip()
    {
        await using var c = await KubeTestCluster.StartAsync();
        using var temp = new TempDirectory();
        (await c.KubectlAsync("apply", "--validate=false", "-f", Manifest(temp, "web.yaml", "nginx:1.26", string.Empty))).Exit.ShouldBe(0);
        var first = ReplicaSets(c).Single();
        (await c.KubectlAsync("set", "image", "deployment/web", "web=nginx:1.27", "-n", Ns)).Exit.ShouldBe(0);

        var undo = await c.KubectlAsync("rollout", "undo", "deployment/web", "-n", Ns);
        var history = await c.KubectlAsync("rollout", "history", "deployment/web", "-n", Ns);
        var again = await c.KubectlAsync("rollout", "undo", "deployment/web", "--to-revision=3", "-n", Ns);
        var bot = await c.Bot.UndoAsync(c.Target, "web", 3, dryRun: false, CancellationToken.None);

        undo.ShouldBe((0, "deployment.apps/web rolled back\n"));
        // The first ReplicaSet was found again (same pod-template-hash) and became revision 3; no third one exists.
        ReplicaSets(c).Count.ShouldBe(2);
        var back = ReplicaSets(c).Single(rs => rs.Str("metadata", "name") == first.Str("metadata", "name"));
        back.Str("metadata", "annotations", DeploymentController.RevisionAnnotation).ShouldBe("3");
        history.Exit.ShouldBe(0, history.Output);
        history.Output.ShouldNotContain("1         ");
        history.Output.ShouldContain("2         <none>");
        history.Output.ShouldContain("3         <none>");
        again.ShouldBe((0, "deployment.apps/web skipped rollback (current template already matches revision 3)\n"));
        bot.Skipped.ShouldBeTrue();
    }

    [Fact]
    public async Task Kubectl_MaxSurgeAndMaxUnavailableBothZero_IsInvalid_ButOneZeroIsFine()
    {
        await using var c = await KubeTestCluster.StartAsync();
        using var http = c.DirectHttp();
        var path = $"apis/apps/v1/namespaces/{Ns}/deployments/{KubeTestCluster.Billing}";

        var both = await c.KubectlAsync("patch", "deployment", KubeTestCluster.Billing, "-n", Ns, "-p", """{"spec":{"strategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":0}}}}""");
        using var percent = await http.PatchAsync(path, new StringContent("""{"spec":{"strategy":{"rollingUpdate":{"maxSurge":"0%","maxUnavailable":"0%"}}}}""", Encoding.UTF8, "application/merge-patch+json"));
        var status = JsonNode.Parse(await percent.Content.ReadAsStringAsync())!;
        var one = await c.KubectlAsync("patch", "deployment", KubeTestCluster.Billing, "-n", Ns, "-p", """{"spec":{"strategy":{"rollingUpdate":{"maxSurge":0}}}}""");

        both.Exit.ShouldNotBe(0);
        both.Output.ShouldContain($"The Deployment \"{KubeTestCluster.Billing}\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0");
        percent.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var cause = status["details"]!["causes"]![0]!;
        $"{cause.Str("reason")} {cause.Str("field")} {cause.Str("message")}".ShouldBe(
            "FieldValueInvalid spec.strategy.rollingUpdate.maxUnavailable Invalid value: \"0%\": may not be 0 when `maxSurge` is 0");
        one.Exit.ShouldBe(0, one.Output);
        var rolling = c.DeploymentObject()["spec"]!["strategy"]!["rollingUpdate"]!;
        $"{rolling["maxSurge"]!.ToJsonString()} {rolling.Str("maxUnavailable")}".ShouldBe("0 25%");
    }

    [Fact]
    public async Task Kubectl_ApplyServerDryRun_OnAnExistingDeployment_ReportsTheChange_AndStoresNothing()
    {
        await using var c = await KubeTestCluster.StartAsync();
        using var temp = new TempDirectory();
        (await c.KubectlAsync("apply", "--validate=false", "-f", Manifest(temp, "v1.yaml", "nginx:1.26", string.Empty))).Exit.ShouldBe(0);
        var before = c.DeploymentObject("web");

        var run = await c.KubectlAsync("apply", "--dry-run=server", "--validate=false", "-f", Manifest(temp, "v2.yaml", "nginx:1.27", string.Empty), "-o", "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].imagePullPolicy}");
        var text = await c.KubectlAsync("apply", "--dry-run=server", "--validate=false", "-f", Path.Combine(temp.Path, "v2.yaml"));

        run.ShouldBe((0, "nginx:1.27 IfNotPresent"));
        text.ShouldBe((0, "deployment.apps/web configured (server dry run)\n"));
        c.DeploymentObject("web").ToJsonString().ShouldBe(before.ToJsonString());
        ReplicaSets(c).Count.ShouldBe(1);
    }

    private static List<JsonObject> ReplicaSets(KubeTestCluster c) =>
        c.Server.Store.List("replicasets", Ns).Where(rs => rs.Str("metadata", "name")!.StartsWith("web-", StringComparison.Ordinal)).ToList();

    // kubectl create deployment would send protobuf, which this server does not speak; apply sends JSON.
    private static string Manifest(TempDirectory temp, string file, string image, string podSpecExtra)
    {
        var path = Path.Combine(temp.Path, file);
        File.WriteAllText(path, $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: {Ns}
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
            {podSpecExtra}
                  containers:
                  - name: web
                    image: {image}
                    ports:
                    - containerPort: 8080

            """);
        return path;
    }
}

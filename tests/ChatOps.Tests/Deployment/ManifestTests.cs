using System.Text.Json.Nodes;
using ChatOps.Tests.Fakes;
using k8s;
using k8s.Models;

namespace ChatOps.Tests.Deployment;

public sealed class ManifestTests
{
    private const string Namespace = "chatops";
    private const string App = "chatops-bot";

    private static V1Deployment Deployment => Manifests.Single<V1Deployment>();

    private static V1Container Bot => Deployment.Spec.Template.Spec.Containers.ShouldHaveSingleItem();

    [Fact]
    public void EveryManifest_Parses_AndNamespacedObjectsLiveInTheBotsNamespace()
    {
        Manifests.KubernetesFiles.Select(Path.GetFileName).ShouldBe(
            ["configmap.yaml", "deployment.yaml", "namespace.yaml", "networkpolicy.yaml", "pdb.yaml", "rbac.yaml", "service.yaml"]);
        Manifests.Single<V1Namespace>().Metadata.Name.ShouldBe(Namespace);
        Manifests.Single<V1Namespace>().Metadata.Labels["pod-security.kubernetes.io/enforce"].ShouldBe("restricted");
        foreach (var o in Manifests.Objects.OfType<IKubernetesObject<V1ObjectMeta>>())
        {
            if (o is V1Namespace or V1ClusterRole or V1RoleBinding)
            {
                continue;
            }

            o.Metadata.NamespaceProperty.ShouldBe(Namespace, $"{o.Kind}/{o.Metadata.Name}");
        }
    }

    [Fact]
    public void Deployment_RunsTwoReplicas_AsTheServiceAccountTheRbacBinds()
    {
        Deployment.Spec.Replicas.ShouldBe(2);
        Deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value.ShouldBe("0", "a rollout never drops below two pods");
        var account = Manifests.Single<V1ServiceAccount>();
        Deployment.Spec.Template.Spec.ServiceAccountName.ShouldBe(account.Metadata.Name);
        Manifests.Single<V1RoleBinding>().Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == account.Metadata.Name && s.NamespaceProperty == Namespace).ShouldBeTrue();
        Deployment.Spec.Selector.MatchLabels.ShouldBe(Deployment.Spec.Template.Metadata.Labels);
    }

    [Fact]
    public void Rbac_StaysLeastPrivilege()
    {
        var rules = Manifests.Single<V1ClusterRole>().Rules;
        // Every verb on every resource, pinned: delete only on pods (delete pod), watch on deployments (rollout status
        // --wait) and on the four kinds the watch cache keeps (with their list), services/proxy get only (health reads an
        // endpoint; no create/post through the proxy).
        rules.SelectMany(r => r.ApiGroups.SelectMany(g => r.Resources.SelectMany(res => r.Verbs.Select(v => $"{g}/{res}:{v}")))).Order(StringComparer.Ordinal).ToList().ShouldBe(
        [
            "/events:list", "/pods/log:get", "/pods:delete", "/pods:get", "/pods:list", "/pods:watch", "/services/proxy:get", "/services:list",
            "apps/deployments/scale:patch", "apps/deployments:get", "apps/deployments:list", "apps/deployments:patch", "apps/deployments:watch",
            "apps/replicasets:list", "apps/replicasets:watch",
            "autoscaling/horizontalpodautoscalers:list", "autoscaling/horizontalpodautoscalers:patch", "autoscaling/horizontalpodautoscalers:watch",
        ], customMessage: "no create, update or *; delete only on pods, watch only on the watch cache's kinds");
        rules.ShouldAllBe(r => !r.Resources.Contains("*") && !r.ApiGroups.Contains("*") && !r.Resources.Contains("secrets"));
        Manifests.Objects.ShouldNotContain(o => o is V1ClusterRoleBinding, "the role is bound per namespace, never cluster-wide");
    }

    [Fact]
    public void Container_IsHardened()
    {
        var pod = Deployment.Spec.Template.Spec.SecurityContext;
        pod.RunAsNonRoot.ShouldBe(true);
        pod.RunAsUser.ShouldBe(DockerfileTests.AppUid);
        pod.SeccompProfile.Type.ShouldBe("RuntimeDefault");
        var c = Bot.SecurityContext;
        c.RunAsNonRoot.ShouldBe(true);
        c.AllowPrivilegeEscalation.ShouldBe(false);
        c.Privileged.ShouldBe(false);
        c.ReadOnlyRootFilesystem.ShouldBe(true);
        c.Capabilities.Drop.ShouldBe(["ALL"]);
        c.Capabilities.Add.ShouldBeNull();
        c.SeccompProfile.Type.ShouldBe("RuntimeDefault");
        Bot.Resources.Requests.Keys.Order().ShouldBe(["cpu", "memory"]);
        Bot.Resources.Limits.Keys.ShouldContain("memory");
    }

    [Fact]
    public void OnlyTmpIsWritable_AndItIsAnEmptyDir()
    {
        var volumes = Deployment.Spec.Template.Spec.Volumes.ToDictionary(v => v.Name);
        var writable = Bot.VolumeMounts.Where(m => m.ReadOnlyProperty != true).ShouldHaveSingleItem();
        writable.MountPath.ShouldBe("/tmp");
        volumes[writable.Name].EmptyDir.ShouldNotBeNull();
        Bot.Env.Single(e => e.Name == "TMPDIR").Value.ShouldBe("/tmp");
        Bot.Env.Single(e => e.Name == "DOTNET_EnableDiagnostics").Value.ShouldBe("0", "no diagnostics pipes on a read-only file system");
    }

    [Fact]
    public void Probes_AreLivezAndReadyz_OnTheHttpPort()
    {
        var port = Bot.Ports.ShouldHaveSingleItem();
        (port.Name, port.ContainerPort).ShouldBe(("http", 8080));
        Bot.LivenessProbe.HttpGet.Path.ShouldBe("/livez");
        Bot.ReadinessProbe.HttpGet.Path.ShouldBe("/readyz");
        Bot.StartupProbe.HttpGet.Path.ShouldBe("/livez");
        new[] { Bot.LivenessProbe, Bot.ReadinessProbe, Bot.StartupProbe }.ShouldAllBe(p => p.HttpGet.Port.Value == "http");
        Bot.Env.Single(e => e.Name == "ASPNETCORE_URLS").Value.ShouldBe("http://+:8080");
        var service = Manifests.Single<V1Service>();
        service.Spec.Selector.ShouldBe(Deployment.Spec.Template.Metadata.Labels);
        service.Spec.Ports.ShouldHaveSingleItem().TargetPort.Value.ShouldBe("http");
    }

    [Fact]
    public void Vault_UsesKubernetesAuth_WithTheProjectedServiceAccountToken()
    {
        string Env(string name) => Bot.Env.Single(e => e.Name == name).Value;
        Env("ChatOps__Vault__AuthMethod").ShouldBe("Kubernetes");
        Env("ChatOps__Vault__Role").ShouldNotBeNullOrWhiteSpace();
        Env("ChatOps__Vault__Address").ShouldStartWith("https://");
        Bot.Env.ShouldContain(e => e.Name == "ChatOps__Vault__Namespace");
        var tokenPath = Env("ChatOps__Vault__ServiceAccountTokenFile");
        var mount = Bot.VolumeMounts.Single(m => tokenPath.StartsWith(m.MountPath + "/", StringComparison.Ordinal));
        mount.ReadOnlyProperty.ShouldBe(true);
        var token = Deployment.Spec.Template.Spec.Volumes.Single(v => v.Name == mount.Name).Projected.Sources.ShouldHaveSingleItem().ServiceAccountToken;
        (mount.MountPath + "/" + token.Path).ShouldBe(tokenPath);
        token.Audience.ShouldBe("vault");
        Bot.Env.ShouldNotContain(e => e.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase) || e.Name.Contains("Token", StringComparison.Ordinal) && e.Name != "ChatOps__Vault__ServiceAccountTokenFile");
    }

    [Fact]
    public void EveryChatOpsEnvironmentVariable_NamesAKeyTheDocumentedAppsettingsHas()
    {
        // A misspelt key binds to nothing and the bot silently runs on its default (e.g. the wrong token file).
        var appsettings = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "appsettings.json")))!;
        foreach (var name in Bot.Env.Select(e => e.Name).Where(n => n.StartsWith("ChatOps__", StringComparison.Ordinal)))
        {
            var node = name.Split("__").Aggregate<string, JsonNode?>(appsettings, (n, part) => n?[part]);
            node.ShouldNotBeNull($"{name} is not a key of appsettings.json");
        }
    }

    [Fact]
    public void ConfigMap_HoldsProductionAppsettings_OnPostgres_WithoutSecrets()
    {
        var map = Manifests.Single<V1ConfigMap>();
        var json = map.Data.ShouldHaveSingleItem();
        json.Key.ShouldBe("appsettings.Production.json");
        var settings = JsonNode.Parse(json.Value)!["ChatOps"]!;
        settings["Store"]!["Provider"]!.GetValue<string>().ShouldBe("Postgres", "two replicas need the shared store");
        settings["Store"]!["ConnectionString"]!.GetValue<string>().ShouldNotContain("Password", Case.Insensitive);
        var documented = JsonNode.Parse(File.ReadAllText(Path.Combine(Fakes.RepositoryRoot.Path, "appsettings.json")))!["ChatOps"]!.AsObject();
        foreach (var (section, _) in settings.AsObject())
        {
            documented.ContainsKey(section).ShouldBeTrue($"ChatOps:{section} is not a documented section");
        }

        var mount = Bot.VolumeMounts.Single(m => m.SubPath == json.Key);
        mount.MountPath.ShouldBe("/app/appsettings.Production.json");
        Deployment.Spec.Template.Spec.Volumes.Single(v => v.Name == mount.Name).ConfigMap.Name.ShouldBe(map.Metadata.Name);
    }

    [Fact]
    public void PodDisruptionBudget_KeepsOneReplica()
    {
        var pdb = Manifests.Single<V1PodDisruptionBudget>();
        pdb.Spec.MinAvailable.Value.ShouldBe("1");
        pdb.Spec.Selector.MatchLabels.ShouldBe(Deployment.Spec.Template.Metadata.Labels);
    }

    [Fact]
    public void NetworkPolicy_AdmitsOnlyTheHttpPort_AndEgressOnlyToWhatTheBotCalls()
    {
        var policy = Manifests.Single<V1NetworkPolicy>();
        policy.Spec.PodSelector.MatchLabels.ShouldBe(Deployment.Spec.Template.Metadata.Labels);
        policy.Spec.PolicyTypes.Order().ShouldBe(["Egress", "Ingress"]);
        policy.Spec.Ingress.ShouldHaveSingleItem().Ports.ShouldHaveSingleItem().Port.Value.ShouldBe("8080");
        var egress = policy.Spec.Egress;
        egress.ShouldAllBe(rule => rule.Ports != null && rule.Ports.Count > 0 && rule.To != null && rule.To.Count > 0, "no rule opens every port or every peer");
        var ports = egress.SelectMany(r => r.Ports).Select(p => $"{p.Protocol}/{p.Port.Value}").Distinct().Order(StringComparer.Ordinal).ToList();
        ports.ShouldBe(["TCP/15672", "TCP/443", "TCP/53", "TCP/5432", "TCP/6443", "TCP/8161", "TCP/8200", "UDP/53"]);
        var internet = egress.Where(r => r.To.Any(p => p.IpBlock?.Cidr == "0.0.0.0/0")).ShouldHaveSingleItem();
        internet.Ports.ShouldHaveSingleItem().Port.Value.ShouldBe("443", "the public internet only for Slack / Teams HTTPS");
        internet.To.Single().IpBlock.Except.ShouldContain("10.0.0.0/8");
    }
}

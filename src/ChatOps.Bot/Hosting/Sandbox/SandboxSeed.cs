using ChatOps.SimCluster;

namespace ChatOps.Bot.Hosting.Sandbox;

/// <summary>
/// The services the operations guides in the seeds work on: the urbanos billing, payment and order services (billing
/// with an HPA and three revisions, so `rollout undo` has somewhere to go) and a monoql-like Node service.
/// </summary>
internal static class SandboxSeed
{
    private const string Registry = "registry.urbanos.com/urbanos";

    public static void Plant(Seeder seed)
    {
        seed.Deployment("urbanos", "urbanos-service-billing", 3,
            $"{Registry}/service-billing:3.1.7", $"{Registry}/service-billing:3.1.8", $"{Registry}/service-billing:3.1.9");
        seed.Hpa("urbanos", "urbanos-service-billing", "urbanos-service-billing", min: 2, max: 10, targetCpu: 70, currentCpu: 41, current: 3);
        seed.Deployment("urbanos", "urbanos-service-payment", 2, $"{Registry}/service-payment:2.4.0", $"{Registry}/service-payment:2.4.1");
        seed.Deployment("urbanos", "urbanos-service-order", 2, $"{Registry}/service-order:1.9.2");
        CrashingRelease(seed, "urbanos", "urbanos-service-order", $"{Registry}/service-order:1.9.3");
        seed.Deployment("monoql", "monoql", 2, "ghcr.io/monoql/monoql:1.12.0", "ghcr.io/monoql/monoql:1.13.0");
    }

    /// <summary>
    /// A release whose app container crashes a few seconds after it starts (once per pod, then runs): something to
    /// investigate — a restart count, a Last State, a previous log — and the Rollback / Restart buttons to try.
    /// </summary>
    private static void CrashingRelease(Seeder seed, string ns, string name, string image) => seed.Update(ns, name, d =>
    {
        d["metadata"]!["annotations"]![Seeder.ChangeCause] = $"deploy {image}";
        var template = d["spec"]!["template"]!;
        template["spec"]!["containers"]![0]!["image"] = image;
        template["metadata"]!["annotations"] = new System.Text.Json.Nodes.JsonObject { [Kubelet.CrashOnceAnnotation] = name };
    });
}

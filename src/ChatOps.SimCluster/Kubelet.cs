using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// The scheduler and kubelets of the simulated nodes: a pod's node and status follow from its creation time and
/// <see cref="SimTiming"/>, so the same instant always gives the same status and its timestamps are the moments
/// each step happened, not the moment of the read.
/// </summary>
public sealed class Kubelet(SimTiming timing)
{
    /// <summary>
    /// A pod (template) annotation naming a container that crashes once, <see cref="CrashAfter"/> after it started, and
    /// is restarted: a fixture for <c>logs --previous</c> and a Last State, as a real crash would leave them.
    /// </summary>
    public const string CrashOnceAnnotation = "sim.chatops.dev/crash-once";

    public static readonly TimeSpan CrashAfter = TimeSpan.FromSeconds(5);

    private static readonly string[] Nodes = ["sim-node-1", "sim-node-2", "sim-node-3"];

    public static DateTimeOffset Created(JsonObject pod) =>
        DateTimeOffset.Parse(pod.Str("metadata", "creationTimestamp")!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public bool IsBad(JsonNode? podOrTemplate) =>
        podOrTemplate?["spec"]?["containers"] is JsonArray containers && containers.Any(c => timing.IsBadImage(c.Str("image") ?? string.Empty));

    /// <summary>The node the scheduler picked, once <see cref="SimTiming.Scheduling"/> has passed.</summary>
    public static string? NodeFor(JsonObject pod, DateTimeOffset now, SimTiming timing) =>
        now >= Created(pod) + timing.Scheduling ? Nodes[(int)(Hash(pod.Str("metadata", "name")!) % (uint)Nodes.Length)] : null;

    public JsonObject Status(JsonObject pod, DateTimeOffset now)
    {
        var created = Created(pod);
        var scheduled = created + timing.Scheduling;
        var started = scheduled + timing.ContainerStart;
        var ready = started + timing.Readiness;
        var status = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "Burstable" };
        if (now < scheduled)
        {
            return status;
        }

        var bad = IsBad(pod);
        var running = !bad && now >= started;
        var isReady = running && now >= ready;
        var containersReadyAt = isReady ? ready : scheduled;
        status["phase"] = running ? "Running" : "Pending";
        status["hostIP"] = "192.168.49.2";
        status["podIP"] = PodIp(pod.Str("metadata", "name")!);
        status["startTime"] = Json.Time(scheduled);
        status["conditions"] = new JsonArray(
            Condition("PodScheduled", true, scheduled),
            Condition("Initialized", true, scheduled),
            Condition("ContainersReady", isReady, containersReadyAt),
            Condition("Ready", isReady, containersReadyAt));
        var containers = pod["spec"]?["containers"] as JsonArray ?? [];
        var crashing = pod.Str("metadata", "annotations", CrashOnceAnnotation);
        status["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode)Container(c!, now, scheduled, started, running, isReady, c.Str("name") == crashing)).ToArray());
        return status;
    }

    private JsonObject Container(JsonNode container, DateTimeOffset now, DateTimeOffset scheduled, DateTimeOffset started, bool running, bool ready, bool crashesOnce)
    {
        var image = container.Str("image") ?? string.Empty;
        JsonObject state;
        JsonObject? last = null;
        if (running && crashesOnce && now >= started + CrashAfter)
        {
            state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Json.Time(started + CrashAfter) } };
            last = new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = 1,
                    ["reason"] = "Error",
                    ["startedAt"] = Json.Time(started),
                    ["finishedAt"] = Json.Time(started + CrashAfter),
                    ["containerID"] = $"containerd://{Hash(image + "/1"):x8}",
                },
            };
        }
        else if (running)
        {
            state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Json.Time(started) } };
        }
        else if (timing.IsBadImage(image))
        {
            var backOff = now >= scheduled + timing.PullBackOff;
            state = new JsonObject
            {
                ["waiting"] = new JsonObject
                {
                    ["reason"] = backOff ? "ImagePullBackOff" : "ErrImagePull",
                    ["message"] = backOff
                        ? $"Back-off pulling image \"{image}\""
                        : $"rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": not found",
                },
            };
        }
        else
        {
            state = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } };
        }

        var status = new JsonObject
        {
            ["name"] = container.Str("name"),
            ["image"] = image,
            ["imageID"] = running ? $"{image}@sha256:{Hash(image):x8}" : string.Empty,
            ["ready"] = ready,
            ["started"] = running,
            ["restartCount"] = last is null ? 0 : 1,
            ["state"] = state,
        };
        if (last is not null)
        {
            status["lastState"] = last;
        }

        return status;
    }

    public static bool IsReady(JsonObject pod) =>
        pod["status"]?["conditions"] is JsonArray conditions
        && conditions.Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");

    private static JsonObject Condition(string type, bool status, DateTimeOffset at)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = status ? "True" : "False", ["lastTransitionTime"] = Json.Time(at) };
        if (!status)
        {
            condition["reason"] = "ContainersNotReady";
        }

        return condition;
    }

    private static string PodIp(string name)
    {
        var h = Hash(name);
        return $"10.244.{h % 250}.{(h / 250 % 250) + 2}";
    }

    private static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return hash;
    }
}

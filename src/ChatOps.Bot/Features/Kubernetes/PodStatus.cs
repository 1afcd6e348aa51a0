namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>A pod as one row of <c>kubectl get pods -o wide</c>, plus why it is unhealthy when it is.</summary>
public sealed record PodSummary(string Name, int Ready, int Containers, string Status, int Restarts, DateTimeOffset? LastRestart, DateTimeOffset? Created, string? Node, bool Healthy, string? Why);

/// <summary>
/// kubectl's STATUS column (printPod in kubectl's printers): the pod's reason or phase, overridden by a container's
/// waiting or terminated reason — the first container's wins — and Terminating once the pod is being deleted.
/// </summary>
public static class PodStatus
{
    public static PodSummary Summarize(PodDetails p)
    {
        var status = Status(p);
        var ready = p.Containers.Count(c => c.Ready);
        var healthy = p.Phase == "Succeeded"
            || (p.Phase == "Running" && !p.Deleting && ready == p.Containers.Count && status == "Running");
        return new PodSummary(
            p.Name, ready, p.Containers.Count, status, p.Containers.Sum(c => c.RestartCount),
            p.Containers.Select(c => c.LastState?.FinishedAt).Max(), p.Created, p.Node, healthy, healthy ? null : Why(p));
    }

    /// <summary>Unhealthy pods first, then the most restarted, then by name: the pod to look at is at the top.</summary>
    public static IReadOnlyList<PodSummary> Worst(IEnumerable<PodDetails> pods) =>
        pods.Select(Summarize).OrderBy(s => s.Healthy).ThenByDescending(s => s.Restarts).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();

    public static string Status(PodDetails p)
    {
        var reason = string.IsNullOrEmpty(p.Reason) ? p.Phase : p.Reason;
        var running = false;
        foreach (var c in p.Containers.Reverse())
        {
            var s = c.State;
            if (s is { State: "Waiting", Reason.Length: > 0 })
            {
                reason = s.Reason;
            }
            else if (s is { State: "Terminated" })
            {
                reason = !string.IsNullOrEmpty(s.Reason) ? s.Reason : s.Signal is > 0 ? $"Signal:{s.Signal}" : $"ExitCode:{s.ExitCode}";
            }
            else if (s is { State: "Running" } && c.Ready)
            {
                running = true;
            }
        }

        if (reason == "Completed" && running)
        {
            reason = p.Conditions.Any(c => c is { Type: "Ready", Status: "True" }) ? "Running" : "NotReady";
        }

        if (p.Deleting)
        {
            return "Terminating";
        }

        // kubectl prints only "Pending"; the scheduler's reason is what the on-call engineer needs next.
        return reason == "Pending" && p.Conditions.FirstOrDefault(c => c is { Type: "PodScheduled", Status: "False" })?.Reason is { } why
            ? $"Pending ({why})"
            : reason;
    }

    /// <summary>The message behind an unhealthy status: the scheduler's, a waiting container's, or the last exit.</summary>
    private static string? Why(PodDetails p)
    {
        if (p.Conditions.FirstOrDefault(c => c is { Type: "PodScheduled", Status: "False" }) is { Message.Length: > 0 } unscheduled)
        {
            return unscheduled.Message;
        }

        foreach (var c in p.Containers)
        {
            if (c.State is { State: "Waiting", Message.Length: > 0 } w)
            {
                return $"{c.Name}: {w.Message}";
            }

            if (c.LastState is { State: "Terminated" } last)
            {
                return $"{c.Name}: last exit {last.Reason ?? "?"} (exit code {last.ExitCode}{(last.Signal is > 0 ? $", signal {last.Signal}" : string.Empty)}) at {KubeText.Time(last.FinishedAt)}";
            }
        }

        return null;
    }
}

using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// The answer to <c>describe</c>: the facts of <c>kubectl describe pod</c> an on-call engineer reads first —
/// conditions, each container's state and last state (why it died), resources, image and image id, node, events.
/// Free text from the cluster (messages) is redacted: a failing container's message can quote its environment.
/// </summary>
public static class PodDescription
{
    public static OperationResult Render(KubeTarget target, PodDetails pod, IReadOnlyList<EventView> events, string? picked, ISecretRedactor redactor, DateTimeOffset now)
    {
        var summary = PodStatus.Summarize(pod);
        var lines = new List<string>();
        if (picked is not null)
        {
            lines.Add(picked);
        }

        lines.Add($"pod {pod.Name} in {target}: {summary.Status}, {summary.Ready}/{summary.Containers} ready, node {pod.Node ?? "<none>"}" +
            $"{(pod.PodIp is null ? string.Empty : $", IP {pod.PodIp}")}{(pod.QosClass is null ? string.Empty : $", QoS {pod.QosClass}")}" +
            $"{(pod.ControlledBy is null ? string.Empty : $", controlled by {pod.ControlledBy}")}, created {KubeText.Time(pod.Created)} ({KubeText.Age(pod.Created, now)} ago)");
        lines.Add("conditions: " + (pod.Conditions.Count == 0 ? "none" : string.Join(", ", pod.Conditions.Select(c => $"{c.Type}={c.Status}{(c.Reason is null ? string.Empty : $" ({c.Reason})")}"))));
        foreach (var c in pod.Containers)
        {
            lines.Add($"container {c.Name}: image {c.Image}{(c.ImageId is null ? string.Empty : $" (id {c.ImageId})")}, ready {(c.Ready ? "true" : "false")}, restarts {c.RestartCount}");
            lines.Add($"  state: {State(c.State, redactor)}");
            if (c.LastState is not null)
            {
                lines.Add($"  last state: {State(c.LastState, redactor)}");
            }

            lines.Add($"  requests: {Quantities(c.Requests)}; limits: {Quantities(c.Limits)}");
        }

        var table = EventText.Table(EventText.Aggregate(events), now, redactor, withObject: false);
        var head = string.Join('\n', lines);
        var body = events.Count == 0 ? $"{head}\nevents: none" : $"{head}\nevents:\n{TextTable.Render(table)}";
        return new OperationResult(Outcome.Succeeded, body)
        {
            Summary = events.Count == 0 ? body : head,
            Title = $"pod {pod.Name} ({target.Namespace}, {target.Cluster})",
            Severity = summary.Healthy ? Severity.Success : Severity.Warning,
            Tables = events.Count == 0 ? [] : [table],
        };
    }

    private static string State(ContainerStateView? s, ISecretRedactor redactor)
    {
        if (s is null)
        {
            return "unknown";
        }

        var parts = new List<string> { s.Reason is null ? s.State : $"{s.State} ({s.Reason})" };
        if (s.ExitCode is { } code)
        {
            parts.Add($"exit code {code}");
        }

        if (s.Signal is > 0)
        {
            parts.Add($"signal {s.Signal}");
        }

        if (s.StartedAt is not null)
        {
            parts.Add($"started {KubeText.Time(s.StartedAt)}");
        }

        if (s.FinishedAt is not null)
        {
            parts.Add($"finished {KubeText.Time(s.FinishedAt)}");
        }

        if (!string.IsNullOrEmpty(s.Message))
        {
            parts.Add($"message: {redactor.Redact(s.Message).Text}");
        }

        return string.Join(", ", parts);
    }

    private static string Quantities(IReadOnlyDictionary<string, string> q) => q.Count == 0 ? "none" : string.Join(", ", q.Select(p => $"{p.Key}={p.Value}"));
}

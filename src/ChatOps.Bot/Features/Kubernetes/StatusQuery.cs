using System.Globalization;
using System.Runtime.CompilerServices;

namespace ChatOps.Bot.Features.Kubernetes;

public sealed record StatusQuery(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name) : IKubernetesRequest
{
    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

public sealed class StatusQueryValidator(IOptionsMonitor<TargetOptions> targets) : KubernetesRequestValidator<StatusQuery>(targets);

public sealed class StatusHandler(IKubernetesOperations kube, TimeProvider clock) : IRequestHandler<StatusQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(StatusQuery request, CancellationToken cancellationToken)
    {
        var target = request.Target();
        var s = await kube.GetStatusAsync(target, request.Name, cancellationToken);
        var d = s.Deployment;
        var (state, line) = RolloutProgress.Evaluate(d);
        var images = KubeText.Images(d.Images);
        var conditions = Conditions(d.Conditions);
        var pods = PodsTable(s.Pods, clock.GetUtcNow());

        // Written into a pooled buffer that the table is then appended to: every status makes this text, and the lead
        // alone would be a string made only to be copied.
        DefaultInterpolatedStringHandler lead = $"deployment {d.Name} in {target}: {d.Desired} desired, {d.Updated} updated, {d.Ready} ready, {d.Available} available; revision {d.Revision} ({images}){(d.Paused ? "; PAUSED" : string.Empty)}\nconditions: {conditions}\n{line}";
        if (s.Hpa is { } hpa)
        {
            lead.AppendLiteral("\n");
            lead.AppendFormatted(KubeText.Hpa(hpa));
        }

        lead.AppendLiteral(s.Pods.Count == 0 ? "\nno pods" : "\n");
        var text = s.Pods.Count == 0 ? lead.ToStringAndClear() : TextTable.Render(lead.Text, pods);
        lead.Clear();
        return new OperationResult(Outcome.Succeeded, text)
        {
            Title = $"{d.Name} ({request.Namespace}, {request.Cluster})",
            Summary = !d.Paused && s.Pods.Count > 0 ? line : $"{line}{(d.Paused ? "\nPAUSED" : string.Empty)}{(s.Pods.Count == 0 ? "\nno pods" : string.Empty)}",
            Severity = state == RolloutState.Failed ? Severity.Danger : state == RolloutState.Progressing ? Severity.Warning : Severity.Success,
            Fields =
            [
                new("Replicas", $"{d.Desired} desired / {d.Updated} updated / {d.Ready} ready / {d.Available} available"),
                new("Revision", d.Revision.ToString(CultureInfo.InvariantCulture)),
                new("Images", images, Short: false),
                new("Conditions", conditions, Short: false),
                new("HPA", s.Hpa is null ? "none" : $"min {s.Hpa.Min}, max {s.Hpa.Max}, current {s.Hpa.Current}, {s.Hpa.Targets}"),
            ],
            Tables = s.Pods.Count == 0 ? [] : [pods],
        };
    }

    /// <summary>"Type=Status (Reason)" for each condition, written once into one string.</summary>
    private static string Conditions(IReadOnlyList<ConditionView> conditions)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture);
        for (var i = 0; i < conditions.Count; i++)
        {
            var c = conditions[i];
            text.AppendLiteral(i == 0 ? string.Empty : ", ");
            text.AppendFormatted(c.Type);
            text.AppendLiteral("=");
            text.AppendFormatted(c.Status);
            if (c.Reason is not null)
            {
                text.AppendLiteral(" (");
                text.AppendFormatted(c.Reason);
                text.AppendLiteral(")");
            }
        }

        return text.ToStringAndClear();
    }

    /// <summary>Each row a plain array: a collection expression typed as a read-only list wraps its array in a second object.</summary>
    private static ResultTable PodsTable(IReadOnlyList<PodView> pods, DateTimeOffset now)
    {
        var rows = new List<IReadOnlyList<string>>(pods.Count);
        foreach (var p in pods)
        {
            rows.Add(new[] { p.Name, p.Waiting ?? p.Phase, $"{p.ReadyContainers}/{p.Containers}", p.Restarts.ToString(CultureInfo.InvariantCulture), KubeText.Age(p.Created, now) });
        }

        return new ResultTable(["POD", "PHASE", "READY", "RESTARTS", "AGE"], rows, "Pods");
    }
}

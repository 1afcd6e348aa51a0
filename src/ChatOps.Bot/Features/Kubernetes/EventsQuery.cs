using ChatOps.Bot.Core.Redaction;
using FluentValidation;
using Severity = ChatOps.Bot.Core.Severity;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>What <c>events</c> is about: a deployment (with its ReplicaSets and pods), one pod, or the whole namespace.</summary>
public sealed record EventSubject(string Kind, string Name)
{
    public const string Namespace = "Namespace";

    /// <summary><c>web</c> / <c>deployment/web</c>, <c>pod/web-1</c>, and <c>namespace</c> (or <c>ns</c>) for all of -n.</summary>
    public static EventSubject Parse(string text)
    {
        if (text is "namespace" or "ns")
        {
            return new(Namespace, string.Empty);
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var kind = slash < 0 ? "deployment" : text[..slash].ToLowerInvariant();
        var name = slash < 0 ? text : text[(slash + 1)..];
        return kind switch
        {
            "pod" or "pods" or "po" => new("Pod", name),
            "deployment" or "deployments" or "deploy" => new("Deployment", name),
            _ => new(kind, name),
        };
    }

    public override string ToString() => Kind == Namespace ? "the namespace" : $"{Kind.ToLowerInvariant()} {Name}";
}

public sealed record EventsQuery(ChatContext Context, CommandLine Command, string Cluster, string Namespace, EventSubject Subject, TimeSpan? Since, bool WarningsOnly)
    : INamespaceWideRequest
{
    public string Name => string.Empty;

    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

public sealed class EventsQueryValidator : KubernetesRequestValidator<EventsQuery>
{
    public EventsQueryValidator(IOptionsMonitor<TargetOptions> targets)
        : base(targets)
    {
        RuleFor(r => r.Subject).Must(s => s.Kind is "Pod" or "Deployment" or EventSubject.Namespace)
            .WithMessage(r => $"events are shown for a deployment, pod/<name> or namespace, not '{r.Subject.Kind}'");
        RuleFor(r => r.Subject.Name).Must(Parsing.Names.IsDns1123Subdomain)
            .WithMessage(r => $"'{r.Subject.Name}' is not a valid name (lower-case letters, digits, '-' and '.')")
            .When(r => r.Subject.Kind is "Pod" or "Deployment");
    }
}

public sealed class EventsHandler(IKubernetesOperations kube, ISecretRedactor redactor, TimeProvider clock) : IRequestHandler<EventsQuery, OperationResult>
{
    /// <summary>A chat answer, not an archive: beyond this many rows the answer says how many more there are.</summary>
    public const int MaxRows = 40;

    public async ValueTask<OperationResult> Handle(EventsQuery request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var about = await About(request, cancellationToken);
        var events = EventText.Aggregate(await kube.ListEventsAsync(request.Target(), about, cancellationToken))
            .Where(e => !request.WarningsOnly || e.Type == "Warning")
            .Where(e => request.Since is not { } since || (e.LastSeen ?? e.FirstSeen) >= now - since)
            .ToList();
        var where = $"{request.Subject} in {request.Target()}{(request.Since is { } s ? $" in the last {Parsing.Durations.Format(s)}" : string.Empty)}";
        if (events.Count == 0)
        {
            return OperationResult.Success($"no {(request.WarningsOnly ? "warning " : string.Empty)}events for {where}");
        }

        var warnings = events.Count(e => e.Type == "Warning");
        var table = EventText.Table(events.Take(MaxRows).ToList(), now, redactor, withObject: true);
        var more = events.Count > MaxRows ? $"\n{events.Count - MaxRows} more not shown; narrow with --since or --warnings" : string.Empty;
        var head = $"{events.Count} events for {where}, {warnings} warning{(warnings == 1 ? string.Empty : "s")}";
        return new OperationResult(Outcome.Succeeded, $"{head}\n{TextTable.Render(table)}{more}")
        {
            Summary = head + more,
            Title = $"events of {request.Subject} ({request.Namespace}, {request.Cluster})",
            Severity = warnings > 0 ? Severity.Warning : Severity.Success,
            Tables = [table],
        };
    }

    /// <summary>A deployment's events are also its ReplicaSets' and pods' (where rollouts and crashes are told).</summary>
    private async Task<IReadOnlyList<ObjectRef>> About(EventsQuery request, CancellationToken cancellationToken)
    {
        var subject = request.Subject;
        if (subject.Kind == EventSubject.Namespace)
        {
            return [];
        }

        if (subject.Kind == "Pod")
        {
            return [new ObjectRef("Pod", subject.Name)];
        }

        var status = await kube.GetStatusAsync(request.Target(), subject.Name, cancellationToken);
        return
        [
            new ObjectRef("Deployment", subject.Name),
            .. status.ReplicaSets.Select(r => new ObjectRef("ReplicaSet", r.Name)),
            .. status.Pods.Select(p => new ObjectRef("Pod", p.Name)),
        ];
    }
}

using ChatOps.Bot.Core.Redaction;
using FluentValidation;
using Severity = ChatOps.Bot.Core.Severity;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary><c>pods</c>: a namespace-wide read (a selector names no one object), scoped like <c>status</c>.</summary>
public sealed record PodsQuery(ChatContext Context, CommandLine Command, string Cluster, string Namespace, PodSelection Selection) : INamespaceWideRequest
{
    public string Name => string.Empty;

    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

public sealed class PodsQueryValidator : KubernetesRequestValidator<PodsQuery>
{
    public PodsQueryValidator(IOptionsMonitor<TargetOptions> targets)
        : base(targets)
    {
        RuleFor(r => r.Selection.Deployment).Must(d => Parsing.Names.IsDns1123Subdomain(d!))
            .WithMessage(r => $"'{r.Selection.Deployment}' is not a deployment name or a label selector (app=billing)").When(r => r.Selection.Deployment is not null);
        RuleFor(r => r.Selection.Selector).Must(PodTargets.IsSelector!)
            .WithMessage(r => $"'{r.Selection.Selector}' is not a label selector (key=value, key!=value, key in (a,b), !key)").When(r => r.Selection.Selector is not null);
    }
}

public sealed class PodsHandler(IKubernetesOperations kube, ISecretRedactor redactor, TimeProvider clock) : IRequestHandler<PodsQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(PodsQuery request, CancellationToken cancellationToken)
    {
        var pods = PodStatus.Worst(await kube.ListPodsAsync(request.Target(), request.Selection, cancellationToken));
        var where = $"{request.Selection} in {request.Target()}";
        if (pods.Count == 0)
        {
            return new OperationResult(Outcome.Succeeded, $"no pods for {where}") { Severity = Severity.Warning };
        }

        var now = clock.GetUtcNow();
        var unhealthy = pods.Count(p => !p.Healthy);
        var table = new ResultTable(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "NODE"], pods.Select(p => Row(p, now)).ToList(), "Pods");
        var why = pods.Where(p => p.Why is not null).Select(p => $"{p.Name}: {redactor.Redact(p.Why).Text}").ToList();
        var head = $"{pods.Count} pod{(pods.Count == 1 ? string.Empty : "s")} for {where}" + (unhealthy == 0 ? ", all healthy" : $", {unhealthy} unhealthy");
        var whyText = why.Count == 0 ? string.Empty : $"\n{string.Join('\n', why)}";
        var body = $"{head}\n{TextTable.Render(table)}{whyText}";
        return new OperationResult(Outcome.Succeeded, body)
        {
            Title = $"pods of {request.Selection} ({request.Namespace}, {request.Cluster})",
            Severity = unhealthy == 0 ? Severity.Success : Severity.Warning,
            Summary = head + whyText,
            Tables = [table],
        };
    }

    private static IReadOnlyList<string> Row(PodSummary p, DateTimeOffset now) =>
    [
        p.Name,
        $"{p.Ready}/{p.Containers}",
        p.Status,
        PodTargets.Restarts(p.Restarts, p.LastRestart, now),
        KubeText.Age(p.Created, now),
        p.Node ?? "<none>",
    ];
}

using FluentValidation;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>What <c>logs</c> reads: <c>pod/x</c>, <c>deployment/x</c>, or a bare name (a deployment, else a pod).</summary>
public sealed record LogSubject(string? Kind, string Name)
{
    public const string Pod = "pod";
    public const string Deployment = "deployment";

    public static LogSubject Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return new(null, text);
        }

        var name = text[(slash + 1)..];
        return text[..slash].ToLowerInvariant() switch
        {
            "pod" or "pods" or "po" => new(Pod, name),
            "deployment" or "deployments" or "deploy" => new(Deployment, name),
            var other => new(other, name),
        };
    }
}

public sealed record LogsQuery(
    ChatContext Context,
    CommandLine Command,
    string Cluster,
    string Namespace,
    LogSubject Subject,
    string? Container,
    bool Previous,
    TimeSpan? Since,
    int? Tail,
    string? Grep,
    bool AllPods,
    bool Follow = false) : IKubernetesRequest
{
    public string Name => Subject.Name;

    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

public sealed class LogsQueryValidator : KubernetesRequestValidator<LogsQuery>
{
    public LogsQueryValidator(IOptionsMonitor<TargetOptions> targets)
        : base(targets)
    {
        RuleFor(r => r.Subject.Kind).Must(k => k is null or LogSubject.Pod or LogSubject.Deployment)
            .WithMessage(r => $"logs are read from a deployment or a pod (pod/<name>), not '{r.Subject.Kind}'");
        RuleFor(r => r.Container).Must(c => Parsing.Names.IsDns1123Label(c!))
            .WithMessage(r => $"'{r.Container}' is not a container name").When(r => r.Container is not null);
        RuleFor(r => r.Tail).Must((r, tail) => tail <= MaxLines(targets, r.Cluster))
            .WithMessage(r => $"--tail {r.Tail} is more than cluster {r.Cluster} allows ({MaxLines(targets, r.Cluster)} lines, its MaxLogLines)")
            .When(r => r.Tail is not null);
        RuleFor(r => r.Since).Must(s => s > TimeSpan.Zero).WithMessage("--since must be longer than zero").When(r => r.Since is not null);
        RuleFor(r => r.AllPods).Must(all => !all).WithMessage("--all-pods reads a deployment's pods; name a deployment, not a pod")
            .When(r => r.Subject.Kind == LogSubject.Pod);
        RuleFor(r => r.Follow).Must(f => !f).WithMessage("--follow streams one pod's log; leave out --all-pods").When(r => r.AllPods);
        RuleFor(r => r.Follow).Must(f => !f).WithMessage("--follow streams a running container; a previous run's log is complete, leave out --follow").When(r => r.Previous);
        RuleFor(r => r.Grep).Must(g => g!.Length <= 200).WithMessage("--grep text is longer than 200 characters").When(r => r.Grep is not null);
    }

    private static int MaxLines(IOptionsMonitor<TargetOptions> targets, string cluster) =>
        targets.CurrentValue.Clusters.TryGetValue(cluster, out var c) ? c.MaxLogLines : new ClusterOptions().MaxLogLines;
}

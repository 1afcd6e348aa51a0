using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Bot.Infrastructure.Kubernetes;

namespace ChatOps.Bot.Hosting;

public static class KubernetesServices
{
    /// <summary>The Kubernetes commands, their argument defaults, and the KubernetesClient adapter behind the port.</summary>
    public static IServiceCollection AddKubernetesOperations(this IServiceCollection services)
    {
        services.AddSingleton<IGrammar, KubernetesGrammar>();
        services.AddSingleton<IArgumentDefaults, KubernetesDefaults>();
        services.AddSingleton<KubernetesClients>();

        // Runs only for clusters with WatchCache: true; with none it ends at once.
        services.AddSingleton<KubeCache>();
        services.AddHostedService(sp => sp.GetRequiredService<KubeCache>());
        services.AddSingleton<IKubernetesOperations, KubernetesAdapter>();
        services.AddSingleton<ILogFollows, LogFollows>();
        services.AddSingleton<ChatOps.Bot.Features.Approvals.IApprovalDetails, KubernetesApprovalDetails>();
        services.AddSingleton<Features.Approvals.IApprovalDetails, SetImageApprovalDetails>();
        services.AddSingleton<Features.Approvals.IApprovalDetails, DeletePodApprovalDetails>();
        services.AddSingleton<Features.Policies.IPolicyFacts, Features.Kubernetes.ScalePolicyFacts>();
        services.AddPrometheusMetrics();

        services.AddValidator<StatusQuery, StatusQueryValidator>();
        services.AddValidator<PodsQuery, PodsQueryValidator>();
        services.AddValidator<HealthQuery, HealthQueryValidator>();
        services.AddValidator<EventsQuery, EventsQueryValidator>();
        services.AddValidator<LogsQuery, LogsQueryValidator>();
        services.AddValidator<StopFollowCommand, StopFollowCommandValidator>();
        services.AddValidator<DescribePodQuery, DescribePodQueryValidator>();
        services.AddValidator<DescribeDeploymentQuery, DescribeDeploymentQueryValidator>();
        services.AddValidator<Features.Kubernetes.Metrics.MetricsQuery, Features.Kubernetes.Metrics.MetricsQueryValidator>();
        services.AddValidator<HpaQuery, HpaQueryValidator>();
        services.AddValidator<HpaListQuery, HpaListQueryValidator>();
        services.AddValidator<HpaCommand, HpaCommandValidator>();
        services.AddValidator<ScaleCommand, ScaleCommandValidator>();
        services.AddValidator<SetImageCommand, SetImageCommandValidator>();
        services.AddValidator<DeletePodCommand, DeletePodCommandValidator>();
        services.AddValidator<RolloutStatusQuery, RolloutStatusQueryValidator>();
        services.AddValidator<RolloutHistoryQuery, RolloutHistoryQueryValidator>();
        services.AddValidator<RolloutUndoCommand, RolloutUndoCommandValidator>();
        services.AddValidator<RolloutRestartCommand, RolloutRestartCommandValidator>();
        return services;
    }
}

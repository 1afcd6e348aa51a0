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
        return services;
    }
}

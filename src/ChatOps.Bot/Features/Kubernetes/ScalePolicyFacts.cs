using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>The replica change a scale makes, from the deployment's desired count now: what blast-radius limits judge.</summary>
public sealed class ScalePolicyFacts(IKubernetesOperations kube) : IPolicyFacts
{
    public async ValueTask<PolicyRequest> AddFactsAsync(IOperation operation, PolicyRequest request, BlastRadiusOptions limits, CancellationToken cancellationToken)
    {
        if (!limits.JudgesReplicas || operation is not ScaleCommand scale)
        {
            return request;
        }

        var before = (await kube.GetStatusAsync(scale.Target(), scale.Name, cancellationToken)).Deployment.Desired;
        return request with { Replicas = Change(scale, before) };
    }

    /// <summary>What a scale does to a deployment that has <paramref name="before"/> replicas (never below zero).</summary>
    public static ReplicaChange Change(ScaleCommand scale, int before) =>
        new(before, Math.Max(scale.Replicas ?? before + scale.By.GetValueOrDefault(), 0));
}

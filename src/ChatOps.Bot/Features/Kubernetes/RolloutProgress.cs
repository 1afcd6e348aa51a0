namespace ChatOps.Bot.Features.Kubernetes;

public enum RolloutState
{
    Progressing,
    Complete,
    Failed,
}

/// <summary>Where a rollout stands, judged from the deployment status as <c>kubectl rollout status</c> judges it.</summary>
public static class RolloutProgress
{
    public static (RolloutState State, string Line) Evaluate(DeploymentView d)
    {
        var progressing = d.Conditions.FirstOrDefault(c => c.Type == "Progressing");
        if (progressing?.Reason == "ProgressDeadlineExceeded")
        {
            return (RolloutState.Failed, $"deployment {d.Name} exceeded its progress deadline: {progressing.Message}");
        }

        if (d.ObservedGeneration < d.Generation)
        {
            return (RolloutState.Progressing, $"waiting for deployment {d.Name} spec update to be observed");
        }

        if (d.Updated < d.Desired)
        {
            return (RolloutState.Progressing, $"waiting for deployment {d.Name} rollout to finish: {d.Updated} of {d.Desired} updated replicas are available");
        }

        if (d.Replicas > d.Updated)
        {
            return (RolloutState.Progressing, $"waiting for deployment {d.Name} rollout to finish: {d.Replicas - d.Updated} old replicas are pending termination");
        }

        if (d.Available < d.Updated)
        {
            return (RolloutState.Progressing, $"waiting for deployment {d.Name} rollout to finish: {d.Available} of {d.Updated} updated replicas are available");
        }

        return (RolloutState.Complete, $"deployment {d.Name} successfully rolled out (revision {d.Revision})");
    }
}

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// Which ReplicaSet a rollback restores, decided the way kubectl decides: without a revision, the owned
/// ReplicaSet with the second-highest revision; with one, the ReplicaSet carrying exactly that revision.
/// A paused deployment and a missing revision are refused; a chosen revision whose template the deployment already
/// runs is returned as is, and the caller skips the rollback as kubectl does (a success, nothing written).
/// </summary>
public static class RolloutUndoPlan
{
    public static ReplicaSetView Choose(KubeTarget target, DeploymentView deployment, IReadOnlyList<ReplicaSetView> owned, long? toRevision)
    {
        if (deployment.Paused)
        {
            throw new KubernetesFailure(KubernetesFailureKind.Refused,
                $"deployment {deployment.Name} in {target} is paused; resume it before rolling back (nothing changed)");
        }

        var revisions = owned.Where(r => r.Revision > 0).OrderByDescending(r => r.Revision).ToList();
        var existing = revisions.Count == 0 ? "none" : string.Join(", ", revisions.Select(r => r.Revision).Reverse());
        ReplicaSetView? chosen;
        if (toRevision is { } wanted and > 0)
        {
            chosen = revisions.FirstOrDefault(r => r.Revision == wanted)
                ?? throw new KubernetesFailure(KubernetesFailureKind.NotFound,
                    $"deployment {deployment.Name} in {target} has no revision {wanted}; revisions: {existing} (nothing changed)");
        }
        else
        {
            chosen = revisions.Skip(1).FirstOrDefault()
                ?? throw new KubernetesFailure(KubernetesFailureKind.NotFound,
                    $"deployment {deployment.Name} in {target} has no previous revision to roll back to; revisions: {existing} (nothing changed)");
        }

        return chosen;
    }
}

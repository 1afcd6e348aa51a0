namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>The controller (ownerReference with controller=true) of an object, as kind and name.</summary>
public sealed record OwnerView(string Kind, string Name);

/// <summary>
/// A pod deleted (or, in a dry run, that would be) so its ReplicaSet replaces it: which pod it was (its uid, the
/// identity the delete was conditional on), who replaces it, and the ReplicaSet's pods at that moment, so a
/// replacement can be told from a pod that was already there.
/// </summary>
public sealed record PodDeletion(string Pod, string Uid, string Phase, string ReplicaSet, string Deployment, IReadOnlyList<string> Siblings, bool DryRun);

/// <summary>
/// Which pods <c>delete pod</c> may delete: only one whose ReplicaSet belongs to a Deployment, because only then
/// does something bring it back as it was. A bare pod, a Job's pod or a hand-made ReplicaSet's pod would be gone
/// for good (or come back from a template nobody manages), which is not "restart one stuck pod".
/// </summary>
public static class PodOwners
{
    /// <summary>The ReplicaSet and Deployment that replace <paramref name="pod"/>; a <see cref="KubernetesFailureKind.Refused"/> failure otherwise.</summary>
    public static (string ReplicaSet, string Deployment) Check(KubeTarget target, string pod, OwnerView? podController, OwnerView? replicaSetController)
    {
        var where = $"pod {pod} in {target}";
        if (podController is null)
        {
            throw Refused($"{where} has no owner: deleted, nothing would bring it back");
        }

        if (podController.Kind != "ReplicaSet")
        {
            throw Refused($"{where} is owned by {podController.Kind} {podController.Name}, not by a deployment's ReplicaSet: deleted, it would not come back as it is");
        }

        if (replicaSetController is not { Kind: "Deployment" })
        {
            var by = replicaSetController is null ? "which no deployment owns" : $"which {replicaSetController.Kind} {replicaSetController.Name} owns, not a deployment";
            throw Refused($"{where} is owned by ReplicaSet {podController.Name}, {by}");
        }

        return (podController.Name, replicaSetController.Name);
    }

    private static KubernetesFailure Refused(string why) =>
        new(KubernetesFailureKind.Refused, $"{why}; only pods of a deployment are deleted by this command (nothing changed)");
}

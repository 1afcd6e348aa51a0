namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// An approver of <c>delete pod</c> sees which pod it is and who replaces it, checked by a server-side dry run of the
/// same delete. A pod that does not exist, or that nothing would bring back, is refused before anyone is asked: both
/// are facts of the cluster, not a passing outage, and the answer would be the same after the approval.
/// </summary>
public sealed class DeletePodApprovalDetails(IKubernetesOperations kube) : ApprovalDetails<DeletePodCommand>(FieldName)
{
    public const string FieldName = "Pod";

    protected override async Task<ApprovalDetail?> ReadAsync(DeletePodCommand delete, CancellationToken cancellationToken)
    {
        try
        {
            var d = await kube.DeletePodAsync(delete.Target(), delete.Name, dryRun: true, cancellationToken);
            return ApprovalDetail.Show(FieldName, $"{d.Pod} ({d.Phase}), replaced by ReplicaSet {d.ReplicaSet} of deployment {d.Deployment}");
        }
        catch (KubernetesFailure ex) when (ex.Kind is KubernetesFailureKind.NotFound or KubernetesFailureKind.Refused)
        {
            return ApprovalDetail.NotFound(ex.Message.Replace(" (nothing changed)", "", StringComparison.Ordinal));
        }
    }
}

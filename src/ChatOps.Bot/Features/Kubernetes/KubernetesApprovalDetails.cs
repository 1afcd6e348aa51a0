namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// Resolves the deployment (scale, rollout undo, rollout restart) or HPA a production change names before anyone is
/// asked to approve it, and shows the approver what is there now. The HPA is read by a server-side dry run of the same
/// change, which resolves it and validates the bounds without changing anything.
/// </summary>
public sealed class KubernetesApprovalDetails(IKubernetesOperations kube) : IApprovalDetails
{
    public const string DeploymentField = "Deployment now";

    public const string HpaField = "HPA now";

    public async ValueTask<ApprovalDetail?> DescribeAsync(IDangerous request, CancellationToken cancellationToken)
    {
        var field = request switch
        {
            HpaCommand => HpaField,
            ScaleCommand or RolloutUndoCommand or RolloutRestartCommand => DeploymentField,
            _ => null,
        };
        if (field is null || request is not IKubernetesRequest k)
        {
            return null;
        }

        try
        {
            return ApprovalDetail.Show(field, await DescribeAsync(k, cancellationToken));
        }
        catch (KubernetesFailure ex) when (ex.Kind == KubernetesFailureKind.NotFound)
        {
            return ApprovalDetail.NotFound(ex.Message);
        }
        catch (PortFailure ex)
        {
            // A partial answer, not a failed one: the approval is still requested, with the state marked unknown.
            return ApprovalDetail.Unknown(field, ex);
        }
    }

    private async Task<string> DescribeAsync(IKubernetesRequest request, CancellationToken cancellationToken)
    {
        if (request is HpaCommand hpa)
        {
            var h = (await kube.SetHpaBoundsAsync(hpa.Target(), hpa.Name, hpa.Min, hpa.Max, dryRun: true, cancellationToken)).Before;
            return $"{h.Name} → {h.TargetDeployment}: min {h.Min}, max {h.Max}, current {h.Current}, desired {h.Desired} ({h.Targets})";
        }

        var status = await kube.GetStatusAsync(request.Target(), request.Name, cancellationToken);
        var d = status.Deployment;
        var text = $"{d.Name}: {d.Desired} desired, {d.Ready} ready, revision {d.Revision}, image {KubeText.Images(d.Images)}";
        return status.Hpa is { } h2 ? $"{text}; {KubeText.Hpa(h2)}" : text;
    }
}

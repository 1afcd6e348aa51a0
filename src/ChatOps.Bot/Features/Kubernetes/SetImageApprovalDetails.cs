namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// An approver of <c>set image</c> sees the image it replaces, checked by a server-side dry run of the same change; a
/// deployment or container that does not exist is refused before anyone is asked.
/// </summary>
public sealed class SetImageApprovalDetails(IKubernetesOperations kube) : IApprovalDetails
{
    public const string FieldName = "Image";

    public async ValueTask<ApprovalDetail?> DescribeAsync(IDangerous request, CancellationToken cancellationToken)
    {
        if (request is not SetImageCommand set)
        {
            return null;
        }

        try
        {
            var c = await kube.SetImageAsync(set.Target(), set.Name, set.Container, set.Image, set.ChangeCause, dryRun: true, cancellationToken);
            return ApprovalDetail.Show(new ResultField(FieldName, $"{c.Container}: {c.Before} → {c.After}", Short: false));
        }
        catch (KubernetesFailure ex) when (ex.Kind == KubernetesFailureKind.NotFound)
        {
            return ApprovalDetail.NotFound(ex.Message.Replace(" (nothing changed)", "", StringComparison.Ordinal));
        }
        catch (PortFailure ex)
        {
            return ApprovalDetail.Show(new ResultField(FieldName, $"unknown: {ex.Message}", Short: false));
        }
    }
}

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// An approver of <c>set image</c> sees the image it replaces, checked by a server-side dry run of the same change; a
/// deployment or container that does not exist is refused before anyone is asked.
/// </summary>
public sealed class SetImageApprovalDetails(IKubernetesOperations kube) : ApprovalDetails<SetImageCommand>(FieldName)
{
    public const string FieldName = "Image";

    protected override async Task<ApprovalDetail?> ReadAsync(SetImageCommand set, CancellationToken cancellationToken)
    {
        try
        {
            var c = await kube.SetImageAsync(set.Target(), set.Name, set.Container, set.Image, set.ChangeCause, dryRun: true, cancellationToken);
            return ApprovalDetail.Show(FieldName, $"{c.Container}: {c.Before} → {c.After}");
        }
        catch (KubernetesFailure ex) when (ex.Kind == KubernetesFailureKind.NotFound)
        {
            return ApprovalDetail.NotFound(ex.Message.Replace(" (nothing changed)", "", StringComparison.Ordinal));
        }
    }
}

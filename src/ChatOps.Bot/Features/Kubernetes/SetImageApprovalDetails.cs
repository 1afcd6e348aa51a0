using ChatOps.Bot.Features.Approvals;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>An approver of <c>set image</c> sees the image it replaces, checked by a server-side dry run of the same change.</summary>
public sealed class SetImageApprovalDetails(IKubernetesOperations kube) : IApprovalDetails
{
    public const string FieldName = "Image";

    public async ValueTask<ResultField?> DescribeAsync(IDangerous request, CancellationToken cancellationToken)
    {
        if (request is not SetImageCommand set)
        {
            return null;
        }

        try
        {
            var c = await kube.SetImageAsync(set.Target(), set.Name, set.Container, set.Image, set.ChangeCause, dryRun: true, cancellationToken);
            return new ResultField(FieldName, $"{c.Container}: {c.Before} → {c.After}", Short: false);
        }
        catch (PortFailure ex)
        {
            return new ResultField(FieldName, $"unknown: {ex.Message}", Short: false);
        }
    }
}

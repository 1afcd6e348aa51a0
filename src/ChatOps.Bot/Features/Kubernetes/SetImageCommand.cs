using System.Text.RegularExpressions;
using FluentValidation;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// <c>set image</c>: a new release by hand, so a new revision and pods replaced; in production it waits for a
/// second person, like scaling to zero.
/// </summary>
public sealed record SetImageCommand(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name, string Container, string Image, bool DryRun)
    : IKubernetesRequest, IDangerous, IPreviewable
{
    public Role RequiredRole => Role.Operator;

    public TargetScope Scope => new(Cluster, Namespace);

    public bool IsDangerous => true;

    public ApprovalGrant? Approval { get; init; }

    /// <summary>What kubectl's <c>--record</c> wrote: the command that made the revision, so rollout history says who did what.</summary>
    public string ChangeCause => $"chatops {Command.Canonical}";
}

public sealed partial class SetImageCommandValidator : KubernetesRequestValidator<SetImageCommand>
{
    public SetImageCommandValidator(IOptionsMonitor<TargetOptions> targets)
        : base(targets)
    {
        RuleFor(r => r.Container).Must(Names.IsDns1123Label).WithMessage(r => $"'{r.Container}' is not a container name; give <container>=<image>");
        RuleFor(r => r.Image).Must(IsImageReference).WithMessage(r => $"'{r.Image}' is not an image reference (registry/name:tag or name@sha256:digest)");
    }

    /// <summary>The distribution reference grammar, as the container runtimes parse it: [host[:port]/]path[:tag][@digest].</summary>
    public static bool IsImageReference(string image) => image.Length <= 4096 && Reference().IsMatch(image);

    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}

public sealed class SetImageHandler(IKubernetesOperations kube) : IRequestHandler<SetImageCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(SetImageCommand request, CancellationToken cancellationToken)
    {
        var c = await kube.SetImageAsync(request.Target(), request.Name, request.Container, request.Image, request.ChangeCause, request.DryRun, cancellationToken);
        if (c.Before == c.After)
        {
            return OperationResult.Success($"deployment {request.Name} in {request.Target()}: container {c.Container} already runs {c.After}; nothing changed");
        }

        var verb = c.DryRun ? "would set" : "set";
        return OperationResult.Success(
            $"{verb} image of container {c.Container} in deployment {request.Name} in {request.Target()}: {c.Before} → {c.After}" +
            (c.DryRun ? KubeText.DryRunNote(true) : $"; a rolling update replaces the pods (follow it with `rollout status {request.Name} -n {request.Namespace} --wait 5m`)")) with
        {
            Visibility = Visibility.InChannel,
            Fields =
            [
                new("Deployment", $"{request.Name} ({request.Namespace}, {request.Cluster})"),
                new("Image", $"{c.Container}: {c.Before} → {c.After}", Short: false),
            ],
        };
    }
}

namespace ChatOps.Bot.Features.Kubernetes;

public enum KubernetesFailureKind
{
    NotFound,
    Forbidden,
    Conflict,
    Unreachable,
    Timeout,
    Invalid,
    Refused,
}

/// <summary>An expected failure with a one-line answer for the user; nothing was changed.</summary>
public sealed class KubernetesFailure(KubernetesFailureKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public KubernetesFailureKind Kind { get; } = kind;
}

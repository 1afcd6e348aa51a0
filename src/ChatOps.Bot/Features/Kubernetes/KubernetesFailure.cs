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

    /// <summary>A watch could not be opened or kept open; reads still work, so the caller polls.</summary>
    WatchUnavailable,
}

/// <summary>
/// An expected failure with a one-line answer for the user; nothing was changed. Its own type because the adapter
/// retries a <see cref="KubernetesFailureKind.Conflict"/> and must tell it from the rest.
/// </summary>
public sealed class KubernetesFailure(KubernetesFailureKind kind, string message, Exception? inner = null) : PortFailure(message, inner)
{
    public KubernetesFailureKind Kind { get; } = kind;
}

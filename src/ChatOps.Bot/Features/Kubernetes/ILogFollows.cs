namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// The <c>logs --follow</c> reads running in this process, so a Stop click can reach the one it names. A follow lives
/// only in the replica that streams it: another replica finds nothing under its id and must say so, not pretend.
/// </summary>
public interface ILogFollows
{
    /// <summary>Registers a follow; it is running until the lease is disposed.</summary>
    FollowLease Begin(ChatContext requester, TargetScope scope, string pod, string container);

    /// <summary>What this replica knows of <paramref name="id"/>: running, recently ended, or nothing.</summary>
    FollowLookup Find(string id);

    /// <summary>Asks a running follow to end, naming who stopped it; false when it had already ended.</summary>
    bool TryStop(string id, string stoppedBy);
}

public sealed record FollowInfo(string Id, ChatContext Requester, TargetScope Scope, string Pod, string Container);

public enum FollowState
{
    /// <summary>Neither running nor recently ended here: another replica's, or one that ended long ago.</summary>
    Unknown,
    Running,
    Ended,
}

public sealed record FollowLookup(FollowState State, FollowInfo? Follow);

/// <summary>One registered follow: <see cref="Stopped"/> fires when someone stops it; disposing it marks it ended.</summary>
public sealed class FollowLease(FollowInfo info, CancellationToken stopped, Func<string?> stoppedBy, Action end) : IDisposable
{
    public FollowInfo Info => info;

    public CancellationToken Stopped => stopped;

    /// <summary>Who stopped it, once someone has.</summary>
    public string? StoppedBy => stoppedBy();

    public void Dispose() => end();
}

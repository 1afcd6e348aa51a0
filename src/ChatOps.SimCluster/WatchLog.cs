using System.Threading.Channels;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// One change as a watch reports it: the stored object after (or, for DELETED, at) the change, and for MODIFIED the
/// object before it, so a selector watch can tell an object that stopped (or started) matching.
/// </summary>
public sealed record WatchEvent(string Type, ObjectKey Key, long Version, JsonObject Object, JsonObject? Previous = null);

/// <summary>
/// The recent changes, as the API server's watch cache keeps them: a watch from resourceVersion N replays the
/// changes after N from here, and N older than the oldest kept change is "too old" (410 Expired), which is what
/// makes a client relist. Every method runs under the store's lock, so a subscriber sees each change once and
/// in order.
/// </summary>
public sealed class WatchLog(int capacity, long startVersion)
{
    private readonly Queue<WatchEvent> _history = new();
    private readonly List<Channel<WatchEvent>> _subscribers = [];
    private long _forgottenUpTo = startVersion;

    public void Publish(WatchEvent change)
    {
        _history.Enqueue(change);
        while (_history.Count > capacity)
        {
            _forgottenUpTo = _history.Dequeue().Version;
        }

        foreach (var subscriber in _subscribers)
        {
            subscriber.Writer.TryWrite(change);
        }
    }

    /// <summary>The changes after <paramref name="since"/>, or null when some of them are no longer kept.</summary>
    public IReadOnlyList<WatchEvent>? Since(long since) =>
        since < _forgottenUpTo ? null : _history.Where(e => e.Version > since).ToList();

    public long Oldest => _forgottenUpTo + 1;

    public Channel<WatchEvent> Subscribe()
    {
        var channel = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
        _subscribers.Add(channel);
        return channel;
    }

    public void Unsubscribe(Channel<WatchEvent> channel)
    {
        _subscribers.Remove(channel);
        channel.Writer.TryComplete();
    }
}

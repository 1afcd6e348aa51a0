using System.Security.Cryptography;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// The in-process <see cref="ILogFollows"/>. Ended follows are remembered (the last <see cref="Remembered"/>) so a Stop
/// clicked after the end is told so rather than being sent to look on another replica.
/// </summary>
public sealed class LogFollows : ILogFollows
{
    public const int Remembered = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FollowInfo> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();

    public FollowLease Begin(ChatContext requester, TargetScope scope, string pod, string container)
    {
        // 12 hex digits: unguessable enough for an id that only names, never authorizes, and a valid DNS-1123 name.
        var info = new FollowInfo(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), requester, scope, pod, container);
        var entry = new Entry(info);
        lock (_gate)
        {
            _running.Add(info.Id, entry);
        }

        return new FollowLease(info, entry.Stop.Token, () => entry.StoppedBy, () => End(entry));
    }

    public FollowLookup Find(string id)
    {
        lock (_gate)
        {
            return _running.TryGetValue(id, out var entry) ? new(FollowState.Running, entry.Info)
                : _ended.TryGetValue(id, out var ended) ? new(FollowState.Ended, ended)
                : new(FollowState.Unknown, null);
        }
    }

    public bool TryStop(string id, string stoppedBy)
    {
        Entry? entry;
        lock (_gate)
        {
            if (!_running.TryGetValue(id, out entry) || entry.StoppedBy is not null)
            {
                return false;
            }

            entry.StoppedBy = stoppedBy;
        }

        entry.Stop.Cancel();
        return true;
    }

    private void End(Entry entry)
    {
        lock (_gate)
        {
            if (!_running.Remove(entry.Info.Id))
            {
                return;
            }

            _ended[entry.Info.Id] = entry.Info;
            _endedOrder.Enqueue(entry.Info.Id);
            while (_endedOrder.Count > Remembered)
            {
                _ended.Remove(_endedOrder.Dequeue());
            }
        }

        entry.Stop.Dispose();
    }

    private sealed class Entry(FollowInfo info)
    {
        public FollowInfo Info => info;

        public CancellationTokenSource Stop { get; } = new();

        public string? StoppedBy { get; set; }
    }
}

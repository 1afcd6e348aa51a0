using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Queues;

namespace ChatOps.Tests.Fakes;

/// <summary>Queues per broker in memory; a purge empties the ready messages like RabbitMQ's does.</summary>
public sealed class FakeQueueBroker : IQueueBroker
{
    private readonly Dictionary<(string Broker, string Queue), QueueDetail> _queues = [];

    /// <summary>When set, every call fails with it, as an unreachable broker or refused credentials would.</summary>
    public PortFailure? Failure { get; set; }

    public List<string> Purged { get; } = [];

    /// <summary>Every call, reads included, so a test can show a refused request never reached the broker.</summary>
    public List<string> Calls { get; } = [];

    public void Add(string broker, QueueStats stats, DeadLetterTarget? deadLetter = null) =>
        _queues[(broker, stats.Name)] = new QueueDetail(stats, deadLetter);

    public QueueStats Stats(string broker, string queue) => _queues[(broker, queue)].Stats;

    public Task<IReadOnlyList<QueueStats>> ListQueuesAsync(string broker, CancellationToken cancellationToken)
    {
        Calls.Add($"list {broker}");
        ThrowIfFailing();
        return Task.FromResult<IReadOnlyList<QueueStats>>(_queues.Where(kv => kv.Key.Broker == broker).Select(kv => kv.Value.Stats).ToList());
    }

    public Task<QueueDetail?> GetQueueAsync(string broker, string queue, CancellationToken cancellationToken)
    {
        Calls.Add($"get {broker}/{queue}");
        ThrowIfFailing();
        return Task.FromResult(_queues.GetValueOrDefault((broker, queue)));
    }

    public Task<QueueStats?> PurgeAsync(string broker, string queue, CancellationToken cancellationToken)
    {
        Calls.Add($"purge {broker}/{queue}");
        ThrowIfFailing();
        if (!_queues.TryGetValue((broker, queue), out var detail))
        {
            return Task.FromResult<QueueStats?>(null);
        }

        Purged.Add($"{broker}/{queue}");
        var after = detail.Stats with { Messages = detail.Stats.Unacknowledged, Ready = 0 };
        _queues[(broker, queue)] = detail with { Stats = after };
        return Task.FromResult<QueueStats?>(after);
    }

    private void ThrowIfFailing()
    {
        if (Failure is { } failure)
        {
            throw failure;
        }
    }
}

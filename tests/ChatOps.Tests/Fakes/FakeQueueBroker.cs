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

    /// <summary>Replays that ran, as "broker/dlq -> destination: n".</summary>
    public List<string> Replayed { get; } = [];

    /// <summary>The origin each dead-letter queue's messages came from (the fake's messages share one).</summary>
    public Dictionary<string, string> Origins { get; } = [];

    /// <summary>When set, previews and replays refuse with it, as the adapter does for a destination it cannot prove.</summary>
    public ReplayRefusedException? Refusal { get; set; }

    public Task<ReplayPreview?> PreviewReplayAsync(string broker, ReplayPlan plan, CancellationToken cancellationToken)
    {
        Calls.Add($"preview {broker}/{plan.DeadLetterQueue}");
        ThrowIfFailing();
        return Task.FromResult(Preview(broker, plan));
    }

    public Task<ReplayOutcome?> ReplayAsync(string broker, ReplayPlan plan, CancellationToken cancellationToken)
    {
        Calls.Add($"replay {broker}/{plan.DeadLetterQueue}");
        ThrowIfFailing();
        if (Preview(broker, plan) is not { } preview)
        {
            return Task.FromResult<ReplayOutcome?>(null);
        }

        var detail = _queues[(broker, plan.DeadLetterQueue)];
        var left = detail.Stats.Messages - preview.ToMove;
        _queues[(broker, plan.DeadLetterQueue)] = detail with { Stats = detail.Stats with { Messages = left, Ready = left } };
        Replayed.Add($"{broker}/{plan.DeadLetterQueue} -> {preview.Destination}: {preview.ToMove}");
        return Task.FromResult<ReplayOutcome?>(new ReplayOutcome(plan.DeadLetterQueue, preview.ToMove, left, preview.Destination));
    }

    private ReplayPreview? Preview(string broker, ReplayPlan plan)
    {
        if (!_queues.TryGetValue((broker, plan.DeadLetterQueue), out var detail))
        {
            return null;
        }

        if (Refusal is { } refusal)
        {
            throw refusal;
        }

        var count = detail.Stats.Messages;
        var toMove = Math.Min(count, plan.Limit ?? count);
        var origin = Origins.GetValueOrDefault(plan.DeadLetterQueue, "orders");
        var first = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        return new ReplayPreview(
            plan.DeadLetterQueue, count, toMove, first, first.AddMinutes(toMove), [new("OriginalDestination", $"queue://{origin}")], plan.To ?? origin);
    }

    private void ThrowIfFailing()
    {
        if (Failure is { } failure)
        {
            throw failure;
        }
    }
}

using System.Net;
using ChatOps.Bot.Features.Queues;

namespace ChatOps.Bot.Infrastructure.Queues;

/// <summary>
/// <c>queue replay</c> on RabbitMQ. The management API has no move, so the messages are moved by a dynamic shovel the
/// broker runs (<c>src-delete-after</c> = the count, acknowledged on confirm, so a message leaves the dead-letter queue
/// only once the destination has it), never fetched and republished by the bot. The preview peeks at the messages it
/// would move (requeued at once) for their origin, times and headers.
/// </summary>
internal sealed partial class RabbitMqQueueBroker
{
    /// <summary>The most messages a preview peeks at; without --to every moving message's origin must be seen.</summary>
    private const int PeekLimit = 200;

    private static readonly TimeSpan ShovelTimeout = TimeSpan.FromSeconds(60);

    public async Task<ReplayPreview?> PreviewReplayAsync(string broker, ReplayPlan plan, CancellationToken cancellationToken)
    {
        var b = Options(broker);
        if (plan.Selector is not null)
        {
            throw new ReplayRefusedException($"refused: RabbitMQ has no message selectors (broker {broker}); --selector is for ActiveMQ brokers");
        }

        using var doc = await GetAsync(broker, b, RabbitMqPaths.Queue(broker, b, plan.DeadLetterQueue), cancellationToken);
        if (doc is null)
        {
            return null;
        }

        RabbitMqPaths.RequireQueue(broker, b, doc.RootElement, plan.DeadLetterQueue);
        var ready = RabbitMqJson.Stats(doc.RootElement).Ready;
        var toMove = Math.Min(ready, plan.Limit ?? ready);
        if (plan.To is null && toMove > PeekLimit)
        {
            throw new ReplayRefusedException(
                $"refused: {toMove} messages would move and only the first {PeekLimit} can be checked for their origin: name the queue with --to, or replay with --limit {PeekLimit}");
        }

        var peeked = await PeekAsync(broker, b, plan.DeadLetterQueue, (int)Math.Min(toMove, plan.To is null ? PeekLimit : 1), cancellationToken);
        var destination = plan.To ?? Origin(broker, plan, peeked);
        if (destination is not null)
        {
            await RequireDestinationAsync(broker, b, destination, cancellationToken);
        }

        var times = peeked.Select(RabbitMqReplayJson.DeathTime).OfType<DateTimeOffset>().ToList();
        return new ReplayPreview(
            plan.DeadLetterQueue, ready, toMove, times.Count > 0 ? times.Min() : null, times.Count > 0 ? times.Max() : null,
            peeked.Count > 0 ? RabbitMqReplayJson.Headers(peeked[0]) : [], destination ?? "nowhere (nothing to move)");
    }

    public async Task<ReplayOutcome?> ReplayAsync(string broker, ReplayPlan plan, CancellationToken cancellationToken)
    {
        if (await PreviewReplayAsync(broker, plan, cancellationToken) is not { } preview)
        {
            return null;
        }

        var b = Options(broker);
        if (preview.ToMove == 0)
        {
            return new ReplayOutcome(plan.DeadLetterQueue, 0, preview.Matching, preview.Destination);
        }

        var before = await DepthAsync(broker, b, plan.DeadLetterQueue, cancellationToken);
        var shovel = $"api/parameters/shovel/{RabbitMqPaths.Vhost(broker, b)}/{RabbitMqPaths.Segment($"chatops-replay-{Guid.NewGuid():N}")}";
        var uri = "amqp:///" + Uri.EscapeDataString(b.VirtualHost);
        var definition = new JsonObject
        {
            ["value"] = new JsonObject
            {
                ["src-protocol"] = "amqp091",
                ["src-uri"] = uri,
                ["src-queue"] = plan.DeadLetterQueue,
                ["dest-protocol"] = "amqp091",
                ["dest-uri"] = uri,
                ["dest-queue"] = preview.Destination,
                ["src-delete-after"] = preview.ToMove,
                ["ack-mode"] = "on-confirm",
            },
        };
        using (await SendAsync(broker, b, HttpMethod.Put, shovel, cancellationToken, definition))
        {
        }

        await AwaitShovelAsync(broker, b, shovel, plan.DeadLetterQueue, before, cancellationToken);
        var left = await SettledDepthAsync(broker, b, plan.DeadLetterQueue, before - preview.ToMove, cancellationToken);
        return new ReplayOutcome(plan.DeadLetterQueue, preview.ToMove, left, preview.Destination);
    }

    /// <summary>
    /// A shovel with src-delete-after deletes itself once it has moved that many; one still there at the deadline is
    /// deleted here, so nothing keeps moving after the answer, and the answer says how far it got.
    /// </summary>
    private async Task AwaitShovelAsync(string broker, BrokerOptions b, string shovel, string queue, long before, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + ShovelTimeout;
        while (clock.GetUtcNow() < deadline)
        {
            using (var response = await SendAsync(broker, b, HttpMethod.Get, shovel, cancellationToken))
            {
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return;
                }
            }

            await Task.Delay(SettlePoll, clock, cancellationToken);
        }

        using (await SendAsync(broker, b, HttpMethod.Delete, shovel, CancellationToken.None))
        {
        }

        var now = await DepthAsync(broker, b, queue, cancellationToken);
        throw new PortFailure(
            $"broker {broker}: the replay shovel did not finish within {ShovelTimeout.TotalSeconds:0}s and was deleted; about {Math.Max(0, before - now)} message(s) moved, {now} left in {queue}");
    }

    private async Task<long> DepthAsync(string broker, BrokerOptions b, string queue, CancellationToken cancellationToken)
    {
        using var doc = await GetAsync(broker, b, RabbitMqPaths.Queue(broker, b, queue), cancellationToken)
            ?? throw new PortFailure($"broker {broker}: queue '{QueueText.Short(queue)}' disappeared during the replay");
        RabbitMqPaths.RequireQueue(broker, b, doc.RootElement, queue);
        return RabbitMqJson.Stats(doc.RootElement).Messages;
    }

    /// <summary>The depth once the broker's statistics show the move (they lag by up to collect_statistics_interval), or at the settle deadline.</summary>
    private async Task<long> SettledDepthAsync(string broker, BrokerOptions b, string queue, long expected, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + PurgeSettle;
        while (true)
        {
            var depth = await DepthAsync(broker, b, queue, cancellationToken);
            if (depth <= expected || clock.GetUtcNow() >= deadline)
            {
                return depth;
            }

            await Task.Delay(SettlePoll, clock, cancellationToken);
        }
    }

    /// <summary>Reads messages and puts them straight back (ack_requeue_true): the management API's only way to look.</summary>
    private async Task<List<JsonElement>> PeekAsync(string broker, BrokerOptions b, string queue, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        var body = new JsonObject { ["count"] = count, ["ackmode"] = "ack_requeue_true", ["encoding"] = "auto", ["truncate"] = 64 };
        using var response = await SendAsync(broker, b, HttpMethod.Post, RabbitMqPaths.Queue(broker, b, queue, "get"), cancellationToken, body);
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        return doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().Select(m => m.Clone()).ToList() : [];
    }

    /// <summary>The one queue the peeked messages were first dead-lettered from; a shovel has a single destination.</summary>
    private static string? Origin(string broker, ReplayPlan plan, IReadOnlyList<JsonElement> peeked)
    {
        var origins = peeked.Select(RabbitMqReplayJson.FirstDeathQueue).Distinct(StringComparer.Ordinal).ToList();
        if (origins.Contains(null))
        {
            throw new ReplayRefusedException(
                $"refused: a message in {plan.DeadLetterQueue} on broker {broker} has no x-first-death-queue header, so its origin is unknown: name the queue with --to");
        }

        var names = origins.OfType<string>().Order(StringComparer.Ordinal).ToList();
        return names.Count <= 1
            ? names.FirstOrDefault()
            : throw new ReplayRefusedException(
                $"refused: the messages to move came from {names.Count} queues ({string.Join(", ", names.Take(5).Select(QueueText.Short))}): name one with --to");
    }

    private async Task RequireDestinationAsync(string broker, BrokerOptions b, string queue, CancellationToken cancellationToken)
    {
        using var doc = await GetAsync(broker, b, RabbitMqPaths.Queue(broker, b, queue), cancellationToken)
            ?? throw new ReplayRefusedException($"refused: there is no queue '{QueueText.Short(queue)}' on broker {broker} to replay to (a replay creates none)");
        RabbitMqPaths.RequireQueue(broker, b, doc.RootElement, queue);
    }
}

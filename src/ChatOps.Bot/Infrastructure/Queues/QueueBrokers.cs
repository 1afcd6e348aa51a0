using ChatOps.Bot.Features.Queues;

namespace ChatOps.Bot.Infrastructure.Queues;

/// <summary>The <see cref="IQueueBroker"/> handlers get: each call goes to the adapter for the named broker's Kind.</summary>
internal sealed class QueueBrokers(RabbitMqQueueBroker rabbitMq, ActiveMqQueueBroker activeMq, IOptionsMonitor<TargetOptions> options) : IQueueBroker
{
    public Task<IReadOnlyList<QueueStats>> ListQueuesAsync(string broker, CancellationToken cancellationToken) =>
        For(broker).ListQueuesAsync(broker, cancellationToken);

    public Task<QueueDetail?> GetQueueAsync(string broker, string queue, CancellationToken cancellationToken) =>
        For(broker).GetQueueAsync(broker, queue, cancellationToken);

    public Task<QueueStats?> PurgeAsync(string broker, string queue, CancellationToken cancellationToken) =>
        For(broker).PurgeAsync(broker, queue, cancellationToken);

    public Task<ReplayPreview?> PreviewReplayAsync(string broker, ReplayPlan plan, CancellationToken cancellationToken) =>
        For(broker).PreviewReplayAsync(broker, plan, cancellationToken);

    public Task<ReplayOutcome?> ReplayAsync(string broker, ReplayPlan plan, CancellationToken cancellationToken) =>
        For(broker).ReplayAsync(broker, plan, cancellationToken);

    private IQueueBroker For(string broker) =>
        options.CurrentValue.Brokers.TryGetValue(broker, out var b) && b.Kind == BrokerKind.ActiveMq ? activeMq : rabbitMq;
}

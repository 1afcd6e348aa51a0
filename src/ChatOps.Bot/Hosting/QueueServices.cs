using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Queues;
using ChatOps.Bot.Infrastructure.Queues;
using ChatOps.Bot.Parsing;

namespace ChatOps.Bot.Hosting;

/// <summary>Message broker queues (issue 5): the port, its RabbitMQ management API and ActiveMQ Jolokia adapters, and the commands.</summary>
public static class QueueServices
{
    public static IServiceCollection AddQueueOperations(this IServiceCollection services)
    {
        // Each call sets its own bounded timeout from the broker's RequestTimeout.
        services.AddHttpClient(RabbitMqQueueBroker.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient(JolokiaClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<JolokiaClient>();
        services.AddSingleton<RabbitMqQueueBroker>();
        services.AddSingleton<ActiveMqQueueBroker>();
        services.AddSingleton<IBrokerTargets, BrokerTargets>();
        services.AddSingleton<BrokerTargetRule>();
        services.AddSingleton<IQueueBroker, QueueBrokers>();
        services.AddSingleton<IApprovalDetails, PurgeApprovalDetails>();
        services.AddSingleton<Features.Policies.IPolicyFacts, PurgePolicyFacts>();
        services.AddSingleton<IApprovalDetails, ReplayApprovalDetails>();
        services.AddSingleton<IGrammar, QueueGrammar>();
        return services;
    }
}

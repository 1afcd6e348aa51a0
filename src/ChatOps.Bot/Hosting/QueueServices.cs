using ChatOps.Bot.Features.Queues;
using ChatOps.Bot.Infrastructure.Queues;

namespace ChatOps.Bot.Hosting;

/// <summary>Message broker queues (issue 5): the port, its RabbitMQ management API and ActiveMQ Jolokia adapters, and the commands.</summary>
public static class QueueServices
{
    public static IServiceCollection AddQueueOperations(this IServiceCollection services)
    {
        services.AddPerCallTimedHttpClient(RabbitMqQueueBroker.HttpClientName);
        services.AddPerCallTimedHttpClient(JolokiaClient.HttpClientName);
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

        services.AddValidator<ListQueuesQuery, ListQueuesQueryValidator>();
        services.AddValidator<CheckQueueQuery, CheckQueueQueryValidator>();
        services.AddValidator<PurgeQueueCommand, PurgeQueueCommandValidator>();
        services.AddValidator<ReplayQueueCommand, ReplayQueueCommandValidator>();
        return services;
    }
}

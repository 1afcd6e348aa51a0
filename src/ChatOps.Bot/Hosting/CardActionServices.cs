using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Approvals;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Bot.Hosting;

/// <summary>What every chat adapter shares behind its wire format: delivery claims and the card-button algorithm.</summary>
public static class CardActionServices
{
    /// <summary>Registered once however many adapters ask for it.</summary>
    public static IServiceCollection AddChatOpsCardActions(this IServiceCollection services)
    {
        services.TryAddSingleton<DeliveryClaims>();
        services.TryAddSingleton<ICardDecisions, ApprovalCardDecisions>();
        services.TryAddSingleton<CardActions>();
        return services;
    }
}

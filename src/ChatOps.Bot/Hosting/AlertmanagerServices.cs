using ChatOps.Bot.Chat;
using ChatOps.Bot.Chat.Alertmanager;
using ChatOps.Bot.Features.Alerts;

namespace ChatOps.Bot.Hosting;

/// <summary>The Alertmanager webhook (issue 6): the endpoint and the processor that turns notifications into cards and incidents.</summary>
public static class AlertmanagerServices
{
    public static IServiceCollection AddChatOpsAlertmanager(this IServiceCollection services)
    {
        services.AddSingleton<AlertProcessor>();
        services.AddSingleton<AlertIntake>();
        services.AddSingleton<AlertmanagerWebhook>();
        services.AddChatBackgroundWork();
        return services;
    }
}

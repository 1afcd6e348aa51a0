using ChatOps.Bot.Chat;
using ChatOps.Bot.Chat.Slack;

namespace ChatOps.Bot.Hosting;

/// <summary>The Slack adapter (inbound endpoints, Socket Mode) and the Web API client behind the <c>slack</c> platform.</summary>
public static class SlackServices
{
    public static IServiceCollection AddChatOpsSlack(this IServiceCollection services)
    {
        services.AddHttpClient(SlackApiClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<SlackApiClient>();
        services.AddSingleton<ISlackApi>(sp => sp.GetRequiredService<SlackApiClient>());
        services.AddSingleton<IChatPlatform, SlackChatPlatform>();
        services.AddSingleton<IUserDirectory, SlackUserDirectory>();
        services.AddSingleton<IPlatformGroupDirectory, SlackGroupDirectory>();
        services.AddChatAdapterCommon();

        services.AddSingleton<SlackAttachments>();
        services.AddSingleton<SlackCommandHandler>();
        services.AddSingleton<SlackInteractionHandler>();
        services.AddSingleton<SlackEventHandler>();

        // Registered after the core services, so it stops before them: Slack replies still in flight finish while
        // the store and the outbox are up.
        services.AddChatBackgroundWork();
        services.AddHostedService<SlackSocketMode>();
        return services;
    }
}

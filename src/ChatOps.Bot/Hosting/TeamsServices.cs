using ChatOps.Bot.Chat;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Bot.Hosting;

/// <summary>The Teams adapter (<c>/api/messages</c>) and the Bot Connector client behind the <c>teams</c> platform.</summary>
public static class TeamsServices
{
    public static IServiceCollection AddChatOpsTeams(this IServiceCollection services)
    {
        services.AddHttpClient(BotConnectorClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(BotTokenClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(BotFrameworkKeys.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<BotTokenClient>();
        services.AddSingleton<IBotConnector, BotConnectorClient>();
        services.AddSingleton<BotFrameworkKeys>();
        services.AddSingleton<IBotFrameworkKeys>(sp => sp.GetRequiredService<BotFrameworkKeys>());
        services.AddSingleton<IChatPlatform, TeamsChatPlatform>();
        services.AddSingleton<IUserDirectory, TeamsUserDirectory>();
        services.AddHttpClient(GraphTokenClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(GraphMembershipClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<GraphTokenClient>();
        services.AddSingleton<IGraphMembership, GraphMembershipClient>();
        services.AddSingleton<IPlatformGroupDirectory, TeamsGroupDirectory>();
        services.AddSingleton<IValidateOptions<RolesOptions>, TeamsGroupsNeedGraph>();
        services.AddSingleton<IValidateOptions<Features.Policies.PolicyOptions>, TeamsGroupsNeedGraph>();
        services.TryAddSingleton<IConversationReferences>(sp => sp.GetRequiredService<IChatOpsStore>());
        services.AddChatAdapterCommon();

        services.AddSingleton<BotFrameworkAuthenticator>();
        services.AddSingleton<TeamsConversationHandler>();
        services.AddSingleton<TeamsCardActions>();
        services.AddSingleton<TeamsMessageHandler>();

        // Registered after the core services, so it stops before them: replies still in flight finish while the
        // store and the outbox are up.
        services.AddChatBackgroundWork();
        return services;
    }
}

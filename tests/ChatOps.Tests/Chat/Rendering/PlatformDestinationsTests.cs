using System.Text.Json.Nodes;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Incidents;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Chat.Rendering;

/// <summary>
/// Each platform says which audit and announcements channels it was configured with; features build destinations
/// from those alone and never read a platform's options.
/// </summary>
public sealed class PlatformDestinationsTests
{
    [Fact]
    public void Slack_ReportsItsConfiguredChannels_AndNoneWhenUnset()
    {
        using var services = Services(s => s.Configure<SlackOptions>(o => (o.AuditChannel, o.IncidentsChannel) = ("C-AUDIT", "")));

        var slack = services.GetRequiredService<SlackChatPlatform>();

        (slack.AuditChannel, slack.AnnouncementsChannel).ShouldBe(("C-AUDIT", null));
    }

    [Fact]
    public void Teams_ReportsItsConfiguredConversations_AndNoneWhenUnset()
    {
        using var services = Services(s => s.Configure<TeamsOptions>(o => (o.AuditConversationId, o.IncidentsConversationId) = ("", "19:inc@thread.tacv2")));

        var teams = services.GetRequiredService<TeamsChatPlatform>();

        (teams.AuditChannel, teams.AnnouncementsChannel).ShouldBe((null, "19:inc@thread.tacv2"));
    }

    [Fact]
    public void AuditDestinations_AreTheConfiguredOnes_ThenEachPlatformsAuditChannel_InRegistrationOrder()
    {
        var slack = new RecordingChatPlatform("slack") { AuditChannel = "C-AUDIT" };
        var log = new RecordingChatPlatform("log");
        var teams = new RecordingChatPlatform("teams") { AuditChannel = "19:audit" };
        var lines = new AuditLines(Monitor<AuditOptions>(o => o.Destinations = ["log", "slack:C-AUDIT"]), [slack, log, teams]);

        lines.Destinations().ShouldBe(["log", "slack:C-AUDIT", "teams:19:audit"]);
    }

    [Fact]
    public void Announcements_AreEachPlatformsAnnouncementsChannel_TheLastRegisteredPlatformOfANameWinning()
    {
        var realSlack = new RecordingChatPlatform("slack") { AnnouncementsChannel = "C-OLD" };
        var teams = new RecordingChatPlatform("teams") { AnnouncementsChannel = "19:inc" };
        var slack = new RecordingChatPlatform("slack") { AnnouncementsChannel = "C-INCIDENTS" };
        var log = new RecordingChatPlatform("log");
        var platforms = new IncidentPlatforms([realSlack, teams, slack, log], Monitor<IncidentOptions>(_ => { }));

        platforms.Announcements().ShouldBe(["slack:C-INCIDENTS", "teams:19:inc"]);
    }

    private static ServiceProvider Services(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHttpClient();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SlackApiClient>();
        services.AddSingleton<SlackChatPlatform>();
        services.AddSingleton<IBotConnector, UnusedConnector>();
        services.AddSingleton<IConversationReferences>(new InMemoryChatOpsStore());
        services.AddSingleton<TeamsChatPlatform>();
        configure(services);
        return services.BuildServiceProvider();
    }

    private static IOptionsMonitor<T> Monitor<T>(Action<T> configure)
        where T : class
    {
        var services = new ServiceCollection();
        services.Configure(configure);
        return services.BuildServiceProvider().GetRequiredService<IOptionsMonitor<T>>();
    }

    private sealed class UnusedConnector : IBotConnector
    {
        public Task<string> SendAsync(TeamsConversation conversation, JsonObject activity, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no post in this test");

        public Task UpdateAsync(TeamsConversation conversation, string activityId, JsonObject activity, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no post in this test");
    }
}

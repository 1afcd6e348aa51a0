using ChatOps.Bot.Core;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Incidents;

/// <summary>Slack people for incident tests: uma (U100) and bob (U200) are viewers, sam (U300) is an admin.</summary>
internal static class IncidentBots
{
    public static TestBot Slack(Action<Dictionary<string, string?>>? configure = null, params IChatPlatform[] platforms)
    {
        var bot = TestBot.Create(s =>
        {
            s["ChatOps:Roles:Bindings:5:Subject"] = "slack:U100";
            s["ChatOps:Roles:Bindings:5:Role"] = "viewer";
            s["ChatOps:Roles:Bindings:6:Subject"] = "slack:U200";
            s["ChatOps:Roles:Bindings:6:Role"] = "viewer";
            s["ChatOps:Roles:Bindings:7:Subject"] = "slack:U300";
            s["ChatOps:Roles:Bindings:7:Role"] = "admin";
            s["ChatOps:Roles:Bindings:8:Subject"] = "teams:aad-1";
            s["ChatOps:Roles:Bindings:8:Role"] = "viewer";
            s["ChatOps:Slack:IncidentsChannel"] = "C-INCIDENTS";
            configure?.Invoke(s);
        }, platforms);
        foreach (var (id, name) in new[] { ("U100", "uma"), ("U200", "bob"), ("U300", "sam") })
        {
            bot.SlackUsers.Users[id] = name;
        }

        return bot;
    }

    public static ChatContext As(TestBot bot, string userId, string name, string channel = "C-OPS", string platform = "slack") =>
        new(platform, userId, name, channel, null, RequestIds.New(), bot.Clock.GetUtcNow());

    public static Task<OperationResult> RunAs(this TestBot bot, string userId, string name, string text, string channel = "C-OPS") =>
        bot.Dispatcher.DispatchAsync(text, As(bot, userId, name, channel), CancellationToken.None);
}

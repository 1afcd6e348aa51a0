namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// Which chat platform an incident lives on, where it is announced, and how people are named there. The console
/// has no chat API: its incidents use the <c>log</c> platform, whose "channels" are names in the bot's log.
/// </summary>
public sealed class IncidentPlatforms(
    IEnumerable<IChatPlatform> platforms, IOptionsMonitor<IncidentOptions> incidents)
{
    public const string LogPlatform = "log";

    // One per name, the last registered winning (a test double replaces a real platform), in registration order.
    private readonly IReadOnlyList<IChatPlatform> _ordered = platforms.GroupBy(p => p.Name, StringComparer.Ordinal).Select(g => g.Last()).ToList();

    private readonly Dictionary<string, IChatPlatform> _platforms = platforms
        .GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    /// <summary>The platform a request's incident lives on: where its channel is, else the log.</summary>
    public string For(ChatContext context)
    {
        var platform = context.ChannelPlatform ?? context.Platform;
        return _platforms.ContainsKey(platform) ? platform : LogPlatform;
    }

    public IChatPlatform? Get(string name) => _platforms.GetValueOrDefault(name.Length == 0 ? LogPlatform : name);

    /// <summary>The announcements channel of each platform that was given one (Slack's <c>IncidentsChannel</c>, Teams' <c>IncidentsConversationId</c>).</summary>
    public IReadOnlyList<string> Announcements() =>
        _ordered.Where(p => p.AnnouncementsChannel is not null).Select(p => $"{p.Name}:{p.AnnouncementsChannel}").ToList();

    /// <summary>Where the incident's own messages go (reminders): its channel, else where it was declared.</summary>
    public static string Home(Incident incident) =>
        $"{(incident.Platform.Length == 0 ? LogPlatform : incident.Platform)}:{incident.HomeChannel}";

    /// <summary>
    /// Declarer, commander and technical lead (stored keys) and the configured responders of this platform, by the
    /// platform's user id, each once.
    /// </summary>
    public IReadOnlyList<string> Members(string platform, ChatContext declarer, string commanderKey, string? leadKey = null)
    {
        var commander = IncidentUsers.LocalId(commanderKey);
        // A declarer from elsewhere (Alertmanager) is no user of this platform and cannot be invited.
        var members = declarer.ChannelPlatform is null ? new List<string> { declarer.UserId, commander } : [commander];
        if (leadKey is not null)
        {
            members.Add(IncidentUsers.LocalId(leadKey));
        }

        foreach (var responder in incidents.CurrentValue.Responders)
        {
            var colon = responder.IndexOf(':', StringComparison.Ordinal);
            var responderPlatform = responder[..colon];
            if (string.Equals(responderPlatform, platform, StringComparison.Ordinal) ||
                (platform == LogPlatform && responderPlatform == "console"))
            {
                members.Add(responder[(colon + 1)..]);
            }
        }

        return members.Distinct(StringComparer.Ordinal).ToList();
    }
}

using System.Collections.Concurrent;
using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// Which named Entra groups (<c>teams-group:&lt;group object id&gt;</c> in role bindings, approval rules or break-glass
/// requesters) a Teams user is in, asked of Microsoft Graph by the user's AAD object id (a Teams context's user id).
/// Answers are cached per user until <see cref="GraphOptions.GroupCacheExpiry"/>, and only for the groups asked
/// about, so a reload that names another group asks again. A lookup that fails grants nothing (deny by default) and
/// is not cached, so the next command asks again.
/// </summary>
public sealed class TeamsGroupDirectory(
    IGraphMembership graph,
    IOptionsMonitor<RolesOptions> roles,
    IOptionsMonitor<PolicyOptions> policies,
    IOptionsMonitor<TeamsOptions> teams,
    TimeProvider clock,
    ILogger<TeamsGroupDirectory> logger) : IPlatformGroupDirectory
{
    public const string Prefix = TeamsGroups.Prefix;

    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, string Asked, IReadOnlyList<string> Groups)> _cache = new(StringComparer.Ordinal);

    public string Platform => TeamsMessageHandler.Platform;

    public async ValueTask<IReadOnlyList<string>> GroupsOfAsync(ChatContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Platform != Platform)
        {
            return [];
        }

        var named = GroupSubjects.Named(roles.CurrentValue, policies.CurrentValue, Prefix);
        if (named.Count == 0)
        {
            return [];
        }

        var asked = string.Join(' ', named);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(context.UserId, out var cached) && cached.Asked == asked && cached.Until > now)
        {
            return cached.Groups;
        }

        try
        {
            var ids = named.Select(s => s[Prefix.Length..]).ToList();
            var members = await graph.MemberGroupsAmongAsync(context.UserId, ids, cancellationToken);
            IReadOnlyList<string> groups = named.Where(s => members.Contains(s[Prefix.Length..])).ToList();
            _cache[context.UserId] = (now + teams.CurrentValue.Graph.GroupCacheExpiry, asked, groups);
            return groups;
        }
        catch (Exception ex) when (ex is GraphException or HttpRequestException or JsonException
                                   || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(
                "Entra group membership of Teams user {User} could not be read; its {Count} teams-group subjects grant nothing now: {Reason}",
                context.UserId, named.Count, ex.Message);
            return [];
        }
    }
}

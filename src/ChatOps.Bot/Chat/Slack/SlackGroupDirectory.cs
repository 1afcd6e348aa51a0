using System.Collections.Concurrent;
using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// Which named Slack user groups (<c>slack-group:S…</c> in role bindings, approval rules or break-glass requesters) a
/// Slack user is in, from
/// <c>usergroups.users.list</c>. Members are cached per group with an expiry; a lookup that fails grants nothing
/// (deny by default) and is not cached, so the next command asks again.
/// </summary>
public sealed class SlackGroupDirectory(
    SlackApiClient api,
    IOptionsMonitor<RolesOptions> roles,
    IOptionsMonitor<PolicyOptions> policies,
    IOptionsMonitor<SlackOptions> slack,
    TimeProvider clock,
    ILogger<SlackGroupDirectory> logger) : IPlatformGroupDirectory
{
    private const string Prefix = "slack-group:";
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, HashSet<string> Members)> _cache = new(StringComparer.Ordinal);

    public string Platform => SlackCommandHandler.Platform;

    public async ValueTask<IReadOnlyList<string>> GroupsOfAsync(ChatContext context, CancellationToken cancellationToken)
    {
        if (context.Platform != SlackCommandHandler.Platform)
        {
            return [];
        }

        List<string>? result = null;
        foreach (var subject in GroupSubjects.Named(roles.CurrentValue, policies.CurrentValue, Prefix))
        {
            var members = await MembersAsync(subject[Prefix.Length..], cancellationToken);
            if (members.Contains(context.UserId))
            {
                (result ??= []).Add(subject);
            }
        }

        return result is null ? [] : result;
    }

    private async Task<HashSet<string>> MembersAsync(string group, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(group, out var cached) && cached.Until > now)
        {
            return cached.Members;
        }

        try
        {
            var members = (await api.UserGroupMembersAsync(group, cancellationToken)).ToHashSet(StringComparer.Ordinal);
            _cache[group] = (now + slack.CurrentValue.GroupCacheExpiry, members);
            return members;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            logger.LogWarning("Slack user group {Group} could not be read; its role binding grants nothing now: {Reason}", group, ex.Message);
            return [];
        }
    }
}

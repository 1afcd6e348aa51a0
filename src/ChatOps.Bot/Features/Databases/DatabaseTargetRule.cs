using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Authorization;

namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// <c>--db</c> names a configured target, never a connection string. A refusal lists the names this user may use
/// (those where they hold at least viewer), so it does not advertise targets they cannot touch.
/// </summary>
public sealed class DatabaseTargetRule(IDatabaseTargets targets, RolePolicy policy)
{
    /// <summary>The database to use when <c>--db</c> is omitted: the only one configured, else null.</summary>
    public string? Resolve(string? given) => given is null
        ? targets.Names.Count == 1 ? targets.Names[0] : null
        : targets.Find(given) ?? given;

    public async ValueTask<string?> ErrorAsync(string? database, ChatContext context, CancellationToken cancellationToken)
    {
        if (database is not null && targets.Find(database) is not null)
        {
            return null;
        }

        if (targets.Names.Count == 0)
        {
            return "no databases are configured (ChatOps:Databases)";
        }

        var usable = new List<string>();
        foreach (var name in targets.Names)
        {
            if (await policy.RoleForAsync(context, new TargetScope(name), cancellationToken) >= Role.Viewer)
            {
                usable.Add(name);
            }
        }

        var names = usable.Count == 0 ? "you hold no role on any database" : $"you may use: {string.Join(", ", usable)}";
        return database is null
            ? $"several databases are configured: give --db <name> ({names})"
            : $"'{Truncate(database)}' is not a configured database ({names})";
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

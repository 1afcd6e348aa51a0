namespace ChatOps.Bot.Features.Authorization;

/// <summary>How a refusal names one kind of target: <c>database</c>, <c>databases</c>, <c>--db</c>, <c>ChatOps:Databases</c>.</summary>
public sealed record TargetNouns(string One, string Many, string Flag, string Section);

/// <summary>
/// The flag names a configured target, never an address. A refusal lists the names this user may use (those where
/// they hold at least viewer), so it does not advertise targets they cannot touch. Each kind of target derives its
/// own rule, so its validators and grammar ask for exactly that kind.
/// </summary>
public abstract class NamedTargetRule(INamedTargets targets, RolePolicy policy, TargetNouns nouns)
{
    /// <summary>The target to use when the flag is omitted: the only one configured, else null.</summary>
    public string? Resolve(string? given) => given is null
        ? targets.Names.Count == 1 ? targets.Names[0] : null
        : targets.Find(given) ?? given;

    public async ValueTask<string?> ErrorAsync(string? target, ChatContext context, CancellationToken cancellationToken)
    {
        if (target is not null && targets.Find(target) is not null)
        {
            return null;
        }

        if (targets.Names.Count == 0)
        {
            return $"no {nouns.Many} are configured ({nouns.Section})";
        }

        var usable = new List<string>();
        foreach (var name in targets.Names)
        {
            if (await policy.RoleForAsync(context, new TargetScope(name), cancellationToken) >= Role.Viewer)
            {
                usable.Add(name);
            }
        }

        var names = usable.Count == 0 ? $"you hold no role on any {nouns.One}" : $"you may use: {string.Join(", ", usable)}";
        return target is null
            ? $"several {nouns.Many} are configured: give {nouns.Flag} <name> ({names})"
            : $"'{Truncate(target)}' is not a configured {nouns.One} ({names})";
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

namespace ChatOps.Bot.Features.Authorization;

/// <summary>Group subjects (e.g. <c>slack-group:S123</c>) a user belongs to; platforms with groups implement it.</summary>
public interface IGroupDirectory
{
    ValueTask<IReadOnlyList<string>> GroupsOfAsync(ChatContext context, CancellationToken cancellationToken);
}

/// <summary>One chat platform's groups (Slack user groups, Entra groups for Teams), asked only about that platform's users.</summary>
public interface IPlatformGroupDirectory : IGroupDirectory
{
    string Platform { get; }
}

/// <summary>
/// The directory the pipeline asks: it hands a user to the directory of their own platform only, so a Slack user
/// never costs a Graph call and a Teams user never a Slack one. No directory for the platform: no groups.
/// The directories are resolved on first use, not at construction: they read the policy options, whose validators
/// need the command registry, whose grammars reach this class; resolving them eagerly closes that cycle and the
/// container deadlocks at start.
/// </summary>
public sealed class GroupDirectories(Func<IEnumerable<IPlatformGroupDirectory>> directories) : IGroupDirectory
{
    private readonly Lazy<IPlatformGroupDirectory[]> _directories = new(() => [.. directories()]);

    public async ValueTask<IReadOnlyList<string>> GroupsOfAsync(ChatContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> result = [];
        foreach (var directory in _directories.Value)
        {
            if (string.Equals(directory.Platform, context.Platform, StringComparison.Ordinal))
            {
                var groups = await directory.GroupsOfAsync(context, cancellationToken);
                result = result.Count == 0 ? groups : [.. result, .. groups];
            }
        }

        return result;
    }
}

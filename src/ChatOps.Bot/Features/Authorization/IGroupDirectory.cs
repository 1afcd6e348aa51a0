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
/// </summary>
public sealed class GroupDirectories(IEnumerable<IPlatformGroupDirectory> directories) : IGroupDirectory
{
    private readonly IPlatformGroupDirectory[] _directories = [.. directories];

    public async ValueTask<IReadOnlyList<string>> GroupsOfAsync(ChatContext context, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        foreach (var directory in _directories)
        {
            if (string.Equals(directory.Platform, context.Platform, StringComparison.Ordinal))
            {
                result.AddRange(await directory.GroupsOfAsync(context, cancellationToken));
            }
        }

        return result;
    }
}

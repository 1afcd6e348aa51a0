namespace ChatOps.Bot.Features.Incidents;

/// <summary>A person put on an incident: the platform-qualified id it is stored and matched by, and a name to show.</summary>
public sealed record IncidentPerson(string Key, string Name);

/// <summary>
/// Turns a <c>--commander</c>/<c>--lead</c> argument into an identity: an id from a mention (or <c>@name</c> for the
/// console, whose identities are local names), of the incident's own platform, that the platform's directory knows.
/// A plain name on Slack or Teams is refused: a name is display text anyone can choose, and matching people by it
/// let a viewer named like the commander take over the incident.
/// </summary>
public sealed class IncidentUserResolver(IEnumerable<IUserDirectory> directories, ILogger<IncidentUserResolver> logger)
{
    private readonly Dictionary<string, IUserDirectory> _directories = directories
        .GroupBy(d => d.Platform, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    /// <summary>
    /// The person <paramref name="text"/> names on <paramref name="platform"/> (a user platform, see
    /// <see cref="IncidentUsers.UserPlatform"/>), or a one-line reason it names nobody usable.
    /// </summary>
    public async Task<(IncidentPerson? Person, string? Error)> ResolveAsync(
        string text, string platform, ChatContext context, string what, CancellationToken cancellationToken)
    {
        if (UserToken.Parse(text) is not { } reference)
        {
            return (null, $"{what} needs a user (@name); nothing was changed");
        }

        var referencePlatform = reference.Platform ?? platform;
        if (referencePlatform != platform)
        {
            return (null, $"{what} {text} is a {referencePlatform} user, but this incident's people are on {platform}; nothing was changed");
        }

        if (!reference.IsId && platform != IncidentUsers.ConsolePlatform)
        {
            return (null, $"{what} {text} is only a name: mention the user (@ autocomplete) so {Title(platform)} sends their id; nothing was changed");
        }

        if (!_directories.TryGetValue(platform, out var directory))
        {
            return (null, $"{what} {text}: {platform} users cannot be checked by this bot; nothing was changed");
        }

        DirectoryUser? user;
        try
        {
            user = await directory.FindAsync(reference.Value, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Looking up {Platform} user {User} failed: {Reason}", platform, reference.Value, ex.Message);
            return (null, $"{what} {text}: could not check the user with {platform} ({ex.Message}); nothing was changed");
        }

        if (user is null)
        {
            return (null, $"{what} {text}: {platform} has no such user; nothing was changed");
        }

        var key = IncidentUsers.Key(platform, user.Id);
        var name = user.Name ?? context.MentionNames?.GetValueOrDefault(key) ?? reference.NameHint ?? user.Id;
        return (new IncidentPerson(key, name), null);
    }

    private static string Title(string platform) => platform.Length == 0 ? platform : char.ToUpperInvariant(platform[0]) + platform[1..];
}

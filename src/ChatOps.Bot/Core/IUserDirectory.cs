namespace ChatOps.Bot.Core;

/// <summary>A person as their platform knows them: <see cref="Id"/> is immutable, <see cref="Name"/> is display text (null when the platform cannot tell).</summary>
public sealed record DirectoryUser(string Id, string? Name);

/// <summary>
/// Checks that a platform user id names a real person, so a command that hands someone a role (an incident's
/// commander) stores an identity, never a name. One implementation per chat platform, in Infrastructure.
/// </summary>
public interface IUserDirectory
{
    /// <summary>The platform whose ids this directory knows: <c>slack</c>, <c>teams</c>, <c>console</c>.</summary>
    string Platform { get; }

    /// <summary>The user with this id; null when the platform has no such active user. Throws when the platform could not be asked.</summary>
    Task<DirectoryUser?> FindAsync(string id, CancellationToken cancellationToken);
}

namespace ChatOps.Bot.Chat.Teams;

/// <summary>Which of the given Entra groups a user is in, transitively.</summary>
public interface IGraphMembership
{
    /// <summary>The subset of <paramref name="groupIds"/> the user is a member of; empty for a user Graph does not know.</summary>
    /// <exception cref="GraphException">Graph could not answer.</exception>
    Task<IReadOnlySet<string>> MemberGroupsAmongAsync(string userId, IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken);
}

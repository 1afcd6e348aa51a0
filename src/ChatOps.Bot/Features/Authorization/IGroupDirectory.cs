namespace ChatOps.Bot.Features.Authorization;

/// <summary>Group subjects (e.g. <c>slack-group:S123</c>) a user belongs to; platforms with groups implement it.</summary>
public interface IGroupDirectory
{
    ValueTask<IReadOnlyList<string>> GroupsOfAsync(ChatContext context, CancellationToken cancellationToken);
}

public sealed class NoGroups : IGroupDirectory
{
    public ValueTask<IReadOnlyList<string>> GroupsOfAsync(ChatContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>([]);
}

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// Teams people are their Azure AD object ids, the same id the adapter runs commands as. Without Microsoft Graph the
/// bot cannot look a person up, so it accepts what a mention carried — an object id, in its canonical lower-case GUID
/// form — and refuses anything else (a channel-specific <c>29:</c> id or a typed name identifies nobody stable).
/// </summary>
public sealed class TeamsUserDirectory : IUserDirectory
{
    public string Platform => TeamsMessageHandler.Platform;

    public Task<DirectoryUser?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(Guid.TryParseExact(id, "D", out var guid) ? new DirectoryUser(guid.ToString("D"), null) : null);
}

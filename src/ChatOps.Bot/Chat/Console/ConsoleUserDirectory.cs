namespace ChatOps.Bot.Chat.Console;

/// <summary>
/// Console identities are the names people start the console with (<c>console:bob</c>); there is nobody to ask, so
/// any well-formed name is a console user. They only ever act at this bot's console, never on a chat platform.
/// </summary>
public sealed class ConsoleUserDirectory : IUserDirectory
{
    public string Platform => "console";

    public Task<DirectoryUser?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? new DirectoryUser(id, id)
            : null);
}

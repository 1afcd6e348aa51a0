namespace ChatOps.Bot.Dispatch;

/// <summary>
/// What <see cref="CommandDispatcher.Admit"/> decided for one command: either a refusal to answer with at once, or a
/// claimed in-flight slot that <see cref="CommandDispatcher.RunAsync"/> releases when the command ends. An adapter
/// that admits a command and then decides not to run it (a replayed delivery) disposes the ticket instead. Releasing
/// twice is harmless: only the first release gives the slot back.
/// </summary>
public sealed class CommandTicket : IDisposable
{
    private InFlightCommands? _slot;

    private CommandTicket(string text, ChatContext context, InFlightCommands? slot, OperationResult? refusal)
    {
        Text = text;
        Context = context;
        _slot = slot;
        Refusal = refusal;
    }

    public string Text { get; }

    public ChatContext Context { get; }

    /// <summary>Null when the command was admitted; otherwise the answer it gets instead of running.</summary>
    public OperationResult? Refusal { get; }

    public static CommandTicket Admitted(string text, ChatContext context, InFlightCommands slot) => new(text, context, slot, null);

    public static CommandTicket Refused(string text, ChatContext context, OperationResult refusal) => new(text, context, null, refusal);

    public void Dispose() => Interlocked.Exchange(ref _slot, null)?.Exit();
}

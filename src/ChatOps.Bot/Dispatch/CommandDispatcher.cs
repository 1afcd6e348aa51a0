using System.Diagnostics;
using ChatOps.Bot.Diagnostics;

namespace ChatOps.Bot.Dispatch;

/// <summary>
/// The one entry every adapter uses: text and context in, result out. Each command runs in its own DI scope, so
/// work that outlives an HTTP request (Slack's 3-second rule) is safe to hand here. Being the one entry, it is also
/// where text is checked and normalised (<see cref="InputText"/>), so nothing behind it meets a NUL or a bidi override,
/// and where commands are admitted (<see cref="Admit"/>): at most <see cref="DispatchOptions.MaxInFlight"/> run at once.
/// </summary>
public sealed class CommandDispatcher(
    IServiceScopeFactory scopes,
    CommandParser parser,
    InFlightCommands inFlight,
    CommandRateLimiter limits,
    IOverloadAudit overloads,
    ChatOpsMetrics metrics,
    ILogger<CommandDispatcher> logger) : ICommandDispatcher
{
    public const string ShuttingDown = "the bot is shutting down; nothing was run. Try again in a moment.";

    public const string Busy = "the bot is busy; nothing was run. Try again in a few seconds.";

    /// <summary>
    /// Decides at once, before anything is parsed, queued or started, whether the command may run. Adapters call it
    /// on the request thread, so a refused command costs a counter and a held audit record, never a background task.
    /// </summary>
    public CommandTicket Admit(string text, ChatContext context)
    {
        switch (inFlight.TryEnter())
        {
            case Admission.Admitted:
                return CommandTicket.Admitted(text, context, inFlight);
            case Admission.Stopping:
                return CommandTicket.Refused(text, context, OperationResult.Failure(ShuttingDown));
            default:
                RefuseOverloaded(text, context);
                return CommandTicket.Refused(text, context, OperationResult.Failure(Busy));
        }
    }

    /// <inheritdoc />
    public Task<OperationResult> DispatchAsync(
        string text, ChatContext context, CancellationToken cancellationToken, Func<OperationResult, CancellationToken, ValueTask>? progress = null)
    {
        var ticket = Admit(text, context);
        return ticket.Refusal is { } refusal ? Task.FromResult(refusal) : RunAsync(ticket, cancellationToken, progress);
    }

    /// <summary>Runs an admitted command and gives its slot back however it ends; a refused ticket gets its refusal.</summary>
    public async Task<OperationResult> RunAsync(
        CommandTicket ticket, CancellationToken cancellationToken, Func<OperationResult, CancellationToken, ValueTask>? progress = null)
    {
        using (ticket)
        {
            return ticket.Refusal ?? await RunAdmittedAsync(ticket.Text, ticket.Context, progress, cancellationToken);
        }
    }

    private async Task<OperationResult> RunAdmittedAsync(
        string text, ChatContext context, Func<OperationResult, CancellationToken, ValueTask>? progress, CancellationToken cancellationToken)
    {
        context = InputText.Safe(context);
        using var logScope = logger.BeginScope(new CommandLogScope(context));
        var parsed = InputText.TryNormalize(text, out text, out var textError)
            ? parser.Parse(text, context)
            : ParseResult.Failure(textError!);
        if (limits.Check(context, parsed.Spec?.Name ?? "(unknown)") is { } refusal)
        {
            return refusal;
        }

        var operation = parsed.Operation
            ?? new UnparsedCommand(context, new CommandLine(parsed.Spec?.Name ?? "(unknown)", text.Trim(), string.Empty), parsed.Message);
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ProgressRelay>().Listener = progress;
        var runner = scope.ServiceProvider.GetRequiredService<IOperationRunner>();
        var result = await runner.RunAsync(operation, cancellationToken);

        var name = parsed.Spec?.Name ?? "(unknown)";
        metrics.CommandAnswered(name, result.Outcome.ToString(), Stopwatch.GetElapsedTime(started));
        logger.LogInformation("Command {Command} answered {Outcome}", name, result.Outcome);
        return result;
    }

    /// <summary>
    /// Counted and audited, not logged per request: the log would grow with exactly the flood being refused. The
    /// admitted commands keep their share of the held-records buffer (<c>keepFree</c>), so the refusals never crowd them out.
    /// </summary>
    private void RefuseOverloaded(string text, ChatContext context)
    {
        metrics.Overloaded(context.Platform);
        var safeContext = InputText.Safe(context);
        var safeText = text.Length > CommandParser.MaxLength ? text[..CommandParser.MaxLength] : text;
        InputText.TryNormalize(safeText, out safeText, out _);
        if (!overloads.Refused(safeText, safeContext, keepFree: inFlight.Limit))
        {
            metrics.OverloadRefusalUnaudited();
        }
    }
}

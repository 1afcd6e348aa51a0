using System.Diagnostics;
using ChatOps.Bot.Diagnostics;
using ChatOps.Bot.Parsing;
using Microsoft.Extensions.Logging;

namespace ChatOps.Bot.Dispatch;

/// <summary>
/// The one entry every adapter uses: text and context in, result out. Each command runs in its own DI scope, so
/// work that outlives an HTTP request (Slack's 3-second rule) is safe to hand here. Being the one entry, it is also
/// where text is checked and normalised (<see cref="InputText"/>), so nothing behind it meets a NUL or a bidi override.
/// </summary>
public sealed class CommandDispatcher(
    IServiceScopeFactory scopes,
    CommandParser parser,
    InFlightCommands inFlight,
    CommandRateLimiter limits,
    ChatOpsMetrics metrics,
    ILogger<CommandDispatcher> logger) : ICommandDispatcher
{
    public const string ShuttingDown = "the bot is shutting down; nothing was run. Try again in a moment.";

    /// <inheritdoc />
    public async Task<OperationResult> DispatchAsync(
        string text, ChatContext context, CancellationToken cancellationToken, Func<OperationResult, CancellationToken, ValueTask>? progress = null)
    {
        if (!inFlight.TryEnter())
        {
            return OperationResult.Failure(ShuttingDown);
        }

        try
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
        finally
        {
            inFlight.Exit();
        }
    }
}

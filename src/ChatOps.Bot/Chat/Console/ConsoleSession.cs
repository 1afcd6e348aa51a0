using ChatOps.Bot.Dispatch;

namespace ChatOps.Bot.Chat.Console;

/// <summary>
/// The local adapter: one line is one command, exactly the text you would type after <c>/ops</c> in Slack.
/// Interactive sessions get a prompt; piped input gets only the answers, so scripts can read them.
/// </summary>
public sealed class ConsoleSession(CommandDispatcher dispatcher, TimeProvider clock)
{
    public const string Platform = "console";

    /// <summary>
    /// Returns 0 when every command succeeded (or awaits approval), 1 otherwise. A <paramref name="mark"/> starts
    /// every answer (the sandbox's, so its answers are never taken for a real cluster's). Images of an answer (charts)
    /// are written into <paramref name="imageFolder"/> and their paths printed.
    /// </summary>
    public async Task<int> RunAsync(
        string user, TextReader input, TextWriter output, bool interactive, CancellationToken cancellationToken, string? mark = null, string? imageFolder = null)
    {
        if (interactive)
        {
            await output.WriteLineAsync($"{mark}ChatOps console as {Platform}:{user}. Type `help` for commands, `exit` to leave.");
        }

        var allSucceeded = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (interactive)
            {
                await output.WriteAsync("ops> ");
                await output.FlushAsync(cancellationToken);
            }

            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                break;
            }

            line = line.Trim();
            if (line.StartsWith("/ops ", StringComparison.Ordinal))
            {
                line = line[5..].Trim();
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line is "exit" or "quit")
            {
                break;
            }

            var context = new ChatContext(Platform, user, user, Platform, null, RequestIds.New(), clock.GetUtcNow());
            var shown = new ShownText(output, mark);
            var result = await dispatcher.DispatchAsync(line, context, cancellationToken, (interim, ct) => shown.ShowAsync(interim.Text, ct));
            allSucceeded &= result.Outcome is Outcome.Succeeded or Outcome.AwaitingApproval;
            // After interim lines the answer continues them; a "failed:" marker in front would repeat them all.
            await shown.ShowAsync(shown.Any ? ConsoleRenderer.Render(result with { Outcome = Outcome.Succeeded }) : ConsoleRenderer.Render(result), cancellationToken);
            foreach (var path in await ConsoleImages.SaveAsync(result.Images, imageFolder ?? Path.GetFullPath("data"), clock.GetUtcNow(), cancellationToken))
            {
                await output.WriteLineAsync($"chart written to {path}");
            }
        }

        return allSucceeded ? 0 : 1;
    }
}

using ChatOps.Bot.Chat;
using System.Text.Json.Nodes;
using ChatOps.Bot.Configuration;
using ChatOps.Bot.Operations;
using ChatOps.Bot.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// A slash command (from HTTP or Socket Mode, already verified): the command runs in the background; when it ends
/// within the ack budget the answer is the response itself, otherwise Slack gets "working on it" now and the answer
/// goes to <c>response_url</c> when it is ready, with interim answers (<c>rollout status --wait</c>) editing the
/// "working on it" message meanwhile.
/// </summary>
public sealed class SlackCommandHandler(
    CommandDispatcher dispatcher,
    BackgroundWork background,
    ISlackApi api,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackCommandHandler> logger)
{
    public const string Platform = "slack";

    /// <summary>The body to answer with; null means an empty 200.</summary>
    public async Task<JsonObject?> HandleAsync(IReadOnlyDictionary<string, string> form)
    {
        if (Field(form, "ssl_check") == "1")
        {
            return null;
        }

        var o = options.CurrentValue;
        if (!SlackWorkspaces.IsAllowed(o, Field(form, "team_id")))
        {
            logger.LogWarning("Slash command from workspace {TeamId} refused: not in AllowedTeamIds", Field(form, "team_id"));
            return BlockKit.Ephemeral("This Slack workspace is not allowed to use this bot; nothing was run.");
        }

        var user = Field(form, "user_id");
        if (user.Length == 0)
        {
            return BlockKit.Ephemeral("Slack sent no user id; nothing was run.");
        }

        var text = SlackText.Unescape(Field(form, "text")).Trim();
        text = text.Length == 0 ? "help" : text;
        var context = new ChatContext(
            Platform, user, Or(Field(form, "user_name"), user), Field(form, "channel_id"), null, RequestIds.New(), clock.GetUtcNow());
        var progress = new SlackProgress(api, clock);
        var work = background.Start(ct => dispatcher.DispatchAsync(text, context, ct, progress.ReportAsync));
        if (await Task.WhenAny(work, Task.Delay(o.AckBudget, clock)) == work)
        {
            return BlockKit.Response(await work);
        }

        if (!Uri.TryCreate(Field(form, "response_url"), UriKind.Absolute, out var responseUrl))
        {
            // No way to answer later: the command still runs to its end and is audited; say where to look.
            return BlockKit.Ephemeral($"Still working on `{text}`; see `audit` for the outcome ({context.CorrelationId}).");
        }

        progress.Connect(responseUrl);
        background.Run("reply to a slow command", async ct => await progress.FinishAsync(responseUrl, await work, ct));
        return BlockKit.Ephemeral($"Working on `{text}` ({context.CorrelationId})…");
    }

    internal static string Field(IReadOnlyDictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var value) ? value : string.Empty;

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}

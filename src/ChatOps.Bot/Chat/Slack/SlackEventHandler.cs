using ChatOps.Bot.Dispatch;
using static ChatOps.Bot.Chat.Slack.SlackInteractionHandler;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// Events API callbacks: <c>url_verification</c>, and <c>app_mention</c>, whose text after the mention runs as a
/// command with the answer in the thread. Slack redelivers an event it thinks was not acknowledged; the
/// <c>event_id</c> is claimed so a redelivery (to this or any other replica) runs nothing.
/// </summary>
public sealed class SlackEventHandler(
    CommandDispatcher dispatcher,
    BackgroundWork background,
    BusyReplies busyReplies,
    ISlackApi api,
    DeliveryClaims claims,
    SlackAttachments images,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackEventHandler> logger)
{
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromDays(1);

    /// <summary>The body to answer with; null means an empty 200.</summary>
    public async Task<JsonObject?> HandleAsync(JsonElement body, CancellationToken cancellationToken)
    {
        switch (Str(body, "type"))
        {
            case "url_verification":
                return new JsonObject { ["challenge"] = Str(body, "challenge") ?? string.Empty };
            case "event_callback":
                break;
            default:
                return null;
        }

        var team = Str(body, "team_id");
        if (!SlackWorkspaces.IsAllowed(options.CurrentValue, team))
        {
            logger.LogWarning("Event from workspace {TeamId} refused: not in AllowedTeamIds", team);
            return null;
        }

        if (!body.TryGetProperty("event", out var e) || Str(e, "type") != "app_mention" || Str(e, "bot_id") is not null)
        {
            // Our own messages and other bots never run commands: no loops between bots.
            return null;
        }

        var eventId = Str(body, "event_id");
        var now = clock.GetUtcNow();
        if (string.IsNullOrEmpty(eventId) || !await claims.TryClaimAsync($"slack:event:{eventId}", now, ClaimLifetime, cancellationToken))
        {
            logger.LogInformation("Event {EventId} already handled; redelivery ignored", eventId);
            return null;
        }

        var user = Str(e, "user");
        var channel = Str(e, "channel");
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(channel))
        {
            return null;
        }

        var thread = Str(e, "thread_ts") ?? Str(e, "ts");
        var text = SlackText.AfterMentions(Str(e, "text") ?? string.Empty);
        var context = new ChatContext(SlackCommandHandler.Platform, user, user, channel, thread, RequestIds.New(), now);
        var ticket = dispatcher.Admit(text.Length == 0 ? "help" : text, context);
        if (ticket.Refusal is { } busy)
        {
            busyReplies.TrySend(ct => api.PostEphemeralAsync(channel, user, BlockKit.Render(busy), thread, ct));
            return null;
        }

        background.Run("mention reply", ct => ReplyAsync(ticket, channel, user, thread, ct));
        return null;
    }

    private async Task ReplyAsync(CommandTicket ticket, string channel, string user, string? thread, CancellationToken cancellationToken)
    {
        var result = await dispatcher.RunAsync(ticket, cancellationToken);
        var message = BlockKit.Render(result, imagesShared: true);
        if (result.Visibility == Visibility.InChannel)
        {
            await api.PostMessageAsync(channel, message, thread, cancellationToken);
        }
        else
        {
            await api.PostEphemeralAsync(channel, user, message, thread, cancellationToken);
        }

        images.Share(result, channel, thread, user, null);
    }
}

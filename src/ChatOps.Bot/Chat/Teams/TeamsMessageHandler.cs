using ChatOps.Bot.Dispatch;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// A <c>message</c> activity (already authenticated): the text after the bot's mention runs as a command as the
/// sender's Azure AD object id, and the answer is a reply in the same conversation and thread. A message carrying a
/// card's <c>Action.Submit</c> data is a button click instead. The HTTP request is answered at once; the command runs
/// in the background. The activity id is claimed, so a redelivered activity runs nothing twice.
/// </summary>
public sealed class TeamsMessageHandler(
    CommandDispatcher dispatcher,
    BackgroundWork background,
    BusyReplies busyReplies,
    IBotConnector connector,
    TeamsCardActions actions,
    TeamsConversationHandler conversations,
    DeliveryClaims claims,
    TimeProvider clock,
    ILogger<TeamsMessageHandler> logger)
{
    public const string Platform = "teams";
    public const string NoAadObjectId = "Teams sent no Azure AD object id for you, so your roles cannot be checked; nothing was run.";

    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromDays(1);

    public async Task HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        if (Conversation(activity) is not { } conversation)
        {
            return;
        }

        if (activity.FromAadObjectId is not { Length: > 0 } user)
        {
            background.Run("refusal", ct => connector.SendAsync(conversation, AdaptiveCards.Message(OperationResult.Invalid(NoAadObjectId)), ct));
            return;
        }

        if (TeamsCardActions.Command(activity.Value) is { } command)
        {
            await actions.SubmitAsync(activity, conversation, command, cancellationToken);
            return;
        }

        var now = clock.GetUtcNow();
        var text = TeamsText.Command(activity);
        var context = Context(activity, user, now) with { MentionNames = TeamsText.MentionNames(activity) };

        // Admitted before the delivery claim touches the store: a busy bot answers at once and runs nothing.
        var ticket = dispatcher.Admit(text.Length == 0 ? "help" : text, context);
        if (ticket.Refusal is { } busy)
        {
            busyReplies.TrySend(ct => connector.SendAsync(conversation, AdaptiveCards.Message(busy), ct));
            return;
        }

        if (!await TryClaimAsync(ticket, conversation, activity.Id, now, cancellationToken))
        {
            return;
        }

        var progress = new TeamsProgress(connector, conversation, clock);
        background.Run("conversation reference", ct => conversations.RememberAsync(activity, ct));
        background.Run("message reply", async ct =>
        {
            var result = await dispatcher.RunAsync(ticket, ct, progress.ReportAsync);
            await progress.FinishAsync(result, ct);
        });
    }

    /// <summary>False for a redelivered activity, whose ticket it gives back; a new one keeps it.</summary>
    private async Task<bool> TryClaimAsync(CommandTicket ticket, TeamsConversation conversation, string? id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            if (id is not { Length: > 0 } ||
                await claims.TryClaimAsync($"teams:activity:{conversation.ConversationId}:{id}", now, ClaimLifetime, cancellationToken))
            {
                return true;
            }
        }
        catch
        {
            ticket.Dispose();
            throw;
        }

        ticket.Dispose();
        logger.LogInformation("Activity {ActivityId} already handled; redelivery ignored", id);
        return false;
    }

    /// <summary>Where the answer goes; null when the activity lacks what a reply needs.</summary>
    public static TeamsConversation? Conversation(TeamsActivity activity) =>
        Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) && activity.ConversationId is { Length: > 0 } conversationId
            ? new TeamsConversation(serviceUrl, conversationId, activity.Id)
            : null;

    public static ChatContext Context(TeamsActivity activity, string user, DateTimeOffset now) => new(
        Platform,
        user,
        activity.FromName is { Length: > 0 } name ? name : user,
        activity.ConversationId ?? string.Empty,
        activity.ReplyToId ?? activity.Id,
        RequestIds.New(),
        now);
}

using ChatOps.Bot.Dispatch;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// Card buttons: <c>Action.Submit</c> (a message with <c>value</c>) and <c>Action.Execute</c> (an
/// <c>adaptiveCard/action</c> invoke, answered in the HTTP response). Adaptive Cards in and out around
/// <see cref="CardActions"/>, which admits and claims each click (card + user + command) and runs the button's command
/// as whoever clicked. A refusal (denied, invalid, busy) leaves the card for someone who may use it; any other outcome
/// replaces the card for everyone. A busy bot claims nothing, so the same button works again once it has room.
/// </summary>
public sealed class TeamsCardActions(
    CardActions cards, BackgroundWork background, BusyReplies busyReplies, AckDeadlines deadlines, IBotConnector connector, TimeProvider clock)
{
    public const string AlreadyHandled = "This button was already used; nothing was run twice.";

    /// <summary>Teams waits about 15 s for an invoke response; past this budget the card says "working" and is updated later.</summary>
    public static readonly TimeSpan InvokeBudget = TimeSpan.FromSeconds(10);

    /// <summary>The command in a card action's data: <c>{"command": "..."}</c>.</summary>
    public static string? Command(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && TeamsActivity.Get(data, "command") is { } command && !string.IsNullOrWhiteSpace(command)
            ? command.Trim()
            : null;

    /// <summary><c>Action.Submit</c>: runs in the background; the card (the activity replied to) is updated in place.</summary>
    public async Task SubmitAsync(TeamsActivity activity, TeamsConversation conversation, string command, CancellationToken cancellationToken)
    {
        var click = Click(activity, activity.FromAadObjectId!, command);
        if (await cards.TryClaimAsync(click, cancellationToken) is not { } ticket)
        {
            return;
        }

        if (ticket.Refusal is { } busy)
        {
            busyReplies.TrySend(ct => connector.SendAsync(conversation with { ReplyToId = activity.ReplyToId ?? activity.Id }, AdaptiveCards.Message(busy), ct));
            return;
        }

        background.Run("card submit", async ct =>
        {
            var done = await cards.RunAsync(ticket, ct);
            await ShowAsync(activity, conversation, command, done, ct);
        });
    }

    /// <summary><c>Action.Execute</c>: the invoke response body, a card with the outcome (or "working" when it is slow).</summary>
    public async Task<JsonObject> ExecuteAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        var data = activity.Value.ValueKind == JsonValueKind.Object && activity.Value.TryGetProperty("action", out var action) &&
            action.TryGetProperty("data", out var d) ? d : default;
        if (TeamsMessageHandler.Conversation(activity) is not { } conversation || Command(data) is not { } command)
        {
            return Response(AdaptiveCards.Render(OperationResult.Invalid("This card action carries no command; nothing was run.")));
        }

        if (activity.FromAadObjectId is not { Length: > 0 } user)
        {
            return Response(AdaptiveCards.Render(OperationResult.Invalid(TeamsMessageHandler.NoAadObjectId)));
        }

        var click = Click(activity, user, command);
        if (await cards.TryClaimAsync(click, cancellationToken) is not { } ticket)
        {
            return Response(AdaptiveCards.Render(OperationResult.Invalid(AlreadyHandled)));
        }

        if (ticket.Refusal is { } busy)
        {
            // Only the clicker's view changes; the card keeps its buttons for the retry.
            return Response(Outcome(activity, command, busy));
        }

        var work = background.Start(ct => cards.RunAsync(ticket, ct));
        if (await Task.WhenAny(work, deadlines.After(InvokeBudget).WaitAsync(cancellationToken)) == work)
        {
            var done = await work;
            if (!done.Refused)
            {
                // The invoke response changes the card for the clicker; everyone else sees it through the update.
                background.Run("card update", ct => UpdateAsync(activity, conversation, command, done.Result, ct));
            }

            return Response(Outcome(activity, command, done.Result));
        }

        background.Run("slow card action", async ct => await ShowAsync(activity, conversation, command, await work, ct));
        return Response(AdaptiveCards.Render(new OperationResult(Core.Outcome.Succeeded, $"Working on `{command}` ({click.Clicker.CorrelationId})…")
        {
            Severity = Severity.Info,
        }));
    }

    /// <summary>The card is the activity the click replied to; the command runs as the clicker, in their conversation.</summary>
    private CardClick Click(TeamsActivity activity, string user, string command) =>
        new(command, activity.ReplyToId ?? activity.Id ?? string.Empty, TeamsMessageHandler.Context(activity, user, clock.GetUtcNow()));

    private Task ShowAsync(TeamsActivity activity, TeamsConversation conversation, string command, CardActionResult done, CancellationToken cancellationToken) =>
        done.Refused || activity.ReplyToId is null
            ? connector.SendAsync(conversation with { ReplyToId = activity.ReplyToId ?? activity.Id }, AdaptiveCards.Message(done.Result), cancellationToken)
            : UpdateAsync(activity, conversation, command, done.Result, cancellationToken);

    private Task UpdateAsync(TeamsActivity activity, TeamsConversation conversation, string command, OperationResult result, CancellationToken cancellationToken) =>
        activity.ReplyToId is { } card
            ? connector.UpdateAsync(conversation, card, AdaptiveCards.Message(Outcome(activity, command, result), result.Title ?? command), cancellationToken)
            : Task.CompletedTask;

    private static JsonObject Outcome(TeamsActivity activity, string command, OperationResult result) =>
        AdaptiveCards.Render(result, $"{activity.FromName ?? activity.FromAadObjectId} clicked `{command}`");

    private static JsonObject Response(JsonObject card) => new()
    {
        ["statusCode"] = 200,
        ["type"] = AdaptiveCards.ContentType,
        ["value"] = card,
    };
}

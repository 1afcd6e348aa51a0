using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// Card buttons: <c>Action.Submit</c> (a message with <c>value</c>) and <c>Action.Execute</c> (an
/// <c>adaptiveCard/action</c> invoke, answered in the HTTP response). A button's data is a command; it runs through the
/// ordinary dispatcher as whoever clicked, so roles, approvals and audit apply as if they had typed it. Each click is
/// claimed first (card + user + command), so a double submission runs nothing twice, on any replica. A refusal
/// (denied, invalid) leaves the card for someone who may use it; any other outcome replaces the card for everyone.
/// </summary>
public sealed class TeamsCardActions(
    CommandDispatcher dispatcher,
    BackgroundWork background,
    IBotConnector connector,
    IIdempotencyStore claims,
    TimeProvider clock,
    ILogger<TeamsCardActions> logger)
{
    public const string AlreadyHandled = "This button was already used; nothing was run twice.";

    /// <summary>Teams waits about 15 s for an invoke response; past this budget the card says "working" and is updated later.</summary>
    public static readonly TimeSpan InvokeBudget = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromDays(1);

    /// <summary>The command in a card action's data: <c>{"command": "..."}</c>.</summary>
    public static string? Command(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && TeamsActivity.Get(data, "command") is { } command && !string.IsNullOrWhiteSpace(command)
            ? command.Trim()
            : null;

    /// <summary><c>Action.Submit</c>: runs in the background; the card (the activity replied to) is updated in place.</summary>
    public async Task SubmitAsync(TeamsActivity activity, TeamsConversation conversation, string command, CancellationToken cancellationToken)
    {
        if (!await ClaimAsync(activity, command, cancellationToken))
        {
            return;
        }

        var context = TeamsMessageHandler.Context(activity, activity.FromAadObjectId!, clock.GetUtcNow());
        background.Run("card submit", async ct =>
        {
            var result = await dispatcher.DispatchAsync(command, context, ct);
            await ShowAsync(activity, conversation, command, result, ct);
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

        if (!await ClaimAsync(activity, command, cancellationToken))
        {
            return Response(AdaptiveCards.Render(OperationResult.Invalid(AlreadyHandled)));
        }

        var context = TeamsMessageHandler.Context(activity, user, clock.GetUtcNow());
        var work = background.Start(ct => dispatcher.DispatchAsync(command, context, ct));
        if (await Task.WhenAny(work, Task.Delay(InvokeBudget, clock, cancellationToken)) == work)
        {
            var result = await work;
            if (!IsRefusal(result))
            {
                // The invoke response changes the card for the clicker; everyone else sees it through the update.
                background.Run("card update", ct => UpdateAsync(activity, conversation, command, result, ct));
            }

            return Response(Outcome(activity, command, result));
        }

        background.Run("slow card action", async ct => await ShowAsync(activity, conversation, command, await work, ct));
        return Response(AdaptiveCards.Render(new OperationResult(Core.Outcome.Succeeded, $"Working on `{command}` ({context.CorrelationId})…")
        {
            Severity = Severity.Info,
        }));
    }

    private async Task<bool> ClaimAsync(TeamsActivity activity, string command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var card = activity.ReplyToId ?? activity.Id;
        var key = $"teams:action:{activity.ConversationId}:{card}:{activity.FromAadObjectId}:{command}";
        if (await claims.TryClaimAsync(key, now, now + ClaimLifetime, cancellationToken))
        {
            return true;
        }

        logger.LogInformation("Repeated card action on {Card} by {User} ignored", card, activity.FromAadObjectId);
        return false;
    }

    private Task ShowAsync(TeamsActivity activity, TeamsConversation conversation, string command, OperationResult result, CancellationToken cancellationToken) =>
        IsRefusal(result) || activity.ReplyToId is null
            ? connector.SendAsync(conversation with { ReplyToId = activity.ReplyToId ?? activity.Id }, AdaptiveCards.Message(result), cancellationToken)
            : UpdateAsync(activity, conversation, command, result, cancellationToken);

    private Task UpdateAsync(TeamsActivity activity, TeamsConversation conversation, string command, OperationResult result, CancellationToken cancellationToken) =>
        activity.ReplyToId is { } card
            ? connector.UpdateAsync(conversation, card, AdaptiveCards.Message(Outcome(activity, command, result), result.Title ?? command), cancellationToken)
            : Task.CompletedTask;

    private static JsonObject Outcome(TeamsActivity activity, string command, OperationResult result) =>
        AdaptiveCards.Render(result, $"{activity.FromName ?? activity.FromAadObjectId} clicked `{command}`");

    private static bool IsRefusal(OperationResult result) => result.Outcome is Core.Outcome.Denied or Core.Outcome.Invalid;

    private static JsonObject Response(JsonObject card) => new()
    {
        ["statusCode"] = 200,
        ["type"] = AdaptiveCards.ContentType,
        ["value"] = card,
    };
}

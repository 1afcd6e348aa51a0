using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Approvals;
using Microsoft.Extensions.Options;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// Button clicks (<c>block_actions</c>). A button's value is a command; it runs through the ordinary dispatcher as
/// the person who clicked, so roles, approvals and audit apply exactly as if they had typed it. Each click is
/// claimed in the store first (message + user + command), so a double click or a replayed payload runs nothing
/// twice, on any replica.
/// </summary>
public sealed class SlackInteractionHandler(
    CommandDispatcher dispatcher,
    BackgroundWork background,
    ISlackApi api,
    IIdempotencyStore claims,
    IApprovalStore approvals,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackInteractionHandler> logger)
{
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromDays(1);

    /// <summary>Claims and starts the clicked actions; the caller then acknowledges with an empty 200.</summary>
    public async Task HandleAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (Str(payload, "type") != "block_actions")
        {
            return;
        }

        var team = Str(payload, "team", "id") ?? Str(payload, "user", "team_id");
        if (!SlackWorkspaces.IsAllowed(options.CurrentValue, team))
        {
            logger.LogWarning("Interaction from workspace {TeamId} refused: not in AllowedTeamIds", team);
            return;
        }

        var user = Str(payload, "user", "id");
        if (string.IsNullOrEmpty(user) || !payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var click = new Click(
            user,
            Str(payload, "user", "username") ?? Str(payload, "user", "name") ?? user,
            Str(payload, "channel", "id") ?? Str(payload, "container", "channel_id") ?? string.Empty,
            Str(payload, "container", "message_ts") ?? Str(payload, "message", "ts"),
            Str(payload, "message", "thread_ts"),
            Uri.TryCreate(Str(payload, "response_url"), UriKind.Absolute, out var url) ? url : null,
            payload.TryGetProperty("message", out var message) && message.TryGetProperty("blocks", out var blocks) ? JsonNode.Parse(blocks.GetRawText()) as JsonArray : null);

        foreach (var action in actions.EnumerateArray())
        {
            var command = Str(action, "value");
            if (string.IsNullOrWhiteSpace(command))
            {
                continue;
            }

            // Without a message ts (never for our buttons) the action's own timestamp still stops replays.
            var key = $"slack:action:{click.Channel}:{click.MessageTs ?? Str(action, "action_ts")}:{user}:{command}";
            var now = clock.GetUtcNow();
            if (!await claims.TryClaimAsync(key, now, now + ClaimLifetime, cancellationToken))
            {
                logger.LogInformation("Repeated click on {ActionId} by {User} ignored", Str(action, "action_id"), user);
                continue;
            }

            background.Run("button click", ct => RunAsync(click, command, ct));
        }
    }

    private async Task RunAsync(Click click, string command, CancellationToken cancellationToken)
    {
        var context = new ChatContext(
            SlackCommandHandler.Platform, click.User, click.UserName, click.Channel, click.ThreadTs, RequestIds.New(), clock.GetUtcNow());
        var result = await dispatcher.DispatchAsync(command, context, cancellationToken);
        if (result.Outcome is Outcome.Denied or Outcome.Invalid || click.ResponseUrl is null && click.MessageTs is null)
        {
            // A refusal concerns the clicker only; the buttons stay for someone who may use them.
            await ReplyPrivatelyAsync(click, result, cancellationToken);
            return;
        }

        var updated = await UpdatedMessageAsync(click, command, result, cancellationToken);
        if (click.ResponseUrl is { } url)
        {
            updated["replace_original"] = true;
            await api.RespondAsync(url, updated, cancellationToken);
        }
        else
        {
            await api.UpdateAsync(click.Channel, click.MessageTs!, updated, cancellationToken);
        }
    }

    /// <summary>The original card, minus its buttons once the decision is final, plus who clicked and what happened.</summary>
    private async Task<JsonObject> UpdatedMessageAsync(Click click, string command, OperationResult result, CancellationToken cancellationToken)
    {
        var keepButtons = !await IsFinalAsync(command, cancellationToken);
        var blocks = new List<JsonNode>();
        foreach (var block in click.OriginalBlocks ?? [])
        {
            if (block is not null && (keepButtons || block["type"]?.GetValue<string>() != "actions"))
            {
                blocks.Add(block.DeepClone());
            }
        }

        blocks.Add(new JsonObject { ["type"] = "divider" });
        blocks.Add(BlockKit.Context($"<@{click.User}> clicked `{BlockKit.Escape(command)}`"));
        var rendered = BlockKit.Render(result);
        blocks.AddRange(rendered["blocks"]!.AsArray().Select(b => b!.DeepClone()));
        return new JsonObject
        {
            ["text"] = rendered["text"]!.DeepClone(),
            ["blocks"] = new JsonArray([.. BlockKit.Limit(blocks)]),
        };
    }

    /// <summary>Approval buttons go away once the request is no longer pending (a vote may still be missing).</summary>
    private async Task<bool> IsFinalAsync(string command, CancellationToken cancellationToken)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words is not ["approve" or "deny", var id, ..])
        {
            return false;
        }

        var approval = await approvals.GetAsync(id, cancellationToken);
        return approval is null || approval.Status != ApprovalStatus.Pending;
    }

    private async Task ReplyPrivatelyAsync(Click click, OperationResult result, CancellationToken cancellationToken)
    {
        var message = BlockKit.Response(result with { Visibility = Visibility.Ephemeral });
        if (click.ResponseUrl is { } url)
        {
            message["replace_original"] = false;
            await api.RespondAsync(url, message, cancellationToken);
        }
        else
        {
            await api.PostEphemeralAsync(click.Channel, click.User, message, click.ThreadTs, cancellationToken);
        }
    }

    internal static string? Str(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private sealed record Click(
        string User, string UserName, string Channel, string? MessageTs, string? ThreadTs, Uri? ResponseUrl, JsonArray? OriginalBlocks);
}

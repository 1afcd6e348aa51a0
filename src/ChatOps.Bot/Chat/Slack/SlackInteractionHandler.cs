using ChatOps.Bot.Dispatch;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// Button clicks (<c>block_actions</c>): Block Kit in and out around <see cref="CardActions"/>, which admits and claims
/// each click (message + user + command) and runs the button's command as the person who clicked. A busy bot claims
/// nothing and tells the clicker privately, so the same button works again once it has room.
/// </summary>
public sealed class SlackInteractionHandler(
    CardActions cards,
    BackgroundWork background,
    BusyReplies busyReplies,
    ISlackApi api,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackInteractionHandler> logger)
{
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
            var context = new ChatContext(
                SlackCommandHandler.Platform, user, click.UserName, click.Channel, click.ThreadTs, RequestIds.New(), clock.GetUtcNow());
            var card = new CardClick(command, click.MessageTs ?? Str(action, "action_ts") ?? string.Empty, context);
            if (await cards.TryClaimAsync(card, cancellationToken) is not { } ticket)
            {
                continue;
            }

            if (ticket.Refusal is { } busy)
            {
                busyReplies.TrySend(ct => ReplyPrivatelyAsync(click, busy, ct));
            }
            else
            {
                background.Run("button click", ct => RunAsync(click, card, ticket, ct));
            }
        }
    }

    private async Task RunAsync(Click click, CardClick card, CommandTicket ticket, CancellationToken cancellationToken)
    {
        var done = await cards.RunAsync(ticket, cancellationToken);
        if (done.Refused || click.ResponseUrl is null && click.MessageTs is null)
        {
            await ReplyPrivatelyAsync(click, done.Result, cancellationToken);
            return;
        }

        var updated = UpdatedMessage(click, card.Command, done);
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

    /// <summary>The original card, minus its buttons once the decision is settled, plus who clicked and what happened.</summary>
    private static JsonObject UpdatedMessage(Click click, string command, CardActionResult done)
    {
        var blocks = new List<JsonNode>();
        foreach (var block in click.OriginalBlocks ?? [])
        {
            if (block is not null && (done.ButtonsStay || block["type"]?.GetValue<string>() != "actions"))
            {
                blocks.Add(block.DeepClone());
            }
        }

        blocks.Add(new JsonObject { ["type"] = "divider" });
        blocks.Add(BlockKit.Context($"<@{click.User}> clicked `{BlockKit.Escape(command)}`"));
        var rendered = BlockKit.Render(done.Result);
        blocks.AddRange(rendered["blocks"]!.AsArray().Select(b => b!.DeepClone()));
        return new JsonObject
        {
            ["text"] = rendered["text"]!.DeepClone(),
            ["blocks"] = new JsonArray([.. BlockKit.Limit(blocks)]),
        };
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

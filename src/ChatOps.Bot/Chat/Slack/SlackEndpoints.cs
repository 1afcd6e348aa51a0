namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// The three Slack HTTP endpoints. Each reads the raw body (the signature covers its exact bytes), verifies it, and
/// hands the parsed request to the same handler Socket Mode uses. An unverified request gets 401 and runs nothing.
/// </summary>
public static class SlackEndpoints
{
    /// <summary>Slack's payloads are small; a message with 50 full blocks is well under this.</summary>
    private const int MaxBody = 1 << 20;

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        var slack = app.MapGroup("/slack");
        slack.MapPost("/commands", async (HttpContext http, SlackCommandHandler handler, IOptionsMonitor<SlackOptions> options, TimeProvider clock, ILoggerFactory logs) =>
        {
            var body = await RequestBody.ReadAsync(http.Request, MaxBody);
            if (body is null)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            var form = SlackForm.Parse(body);
            if (!Verify(http, body, options, clock, logs))
            {
                // ssl_check pings are the one unsigned request Slack sends; answering them runs nothing.
                return SlackCommandHandler.Field(form, "ssl_check") == "1" ? Results.Ok() : Results.Unauthorized();
            }

            var key = SlackCommandHandler.DeliveryKey("signature", http.Request.Headers["X-Slack-Signature"].ToString());
            return await handler.HandleAsync(form, key, http.RequestAborted) is { } reply ? new JsonAnswer(reply.WriteTo) : Results.Ok();
        });
        slack.MapPost("/interactions", async (HttpContext http, SlackInteractionHandler handler, IOptionsMonitor<SlackOptions> options, TimeProvider clock, ILoggerFactory logs) =>
        {
            var body = await RequestBody.ReadAsync(http.Request, MaxBody);
            if (body is null || !Verify(http, body, options, clock, logs))
            {
                return body is null ? Results.StatusCode(StatusCodes.Status413PayloadTooLarge) : Results.Unauthorized();
            }

            if (!TryParseJson(SlackCommandHandler.Field(SlackForm.Parse(body), "payload"), out var payload))
            {
                return Results.BadRequest();
            }

            await handler.HandleAsync(payload, http.RequestAborted);
            return Results.Ok();
        });
        slack.MapPost("/events", async (HttpContext http, SlackEventHandler handler, IOptionsMonitor<SlackOptions> options, TimeProvider clock, ILoggerFactory logs) =>
        {
            var body = await RequestBody.ReadAsync(http.Request, MaxBody);
            if (body is null || !Verify(http, body, options, clock, logs))
            {
                return body is null ? Results.StatusCode(StatusCodes.Status413PayloadTooLarge) : Results.Unauthorized();
            }

            if (!TryParseJson(Encoding.UTF8.GetString(body), out var json))
            {
                return Results.BadRequest();
            }

            return Answer(await handler.HandleAsync(json, http.RequestAborted));
        });
        return app;
    }

    internal static IResult Answer(JsonObject? body) =>
        body is null ? Results.Ok() : new JsonAnswer(writer => body.WriteTo(writer, BlockKit.Wire));

    internal static bool TryParseJson(string text, out JsonElement json)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            json = document.RootElement.Clone();
            return json.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            json = default;
            return false;
        }
    }

    private static bool Verify(HttpContext http, byte[] body, IOptionsMonitor<SlackOptions> options, TimeProvider clock, ILoggerFactory logs)
    {
        var check = SlackSignature.Check(
            options.CurrentValue.SigningSecret,
            http.Request.Headers["X-Slack-Request-Timestamp"],
            http.Request.Headers["X-Slack-Signature"],
            body,
            clock.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            // The reason only; never the body, the headers or the secret.
            logs.CreateLogger("ChatOps.Slack").LogWarning("Slack request to {Path} refused: {Reason}", http.Request.Path.Value, check);
        }

        return check == SignatureCheck.Valid;
    }
}

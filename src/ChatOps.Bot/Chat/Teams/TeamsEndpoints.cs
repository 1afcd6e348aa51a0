namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// <c>POST /api/messages</c>: every Bot Framework activity. The bearer JWT and the tenant are checked before anything
/// else; a failure is a 401 and runs nothing. Messages are acknowledged at once and answered through the Connector;
/// an <c>adaptiveCard/action</c> invoke is answered in the response body.
/// </summary>
public static class TeamsEndpoints
{
    /// <summary>Activities are small; a message with a large card is well under this.</summary>
    private const int MaxBody = 1 << 20;

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        BotFrameworkAuthenticator authenticator,
        TeamsMessageHandler messages,
        TeamsCardActions actions,
        TeamsConversationHandler conversations,
        ILoggerFactory logs)
    {
        var logger = logs.CreateLogger("ChatOps.Teams");
        if (await RequestBody.ReadAsync(http.Request, MaxBody) is not { } bytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = Encoding.UTF8.GetString(bytes);

        // The token is checked even when the body is not an activity: without a valid token the answer is 401 either way.
        var activity = TeamsActivity.Parse(body);
        string? refusal;
        try
        {
            refusal = await authenticator.CheckAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, activity, http.RequestAborted);
        }
        catch (BotFrameworkKeysUnavailableException ex)
        {
            // Not the caller's fault, and Bot Framework retries a 503.
            logger.LogWarning("Bot Framework activity not checked: {Reason}", ex.Message);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        if (refusal is null && activity is not null && !authenticator.IsTenantAllowed(activity.TenantId))
        {
            refusal = $"tenant '{activity.TenantId}' is not in AllowedTenantIds";
        }

        if (refusal is not null)
        {
            // The reason only; never the token, the headers or the body.
            logger.LogWarning("Bot Framework activity refused: {Reason}", refusal);
            return Results.Unauthorized();
        }

        if (activity is null)
        {
            logger.LogWarning("Bot Framework activity refused: the body is not a JSON object");
            return Results.BadRequest();
        }

        switch (activity.Type)
        {
            case "message":
                await messages.HandleAsync(activity, http.RequestAborted);
                return Results.Ok();
            case "invoke" when activity.Name == "adaptiveCard/action":
                return Json(await actions.ExecuteAsync(activity, http.RequestAborted));
            case "conversationUpdate":
                await conversations.HandleAsync(activity, http.RequestAborted);
                return Results.Ok();
            default:
                return Results.Ok();
        }
    }

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(AdaptiveCards.Wire), "application/json; charset=utf-8");
}

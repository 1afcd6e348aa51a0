using System.Security.Cryptography;
using ChatOps.Bot.Diagnostics;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Alerts;

namespace ChatOps.Bot.Chat.Alertmanager;

/// <summary>
/// <c>POST /alertmanager</c>. Alertmanager retries on 5xx and network errors and never on 4xx, so: refuse what can
/// never work with a 4xx and a one-line reason; record the notification durably before answering 2xx; do the slow
/// part (chat posts, the incident declaration) in the background. While the bot runs as many commands as it may
/// (<see cref="DispatchOptions.MaxInFlight"/>) a call is answered 503 with <c>Retry-After</c> before its body is read. A re-sent notification finds its record and is
/// answered 200 without running anything again.
/// </summary>
public sealed class AlertmanagerWebhook(
    AlertIntake intake,
    BackgroundWork background,
    InFlightCommands inFlight,
    IOptions<DispatchOptions> dispatch,
    IOptionsMonitor<AlertmanagerOptions> options,
    IOptions<HttpOptions> http,
    ChatOpsMetrics metrics,
    ILogger<AlertmanagerWebhook> logger)
{
    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = options.CurrentValue.BearerToken;
        if (token.Length == 0)
        {
            return Results.Text("the Alertmanager webhook is disabled: set ChatOps:Alertmanager:BearerToken", statusCode: StatusCodes.Status404NotFound);
        }

        if (!Authorized(request.Headers.Authorization.ToString(), token))
        {
            logger.LogWarning("Alertmanager webhook call refused: missing or wrong bearer token");
            metrics.AlertNotification("refused");
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Text("missing or wrong bearer token", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (inFlight.Busy)
        {
            return Busy(request);
        }

        // The host's middleware enforces the same limit; read defensively anyway, the body is buffered whole.
        var limit = http.Value.MaxRequestBodyBytes;
        var body = await RequestBody.ReadAsync(request, limit);
        if (body is null)
        {
            metrics.AlertNotification("refused");
            return Results.Text($"body larger than {limit} bytes: lower max_alerts on the receiver", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var payload = AlertmanagerPayload.Parse(body, out var error);
        if (payload is null)
        {
            logger.LogWarning("Alertmanager webhook call refused: {Reason}", error);
            metrics.AlertNotification("refused");
            return Results.Text(error, statusCode: StatusCodes.Status400BadRequest);
        }

        var key = payload.DeduplicationKey;
        var outcome = await intake.RecordAsync(payload, request.HttpContext.RequestAborted);
        if (outcome == AlertIntakeOutcome.Unavailable)
        {
            // 503: Alertmanager keeps the notification and retries it, which is exactly what a store outage needs.
            metrics.AlertNotification("unavailable");
            return Results.Text("the bot's store is unavailable; retry later", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var recorded = outcome == AlertIntakeOutcome.Accepted;
        metrics.AlertNotification(recorded ? "accepted" : "duplicate");
        if (!recorded)
        {
            logger.LogInformation("Alertmanager notification {Key} ({Status}, {Count} alerts) already handled", key[..12], payload.Status, payload.Alerts.Count);
            return Results.Text("duplicate notification: already handled", statusCode: StatusCodes.Status200OK);
        }

        logger.LogInformation("Alertmanager notification {Key} ({Status}, {Count} alerts) accepted", key[..12], payload.Status, payload.Alerts.Count);
        background.Run("alert notification", ct => intake.ProcessAsync(payload, ct));
        return Results.Text("accepted", statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Before the body is read or anything recorded: Alertmanager keeps the notification and retries on a 5xx.</summary>
    private IResult Busy(HttpRequest request)
    {
        metrics.Overloaded("alertmanager");
        var retryAfter = dispatch.Value.BusyRetryAfter;
        request.HttpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Results.Text("the bot is busy; retry later", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Hashing both sides first makes the comparison constant-time in the token's length as well as its content.</summary>
    internal static bool Authorized(string header, string token)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}

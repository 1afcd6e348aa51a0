using System.Net.WebSockets;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// Socket Mode, when <c>ChatOps:Slack:AppToken</c> is set: the bot dials Slack instead of being reached. Envelopes
/// go to the same handlers as the HTTP endpoints (the socket replaces the signature: only Slack holds the URL),
/// each is acknowledged with its <c>envelope_id</c>, and a slash command's answer rides in the ack. The
/// connection is reopened on <c>disconnect</c> or failure with backoff; an auth error stops it with one clear line.
/// </summary>
public sealed class SlackSocketMode(
    ISlackApi api,
    SlackCommandHandler commands,
    SlackInteractionHandler interactions,
    SlackEventHandler events,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackSocketMode> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.CurrentValue.AppToken.Length == 0)
        {
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var url = await api.OpenConnectionAsync(stoppingToken);
                using var socket = new ClientWebSocket();
                socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(5);
                await socket.ConnectAsync(url, stoppingToken);
                var (helloSeen, reason) = await ServeAsync(socket, stoppingToken);
                failures = helloSeen ? 0 : failures + 1;
                logger.LogInformation("Slack Socket Mode connection ended ({Reason}); reconnecting", reason);
            }
            catch (SlackApiException ex) when (ex.IsFatalAuth)
            {
                logger.LogCritical(
                    "Slack Socket Mode stopped: Slack refused the app-level token ({Error}); check ChatOps:Slack:AppToken (xapp-…, scope connections:write)",
                    ex.Error);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                logger.LogWarning("Slack Socket Mode connection failed (attempt {Attempt}): {Reason}", failures, ex.Message);
            }

            try
            {
                await Task.Delay(Backoff(failures), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal static TimeSpan Backoff(int failures) => failures == 0
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures, 10) - 1)) * (0.8 + Random.Shared.NextDouble() * 0.4));

    private async Task<(bool HelloSeen, string Reason)> ServeAsync(ClientWebSocket socket, CancellationToken stoppingToken)
    {
        var helloSeen = false;
        using var sending = new SemaphoreSlim(1, 1);
        var inFlight = new List<Task>();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var frame = await ReceiveAsync(socket, stoppingToken);
                if (frame is null)
                {
                    return (helloSeen, "closed by Slack");
                }

                using var document = JsonDocument.Parse(frame);
                var root = document.RootElement.Clone();
                switch (SlackInteractionHandler.Str(root, "type"))
                {
                    case "hello":
                        helloSeen = true;
                        logger.LogInformation("Slack Socket Mode connected");
                        continue;
                    case "disconnect":
                        return (helloSeen, "disconnect: " + (SlackInteractionHandler.Str(root, "reason") ?? "unknown"));
                }

                if (SlackInteractionHandler.Str(root, "envelope_id") is { } envelopeId)
                {
                    // Envelopes are independent: a slow command must not hold up the acks of the ones behind it.
                    inFlight.RemoveAll(t => t.IsCompleted);
                    inFlight.Add(HandleAsync(socket, sending, envelopeId, root, stoppingToken));
                }
            }

            return (helloSeen, "socket " + socket.State);
        }
        finally
        {
            await Task.WhenAll(inFlight);
        }
    }

    private async Task HandleAsync(ClientWebSocket socket, SemaphoreSlim sending, string envelopeId, JsonElement envelope, CancellationToken stoppingToken)
    {
        try
        {
            var payload = envelope.TryGetProperty("payload", out var p) ? p : default;
            JsonObject? answer = null;
            switch (SlackInteractionHandler.Str(envelope, "type"))
            {
                case "slash_commands":
                    // Slack redelivers an envelope it saw no ack for under the same id: the claim keeps it from running twice.
                    answer = (await commands.HandleAsync(Fields(payload), SlackCommandHandler.DeliveryKey("envelope", envelopeId), stoppingToken))?.ToJson();
                    break;
                case "interactive":
                    await interactions.HandleAsync(payload, stoppingToken);
                    break;
                case "events_api":
                    answer = await events.HandleAsync(payload, stoppingToken);
                    break;
            }

            var ack = new JsonObject { ["envelope_id"] = envelopeId };
            if (answer is not null)
            {
                ack["payload"] = answer;
            }

            await sending.WaitAsync(stoppingToken);
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString(BlockKit.Wire)), WebSocketMessageType.Text, true, stoppingToken);
            }
            finally
            {
                sending.Release();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not acknowledged: Slack retries the envelope, and the idempotency claims keep the retry from running twice.
            logger.LogWarning("Slack Socket Mode envelope {EnvelopeId} failed: {Reason}", envelopeId, ex.Message);
        }
    }

    /// <summary>A slash command payload is the HTTP form as a JSON object of strings.</summary>
    private static Dictionary<string, string> Fields(JsonElement payload) =>
        payload.ValueKind != JsonValueKind.Object
            ? []
            : payload.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    private static async Task<byte[]?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }
}

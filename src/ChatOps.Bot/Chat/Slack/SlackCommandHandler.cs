using System.Buffers;
using System.Security.Cryptography;
using ChatOps.Bot.Dispatch;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// A slash command (from HTTP or Socket Mode, already verified): the command runs in the background; when it ends
/// within the ack budget the answer is the response itself, otherwise Slack gets "working on it" now and the answer
/// goes to <c>response_url</c> when it is ready, with interim answers (<c>rollout status --wait</c>) editing the
/// "working on it" message meanwhile. Each delivery is claimed first (<see cref="DeliveryKey"/>), so
/// the same signed request replayed within Slack's signature window runs nothing, on any replica, and is answered
/// with the request id that did run.
/// </summary>
public sealed class SlackCommandHandler(
    CommandDispatcher dispatcher,
    BackgroundWork background,
    AckDeadlines deadlines,
    ISlackApi api,
    DeliveryClaims claims,
    SlackAttachments images,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackCommandHandler> logger)
{
    public const string Platform = "slack";

    /// <summary>
    /// How long a delivery is remembered. A signed request is accepted while its timestamp is within the tolerance of
    /// now, either way, so a copy can arrive up to twice the tolerance after the first one; a Socket Mode redelivery
    /// comes within a minute or two.
    /// </summary>
    public static readonly TimeSpan ClaimLifetime = SlackSignature.Tolerance * 2;

    /// <summary>
    /// The body to answer with; null means an empty 200. <paramref name="deliveryKey"/> names this delivery (the
    /// fingerprint of the request's signature, or the Socket Mode envelope id): a second delivery under the same key
    /// runs nothing.
    /// </summary>
    public async Task<SlackReply?> HandleAsync(IReadOnlyDictionary<string, string> form, string deliveryKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryKey);
        if (Field(form, "ssl_check") == "1")
        {
            return null;
        }

        var o = options.CurrentValue;
        if (Read(form, o, out var text, out var context) is { } refused)
        {
            return refused;
        }

        // Admitted before the delivery claim or anything else touches the store: a busy bot answers at once.
        var ticket = dispatcher.Admit(text, context);
        if (ticket.Refusal is { } busy)
        {
            return SlackReply.Of(busy);
        }

        // Awaited here rather than in a helper: the claim completes on the store's committer, so every async layer
        // above it is a state machine boxed per command.
        string? original;
        try
        {
            original = await claims.AlreadyHandledAsync(deliveryKey, context, ClaimLifetime, cancellationToken);
        }
        catch
        {
            ticket.Dispose();
            throw;
        }

        if (original is not null)
        {
            return Replayed(ticket, original, Field(form, "team_id"));
        }

        var progress = new SlackProgress(api, clock);
        var work = background.Start(ct => dispatcher.RunAsync(ticket, ct, progress.ReportAsync));
        var responseUrl = Uri.TryCreate(Field(form, "response_url"), UriKind.Absolute, out var url) ? url : null;
        if (await Task.WhenAny(work, deadlines.After(o.AckBudget)) == work)
        {
            var done = await work;
            images.Share(done, context.ChannelId, null, context.UserId, responseUrl);
            return SlackReply.Of(done, imagesShared: context.ChannelId.Length > 0);
        }

        if (responseUrl is null)
        {
            // No way to answer later: the command still runs to its end and is audited; say where to look.
            return SlackReply.Ephemeral($"Still working on `{text}`; see `audit` for the outcome ({context.CorrelationId}).");
        }

        ReplyLater(work, progress, responseUrl, context);
        return SlackReply.Ephemeral($"Working on `{text}` ({context.CorrelationId})…");
    }

    /// <summary>The command's text and context; or the refusal of a workspace not allowed, or of a request naming no user.</summary>
    private SlackReply? Read(IReadOnlyDictionary<string, string> form, SlackOptions o, out string text, out ChatContext context)
    {
        text = string.Empty;
        context = null!;
        if (!SlackWorkspaces.IsAllowed(o, Field(form, "team_id")))
        {
            logger.LogWarning("Slash command from workspace {TeamId} refused: not in AllowedTeamIds", Field(form, "team_id"));
            return SlackReply.Ephemeral("This Slack workspace is not allowed to use this bot; nothing was run.");
        }

        var user = Field(form, "user_id");
        if (user.Length == 0)
        {
            return SlackReply.Ephemeral("Slack sent no user id; nothing was run.");
        }

        text = SlackText.Unescape(Field(form, "text")).Trim();
        text = text.Length == 0 ? "help" : text;
        context = new ChatContext(
            Platform, user, Or(Field(form, "user_name"), user), Field(form, "channel_id"), null, RequestIds.New(), clock.GetUtcNow());
        return null;
    }

    /// <summary>The answer of a command slower than the ack budget goes to <c>response_url</c>, its charts after it.</summary>
    private void ReplyLater(Task<OperationResult> work, SlackProgress progress, Uri responseUrl, ChatContext context)
    {
        progress.Connect(responseUrl);
        background.Run("reply to a slow command", async ct =>
        {
            var done = await work;
            await progress.FinishAsync(responseUrl, done, ct, imagesShared: context.ChannelId.Length > 0);
            images.Share(done, context.ChannelId, null, context.UserId, responseUrl);
        });
    }

    /// <summary>The refusal of a replayed delivery, whose ticket it gives back.</summary>
    private SlackReply Replayed(CommandTicket ticket, string original, string team)
    {
        ticket.Dispose();
        logger.LogWarning(
            "Replayed slash command from {User} in workspace {TeamId} refused: already handled as request {RequestId}",
            ticket.Context.UserId, team, original);
        return SlackReply.Ephemeral($"This command was already handled (request {original}); nothing was run again.");
    }

    /// <summary>
    /// The claim key of one delivery: <paramref name="kind"/> <c>signature</c> with the verified <c>v0=…</c> header
    /// (an HMAC over timestamp and body, so it is the same exactly when the bytes are, and any altered copy fails
    /// verification), or <c>envelope</c> with a Socket Mode envelope id. Hashed, so the store never holds a signature
    /// that would verify a copy of the request, and every key has the same length. Stored claims outlive a deploy, so
    /// the form never changes. Made on every command: the bytes and the hash stay on the stack.
    /// </summary>
    public static string DeliveryKey(string kind, string id)
    {
        var max = Encoding.UTF8.GetMaxByteCount(id.Length);
        var rented = max > 512 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> utf8 = rented is null ? stackalloc byte[512] : rented;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(id, utf8)], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(hash, hex, out _);
        return $"slack:command:{kind}:{hex}";
    }

    internal static string Field(IReadOnlyDictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var value) ? value : string.Empty;

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}

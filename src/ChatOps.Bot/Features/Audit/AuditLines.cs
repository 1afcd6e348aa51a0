namespace ChatOps.Bot.Features.Audit;

/// <summary>
/// Decides which audit records reach the audit channel and how they read. Everything that changes something,
/// every denial and every approval request is posted; read-only successes and typos stay in the audit log only.
/// </summary>
public sealed class AuditLines(IOptionsMonitor<AuditOptions> audit, IEnumerable<IChatPlatform> platforms)
{
    private readonly IReadOnlyList<IChatPlatform> _platforms = [.. platforms];

    /// <summary>The configured destinations, then the audit channel of each platform that has one.</summary>
    public IReadOnlyList<string> Destinations()
    {
        var list = new List<string>(audit.CurrentValue.Destinations is { Count: > 0 } configured ? configured : ["log"]);
        list.AddRange(_platforms.Where(p => p.AuditChannel is not null).Select(p => $"{p.Name}:{p.AuditChannel}"));
        return list.Distinct(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<OutboxMessage> For(IOperation message, AuditRecord record)
    {
        var post = message is IMutating || record.Decision is AuditDecision.Denied or AuditDecision.AwaitingApproval;
        if (!post || record.Outcome == AuditOutcome.Started)
        {
            return [];
        }

        var text = Render(record);
        var destinations = Destinations();
        if (message is ISecurityAnnounced && audit.CurrentValue.SecurityChannel is { Length: > 0 } security)
        {
            destinations = [.. destinations.Append(security).Distinct(StringComparer.Ordinal)];
        }

        return destinations.Select(d => new OutboxMessage(d, text)).ToList();
    }

    /// <summary>
    /// One line per record. Everything but the status and the duration comes from users or platforms (names,
    /// ids, the command, a denial reason, an error), so it goes in as user text: each destination escapes it for its
    /// own format and keeps it on this one line.
    /// </summary>
    public static ChatText Render(AuditRecord r)
    {
        var status = (r.Decision, r.Outcome) switch
        {
            (AuditDecision.Allowed, AuditOutcome.Succeeded) => "ok",
            (_, AuditOutcome.Unknown) => "outcome unknown",
            (AuditDecision.Pending, AuditOutcome.NotRun) => "not run",
            (AuditDecision.Allowed or AuditDecision.Pending, _) => "failed",
            (AuditDecision.AwaitingApproval, _) => "awaiting approval",
            (var d, _) => d.ToString().ToLowerInvariant(),
        };
        var command = r.ParsedRequest.Length > 0 ? r.ParsedRequest : r.RawText;
        var target = r.Target is null ? ChatText.Empty : ChatText.Of($" on {r.Target}");
        var approver = r.Approver is null ? ChatText.Empty : ChatText.Of($", approved by {r.Approver}");
        var error = r.Error is { Length: > 0 } e && status != "ok" ? ChatText.Of($": {e}") : ChatText.Empty;
        var breakGlass = r.BreakGlass is null ? ChatText.Empty : ChatText.Of($" · {ChatText.Bot("break-glass")} {r.BreakGlass}");
        return ChatText.Of(
            $"[{ChatText.Bot(status)}] {r.UserName} ({r.Platform}:{r.UserId}) {ChatText.Code(command)}{target}{approver}{error}{breakGlass} · {r.DurationMs} ms · {r.RequestId}");
    }
}

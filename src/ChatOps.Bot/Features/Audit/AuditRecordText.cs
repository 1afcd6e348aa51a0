namespace ChatOps.Bot.Features.Audit;

/// <summary>An audit record in the form a store persists and hashes; the text rules themselves are <see cref="AuditText"/>'s.</summary>
public static class AuditRecordText
{
    /// <summary>
    /// The record with every text field in its safe form: what a store persists and hashes. Every append passes here,
    /// so a record that is already safe (nearly all of them) is returned as it is instead of copied.
    /// </summary>
    public static AuditRecord Safe(AuditRecord r) => IsSafe(r) ? r : r with
    {
        RequestId = AuditText.Safe(r.RequestId),
        Platform = AuditText.Safe(r.Platform),
        UserId = AuditText.Safe(r.UserId),
        UserName = AuditText.Safe(r.UserName),
        ChannelId = AuditText.Safe(r.ChannelId),
        RawText = AuditText.Safe(r.RawText),
        ParsedRequest = AuditText.Safe(r.ParsedRequest),
        Target = AuditText.SafeOrNull(r.Target),
        Approver = AuditText.SafeOrNull(r.Approver),
        Error = AuditText.SafeOrNull(r.Error),
        CorrelationId = AuditText.Safe(r.CorrelationId),
        BreakGlass = AuditText.SafeOrNull(r.BreakGlass),
    };

    private static bool IsSafe(AuditRecord r) =>
        AuditText.IsSafe(r.RequestId) && AuditText.IsSafe(r.Platform) && AuditText.IsSafe(r.UserId) &&
        AuditText.IsSafe(r.UserName) && AuditText.IsSafe(r.ChannelId) && AuditText.IsSafe(r.RawText) &&
        AuditText.IsSafe(r.ParsedRequest) && AuditText.IsSafe(r.Target) && AuditText.IsSafe(r.Approver) &&
        AuditText.IsSafe(r.Error) && AuditText.IsSafe(r.CorrelationId) && AuditText.IsSafe(r.BreakGlass);
}

namespace ChatOps.Bot.Features.Audit;

/// <summary>
/// The stand-in for a record the audit store refused as data. Holding the refused record would wedge every record
/// after it (held records are written in order), and dropping it would hide the request; the marker keeps its
/// request id, who, where and what in printable ASCII (so any store accepts it) and names the store's reason.
/// </summary>
internal static class AuditPoison
{
    public const string Prefix = "poison record set aside: ";

    public static bool IsMarker(AuditRecord record) => record.Error?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public static AuditAppend Marker(AuditAppend refused, string reason)
    {
        var r = refused.Record;
        var marker = r with
        {
            RequestId = AuditText.Ascii(r.RequestId, 128),
            Platform = AuditText.Ascii(r.Platform, 64),
            UserId = AuditText.Ascii(r.UserId, 256),
            UserName = AuditText.Ascii(r.UserName, 256),
            ChannelId = AuditText.Ascii(r.ChannelId, 256),
            RawText = AuditText.Ascii(r.RawText),
            ParsedRequest = AuditText.Ascii(r.ParsedRequest),
            Target = r.Target is null ? null : AuditText.Ascii(r.Target, 256),
            Approver = r.Approver is null ? null : AuditText.Ascii(r.Approver, 256),
            Error = AuditText.Ascii(Prefix + reason + (r.Error is { Length: > 0 } e ? $" (its error: {e})" : string.Empty), 700),
            CorrelationId = AuditText.Ascii(r.CorrelationId, 128),

            // A refused write-ahead record means the request never ran; a marker left Started would read as a crash.
            Outcome = r.Outcome == AuditOutcome.Started ? AuditOutcome.NotRun : r.Outcome,
        };
        var line = AuditLines.Render(marker);
        return new AuditAppend(marker, refused.Outbox.Select(o => new OutboxMessage(o.Destination, line)).ToList());
    }
}

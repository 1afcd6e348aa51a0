using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ChatOps.Bot.Operations.Audit;

/// <summary>
/// The canonical serialization and hash both stores use, so a chain written by one verifies by the same rules.
/// Fields are written in a fixed order with fixed formats; time is Unix microseconds because that is what both
/// PostgreSQL and SQLite round-trip exactly.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static long ToUnixMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixMicroseconds(long us) => DateTimeOffset.UnixEpoch.AddTicks(us * 10);

    /// <summary>Drops sub-microsecond precision so a record hashes the same before and after a round trip.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset at) => FromUnixMicroseconds(ToUnixMicroseconds(at));

    public static string Canonical(long sequence, AuditRecord r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("seq", sequence);
            w.WriteString("id", r.RequestId);
            w.WriteNumber("at", ToUnixMicroseconds(r.At));
            w.WriteString("platform", r.Platform);
            w.WriteString("user", r.UserId);
            w.WriteString("userName", r.UserName);
            w.WriteString("channel", r.ChannelId);
            w.WriteString("raw", r.RawText);
            w.WriteString("parsed", r.ParsedRequest);
            w.WriteString("target", r.Target);
            w.WriteString("decision", r.Decision.ToString());
            w.WriteString("approver", r.Approver);
            w.WriteString("outcome", r.Outcome.ToString());
            w.WriteString("error", r.Error);
            w.WriteNumber("durationMs", r.DurationMs);
            w.WriteString("correlation", r.CorrelationId);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Hash(string previousHash, long sequence, AuditRecord record)
    {
        var bytes = Encoding.UTF8.GetBytes(previousHash + "\n" + Canonical(sequence, record));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Walks entries in sequence order and returns the first one that breaks the chain.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entriesInOrder)
    {
        var previous = Genesis;
        long expected = 1;
        long count = 0;
        foreach (var e in entriesInOrder)
        {
            if (e.Sequence != expected)
            {
                return AuditVerification.Broken(count, e, $"sequence {e.Sequence} follows {expected - 1}: record(s) missing");
            }

            if (!string.Equals(e.PreviousHash, previous, StringComparison.Ordinal))
            {
                return AuditVerification.Broken(count, e, "its previous-hash does not match the record before it");
            }

            if (!string.Equals(Hash(previous, e.Sequence, e.Record), e.Hash, StringComparison.Ordinal))
            {
                return AuditVerification.Broken(count, e, "its content does not match its hash");
            }

            previous = e.Hash;
            expected++;
            count++;
        }

        return AuditVerification.Intact(count, previous);
    }
}

public sealed record AuditVerification(bool IsIntact, long VerifiedCount, long? BrokenSequence, string? BrokenRequestId, string? Reason, string? HeadHash)
{
    public static AuditVerification Intact(long count, string head) => new(true, count, null, null, null, head);

    public static AuditVerification Broken(long count, AuditEntry at, string reason) =>
        new(false, count, at.Sequence, at.Record.RequestId, reason, null);

    public override string ToString() => IsIntact
        ? string.Create(CultureInfo.InvariantCulture, $"audit chain intact: {VerifiedCount} records verified, head {HeadHash?[..12]}")
        : string.Create(CultureInfo.InvariantCulture, $"audit chain BROKEN at record #{BrokenSequence} (request {BrokenRequestId}): {Reason}; {VerifiedCount} records before it verified");
}

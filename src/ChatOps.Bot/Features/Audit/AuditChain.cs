using System.Buffers;
using System.Security.Cryptography;

namespace ChatOps.Bot.Features.Audit;

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

    public static string Canonical(long sequence, AuditRecord record)
    {
        var buffer = Buffer();
        WriteCanonical(buffer, sequence, record);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The legacy, unkeyed link: SHA-256 of <c>previousHash + "\n" + canonical JSON</c>, lower-case hex. Records
    /// written before chain keys existed carry no key id and verify by this rule; anyone can recompute it, so new
    /// records never use it.
    /// </summary>
    public static string Hash(string previousHash, long sequence, AuditRecord record) => Hash(previousHash, sequence, record, null);

    /// <summary>
    /// HMAC-SHA256 under <paramref name="key"/> of the same bytes as the legacy hash (SHA-256 when the key is null).
    /// Every append and every verify runs this, so it works in a reused per-thread buffer rather than building the
    /// text as strings, and uses the static one-shot HMAC that allocates nothing but the hex string.
    /// </summary>
    public static string Hash(string previousHash, long sequence, AuditRecord record, AuditChainKey? key)
    {
        var buffer = Buffer();
        var prefix = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(previousHash.Length) + 1);
        var length = Encoding.UTF8.GetBytes(previousHash, prefix);
        prefix[length] = (byte)'\n';
        buffer.Advance(length + 1);
        WriteCanonical(buffer, sequence, record);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        if (key is null)
        {
            SHA256.HashData(buffer.WrittenSpan, digest);
        }
        else
        {
            HMACSHA256.HashData(key.Secret, buffer.WrittenSpan, digest);
        }

        return Convert.ToHexStringLower(digest);
    }

    /// <summary>
    /// The per-record content check of <see cref="Verify"/>: null when <paramref name="e"/> carries the hash its key
    /// gives, else why not. An unkeyed (legacy) record is only believed before the first keyed one: after it, an
    /// unkeyed record is what a rewrite recomputed with plain SHA-256 looks like.
    /// </summary>
    public static string? CheckHash(string previousHash, AuditEntry e, AuditChainKeys keys, ref bool keyedSeen)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(keys);
        AuditChainKey? key = null;
        if (string.IsNullOrEmpty(e.KeyId))
        {
            if (keyedSeen)
            {
                return "it has no chain key but follows keyed records: it was rewritten";
            }
        }
        else
        {
            key = keys.Find(e.KeyId);
            if (key is null)
            {
                return $"it was written with chain key '{e.KeyId}', which is not configured";
            }

            keyedSeen = true;
        }

        return string.Equals(Hash(previousHash, e.Sequence, e.Record, key), e.Hash, StringComparison.Ordinal)
            ? null
            : "its content does not match its hash";
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static ArrayBufferWriter<byte> Buffer()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        return buffer;
    }

    private static void WriteCanonical(ArrayBufferWriter<byte> buffer, long sequence, AuditRecord r)
    {
        var w = t_writer ??= new Utf8JsonWriter(buffer);
        w.Reset(buffer);
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
        w.WriteString("decision", Name(DecisionNames, r.Decision));
        w.WriteString("approver", r.Approver);
        w.WriteString("outcome", Name(OutcomeNames, r.Outcome));
        w.WriteString("error", r.Error);
        w.WriteNumber("durationMs", r.DurationMs);
        w.WriteString("correlation", r.CorrelationId);
        if (r.BreakGlass is not null)
        {
            w.WriteString("breakGlass", r.BreakGlass);
        }

        w.WriteEndObject();
        w.Flush();
    }

    private static string Name<T>(string[] names, T value)
        where T : struct, Enum
    {
        var i = Convert.ToInt32(value, CultureInfo.InvariantCulture);
        return (uint)i < (uint)names.Length ? names[i] : value.ToString();
    }

    private static readonly string[] DecisionNames = Enum.GetNames<AuditDecision>();

    private static readonly string[] OutcomeNames = Enum.GetNames<AuditOutcome>();

    /// <summary>
    /// Walks entries in sequence order and reports every record that breaks the chain, not just the first: the walk
    /// goes on after a break, re-anchored on the broken record's stored hash, so one edit is reported once instead of
    /// hiding every later one behind it. Each record is checked for its link to the one before (sequence and
    /// previous-hash) and for its own content against its stored previous-hash.
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entriesInOrder, AuditChainKeys keys)
    {
        var report = new AuditVerification.Builder();
        var previous = Genesis;
        var keyedSeen = false;
        long unkeyed = 0;
        long expected = 1;
        foreach (var e in entriesInOrder)
        {
            var linkReason = e.Sequence != expected
                ? string.Create(CultureInfo.InvariantCulture, $"sequence {e.Sequence} follows {expected - 1}: record(s) missing")
                : !string.Equals(e.PreviousHash, previous, StringComparison.Ordinal)
                    ? "its previous-hash does not match the record before it"
                    : null;

            // Checked against the record's own stored previous-hash, and always, so the keyed/unkeyed order is followed
            // even across a broken link.
            var contentReason = CheckHash(e.PreviousHash, e, keys, ref keyedSeen);
            report.Add(e, linkReason ?? contentReason);
            unkeyed += keyedSeen ? 0 : 1;
            previous = e.Hash;
            expected = e.Sequence + 1;
        }

        return report.Build(previous) with { UnkeyedCount = unkeyed };
    }
}

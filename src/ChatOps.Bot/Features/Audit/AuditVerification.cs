namespace ChatOps.Bot.Features.Audit;

/// <summary>One record that breaks the chain, and why.</summary>
public sealed record AuditBreak(long Sequence, string RequestId, string Reason);

/// <summary>
/// The result of a chain walk. The first break keeps its own fields (<see cref="BrokenSequence"/>, and
/// <see cref="VerifiedCount"/> counts the records before it); <see cref="Breaks"/> lists up to
/// <see cref="ListedBreaks"/> of all <see cref="BreakCount"/> breaks found in the <see cref="Walked"/> records.
/// </summary>
public sealed record AuditVerification(bool IsIntact, long VerifiedCount, long? BrokenSequence, string? BrokenRequestId, string? Reason, string? HeadHash)
{
    public const int ListedBreaks = 20;

    public IReadOnlyList<AuditBreak> Breaks { get; init; } = [];

    public long BreakCount { get; init; }

    public long Walked { get; init; }

    /// <summary>Records at the start of the chain written before it was keyed: intact, but anyone could have forged them.</summary>
    public long UnkeyedCount { get; init; }

    public static AuditVerification Intact(long count, string head) => new(true, count, null, null, null, head) { Walked = count };

    public override string ToString()
    {
        if (IsIntact)
        {
            return string.Create(CultureInfo.InvariantCulture, $"audit chain intact: {VerifiedCount} records verified, head {HeadHash?[..12]}{Unkeyed()}");
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"audit chain BROKEN at record #{BrokenSequence} (request {BrokenRequestId}): {Reason}; {VerifiedCount} records before it verified");
        if (BreakCount > 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{BreakCount} broken records among {Walked}:");
            foreach (var b in Breaks)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n#{b.Sequence} (request {b.RequestId}): {b.Reason}");
            }

            if (BreakCount > Breaks.Count)
            {
                text.Append(CultureInfo.InvariantCulture, $"\nand {BreakCount - Breaks.Count} more");
            }
        }

        return text.ToString();
    }

    private string Unkeyed() => UnkeyedCount == 0
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $" ({UnkeyedCount} legacy records at the start carry no chain key)");

    /// <summary>Collects a streaming walk without holding more than <see cref="ListedBreaks"/> breaks.</summary>
    internal sealed class Builder
    {
        private readonly List<AuditBreak> _breaks = [];
        private long _walked;
        private long _breakCount;
        private long _beforeFirst;

        public void Add(AuditEntry entry, string? reason)
        {
            _walked++;
            if (reason is null)
            {
                if (_breakCount == 0)
                {
                    _beforeFirst++;
                }

                return;
            }

            _breakCount++;
            if (_breaks.Count < ListedBreaks)
            {
                _breaks.Add(new AuditBreak(entry.Sequence, entry.Record.RequestId, reason));
            }
        }

        public AuditVerification Build(string head)
        {
            if (_breakCount == 0)
            {
                return Intact(_walked, head);
            }

            var first = _breaks[0];
            return new AuditVerification(false, _beforeFirst, first.Sequence, first.RequestId, first.Reason, null)
            {
                Breaks = _breaks,
                BreakCount = _breakCount,
                Walked = _walked,
            };
        }
    }
}

namespace ChatOps.Bot.Features.Audit;

/// <summary>
/// A head posted earlier (<c>1234:9f2c…</c>, or as posted: <c>#1234 9f2c…</c>): the record at that sequence must still
/// exist and carry that hash, or the chain was truncated or rewritten since. A hash may be shortened to its first
/// <see cref="MinHashDigits"/> digits, as the posted line shows it.
/// </summary>
public sealed record AuditAnchor(long Sequence, string HashPrefix)
{
    public const int MinHashDigits = 12;

    public const string Format = "<seq>:<hash>, as posted: `audit verify --against 1234:9f2c…`";

    public static bool TryParse(string? text, out AuditAnchor anchor)
    {
        anchor = new AuditAnchor(0, string.Empty);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().TrimStart('#').Split([':', ' '], 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
        {
            return false;
        }

        var hash = parts[1].TrimEnd('…', '.').ToLowerInvariant();
        if (hash.Length is < MinHashDigits or > 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        anchor = new AuditAnchor(sequence, hash);
        return true;
    }

    /// <summary>Null when the chain holds this anchor, else what is wrong; the chain's own links are checked by verify.</summary>
    public string? Check(AuditEntry? head, AuditEntry? atSequence)
    {
        if (head is null || head.Sequence < Sequence)
        {
            var length = head?.Sequence ?? 0;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"the chain ends at #{length} but #{Sequence} was published: the newest {Sequence - length} record(s) are missing");
        }

        if (atSequence is null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"record #{Sequence}, published as the head, is missing");
        }

        return atSequence.Hash.StartsWith(HashPrefix, StringComparison.Ordinal)
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"record #{Sequence} has hash {atSequence.Hash[..Math.Min(12, atSequence.Hash.Length)]}…, not the published {HashPrefix[..MinHashDigits]}…: the chain was rewritten");
    }
}

using System.Text.RegularExpressions;

namespace ChatOps.Bot.Core;

/// <summary><c>INC-&lt;year&gt;-&lt;seq&gt;</c>, with the sequence zero-padded to four digits so ids sort within a year.</summary>
public static partial class IncidentIds
{
    public static string Format(int year, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"INC-{year}-{sequence:D4}");

    /// <summary>Accepts any case and padding (inc-2026-7), so what people type finds the stored id.</summary>
    public static bool TryNormalize(string? text, out string id)
    {
        id = string.Empty;
        var match = text is null ? null : Pattern().Match(text);
        if (match is not { Success: true } ||
            !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            !long.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
        {
            return false;
        }

        id = Format(year, sequence);
        return true;
    }

    /// <summary>Every incident id named anywhere in a command line (<c>... --reason "for INC-2026-7"</c>), each once.</summary>
    /// <remarks>Every audited command is searched, and nearly none names an incident: that case allocates nothing.</remarks>
    public static IReadOnlyList<string> FindAll(string text) => !Mentioned().IsMatch(text)
        ? []
        : Mentioned().Matches(text).Select(m => TryNormalize(m.Value, out var id) ? id : null).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"^INC-(\d{4})-(\d{1,9})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])INC-\d{4}-\d{1,9}(?![0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Mentioned();
}

using System.Text.RegularExpressions;

namespace ChatOps.Bot.Features.Silences;

/// <summary>One label matcher of a silence, in Alertmanager's own terms (<c>isEqual</c> false means <c>!=</c> or <c>!~</c>).</summary>
public sealed record SilenceMatcher(string Name, string Value, bool IsRegex, bool IsEqual)
{
    public string Operator => (IsEqual, IsRegex) switch
    {
        (true, false) => "=",
        (false, false) => "!=",
        (true, true) => "=~",
        (false, true) => "!~",
    };

    /// <summary>An equality matcher pins a label to one value; a silence without one can mute far more than intended.</summary>
    public bool IsPlainEquality => IsEqual && !IsRegex && Value.Length > 0;

    /// <summary>amtool's syntax, value quoted so Alertmanager's <c>filter</c> parameter reads it back exactly.</summary>
    public override string ToString() => $"{Name}{Operator}\"{Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    /// <summary>Alertmanager matches a regex against the whole value (it anchors it); .NET anchored the same way.</summary>
    public bool Matches(string? value)
    {
        var v = value ?? string.Empty;
        var hit = IsRegex
            ? Regex.IsMatch(v, $"^(?:{Value})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100))
            : string.Equals(v, Value, StringComparison.Ordinal);
        return hit == IsEqual;
    }
}

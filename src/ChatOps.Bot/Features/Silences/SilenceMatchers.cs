using System.Text.RegularExpressions;

namespace ChatOps.Bot.Features.Silences;

/// <summary>
/// Reads the matchers of <c>silence</c>: amtool's <c>name=value</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>, separated by
/// spaces or commas, optionally inside <c>{…}</c>; a bare word is <c>alertname=word</c>. Regexes are compiled here so
/// a typo is one clear line, not an Alertmanager 400.
/// </summary>
public static partial class SilenceMatchers
{
    public const int MaxMatchers = 20;

    public static bool TryParse(string text, out IReadOnlyList<SilenceMatcher> matchers, out string? error)
    {
        matchers = [];
        var words = text.Trim().TrimStart('{').TrimEnd('}')
            .Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            error = "give an alert name or at least one matcher, e.g. `silence HighErrorRate --for 2h` or `silence namespace=shop severity=~\"warn|info\" --for 1h`";
            return false;
        }

        if (words.Length > MaxMatchers)
        {
            error = $"at most {MaxMatchers} matchers";
            return false;
        }

        var list = new List<SilenceMatcher>();
        foreach (var word in words)
        {
            if (!TryParseOne(word, out var matcher, out error))
            {
                return false;
            }

            list.Add(matcher!);
        }

        matchers = list;
        error = null;
        return true;
    }

    /// <summary>The matchers as one line, the way the answer and the comment show them.</summary>
    public static string Format(IEnumerable<SilenceMatcher> matchers) => string.Join(" ", matchers);

    private static bool TryParseOne(string word, out SilenceMatcher? matcher, out string? error)
    {
        matcher = null;
        var m = MatcherSyntax().Match(word);
        if (!m.Success)
        {
            if (LabelName().IsMatch(word))
            {
                matcher = new SilenceMatcher("alertname", word, IsRegex: false, IsEqual: true);
                error = null;
                return true;
            }

            error = $"'{Short(word)}' is neither an alert name nor a matcher like name=value, name!=value, name=~regex or name!~regex";
            return false;
        }

        var name = m.Groups["name"].Value;
        var op = m.Groups["op"].Value;
        var value = Unquote(m.Groups["value"].Value);
        var isRegex = op.EndsWith('~');
        if (isRegex && !ValidRegex(value, out var why))
        {
            error = $"'{Short(word)}': the regex does not compile ({why})";
            return false;
        }

        matcher = new SilenceMatcher(name, value, isRegex, IsEqual: op[0] == '=');
        error = null;
        return true;
    }

    private static bool ValidRegex(string pattern, out string? why)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            why = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            why = ex.Message.Split('\n')[0].TrimEnd('.');
            return false;
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex("^(?<name>[a-zA-Z_][a-zA-Z0-9_]*)(?<op>=~|!~|!=|=)(?<value>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex MatcherSyntax();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();
}

using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// The label selector string form clients send in <c>?labelSelector=</c>: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>,
/// <c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>, joined by commas.
/// </summary>
public sealed class LabelSelector
{
    private readonly List<Func<JsonObject?, bool>> _requirements = [];

    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        foreach (var part in Split(text ?? string.Empty))
        {
            selector._requirements.Add(Requirement(part.Trim()));
        }

        return selector;
    }

    public bool Matches(JsonObject? labels) => _requirements.All(r => r(labels));

    private static Func<JsonObject?, bool> Requirement(string part)
    {
        static string? Label(JsonObject? labels, string key) => labels.Str(key);

        if (part.StartsWith('!'))
        {
            var key = part[1..].Trim();
            return l => Label(l, key) is null;
        }

        foreach (var op in new[] { " notin ", " in " })
        {
            var at = part.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = part[..at].Trim();
                var values = part[(at + op.Length)..].Trim().TrimStart('(').TrimEnd(')')
                    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                return op == " in " ? l => Label(l, key) is { } v && values.Contains(v) : l => Label(l, key) is not { } v || !values.Contains(v);
            }
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = part.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = part[..at].Trim();
                var value = part[(at + op.Length)..].Trim();
                return op == "!=" ? l => Label(l, key) != value : l => Label(l, key) == value;
            }
        }

        if (part.Length == 0)
        {
            return _ => true;
        }

        return l => Label(l, part) is not null;
    }

    /// <summary>Commas inside <c>( )</c> belong to a set, not to the list of requirements.</summary>
    private static IEnumerable<string> Split(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    /// <summary>The selector of a workload (<c>spec.selector.matchLabels</c>) as a predicate on labels.</summary>
    public static bool MatchLabels(JsonObject? matchLabels, JsonObject? labels) =>
        matchLabels is null || matchLabels.All(p => labels.Str(p.Key) == p.Value?.GetValue<string>());
}

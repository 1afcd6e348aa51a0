namespace ChatOps.Bot.Parsing;

/// <summary>
/// Renders bound values as one normalized command line: path, positionals in order, then the given flags in
/// declaration order as <c>--name=value</c>. Parsing it again yields the same values, which is what approvals rely on.
/// </summary>
internal static class Canonicalizer
{
    public static string Render(CommandSpec spec, IReadOnlyDictionary<string, object> values)
    {
        var sb = new StringBuilder(spec.Name);
        for (var i = 0; i < spec.Positionals.Count; i++)
        {
            if (values.TryGetValue(spec.Positionals[i].Key, out var value))
            {
                sb.Append(' ').Append(Format(value));
            }
        }

        for (var i = 0; i < spec.Flags.Count; i++)
        {
            var flag = spec.Flags[i];
            if (!values.TryGetValue(flag.Key, out var value) || DeclaredBefore(spec, flag.Key, i))
            {
                continue;
            }

            sb.Append(" --").Append(flag.Name);
            if (flag.Kind == ArgKind.Switch)
            {
                if (!(bool)value)
                {
                    sb.Append("=false");
                }

                continue;
            }

            sb.Append('=').Append(Format(value));
        }

        return sb.ToString();
    }

    /// <summary>
    /// Whether a positional or a flag before flag <paramref name="flags"/> has this key: a positional and a flag may be
    /// two spellings of one value (<c>scale web 5</c>, <c>--replicas=5</c>), written once, as the first declared. A scan,
    /// not a set: a command has a dozen arguments at most, and this runs for every command.
    /// </summary>
    private static bool DeclaredBefore(CommandSpec spec, string key, int flags)
    {
        for (var i = 0; i < spec.Positionals.Count; i++)
        {
            if (string.Equals(spec.Positionals[i].Key, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        for (var i = 0; i < flags; i++)
        {
            if (string.Equals(spec.Flags[i].Key, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Format(object value) => value switch
    {
        long n => n.ToString(CultureInfo.InvariantCulture),
        TimeSpan t => Durations.Format(t),
        string s => Tokenizer.Quote(s),
        _ => Tokenizer.Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };
}

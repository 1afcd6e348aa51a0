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
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arg in spec.Positionals)
        {
            if (values.TryGetValue(arg.Key, out var value) && written.Add(arg.Key))
            {
                sb.Append(' ').Append(Format(value));
            }
        }

        foreach (var flag in spec.Flags)
        {
            if (!values.TryGetValue(flag.Key, out var value) || !written.Add(flag.Key))
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

    private static string Format(object value) => value switch
    {
        long n => n.ToString(CultureInfo.InvariantCulture),
        TimeSpan t => Durations.Format(t),
        string s => Tokenizer.Quote(s),
        _ => Tokenizer.Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };
}

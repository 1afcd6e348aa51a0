using System.Runtime.CompilerServices;

namespace ChatOps.Bot.Parsing;

/// <summary>
/// Renders bound values as one normalized command line: path, positionals in order, then the given flags in
/// declaration order as <c>--name=value</c>. Parsing it again yields the same values, which is what approvals rely on.
/// </summary>
internal static class Canonicalizer
{
    public static string Render(CommandSpec spec, IReadOnlyDictionary<string, object> values)
    {
        // Written on the stack (a command line is short; a longer one moves to a rented array): the only object made is
        // the line itself, where a StringBuilder made a chunk and an array for each time it grew.
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        text.AppendLiteral(spec.Name);
        for (var i = 0; i < spec.Positionals.Count; i++)
        {
            if (values.TryGetValue(spec.Positionals[i].Key, out var value))
            {
                text.AppendLiteral(" ");
                Append(ref text, value);
            }
        }

        for (var i = 0; i < spec.Flags.Count; i++)
        {
            var flag = spec.Flags[i];
            if (!values.TryGetValue(flag.Key, out var value) || DeclaredBefore(spec, flag.Key, i))
            {
                continue;
            }

            text.AppendLiteral(" --");
            text.AppendLiteral(flag.Name);
            if (flag.Kind == ArgKind.Switch)
            {
                if (!(bool)value)
                {
                    text.AppendLiteral("=false");
                }

                continue;
            }

            text.AppendLiteral("=");
            Append(ref text, value);
        }

        return text.ToStringAndClear();
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

    private static void Append(ref DefaultInterpolatedStringHandler text, object value)
    {
        switch (value)
        {
            case long n:
                text.AppendFormatted(n);
                break;
            case TimeSpan t:
                text.AppendLiteral(Durations.Format(t));
                break;
            case string s:
                text.AppendLiteral(Tokenizer.Quote(s));
                break;
            default:
                text.AppendLiteral(Tokenizer.Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                break;
        }
    }
}

namespace ChatOps.Bot.Parsing;

/// <summary>
/// <c>--incident INC-YYYY-N</c>, accepted by every command: taken out of the tokens before the command's own flags
/// are bound, so no spec declares it and none can change meaning because of it. The canonical line ends with it.
/// </summary>
internal static class IncidentOption
{
    public const string Name = "incident";

    public const string Usage = "--incident INC-YYYY-N";

    public const string Help =
        "Every command also takes `" + Usage + "`: it runs the same and goes on that open incident's timeline, from any channel.";

    /// <summary>
    /// Follows the binder's rules: quoted words and everything after <c>--</c> are never flags. Without the option (almost
    /// every command) <paramref name="rest"/> is <paramref name="tokens"/> itself, not a copy.
    /// </summary>
    public static bool TryExtract(List<Token> tokens, out List<Token> rest, out string? id, out string? error)
    {
        List<Token>? copy = null;
        rest = tokens;
        id = null;
        error = null;
        var onlyPositionals = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            onlyPositionals |= !token.Quoted && token.Text == "--";
            if (onlyPositionals || token.Quoted || !IsOption(token.Text, out var inline))
            {
                copy?.Add(token);
                continue;
            }

            copy ??= tokens.GetRange(0, i);

            if (id is not null)
            {
                error = $"flag --{Name} is given twice";
                rest = copy;
                return false;
            }

            if (inline is null)
            {
                if (i + 1 >= tokens.Count || (!tokens[i + 1].Quoted && tokens[i + 1].Text.StartsWith('-')))
                {
                    error = $"--{Name} needs a value (INC-YYYY-N)";
                    rest = copy;
                    return false;
                }

                inline = tokens[++i].Text;
            }

            if (!IncidentIds.TryNormalize(inline, out var normalized))
            {
                error = $"--{Name} must be an incident id like INC-2026-0007, not '{CommandParser.Truncate(inline)}'";
                rest = copy;
                return false;
            }

            id = normalized;
        }

        rest = copy ?? tokens;
        return true;
    }

    public static string Render(string canonical, string? id) => id is null ? canonical : $"{canonical} --{Name}={id}";

    private static bool IsOption(string text, out string? inline)
    {
        inline = null;
        const string prefix = "--" + Name;
        if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (text.Length == prefix.Length)
        {
            return true;
        }

        if (text[prefix.Length] != '=')
        {
            return false;
        }

        inline = text[(prefix.Length + 1)..];
        return true;
    }
}

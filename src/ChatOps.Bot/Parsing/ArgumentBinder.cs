namespace ChatOps.Bot.Parsing;

/// <summary>Binds the words after the command path to the spec's flags and positionals, with types checked.</summary>
internal sealed class ArgumentBinder(CommandSpec spec)
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    public bool TryBind(List<Token> tokens, out Dictionary<string, object> values, out string? error)
    {
        values = _values;
        var positionals = new List<Token>();
        var onlyPositionals = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!onlyPositionals && !token.Quoted && token.Text == "--")
            {
                onlyPositionals = true;
                continue;
            }

            if (onlyPositionals || !LooksLikeFlag(token))
            {
                positionals.Add(token);
                onlyPositionals |= spec.NestsCommand;
                continue;
            }

            if (!TryBindFlag(tokens, ref i, out error))
            {
                return false;
            }
        }

        if (!TryBindPositionals(positionals, out error))
        {
            return false;
        }

        // A required flag (silence's --for) is named in the error the way the usage line shows it.
        if (spec.Flags.FirstOrDefault(f => f.Required && !_values.ContainsKey(f.Key)) is { } missing)
        {
            error = $"missing --{missing.Name} <{missing.Placeholder}>";
            return false;
        }

        return true;
    }

    private static bool LooksLikeFlag(Token token) =>
        !token.Quoted && token.Text.Length >= 2 && token.Text[0] == '-'
        && (token.Text[1] == '-' ? token.Text.Length > 2 : char.IsAsciiLetter(token.Text[1]));

    private bool TryBindFlag(List<Token> tokens, ref int i, out string? error)
    {
        var text = tokens[i].Text;
        var isLong = text.StartsWith("--", StringComparison.Ordinal);
        var body = isLong ? text[2..] : text[1..];
        var eq = body.IndexOf('=', StringComparison.Ordinal);
        var name = eq >= 0 ? body[..eq] : body;
        string? inline = eq >= 0 ? body[(eq + 1)..] : null;

        var flag = isLong
            ? spec.Flags.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            : name.Length == 1 ? spec.Flags.FirstOrDefault(f => f.Short == name[0]) : null;
        if (flag is null)
        {
            var known = spec.Flags.Select(f => f.Name);
            var close = Suggestions.Closest(name.ToLowerInvariant(), known, 1);
            var hint = close.Count > 0 ? $"; did you mean --{close[0]}?" : string.Empty;
            error = $"unknown flag '{CommandParser.Truncate(text)}' for `{spec.Name}`{hint}";
            return false;
        }

        if (_values.ContainsKey(flag.Key))
        {
            error = flag.Key == flag.Name ? $"flag --{flag.Name} is given twice" : $"--{flag.Name} is given twice (or also as a positional)";
            return false;
        }

        if (flag.Kind == ArgKind.Switch)
        {
            if (inline is null)
            {
                _values[flag.Key] = true;
                error = null;
                return true;
            }

            if (!bool.TryParse(inline, out var on))
            {
                error = $"--{flag.Name} takes no value (or =true / =false), not '{CommandParser.Truncate(inline)}'";
                return false;
            }

            _values[flag.Key] = on;
            error = null;
            return true;
        }

        if (inline is null)
        {
            if (i + 1 >= tokens.Count || LooksLikeFlag(tokens[i + 1]))
            {
                error = $"--{flag.Name} needs a value ({flag.Placeholder})";
                return false;
            }

            inline = tokens[++i].Text;
        }

        return TryConvert(flag, inline, out error);
    }

    private bool TryBindPositionals(List<Token> tokens, out string? error)
    {
        var next = 0;
        foreach (var arg in spec.Positionals)
        {
            if (next >= tokens.Count)
            {
                if (arg.Required)
                {
                    error = $"missing <{arg.Placeholder}>";
                    return false;
                }

                continue;
            }

            if (arg.Kind == ArgKind.Rest)
            {
                _values[arg.Key] = string.Join(' ', tokens.Skip(next).Select(t => spec.NestsCommand && t.Quoted && !t.Text.Contains('"', StringComparison.Ordinal) ? $"\"{t.Text}\"" : t.Text));
                next = tokens.Count;
                continue;
            }

            var value = tokens[next++].Text;
            if (_values.ContainsKey(arg.Key))
            {
                error = $"<{arg.Placeholder}> is given twice (as a positional and as --{arg.Key})";
                return false;
            }

            if (arg.Kind == ArgKind.Resource && !TryResourceName(arg, tokens, ref next, ref value, out error))
            {
                return false;
            }

            if (!TryConvert(arg, value, out error))
            {
                return false;
            }
        }

        if (next < tokens.Count)
        {
            error = $"unexpected argument '{CommandParser.Truncate(tokens[next].Text)}'";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Accepts kubectl's <c>deployment/x</c> and <c>deploy x</c> as well as a bare <c>x</c>.</summary>
    private static bool TryResourceName(ArgSpec arg, List<Token> tokens, ref int next, ref string value, out string? error)
    {
        error = null;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var kind = value[..slash];
            if (!arg.ResourceKinds.Contains(kind, StringComparer.OrdinalIgnoreCase))
            {
                error = $"'{CommandParser.Truncate(value)}' is not a {arg.ResourceKinds.FirstOrDefault() ?? arg.Name}";
                return false;
            }

            value = value[(slash + 1)..];
            return true;
        }

        if (arg.ResourceKinds.Contains(value, StringComparer.OrdinalIgnoreCase) && next < tokens.Count)
        {
            value = tokens[next++].Text;
        }

        return true;
    }

    private bool TryConvert(ArgSpec arg, string raw, out string? error)
    {
        error = null;
        var label = arg.IsFlag ? $"--{arg.Name}" : $"<{arg.Placeholder}>";
        switch (arg.Kind)
        {
            case ArgKind.Integer:
                if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    error = $"{label} must be a whole number, not '{CommandParser.Truncate(raw)}'";
                    return false;
                }

                if (number < (arg.Min ?? long.MinValue) || number > (arg.Max ?? long.MaxValue))
                {
                    error = $"{label} must be between {arg.Min} and {arg.Max}, not {number}";
                    return false;
                }

                _values[arg.Key] = number;
                return true;
            case ArgKind.Duration:
                if (!Durations.TryParse(raw, out var duration))
                {
                    error = $"{label} must be a duration like 90s, 5m, 1h or 1h30m, not '{CommandParser.Truncate(raw)}'";
                    return false;
                }

                _values[arg.Key] = duration;
                return true;
            case ArgKind.Choice:
                var choice = arg.Choices.FirstOrDefault(c => string.Equals(c, raw, StringComparison.OrdinalIgnoreCase));
                if (choice is null)
                {
                    error = $"{label} must be one of {string.Join(", ", arg.Choices)}, not '{CommandParser.Truncate(raw)}'";
                    return false;
                }

                _values[arg.Key] = choice;
                return true;
            case ArgKind.Name or ArgKind.Resource:
                if (!Names.IsDns1123Subdomain(raw))
                {
                    error = $"{label} '{CommandParser.Truncate(raw)}' is not a valid name (lower-case letters, digits, '-' and '.')";
                    return false;
                }

                _values[arg.Key] = raw;
                return true;
            default:
                if (raw.Length == 0 && arg.Required)
                {
                    error = $"{label} must not be empty";
                    return false;
                }

                _values[arg.Key] = raw;
                return true;
        }
    }
}

namespace ChatOps.Bot.Parsing;

/// <summary>Text → typed request, driven entirely by the <see cref="CommandRegistry"/>.</summary>
public sealed class CommandParser(CommandRegistry registry, IEnumerable<IArgumentDefaults>? defaults = null)
{
    private readonly IArgumentDefaults[] _defaults = defaults?.ToArray() ?? [];

    /// <summary>Longer lines are refused before tokenizing: nobody types this much, and it bounds the work.</summary>
    public const int MaxLength = 4000;

    public ParseResult Parse(string text, ChatContext context, ApprovalGrant? approval = null)
    {
        if (text.Length > MaxLength)
        {
            return ParseResult.Failure($"command is too long ({text.Length} characters; at most {MaxLength})");
        }

        if (!Tokenizer.TryTokenize(text, out var tokens, out var tokenError))
        {
            return ParseResult.Failure(tokenError!);
        }

        if (tokens.Count == 0)
        {
            return ParseResult.Failure("empty command: type `help` for the list of commands");
        }

        var extracted = IncidentOption.TryExtract(tokens, out var rest, out var incident, out var incidentError);
        tokens = rest;
        var words = new List<string>(tokens.Count);
        while (words.Count < tokens.Count && !tokens[words.Count].Quoted)
        {
            words.Add(tokens[words.Count].Text);
        }

        var spec = registry.Match(words);
        if (spec is null)
        {
            return tokens.Count == 0
                ? ParseResult.Failure(incidentError ?? "empty command: type `help` for the list of commands")
                : UnknownCommand(words, tokens[0].Text);
        }

        if (!extracted)
        {
            return ParseResult.Failure(incidentError!, spec);
        }

        var binder = new ArgumentBinder(spec);
        if (!binder.TryBind(tokens.GetRange(spec.Path.Count, tokens.Count - spec.Path.Count), out var values, out var bindError))
        {
            return ParseResult.Failure(SuggestSubcommand(spec, bindError!, tokens), spec);
        }

        // The binder's dictionary is this parse's own: defaults complete it in place.
        foreach (var d in _defaults)
        {
            d.Complete(spec, values);
        }

        var canonical = IncidentOption.Render(Canonicalizer.Render(spec, values), incident);
        var command = new CommandLine(spec.Name, text.Trim(), canonical) { Incident = incident };
        var args = new CommandArgs(context, command, values) { Approval = approval };
        return ParseResult.Success(spec.Create(args), spec);
    }

    private ParseResult UnknownCommand(List<string> words, string first)
    {
        var prefix = new List<string>();
        foreach (var word in words)
        {
            var next = registry.NextWords(prefix);
            if (!next.Contains(word, StringComparer.OrdinalIgnoreCase))
            {
                break;
            }

            prefix.Add(word.ToLowerInvariant());
        }

        var options = registry.NextWords(prefix);
        if (prefix.Count == 0)
        {
            var close = Suggestions.Closest(first.ToLowerInvariant(), options);
            var hint = close.Count > 0
                ? $"; did you mean {string.Join(" or ", close.Select(c => $"`{c}`"))}? Type `help` for the list"
                : "; type `help` for the list";
            return ParseResult.Failure($"unknown command '{Truncate(first)}'{hint}");
        }

        var group = string.Join(' ', prefix);
        var given = words.Count > prefix.Count ? words[prefix.Count] : null;
        var suggestion = given is null ? [] : Suggestions.Closest(given.ToLowerInvariant(), options);
        var reason = given is null
            ? $"`{group}` needs one of: {string.Join(", ", options)}"
            : $"unknown `{group}` subcommand '{Truncate(given)}'; expected one of: {string.Join(", ", options)}";
        if (suggestion.Count > 0)
        {
            reason += $" (did you mean `{group} {suggestion[0]}`?)";
        }

        return ParseResult.Failure(reason);
    }

    /// <summary>"audit verfy" binds to `audit` and fails on an extra word: point at `audit verify` instead.</summary>
    private string SuggestSubcommand(CommandSpec spec, string error, List<Token> tokens)
    {
        if (tokens.Count <= spec.Path.Count || tokens[spec.Path.Count].Quoted)
        {
            return error;
        }

        var next = registry.NextWords(spec.Path);
        var close = Suggestions.Closest(tokens[spec.Path.Count].Text.ToLowerInvariant(), next, 1);
        return close.Count > 0 ? $"{error} (did you mean `{spec.Name} {close[0]}`?)" : error;
    }

    internal static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

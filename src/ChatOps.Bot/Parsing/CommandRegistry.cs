namespace ChatOps.Bot.Parsing;

/// <summary>Every command the bot understands, in registration order.</summary>
public sealed class CommandRegistry
{
    private readonly List<CommandSpec> _commands = [];
    private string? _helpList;

    public CommandRegistry()
    {
    }

    public CommandRegistry(IEnumerable<IGrammar> modules)
    {
        foreach (var module in modules)
        {
            module.Register(this);
        }
    }

    public IReadOnlyList<CommandSpec> Commands => _commands;

    public CommandRegistry Add(CommandSpec spec)
    {
        if (spec.Path.Count == 0 || spec.Path.Any(p => p.Length == 0 || p.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException("a command path is one or more words", nameof(spec));
        }

        if (Find(spec.Name) is not null)
        {
            throw new ArgumentException($"command '{spec.Name}' is registered twice", nameof(spec));
        }

        if (spec.Positionals.Take(spec.Positionals.Count - 1).Any(p => p.Kind == ArgKind.Rest))
        {
            throw new ArgumentException($"command '{spec.Name}': only the last positional may take the rest", nameof(spec));
        }

        if (spec.Flags.Any(f => string.Equals(f.Name, IncidentOption.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"command '{spec.Name}': --{IncidentOption.Name} is the global option every command takes", nameof(spec));
        }

        _commands.Add(spec);
        _helpList = null;
        return this;
    }

    /// <summary>The <c>help</c> listing, built once: the registry only changes while modules register.</summary>
    public string HelpList => _helpList ??= HelpRenderer.List(this);

    public CommandSpec? Find(string name) =>
        _commands.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The command whose path is the longest prefix of <paramref name="words"/>.</summary>
    public CommandSpec? Match(IReadOnlyList<string> words)
    {
        CommandSpec? best = null;
        foreach (var spec in _commands)
        {
            if (spec.Path.Count <= words.Count && (best is null || spec.Path.Count > best.Path.Count) && StartsWith(words, spec.Path))
            {
                best = spec;
            }
        }

        return best;
    }

    private static bool StartsWith(IReadOnlyList<string> words, IReadOnlyList<string> path)
    {
        for (var i = 0; i < path.Count; i++)
        {
            if (!string.Equals(path[i], words[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Words that may follow <paramref name="prefix"/> (e.g. "verify" after "audit").</summary>
    public IReadOnlyList<string> NextWords(IReadOnlyList<string> prefix) => _commands
        .Where(c => c.Path.Count > prefix.Count
            && prefix.Select((p, i) => string.Equals(p, c.Path[i], StringComparison.OrdinalIgnoreCase)).All(x => x))
        .Select(c => c.Path[prefix.Count])
        .Distinct(StringComparer.Ordinal)
        .ToList();
}

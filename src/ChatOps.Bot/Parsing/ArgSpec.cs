namespace ChatOps.Bot.Parsing;

/// <summary>A positional argument or a flag of a command. Flags have <see cref="IsFlag"/> set.</summary>
public sealed record ArgSpec(string Name, ArgKind Kind, string Description)
{
    private readonly string? _key;

    public bool Required { get; init; }

    public bool IsFlag { get; init; }

    /// <summary>Single-letter alias of a flag, e.g. 'n' for --namespace.</summary>
    public char? Short { get; init; }

    /// <summary>What the usage line shows for the value, e.g. "n" in <c>--last n</c>.</summary>
    public string? ValueName { get; init; }

    public IReadOnlyList<string> Choices { get; init; } = [];

    public long? Min { get; init; }

    public long? Max { get; init; }

    /// <summary>For <see cref="ArgKind.Resource"/>: the kinds accepted in front of the name (deployment, deploy, ...).</summary>
    public IReadOnlyList<string> ResourceKinds { get; init; } = [];

    /// <summary>
    /// The name the bound value is stored under; by default <see cref="Name"/>. A positional and a flag that share a
    /// key are two spellings of one argument (<c>scale x 5</c> and <c>scale x --replicas=5</c>): either may be
    /// given, not both, and the canonical form uses the first declared (the positional).
    /// </summary>
    public string Key
    {
        get => _key ?? Name;
        init => _key = value;
    }

    public string Placeholder => ValueName ?? Name;

    public static ArgSpec Positional(string name, ArgKind kind, string description, bool required = true) =>
        new(name, kind, description) { Required = required };

    public static ArgSpec Flag(string name, ArgKind kind, string description, string? valueName = null, char? shortName = null) =>
        new(name, kind, description) { IsFlag = true, ValueName = valueName, Short = shortName };
}

namespace ChatOps.Bot.Parsing;

/// <summary>Typed values the parser bound for one command, handed to the spec's factory.</summary>
public sealed class CommandArgs(ChatContext context, CommandLine command, IReadOnlyDictionary<string, object> values)
{
    public ChatContext Context { get; } = context;

    public CommandLine Command { get; } = command;

    /// <summary>Set only when an approved request is rebuilt for execution.</summary>
    public ApprovalGrant? Approval { get; init; }

    public bool Has(string name) => values.ContainsKey(name);

    public string? Text(string name) => values.TryGetValue(name, out var v) ? (string)v : null;

    public string RequiredText(string name) => Text(name)
        ?? throw new InvalidOperationException($"argument '{name}' is required by the grammar but was not bound");

    public long? Integer(string name) => values.TryGetValue(name, out var v) ? (long)v : null;

    public int? Int32(string name) => Integer(name) is { } v ? checked((int)v) : null;

    public TimeSpan? Duration(string name) => values.TryGetValue(name, out var v) ? (TimeSpan)v : null;

    public bool Switch(string name) => values.TryGetValue(name, out var v) && (bool)v;

    public override string ToString() => string.Join(' ', values.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));
}

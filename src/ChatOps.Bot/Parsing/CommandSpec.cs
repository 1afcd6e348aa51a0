namespace ChatOps.Bot.Parsing;

/// <summary>
/// One command, declared once. Parsing, usage lines, <c>help</c>, suggestions and the README command reference
/// are all generated from this.
/// </summary>
public sealed record CommandSpec(IReadOnlyList<string> Path, string Summary, Func<CommandArgs, IOperation> Create)
{
    public IReadOnlyList<ArgSpec> Positionals { get; init; } = [];

    public IReadOnlyList<ArgSpec> Flags { get; init; } = [];

    /// <summary>The role the default policy asks for, shown in help; <c>null</c> means anyone.</summary>
    public Role? Role { get; init; }

    /// <summary>Shown in help; the role actually enforced comes from the request (it may depend on the arguments).</summary>
    public string? RoleNote { get; init; }

    public bool Mutating { get; init; }

    /// <summary>
    /// Its last positional is another command line (<c>policy test scale web 0 --cluster prod</c>): from the first
    /// positional on, every word is that command's, its flags included.
    /// </summary>
    public bool NestsCommand { get; init; }

    /// <summary>Its request implements <c>IDangerous</c>, so it can be held for approval (and listed in ChatOps:Approvals:Commands).</summary>
    public bool MayNeedApproval { get; init; }

    /// <summary>
    /// Set on another spelling of a command (kubectl's <c>patch hpa</c> for <c>hpa</c>): it parses and shows in help,
    /// but command menus with a size limit (Teams shows ten) list only the command it spells.
    /// </summary>
    public string? AliasOf { get; init; }


    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>Read several times for every command (limits, metrics, logs), so joined once.</summary>
    public string Name { get; } = string.Join(' ', Path);
}

namespace ChatOps.Bot.Core;

public enum Outcome
{
    Succeeded,
    Failed,
    Denied,
    Invalid,
    AwaitingApproval,
}

public enum Severity
{
    Info,
    Success,
    Warning,
    Danger,
}

public enum Visibility
{
    /// <summary>Only the requester sees it: help, errors, denials.</summary>
    Ephemeral,

    /// <summary>Everyone in the channel sees it: mutating commands and their results.</summary>
    InChannel,
}

public sealed record ResultField(string Name, string Value, bool Short = true);

public sealed record ResultTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, string? Caption = null);

public enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}

/// <summary>A button runs <see cref="Command"/> through the ordinary pipeline as whoever clicks it.</summary>
public sealed record ResultButton(string Label, string Command, ButtonStyle Style = ButtonStyle.Default, string? Confirm = null);

/// <summary>
/// A picture that belongs to the answer (a <c>metrics</c> chart). The answer's text must stand without it: an
/// adapter that cannot show images shows the text only.
/// </summary>
public sealed record ResultImage(string FileName, string MediaType, ReadOnlyMemory<byte> Content, string AltText)
{
    /// <summary>
    /// The same picture drawn smaller, for an adapter whose message budget cannot carry <see cref="Content"/> (a Teams
    /// card is refused over 28 KB); null when there is none. Lazy because drawing a chart is the dearest step of its
    /// command and only that adapter, and only when the full picture does not fit, ever looks at it.
    /// </summary>
    public Lazy<ReadOnlyMemory<byte>>? Compact { get; init; }
}

/// <summary>
/// A file that belongs to the answer (the whole of a <c>logs</c> read the chat text had to cut). The answer's text
/// must stand without it: an adapter that cannot share files shows the text only. <see cref="Description"/> names
/// it in a sentence ("full log").
/// </summary>
public sealed record ResultFile(string FileName, string MediaType, ReadOnlyMemory<byte> Content, string Description);

/// <summary>Plain text every adapter can show, plus structure that rich adapters render (Block Kit, Adaptive Cards).</summary>
public sealed record OperationResult(Outcome Outcome, string Text)
{
    public string? Title { get; init; }

    public Severity Severity { get; init; } = Outcome switch
    {
        Outcome.Succeeded => Severity.Success,
        Outcome.AwaitingApproval => Severity.Warning,
        Outcome.Invalid => Severity.Warning,
        _ => Severity.Danger,
    };

    public Visibility Visibility { get; init; } = Visibility.Ephemeral;

    /// <summary>
    /// What a rich adapter (Block Kit, Adaptive Cards) shows in place of <see cref="Text"/>, because it also draws
    /// <see cref="Fields"/> and <see cref="Tables"/>: the part of the text they do not carry, such as a rollout's progress
    /// above its pods table. Null when the text repeats none of them; empty when they carry all of it. The text stays
    /// whole for the console, the audit and every adapter that cannot draw structure.
    /// </summary>
    public string? Summary { get; init; }

    /// <summary>The text a rich adapter shows with the structure: <see cref="Summary"/> when there is one.</summary>
    public string RichText => Summary ?? Text;

    public IReadOnlyList<ResultField> Fields { get; init; } = [];

    public IReadOnlyList<ResultTable> Tables { get; init; } = [];

    public IReadOnlyList<ResultButton> Buttons { get; init; } = [];

    public IReadOnlyList<ResultImage> Images { get; init; } = [];

    public IReadOnlyList<ResultFile> Files { get; init; } = [];

    /// <summary>
    /// A button's answer for the clicker alone: the card it was clicked on is left for the command it acted on to
    /// change (a follow's Stop: the follow's own final answer replaces the card and says who stopped it).
    /// </summary>
    public bool LeavesCard { get; init; }

    /// <summary>Set when the pipeline decided something the audit must know (e.g. the approval id).</summary>
    public string? Reference { get; init; }

    public bool IsSuccess => Outcome == Outcome.Succeeded;

    public static OperationResult Success(string text) => new(Outcome.Succeeded, text);

    public static OperationResult Failure(string text) => new(Outcome.Failed, text);

    public static OperationResult Denied(string text) => new(Outcome.Denied, text);

    public static OperationResult Invalid(string text) => new(Outcome.Invalid, text);
}

namespace ChatOps.Bot.Parsing;

/// <summary>Either a request ready for the pipeline, or a one-line reason with the usage line.</summary>
public sealed record ParseResult
{
    public IOperation? Operation { get; private init; }

    public string? Error { get; private init; }

    public string? Usage { get; private init; }

    public CommandSpec? Spec { get; private init; }

    public bool IsSuccess => Operation is not null;

    public static ParseResult Success(IOperation operation, CommandSpec spec) => new() { Operation = operation, Spec = spec };

    public static ParseResult Failure(string error, CommandSpec? spec = null) =>
        new() { Error = error, Spec = spec, Usage = spec is null ? null : HelpRenderer.Usage(spec) };

    /// <summary>The reason and, when known, the usage line: what the user sees.</summary>
    public string Message => Usage is null ? Error ?? string.Empty : $"{Error}\nusage: {Usage}";
}

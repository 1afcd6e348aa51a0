namespace ChatOps.Bot.Core;

/// <summary>
/// What the user typed and what the parser understood. <see cref="Canonical"/> is a normalized command line that
/// re-parses to the same request; approvals bind to its hash so the approved request is exactly the one requested.
/// </summary>
public sealed record CommandLine(string Name, string Raw, string Canonical)
{
    /// <summary>
    /// The incident named with the global <c>--incident</c> option (normalized, e.g. INC-2026-0007): the command
    /// goes on that incident's timeline. It never changes what the command does, and it is part of
    /// <see cref="Canonical"/>, so an approval and the audit bind it too.
    /// </summary>
    public string? Incident { get; init; }
}

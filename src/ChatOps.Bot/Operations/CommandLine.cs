namespace ChatOps.Bot.Operations;

/// <summary>
/// What the user typed and what the parser understood. <see cref="Canonical"/> is a normalized command line that
/// re-parses to the same request; approvals bind to its hash so the approved request is exactly the one requested.
/// </summary>
public sealed record CommandLine(string Name, string Raw, string Canonical);

namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// The verdict <c>policy test</c> and <c>policy check</c> report. The words are what a cases file expects, so they
/// are the contract: renaming one breaks every team's cases file.
/// </summary>
public static class PolicyVerdicts
{
    public const string Allowed = "allowed";
    public const string NeedsApproval = "needs approval";
    public const string Denied = "denied (role)";
    public const string Refused = "refused by policy";

    public static readonly IReadOnlyList<string> All = [Allowed, NeedsApproval, Denied, Refused];
}

/// <summary>The decision path of one command, line by line, and its verdict; or why the command could not be tested.</summary>
public sealed record PolicyExplanation(IReadOnlyList<string> Lines, string? Verdict, string? Error)
{
    public static PolicyExplanation Invalid(string error) => new([], null, error);
}

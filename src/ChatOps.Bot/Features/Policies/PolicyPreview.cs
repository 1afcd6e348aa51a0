namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// A <c>--dry-run</c> preview is never refused or held, but it says which policy rules the command itself would meet
/// (a freeze, a limit, an approval rule and its count), so the preview does not promise a run that policy would stop.
/// </summary>
public static class PolicyPreview
{
    public static OperationResult Annotate(OperationResult result, PolicyDecision wouldApply) =>
        !result.IsSuccess || wouldApply.Rules.Count == 0
            ? result
            : result with { Text = $"{result.Text}\n{string.Join('\n', wouldApply.Rules.Select(r => $"if run, policy: {r.Text}"))}" };
}

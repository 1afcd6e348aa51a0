using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Hosting.PolicyCheck;

/// <summary>Runs each case through <see cref="PolicyExplainer"/>: one line per case, the path of a mismatch, a summary.</summary>
public sealed class PolicyCheckRunner(PolicyExplainer explainer, CaseFacts facts, TimeProvider clock)
{
    /// <summary>The number of cases that did not get their expected verdict; a malformed case throws.</summary>
    public async Task<int> RunAsync(IReadOnlyList<PolicyCase> cases, TextWriter output)
    {
        var failed = 0;
        foreach (var c in cases)
        {
            var now = c.At ?? clock.GetUtcNow();
            facts.Use(c, now);
            var (platform, id) = (c.User[..c.User.IndexOf(':')], c.User[(c.User.IndexOf(':') + 1)..]);
            var context = new ChatContext(platform, id, c.User, c.Channel, null, $"policy-check-{c.Number}", now);
            var explanation = await explainer.ExplainAsync(c.Command, context, CancellationToken.None);
            if (explanation.Error is { } error)
            {
                throw new PolicyCaseException($"{c.Label}: {error.Split('\n')[0]}");
            }

            if (explanation.Verdict == c.Expect)
            {
                await output.WriteLineAsync($"ok    {c.Label}: {c.Expect}");
                continue;
            }

            failed++;
            await output.WriteLineAsync($"FAIL  {c.Label}: expected {c.Expect}, got {explanation.Verdict}");
            foreach (var line in explanation.Lines)
            {
                await output.WriteLineAsync($"        {line}");
            }
        }

        await output.WriteLineAsync($"policy check: {cases.Count} cases, {cases.Count - failed} as expected, {failed} not");
        return failed;
    }
}

using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Policies;

namespace ChatOps.Tests.Fakes;

/// <summary>Run history with the real stores' rule: allowed records that succeeded or failed, on the target or a namespace of it.</summary>
public sealed partial class InMemoryChatOpsStore
{
    public Task<IReadOnlyList<PastRun>> RunsAsync(string target, DateTimeOffset since, int max, CancellationToken cancellationToken)
    {
        Throw();
        return Task.FromResult<IReadOnlyList<PastRun>>(Entries
            .Select(e => e.Record)
            .Where(r => r.At >= since && r.Decision == AuditDecision.Allowed && r.Outcome is AuditOutcome.Succeeded or AuditOutcome.Failed
                && r.Target is { } t && (t == target || t.StartsWith(target + "/", StringComparison.Ordinal)))
            .Take(max)
            .Select(r => new PastRun(r.At, r.ParsedRequest, r.Target!))
            .ToList());
    }
}

using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// How many sessions a bulk kill would signal, for <c>MaxKillSessions</c>. The limit is decided by the policy engine
/// like every other rule, not by the handler, so <c>policy test</c>, the offline check and the pipeline agree and a
/// refusal is audited the same way. The bound form (the one that signals, and the one an approval covers) counts the
/// sessions its <c>--only</c> names: exactly what the handler may act on, with no read. The typed form counts what its
/// snapshot would choose, through the same <see cref="SessionSnapshot"/>, so it is refused before a snapshot is taken;
/// if sessions appear in between, the bound form's count still holds the line.
/// </summary>
public sealed class BulkKillPolicyFacts(SessionSnapshot snapshots) : IPolicyFacts
{
    public async ValueTask<PolicyRequest> AddFactsAsync(IOperation operation, PolicyRequest request, BlastRadiusOptions limits, CancellationToken cancellationToken)
    {
        if (!limits.JudgesKillSessions || operation is not IBulkKill { Database: { } db } kill)
        {
            return request;
        }

        if (kill.Only is not null)
        {
            // A malformed list is the validator's to refuse; there is nothing to count.
            return Bound(kill) is { } named ? request with { Sessions = named } : request;
        }

        return request with { Sessions = (await snapshots.SelectAsync(kill, db, cancellationToken)).Chosen.Count };
    }

    /// <summary>How many sessions the bound form names; null for the typed form or a malformed list.</summary>
    public static int? Bound(IBulkKill kill) => SessionKeys.TryParse(kill.Only, out var keys) ? keys.Count : null;
}

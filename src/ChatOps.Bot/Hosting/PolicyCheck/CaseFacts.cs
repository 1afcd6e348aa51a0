using ChatOps.Bot.Features.Databases;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Bot.Features.Policies;
using ChatOps.Bot.Features.Queues;

namespace ChatOps.Bot.Hosting.PolicyCheck;

/// <summary>
/// The facts the bot would read from servers, taken from the case being checked instead: the clock, a scaled
/// deployment's current replicas, a purged queue's depth, a bulk kill's session count, the named incident (or the
/// channel's), the user's groups, break-glass elevations and the runs rate rules count. One case at a time.
/// </summary>
public sealed class CaseFacts : TimeProvider, IPolicyFacts, IIncidentStandings, IGroupDirectory, IActiveElevations, IRunHistory
{
    private PolicyCase? _case;
    private DateTimeOffset _now;

    public void Use(PolicyCase current, DateTimeOffset now) => (_case, _now) = (current, now);

    public override DateTimeOffset GetUtcNow() => _now;

    public ValueTask<PolicyRequest> AddFactsAsync(IOperation operation, PolicyRequest request, BlastRadiusOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (operation is PurgeQueueCommand && limits.JudgesPurgeDepth)
        {
            return _case?.Depth is { } depth
                ? ValueTask.FromResult(request with { QueueDepth = depth })
                : throw new PolicyCaseException(
                    $"{_case?.Label}: `depth:` (the queue's current depth) is needed offline, because ChatOps:Policies:Limits:MaxPurgeDepthWithoutExtraApprover judges queue purges");
        }

        if (operation is IBulkKill kill && limits.JudgesKillSessions)
        {
            return ValueTask.FromResult(BulkKillPolicyFacts.Bound(kill) is { } named ? request with { Sessions = named }
                : _case?.Sessions is { } sessions ? request with { Sessions = sessions }
                : throw new PolicyCaseException(
                    $"{_case?.Label}: `sessions:` (how many sessions it would signal) is needed offline, because ChatOps:Policies:Limits:MaxKillSessions judges bulk kills"));
        }

        if (operation is not ScaleCommand scale || !limits.JudgesReplicas)
        {
            return ValueTask.FromResult(request);
        }

        return _case?.Replicas is { } before
            ? ValueTask.FromResult(request with { Replicas = ScalePolicyFacts.Change(scale, before) })
            : throw new PolicyCaseException(
                $"{_case?.Label}: `replicas:` (the deployment's current count) is needed offline, because ChatOps:Policies:Limits judge scale commands' replica changes");
    }

    public ValueTask<IncidentStanding?> FindAsync(string id, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_case?.Incident is { } standing && string.Equals(standing.Id, id, StringComparison.OrdinalIgnoreCase) ? standing : null);

    public ValueTask<IncidentStanding?> InChannelAsync(string channelId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_case is { Incident: { } standing, IncidentChannel: { } channel } && channel == channelId ? standing with { InChannel = true } : null);

    public Task<IReadOnlyList<PastRun>> RunsAsync(string target, DateTimeOffset since, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PastRun>>((_case?.Runs ?? [])
            .Where(r => r.At >= since && (r.Scope == target || r.Scope.StartsWith(target + "/", StringComparison.Ordinal))).Take(max).ToList());

    public ValueTask<IReadOnlyList<string>> GroupsOfAsync(ChatContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_case?.Groups ?? []);

    public Task<IReadOnlyList<Elevation>> ActiveElevationsAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Elevation>>(
            (_case?.Elevations ?? []).Where(e => string.Equals(e.Subject, subject, StringComparison.Ordinal) && e.IsActiveAt(now)).ToList());
}

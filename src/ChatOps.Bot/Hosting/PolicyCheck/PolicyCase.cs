using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Hosting.PolicyCheck;

/// <summary>
/// One checked case: <see cref="User"/> types <see cref="Command"/> in <see cref="Channel"/> at <see cref="At"/>,
/// and the policy should answer <see cref="Expect"/>. The facts the bot would read from servers come from the case.
/// </summary>
public sealed record PolicyCase(
    int Number,
    string Name,
    string User,
    string Channel,
    string Command,
    string Expect,
    DateTimeOffset? At,
    int? Replicas,
    IncidentStanding? Incident,
    IReadOnlyList<string> Groups)
{
    public string Label => $"case {Number} '{Name}'";

    /// <summary>The user's live break-glass elevations at the case's instant, as the store would hold them.</summary>
    public IReadOnlyList<Elevation> Elevations { get; init; } = [];

    /// <summary>A purged queue's current depth, which the purge-depth limit judges.</summary>
    public long? Depth { get; init; }

    /// <summary>How many sessions a typed bulk <c>db kill</c> would signal, as the database would answer.</summary>
    public int? Sessions { get; init; }

    /// <summary>Commands that already ran, as the audit log would hold them, for rate rules.</summary>
    public IReadOnlyList<PastRun> Runs { get; init; } = [];

    /// <summary>The channel of <see cref="Incident"/>, when the case says it has one: a command typed there is run for it.</summary>
    public string? IncidentChannel { get; init; }
}

/// <summary>A case the file gets wrong: reported as one line naming it, and the check fails.</summary>
public sealed class PolicyCaseException(string message) : Exception(message);

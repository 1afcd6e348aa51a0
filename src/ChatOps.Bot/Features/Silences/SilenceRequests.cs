namespace ChatOps.Bot.Features.Silences;

/// <summary>A request about one configured Alertmanager, so the validator checks <c>--alertmanager</c> once for all.</summary>
public interface ISilenceRequest : IRequiresRole
{
    string? Alertmanager { get; }
}

/// <summary>
/// <c>silence &lt;alertname | matcher…&gt; --for 2h</c>. Dangerous by its arguments alone when no matcher pins a label
/// to one value; <see cref="SilencePolicy"/> adds what needs Alertmanager or configuration (length, spread).
/// </summary>
public sealed record CreateSilenceCommand(
    ChatContext Context, CommandLine Command, string? Alertmanager, string MatcherText, TimeSpan Duration, string? Comment)
    : ISilenceRequest, IDangerous
{
    public Role RequiredRole => Role.Operator;

    public TargetScope Scope => new(Alertmanager);

    public IReadOnlyList<SilenceMatcher> Matchers => SilenceMatchers.TryParse(MatcherText, out var m, out _) ? m : [];

    public bool IsDangerous => !Matchers.Any(m => m.IsPlainEquality);

    /// <summary><c>--until-resolved</c>: expired early by <see cref="ResolvedSilenceExpirer"/> once no alert it matches still fires.</summary>
    public bool UntilResolved { get; init; }

    public ApprovalGrant? Approval { get; init; }
}

/// <summary><c>silence list [--all]</c>: read-only.</summary>
public sealed record ListSilencesQuery(ChatContext Context, CommandLine Command, string? Alertmanager, bool All) : ISilenceRequest
{
    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Alertmanager);
}

/// <summary><c>silence expire &lt;id&gt;</c>: ends a silence now; the alerts it muted notify again.</summary>
public sealed record ExpireSilenceCommand(ChatContext Context, CommandLine Command, string? Alertmanager, string Id) : ISilenceRequest, IMutating
{
    public Role RequiredRole => Role.Operator;

    public TargetScope Scope => new(Alertmanager);
}

/// <summary><c>silence extend &lt;id&gt; --for 1h</c>: moves the end later; too long a result needs approval like a new silence.</summary>
public sealed record ExtendSilenceCommand(ChatContext Context, CommandLine Command, string? Alertmanager, string Id, TimeSpan Duration)
    : ISilenceRequest, IDangerous
{
    public Role RequiredRole => Role.Operator;

    public TargetScope Scope => new(Alertmanager);

    public bool IsDangerous => false;

    public ApprovalGrant? Approval { get; init; }
}

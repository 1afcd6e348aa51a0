namespace ChatOps.Bot.Features.Authorization;

/// <summary>Who may ask for break-glass elevation, for how long, and whether a second person must agree.</summary>
public sealed class ElevationOptions
{
    [Description("subjects (users or groups, as in role bindings) who may ask for elevation; empty with no MinimumRole: nobody")]
    public List<string> Requesters { get; set; } = [];

    [Description("anyone holding at least this role somewhere may also ask; unset: only Requesters")]
    public Role? MinimumRole { get; set; }

    [Description("the longest elevation one request may grant")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(4);

    [Description("true: an allowed requester is elevated at once (announced, audited); false: one approval by someone else who already holds the role on the scope (an admin there too)")]
    public bool SelfGrant { get; set; }
}

namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// A bulk kill. Typed by a person it has no <see cref="Only"/>: the handler takes a snapshot and sends the same
/// command again with <c>--only</c> naming the exact sessions (see docs/decisions/0004). Only that bound form
/// signals anything, so only it is dangerous (needs approval in production).
/// </summary>
public interface IBulkKill : IDangerous
{
    string? Database { get; }

    string? Only { get; }

    SessionSignal Signal { get; }

    /// <summary>The <c>--state</c> choice sessions must be in, at the snapshot and again when signalled.</summary>
    string StateChoice { get; }

    /// <summary>The duration sessions must have reached, at the snapshot and again when signalled.</summary>
    TimeSpan? Threshold { get; }

    /// <summary>This command with an explicit database and the snapshot's sessions.</summary>
    string Bind(string database, string only);
}

/// <summary><c>db kill --longer-than &lt;dur&gt;</c>.</summary>
public sealed record KillSessionsCommand(
    ChatContext Context, CommandLine Command, string? Database, TimeSpan? LongerThan, string State, bool Terminate, string? Only)
    : IBulkKill
{
    public Role RequiredRole => Role.Admin;

    public TargetScope Scope => new(Database);

    public bool IsDangerous => Only is not null;

    public ApprovalGrant? Approval { get; init; }

    public SessionSignal Signal => Terminate ? SessionSignal.Terminate : SessionSignal.Cancel;

    public string StateChoice => State;

    public TimeSpan? Threshold => LongerThan;

    public string Bind(string database, string only) =>
        $"db kill --db={database} --longer-than={Durations.Format(LongerThan ?? TimeSpan.Zero)} --state={State}" +
        $"{(Terminate ? " --terminate" : string.Empty)} --only={only}";
}

/// <summary><c>db kill-idle --idle-for &lt;dur&gt;</c>: the runbook's "terminate idle sessions older than ...".</summary>
public sealed record KillIdleSessionsCommand(ChatContext Context, CommandLine Command, string? Database, TimeSpan? IdleFor, string? Only)
    : IBulkKill
{
    public Role RequiredRole => Role.Admin;

    public TargetScope Scope => new(Database);

    public bool IsDangerous => Only is not null;

    public ApprovalGrant? Approval { get; init; }

    public SessionSignal Signal => SessionSignal.Terminate;

    public string StateChoice => SessionStates.Idle;

    public TimeSpan? Threshold => IdleFor;

    public string Bind(string database, string only) =>
        $"db kill-idle --db={database} --idle-for={Durations.Format(IdleFor ?? TimeSpan.Zero)} --only={only}";
}

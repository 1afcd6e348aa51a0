namespace ChatOps.Bot.Core;

/// <summary>Every chat command becomes one of these; the pipeline behaviours are constrained to it.</summary>
public interface IOperation : IRequest<OperationResult>
{
    ChatContext Context { get; }

    CommandLine Command { get; }
}

/// <summary>Opt-in for authorization: absent means anyone who can reach the bot may run it.</summary>
public interface IRequiresRole : IOperation
{
    Role RequiredRole { get; }

    TargetScope Scope { get; }
}

/// <summary>Changes something outside the bot: audited write-ahead and refused when the audit store is down.</summary>
public interface IMutating : IOperation;

/// <summary>
/// Needs a second person's approval on a production target when <see cref="IsDangerous"/>, or when its command is
/// listed in <c>ChatOps:Approvals:Commands</c>. Its command spec sets <c>MayNeedApproval</c>.
/// </summary>
public interface IDangerous : IMutating, IRequiresRole
{
    /// <summary>Dangerous by its arguments alone (scale to zero), whatever the configuration says.</summary>
    bool IsDangerous { get; }

    /// <summary>Set only when the request is rebuilt from an approval that reached its quorum.</summary>
    ApprovalGrant? Approval { get; }
}

/// <summary>
/// Security-relevant (a break-glass grant or revoke): its audit line also goes to <c>ChatOps:Audit:SecurityChannel</c>
/// when one is configured.
/// </summary>
public interface ISecurityAnnounced : IMutating;

/// <summary>A request that can run as a preview (server-side dry run): a preview changes nothing and needs no approval.</summary>
public interface IPreviewable : IOperation
{
    bool DryRun { get; }
}

public sealed record ApprovalGrant(string ApprovalId, IReadOnlyList<string> Approvers);

using Mediator;

namespace ChatOps.Bot.Operations;

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

/// <summary>Needs a second person's approval when <see cref="IsDangerous"/> and the target is production.</summary>
public interface IDangerous : IMutating, IRequiresRole
{
    bool IsDangerous { get; }

    /// <summary>Set only when the request is rebuilt from an approval that reached its quorum.</summary>
    ApprovalGrant? Approval { get; }
}

public sealed record ApprovalGrant(string ApprovalId, IReadOnlyList<string> Approvers);

namespace ChatOps.Bot.Features.Queues;

/// <summary>A request about one broker, so the validator can check <c>--broker</c> once for all of them.</summary>
public interface IBrokerRequest : IRequiresRole
{
    string? Broker { get; }
}

/// <summary>A request about one queue of a broker.</summary>
public interface IQueueRequest : IBrokerRequest
{
    string Queue { get; }
}

/// <summary><c>queue list</c>: read-only, so any viewer of the broker may run it.</summary>
public sealed record ListQueuesQuery(ChatContext Context, CommandLine Command, string? Broker, int Limit) : IBrokerRequest
{
    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Broker);
}

/// <summary><c>queue check &lt;queue&gt;</c>: read-only.</summary>
public sealed record CheckQueueQuery(ChatContext Context, CommandLine Command, string? Broker, string Queue) : IQueueRequest
{
    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Broker);
}

/// <summary><c>queue purge &lt;queue&gt;</c>: messages are gone for good, so it is an admin's call and needs approval in production.</summary>
public sealed record PurgeQueueCommand(ChatContext Context, CommandLine Command, string? Broker, string Queue) : IQueueRequest, IDangerous
{
    public Role RequiredRole => Role.Admin;

    public TargetScope Scope => new(Broker);

    public bool IsDangerous => true;

    public ApprovalGrant? Approval { get; init; }
}

/// <summary>
/// <c>queue replay &lt;dlq&gt;</c>: moves dead-lettered messages back into service. Nothing is lost, so an operator may
/// run it; production brokers still ask for approval, since replayed messages are processed again.
/// </summary>
public sealed record ReplayQueueCommand(
    ChatContext Context, CommandLine Command, string? Broker, string Queue, string? To, int? Limit, string? Selector) : IQueueRequest, IDangerous
{
    public Role RequiredRole => Role.Operator;

    public TargetScope Scope => new(Broker);

    public bool IsDangerous => true;

    public ApprovalGrant? Approval { get; init; }

    public ReplayPlan Plan => new(Queue, To, Limit, Selector);
}

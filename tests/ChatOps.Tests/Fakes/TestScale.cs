using ChatOps.Bot.Core;
using ChatOps.Bot.Parsing;

namespace ChatOps.Tests.Fakes;

/// <summary>
/// A stand-in for the real dangerous operations later issues add (scale to zero in production): registered through
/// the same grammar, run through the same behaviours, with a handler that only counts.
/// </summary>
public sealed record TestScaleCommand(ChatContext Context, CommandLine Command, string Deployment, int Replicas, string Cluster, string Namespace)
    : IDangerous
{
    public Role RequiredRole => Role.Operator;

    public TargetScope Scope => new(Cluster, Namespace);

    public bool IsDangerous => Replicas == 0;

    public ApprovalGrant? Approval { get; init; }
}

public sealed class TestScaleGrammar : IGrammar
{
    public void Register(CommandRegistry registry) =>
        registry.Add(new CommandSpec(["test-scale"], "Scale a deployment (test double).",
            a => new TestScaleCommand(a.Context, a.Command, a.RequiredText("deployment"), a.Int32("replicas")!.Value,
                a.Text("cluster") ?? "staging", a.Text("namespace") ?? "default")
            { Approval = a.Approval })
        {
            Positionals =
            [
                ArgSpec.Positional("deployment", ArgKind.Resource, "the deployment") with { ResourceKinds = ["deployment", "deploy", "deployments"] },
                ArgSpec.Positional("replicas", ArgKind.Integer, "replicas") with { Min = 0, Max = 100 },
            ],
            Flags =
            [
                ArgSpec.Flag("namespace", ArgKind.Name, "namespace", "ns", 'n'),
                ArgSpec.Flag("cluster", ArgKind.Name, "cluster", "c"),
                ArgSpec.Flag("dry-run", ArgKind.Switch, "change nothing"),
            ],
            Role = Role.Operator,
            Mutating = true,
            MayNeedApproval = true,
            Examples = ["test-scale web 0 --cluster prod-eks"],
        });
}

/// <summary>Counts calls and can be told to throw, and records what the audit held when it was called.</summary>
public sealed class TestScaleHandler(InMemoryChatOpsStore store)
{
    private readonly List<TestScaleCommand> _calls = [];
    private int _started;

    public IReadOnlyList<TestScaleCommand> Calls => _calls;

    public int AuditEntriesSeenAtCall { get; private set; } = -1;

    public Exception? Throw { get; set; }

    /// <summary>Runs inside the handler, e.g. to take the store down between the write-ahead record and the outcome.</summary>
    public Action? OnCall { get; set; }

    /// <summary>When set, every call waits for it: a command held in flight for as long as a test needs.</summary>
    public Task? Gate { get; set; }

    /// <summary>Calls that have begun (and may be waiting at <see cref="Gate"/>).</summary>
    public int Started => Volatile.Read(ref _started);

    public async ValueTask<OperationResult> Handle(TestScaleCommand command)
    {
        Interlocked.Increment(ref _started);
        if (Gate is { } gate)
        {
            await gate;
        }

        return Finish(command);
    }

    private OperationResult Finish(TestScaleCommand command)
    {
        AuditEntriesSeenAtCall = store.Entries.Count;
        OnCall?.Invoke();
        if (Throw is not null)
        {
            throw Throw;
        }

        _calls.Add(command);
        return OperationResult.Success($"scaled {command.Deployment} to {command.Replicas}") with
        {
            Visibility = Visibility.InChannel,
        };
    }
}

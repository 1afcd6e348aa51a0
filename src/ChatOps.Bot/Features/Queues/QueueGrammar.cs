using ChatOps.Bot.Parsing;

namespace ChatOps.Bot.Features.Queues;

/// <summary>Message broker queues (RabbitMQ management API, ActiveMQ Jolokia): the runbooks' queue reads and purges.</summary>
public sealed class QueueGrammar(BrokerTargetRule targets) : IGrammar
{
    private static ArgSpec BrokerFlag => ArgSpec.Flag("broker", ArgKind.Name, "a configured broker (optional when only one is configured)", "b");

    public void Register(CommandRegistry registry) => registry
        .Add(List())
        .Add(Check())
        .Add(Purge());

    private static ArgSpec Queue(string what) => ArgSpec.Positional("queue", ArgKind.Text, what);

    private string? Broker(CommandArgs a) => targets.Resolve(a.Text("broker"));

    private CommandSpec List() => new(["queue", "list"], "List a broker's queues, deepest first; flags backlogs and queues nobody consumes.",
        a => new ListQueuesQuery(a.Context, a.Command, Broker(a), a.Int32("limit") ?? 50))
    {
        Flags =
        [
            BrokerFlag,
            ArgSpec.Flag("limit", ArgKind.Integer, "how many rows (1-500, default 50)", "n") with { Min = 1, Max = 500 },
        ],
        Role = Role.Viewer,
        Examples = ["queue list", "queue list --broker rabbit"],
    };

    private CommandSpec Check() => new(["queue", "check"], "Depth, consumers, rates or counters, unacked or in flight, and dead-letter depth of one queue, with a verdict.",
        a => new CheckQueueQuery(a.Context, a.Command, Broker(a), a.RequiredText("queue")))
    {
        Positionals = [Queue("the queue's name (from `queue list`)")],
        Flags = [BrokerFlag],
        Role = Role.Viewer,
        Examples = ["queue check orders", "queue check orders --broker rabbit"],
    };

    private CommandSpec Purge() => new(["queue", "purge"], "Remove every ready message of a queue; says how many were removed.",
        a => new PurgeQueueCommand(a.Context, a.Command, Broker(a), a.RequiredText("queue"))
        {
            Approval = a.Approval,
        })
    {
        Positionals = [Queue("the queue to empty")],
        Flags = [BrokerFlag],
        Role = Role.Admin,
        RoleNote = "admin (approval needed in production; the request shows the current depth)",
        Mutating = true,
        MayNeedApproval = true,
        Examples = ["queue purge orders --broker rabbit"],
    };
}

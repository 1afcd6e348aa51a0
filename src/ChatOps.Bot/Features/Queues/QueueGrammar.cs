namespace ChatOps.Bot.Features.Queues;

/// <summary>Message broker queues (RabbitMQ management API, ActiveMQ Jolokia): the runbooks' queue reads and purges.</summary>
public sealed class QueueGrammar(BrokerTargetRule targets) : IGrammar
{
    private static ArgSpec BrokerFlag => ArgSpec.Flag("broker", ArgKind.Name, "a configured broker (optional when only one is configured)", "b");

    public void Register(CommandRegistry registry) => registry
        .Add(List())
        .Add(Check())
        .Add(Purge())
        .Add(Replay());

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

    private CommandSpec Replay() => new(["queue", "replay"],
        "Move dead-lettered messages back to their original queue (or --to one), inside the broker; says how many moved and how many are left.",
        a => new ReplayQueueCommand(a.Context, a.Command, Broker(a), a.RequiredText("queue"), a.Text("to"), a.Int32("limit"), a.Text("selector"))
        {
            Approval = a.Approval,
        })
    {
        Positionals = [Queue("the dead-letter queue (ActiveMQ.DLQ, orders.DLQ, orders.dead…)")],
        Flags =
        [
            ArgSpec.Flag("to", ArgKind.Text, "the queue to move them to (default: each message's original queue)", "queue"),
            ArgSpec.Flag("limit", ArgKind.Integer, "move at most n messages, oldest first (1-100000)", "n") with { Min = 1, Max = 100_000 },
            ArgSpec.Flag("selector", ArgKind.Text, "only messages matching this JMS selector (ActiveMQ)", "expr"),
            BrokerFlag,
        ],
        Role = Role.Operator,
        RoleNote = "operator (approval needed in production; the request previews the count, oldest/newest and the first message's headers)",
        Mutating = true,
        MayNeedApproval = true,
        Examples = ["queue replay ActiveMQ.DLQ --broker amq", "queue replay orders.dead --to orders --limit 10 --broker rabbit"],
    };
}

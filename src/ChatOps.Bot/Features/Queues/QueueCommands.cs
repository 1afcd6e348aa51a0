using ChatOps.Bot.Core;
using ChatOps.Bot.Parsing;

namespace ChatOps.Bot.Features.Queues;

/// <summary>Message broker queues (RabbitMQ management API, ActiveMQ Jolokia): the runbooks' queue reads and purges.</summary>
public sealed class QueueCommands(BrokerTargetRule targets) : ICommandModule
{
    private static ArgSpec Broker => ArgSpec.Flag("broker", ArgKind.Name, "a configured broker (optional when only one is configured)", "b");

    private static ArgSpec Queue(string what) => ArgSpec.Positional("queue", ArgKind.Text, what);

    public void Register(CommandRegistry registry)
    {
        registry.Add(new CommandSpec(["queue", "list"], "List a broker's queues, deepest first; flags backlogs and queues nobody consumes.",
            a => new ListQueuesQuery(a.Context, a.Command, targets.Resolve(a.Text("broker")), a.Int32("limit") ?? 50))
        {
            Flags =
            [
                Broker,
                ArgSpec.Flag("limit", ArgKind.Integer, "how many rows (1-500, default 50)", "n") with { Min = 1, Max = 500 },
            ],
            Role = Role.Viewer,
            Examples = ["queue list", "queue list --broker rabbit"],
        });

        registry.Add(new CommandSpec(["queue", "check"], "Depth, consumers, rates or counters, unacked or in flight, and dead-letter depth of one queue, with a verdict.",
            a => new CheckQueueQuery(a.Context, a.Command, targets.Resolve(a.Text("broker")), a.RequiredText("queue")))
        {
            Positionals = [Queue("the queue's name (from `queue list`)")],
            Flags = [Broker],
            Role = Role.Viewer,
            Examples = ["queue check orders", "queue check orders --broker rabbit"],
        });

        registry.Add(new CommandSpec(["queue", "purge"], "Remove every ready message of a queue; says how many were removed.",
            a => new PurgeQueueCommand(a.Context, a.Command, targets.Resolve(a.Text("broker")), a.RequiredText("queue"))
            {
                Approval = a.Approval,
            })
        {
            Positionals = [Queue("the queue to empty")],
            Flags = [Broker],
            Role = Role.Admin,
            RoleNote = "admin (approval needed in production; the request shows the current depth)",
            Mutating = true,
            MayNeedApproval = true,
            Examples = ["queue purge orders --broker rabbit"],
        });
    }
}

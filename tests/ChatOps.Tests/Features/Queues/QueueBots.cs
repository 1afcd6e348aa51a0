using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Queues;

/// <summary>TestBots with broker targets: rabbit (RabbitMQ), optionally a second one and an ActiveMQ one.</summary>
internal static class QueueBots
{
    /// <summary>alice, bob: admin everywhere; carol: viewer; oscar: operator on rabbit only.</summary>
    public static TestBot Create(bool production = false, bool secondBroker = false, bool activeMq = false, Action<Dictionary<string, string?>>? configure = null) =>
        TestBot.Create(s =>
        {
            TestBot.WithBroker(s, "rabbit", production);
            if (secondBroker)
            {
                TestBot.WithBroker(s, "rabbit-eu");
            }

            if (activeMq)
            {
                TestBot.WithBroker(s, "amq", kind: "ActiveMq");
            }

            s["ChatOps:Roles:Bindings:5:Subject"] = "console:oscar";
            s["ChatOps:Roles:Bindings:5:Role"] = "operator";
            s["ChatOps:Roles:Bindings:5:Scope"] = "rabbit";
            configure?.Invoke(s);
        });
}

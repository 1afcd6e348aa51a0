using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Pipeline;
using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.IntegrationTests.Slack;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL (the audit store) stopped in the middle of a stream of signed Slack commands and started again.
/// Re-run: scripts/test.sh --filter FullyQualifiedName~Faults.PostgresOutage (see docs/reliability.md).
/// </summary>
public sealed class PostgresOutageTests
{
    private const string Scale = $"scale {KubeTestCluster.Billing} ";
    private const string Status = $"status {KubeTestCluster.Billing}";

    [Fact]
    public async Task StoreStoppedMidStream_MutatingRefusedAndNeverRun_ReadOnlyAnswered_EveryAnswerAuditedOnceItIsBack()
    {
        await using var pg = await StoppablePostgres.StartAsync();
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await SlackBotHost.StartAsync(s =>
        {
            s["ChatOps:Store:Provider"] = "Postgres";
            s["ChatOps:Store:ConnectionString"] = pg.ConnectionString;
            s["ChatOps:Audit:ChainKeys:0:Id"] = "test";
            s["ChatOps:Audit:ChainKeys:0:Secret"] = "integration-chain-key-0123456789abcdef";
            s["ChatOps:Audit:ActiveKeyId"] = "test";
            s["ChatOps:Audit:PendingFlushInterval"] = "00:00:00.200";
            // One user sends the whole stream; the per-user limit (30 a minute) is not what this test is about.
            s["ChatOps:RateLimits:PerUser:PermitLimit"] = "1000";
            FaultBot.UseCluster(s, cluster);
        });
        var answered = 0;
        async Task<string> Run(string text)
        {
            var answer = await FaultBot.AnswerAsync(host, text);
            answered++;
            return answer;
        }

        // The replica counts are fields of the status card, under its summary.
        async Task<string> Show(string text)
        {
            var shown = await FaultBot.ShownAsync(host, text);
            answered++;
            return shown;
        }

        for (var i = 0; i < 5; i++)
        {
            (await Run("help")).ShouldContain("Commands:");
            (await Show(Status)).ShouldContain("replicas");
            (await Run(Scale + (4 + i))).ShouldContain($"→ {4 + i} replicas");
        }

        var writesBefore = FaultBot.Writes(cluster);
        await pg.StopServerAsync();

        for (var i = 0; i < 5; i++)
        {
            (await Run("help")).ShouldContain("Commands:", customMessage: "read-only commands keep answering");
            (await Show(Status)).ShouldContain("replicas");
            (await Run(Scale + (20 + i))).ShouldBe(AuditBehavior<IOperation, OperationResult>.Unavailable);
        }

        FaultBot.Writes(cluster).ShouldBe(writesBefore, "no mutating command reached Kubernetes while the audit store was down");
        FaultBot.Replicas(cluster).ShouldBe(8);

        await pg.StartServerAsync();
        for (var i = 0; i < 3; i++)
        {
            (await Run("help")).ShouldContain("Commands:");
            (await Run(Scale + (10 + i))).ShouldContain($"→ {10 + i} replicas");
        }

        var requests = await WaitForAsync(() => FaultBot.RequestsAsync(host), r => r.Count >= answered);
        requests.Count.ShouldBe(answered, "one audit request per answered command, none lost, none twice");
        requests.Count(r => r.Error == AuditBehavior<IOperation, OperationResult>.Unavailable).ShouldBe(5);
        requests.Count(r => r.RawText.StartsWith("scale", StringComparison.Ordinal) && r.Outcome == AuditOutcome.Succeeded).ShouldBe(8);
        requests.ShouldAllBe(r => r.Outcome != AuditOutcome.Started);
        (await host.Store.VerifyAsync(CancellationToken.None)).IsIntact.ShouldBeTrue();
        (await FaultBot.AnswerAsync(host, "audit verify")).ShouldStartWith("audit chain intact");
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                var value = await read();
                if (done(value) || DateTime.UtcNow > until)
                {
                    return value;
                }
            }
            catch (AuditStoreUnavailableException) when (DateTime.UtcNow < until)
            {
                // The pool may hand out a connection from before the restart once.
            }

            await Task.Delay(100);
        }
    }
}

using System.Net;
using ChatOps.Bot.Features.Audit;
using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.IntegrationTests.Slack;
using ChatOps.SimCluster;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>
/// The Kubernetes API answering 500 or not answering at all, under signed Slack commands end to end: the user gets
/// one clear line, the audit says failed, and nothing half-done is reported as success.
/// </summary>
public sealed class KubernetesFaultTests
{
    private static readonly Func<ApiCall, CancellationToken, Task<ApiException?>> FailWrites = (call, _) =>
        Task.FromResult(call.Verb == "patch" ? new ApiException(HttpStatusCode.InternalServerError, "InternalError", "etcdserver: request timed out") : null);

    private static Task<SlackBotHost> StartAsync(KubeTestCluster cluster, string? timeout = null) => SlackBotHost.StartAsync(s =>
    {
        FaultBot.UseCluster(s, cluster);
        if (timeout is not null)
        {
            s["ChatOps:Clusters:local:RequestTimeout"] = timeout;
        }
    });

    private static async Task<AuditRecord> LastAsync(SlackBotHost host, string verb) =>
        (await FaultBot.RequestsAsync(host)).First(r => r.RawText.StartsWith(verb, StringComparison.Ordinal));

    [Fact]
    public async Task Scale_WhenTheApiAnswers500_IsAClearFailure_AndNothingChanged()
    {
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await StartAsync(cluster);
        cluster.Server.Interceptor = FailWrites;

        var answer = await FaultBot.AnswerAsync(host, $"scale {KubeTestCluster.Billing} 6");

        answer.ShouldNotContain("→");
        answer.Split('\n').Length.ShouldBe(1, answer);
        answer.ShouldContain("etcdserver: request timed out");
        FaultBot.Replicas(cluster).ShouldBe(3);
        var record = await LastAsync(host, "scale");
        record.Outcome.ShouldBe(AuditOutcome.Failed);
        record.Error.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task RolloutUndo_WhenTheWriteAnswers500_IsNotReportedAsRolledBack()
    {
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await StartAsync(cluster);
        var before = cluster.Deployment();
        cluster.Server.Interceptor = FailWrites;

        var answer = await FaultBot.AnswerAsync(host, $"rollout undo {KubeTestCluster.Billing}");

        answer.ShouldNotContain("rolled back", Case.Insensitive);
        answer.ShouldContain("etcdserver: request timed out");
        cluster.Deployment().ShouldBe(before, "the template is untouched");
        (await LastAsync(host, "rollout undo")).Outcome.ShouldBe(AuditOutcome.Failed);
    }

    [Fact]
    public async Task Status_WhenTheApiAnswers500_IsAClearFailure()
    {
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await StartAsync(cluster);
        cluster.Server.Interceptor = (_, _) => Task.FromResult<ApiException?>(new ApiException(HttpStatusCode.InternalServerError, "InternalError", "apiserver overloaded"));

        var answer = await FaultBot.AnswerAsync(host, $"status {KubeTestCluster.Billing}");

        answer.ShouldContain("apiserver overloaded");
        answer.ShouldNotContain("replicas");
        (await LastAsync(host, "status")).Outcome.ShouldBe(AuditOutcome.Failed);
    }

    [Fact]
    public async Task Scale_WhenTheApiDoesNotAnswer_TimesOut_AndIsNotReportedAsDone()
    {
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await StartAsync(cluster, timeout: "00:00:01");
        cluster.Server.Interceptor = async (call, ct) =>
        {
            if (call.Verb == "patch")
            {
                // Never answers; ends when the bot gives up and closes the connection.
                await Task.Delay(Timeout.Infinite, ct);
            }

            return null;
        };

        var answer = await FaultBot.AnswerAsync(host, $"scale {KubeTestCluster.Billing} 6");

        answer.ShouldContain("did not answer", Case.Insensitive);
        answer.ShouldNotContain("→");
        FaultBot.Replicas(cluster).ShouldBe(3);
        (await LastAsync(host, "scale")).Outcome.ShouldBe(AuditOutcome.Failed);
    }
}

using System.Text;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.SimCluster;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>
/// A <c>logs</c> answer too long for a chat message, read from the simulated cluster through a signed slash command:
/// the message keeps the newest lines and the whole redacted read reaches the Slack stand-in as a <c>.log</c> file.
/// </summary>
public sealed class SlackLogsUploadTests
{
    // The simulated container logs a line a second from its start; three minutes is far more than a chat message holds.
    private const string Command = $"logs {KubeTestCluster.Billing} --tail 500 -n {KubeTestCluster.Ns} --cluster prod-eks";

    [Fact]
    public async Task ACutLog_SendsTheWholeRedactedRead_ToTheRequestersDirectMessages_AndTheAnswerNamesIt()
    {
        await using var cluster = await StartClusterAsync();
        await using var host = await StartAsync(cluster);

        var answer = await AnswerAsync(host, await host.CommandAsync(Command, user: "U-CAROL"));

        await host.Slack.WaitForCompletedUploadAsync();
        var upload = host.Slack.Uploads.Values.ShouldHaveSingleItem();
        upload.FileName.ShouldMatch($@"^logs-{KubeTestCluster.Billing}-[a-z0-9]+-[a-z0-9]+-{KubeTestCluster.Billing}\.log$");
        upload.Channel.ShouldBe("D-U-CAROL", "the answer is private, and a file in C-OPS would show it to the channel");
        upload.Completed.ShouldBeTrue();
        var text = Encoding.UTF8.GetString(upload.Bytes!);
        text.ShouldNotContain(PodLogs.LeakedPassword);
        text.ShouldContain("connecting to the database with password=***");
        var lines = text.TrimEnd('\n').Split('\n');
        lines[0].ShouldContain($"starting {upload.FileName[5..^(KubeTestCluster.Billing.Length + 5)]}");
        lines.Length.ShouldBeGreaterThan(150);

        answer.ShouldContain($"{LogText.FileDescription} attached as {upload.FileName}, sent to you in a direct message from the bot");
        answer.ShouldContain("more lines (earlier ones) not shown");
        answer.ShouldNotContain("connecting to the database", customMessage: "the chat text keeps only the newest lines");
        answer.ShouldContain(lines[^1]);
    }

    [Fact]
    public async Task ARefusedUpload_IsToldInOneLine_NamingTheLog()
    {
        await using var cluster = await StartClusterAsync();
        await using var host = await StartAsync(cluster);
        host.Slack.FailNext("files.completeUploadExternal", "not_in_channel");

        await host.CommandAsync(Command, user: "U-CAROL");

        var told = await host.Slack.WaitForAsync("response:r1", c => c.Body.Contains("not attached", StringComparison.Ordinal));
        told.Json!["text"]!.GetValue<string>().ShouldMatch(
            $@"^:warning: full log logs-{KubeTestCluster.Billing}-\S+\.log not attached: the upload failed \(Slack answered not_in_channel\)$");
    }

    private static async Task<KubeTestCluster> StartClusterAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var cluster = await KubeTestCluster.StartAsync(clock: clock, timing: SimTiming.Realistic with { HpaSync = null });
        for (var i = 0; i < 180; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        return cluster;
    }

    private static Task<SlackBotHost> StartAsync(KubeTestCluster cluster) => SlackBotHost.StartAsync(s =>
    {
        s["ChatOps:Clusters:prod-eks:Kubeconfig"] = cluster.Kubeconfig;
        s["ChatOps:Clusters:prod-eks:DefaultNamespace"] = KubeTestCluster.Ns;
    });

    /// <summary>The whole answer (blocks included), from the response body when it beat the ack budget, else from response_url.</summary>
    private static async Task<string> AnswerAsync(SlackBotHost host, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return body.Contains("Working on", StringComparison.Ordinal)
            ? (await host.Slack.WaitForAsync("response:r1", c => c.Body.Contains("logs of", StringComparison.Ordinal))).Body
            : body;
    }
}

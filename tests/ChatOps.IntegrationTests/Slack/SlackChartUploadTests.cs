using System.Net;
using ChatOps.Bot.Chat.Slack;
using ChatOps.IntegrationTests.Metrics;
using Microsoft.AspNetCore.WebUtilities;
using SkiaSharp;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>
/// The <c>metrics</c> chart reaches Slack through the external upload flow (files.getUploadURLExternal, the bytes to
/// the upload URL, files.completeUploadExternal) on the Slack stand-in, against Prometheus with backfilled history.
/// </summary>
public sealed class SlackChartUploadTests
{
    private const string FileName = "metrics-urbanos-service-billing.png";

    // The history ends minutes before the test services started; 6h reaches back into it.
    private static readonly string Command = $"metrics {PrometheusHistory.Deployment} -n {PrometheusHistory.Namespace} --cluster prod --since 6h";

    [Fact]
    public async Task SlashCommand_WithAPrivateAnswer_SendsThePng_ToTheRequestersDirectMessages_WithoutTheBotToken()
    {
        await using var host = await StartAsync();

        using var answer = await host.CommandAsync(Command, user: "U-CAROL");

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        await host.Slack.WaitForCompletedUploadAsync();
        var complete = await host.Slack.WaitForAsync("files.completeUploadExternal");
        var ticket = host.Slack.CallsTo("files.getUploadURLExternal").ShouldHaveSingleItem();
        var form = QueryHelpers.ParseQuery(ticket.Body);
        form["filename"].ToString().ShouldBe(FileName);
        var upload = host.Slack.Uploads.Values.ShouldHaveSingleItem();
        upload.Completed.ShouldBeTrue();
        // The answer is ephemeral: a file shared into C-OPS would show it to the whole channel.
        QueryOrJson(host.Slack.CallsTo("conversations.open").ShouldHaveSingleItem().Body, "users").ShouldBe("U-CAROL");
        upload.Channel.ShouldBe("D-U-CAROL");
        upload.ThreadTs.ShouldBeNull();
        upload.Bytes!.Length.ShouldBe(int.Parse(form["length"]!, System.Globalization.CultureInfo.InvariantCulture));
        upload.UploadAuthorization.ShouldBeEmpty();
        complete.Json!["files"]![0]!["id"]!.GetValue<string>().ShouldBe(upload.Id);
        using var png = SKBitmap.Decode(upload.Bytes);
        png.ShouldNotBeNull();
        png.Width.ShouldBeGreaterThan(100);
        (await AnswerTextAsync(host, answer)).ShouldContain(BlockKit.ImagesSentPrivatelyNote);
    }

    [Fact]
    public async Task Mention_WithAPrivateAnswer_SendsTheChartToDirectMessages_NotIntoTheThread()
    {
        await using var host = await StartAsync();

        (await host.EventAsync(SlackEventTests.Mention("Ev-chart", $"<@U-BOT> {Command}"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await host.Slack.WaitForCompletedUploadAsync();
        var upload = host.Slack.Uploads.Values.ShouldHaveSingleItem();
        upload.Channel.ShouldBe("D-U-CAROL");
        upload.ThreadTs.ShouldBeNull();
        SKBitmap.Decode(upload.Bytes).ShouldNotBeNull();
    }

    [Fact]
    public async Task ARefusedUpload_IsToldInOneLine()
    {
        await using var host = await StartAsync();
        host.Slack.FailNext("files.completeUploadExternal", "not_in_channel");

        await host.CommandAsync(Command, user: "U-CAROL");

        var told = await host.Slack.WaitForAsync("response:r1", c => c.Body.Contains("not attached", StringComparison.Ordinal));
        told.Json!["text"]!.GetValue<string>().ShouldBe($":warning: chart {FileName} not attached: the upload failed (Slack answered not_in_channel)");
        told.Json!["response_type"]!.GetValue<string>().ShouldBe("ephemeral");
    }

    [Fact]
    public async Task AStalledUpload_TimesOut_AndIsToldInTheThread_OnlyToTheRequester()
    {
        await using var host = await StartAsync(s => s["ChatOps:Slack:UploadTimeout"] = "00:00:00.300");
        host.Slack.UploadsHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await host.EventAsync(SlackEventTests.Mention("Ev-stall", $"<@U-BOT> {Command}"));

            var told = await host.Slack.WaitForAsync("chat.postEphemeral", c => c.Body.Contains("not attached", StringComparison.Ordinal));
            told.Json!["user"]!.GetValue<string>().ShouldBe("U-CAROL");
            told.Json!["thread_ts"]!.GetValue<string>().ShouldBe("1700000000.000200");
            told.Json!["text"]!.GetValue<string>().ShouldBe($":warning: chart {FileName} not attached: the upload timed out after 0.3 s");
            host.Slack.CallsTo("files.completeUploadExternal").ShouldBeEmpty();
        }
        finally
        {
            host.Slack.UploadsHeld.TrySetResult();
        }
    }

    private static Task<SlackBotHost> StartAsync(Action<Dictionary<string, string?>>? configure = null) => SlackBotHost.StartAsync(s =>
    {
        s["ChatOps:Prometheus:main:Url"] = PrometheusHistory.Url;
        s["ChatOps:Prometheus:main:Clusters:0"] = "prod";

        // metrics never calls the Kubernetes API: the kubeconfig is only named, never read.
        s["ChatOps:Clusters:prod:Kubeconfig"] = "/dev/null";
        configure?.Invoke(s);
    });

    private static string QueryOrJson(string body, string field) =>
        body.TrimStart().StartsWith('{') ? System.Text.Json.Nodes.JsonNode.Parse(body)![field]!.GetValue<string>() : QueryHelpers.ParseQuery(body)[field].ToString();

    /// <summary>The answer, whether it came in the HTTP response (fast) or through response_url (after the ack budget).</summary>
    private static async Task<string> AnswerTextAsync(SlackBotHost host, HttpResponseMessage answer)
    {
        var body = await answer.Content.ReadAsStringAsync();
        return body.Contains("Working on", StringComparison.Ordinal)
            ? (await host.Slack.WaitForAsync("response:r1", c => c.Body.Contains("metrics of", StringComparison.Ordinal))).Body
            : body;
    }
}

using System.Text.Json.Nodes;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Core;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Chat.Slack;

public sealed class SlackProgressTests
{
    private static readonly Uri Url = new("https://hooks.slack.test/commands/T1/123/abc");

    [Fact]
    public async Task InterimAnswers_EditTheMessage_SpacedOut_AndCapped_LeavingAPostForTheFinalAnswer()
    {
        var api = new RecordingSlackApi();
        var clock = new TestClock();
        var progress = new SlackProgress(api, clock);

        await progress.ReportAsync(Interim("before the ack"), CancellationToken.None);
        progress.Connect(Url);
        for (var i = 1; i <= 10; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(3));
            await progress.ReportAsync(Interim($"line {i}"), CancellationToken.None);
        }

        await progress.FinishAsync(Url, OperationResult.Success("done"), CancellationToken.None);

        api.Responses.Count.ShouldBe(SlackProgress.MaxInterim + 1, "Slack accepts five posts per response_url");
        api.Responses.Take(SlackProgress.MaxInterim).ShouldAllBe(r => r["replace_original"]!.GetValue<bool>());
        api.Responses.Select(r => r["text"]!.GetValue<string>()).ShouldBe(["line 2", "line 4", "line 6", "done"]);
        api.Responses[^1]["replace_original"]!.GetValue<bool>().ShouldBeTrue("an ephemeral answer replaces the interim one");
    }

    [Fact]
    public async Task FinalChannelAnswer_IsANewMessage_AndWithoutInterimNothingIsReplaced()
    {
        var api = new RecordingSlackApi();
        var progress = new SlackProgress(api, new TestClock());
        progress.Connect(Url);

        await progress.FinishAsync(Url, OperationResult.Success("scaled") with { Visibility = Visibility.InChannel }, CancellationToken.None);

        api.Responses.ShouldHaveSingleItem().ContainsKey("replace_original").ShouldBeFalse();
        api.Responses[0]["response_type"]!.GetValue<string>().ShouldBe("in_channel");
    }

    private static OperationResult Interim(string text) => new(Outcome.Succeeded, text) { Severity = Severity.Info };

    private sealed class RecordingSlackApi : ISlackApi
    {
        public List<JsonObject> Responses { get; } = [];

        public Task RespondAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken)
        {
            Responses.Add(message);
            return Task.CompletedTask;
        }

        public Task<PostedMessage> PostMessageAsync(string channel, JsonObject message, string? threadTs, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<string> UploadFileAsync(string channel, string? threadTs, string fileName, ReadOnlyMemory<byte> content, string altText, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task PostEphemeralAsync(string channel, string user, JsonObject message, string? threadTs, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task UpdateAsync(string channel, string ts, JsonObject message, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<string> OpenDirectMessageAsync(string user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}

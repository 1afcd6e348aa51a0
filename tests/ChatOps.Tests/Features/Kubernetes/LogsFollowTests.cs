using System.Text.Json;
using System.Threading.Channels;
using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary>
/// <c>logs --follow</c>: the answer grows as the container writes, each interim answer redacted, and the follow ends
/// at the cluster's LogFollow on the injected clock (no test here sleeps).
/// </summary>
public sealed class LogsFollowTests
{
    private const string Password = "Sup3r-S3cret!";
    private const string KeyMaterial = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7fakekeymaterial";
    private static readonly TimeSpan Step = LogFollower.ReportInterval;

    internal sealed class Following : IAsyncDisposable
    {
        public Following(Action<Dictionary<string, string?>>? configure = null)
        {
            Bot = TestBot.Create(configure);
            Bot.Kube.Logs[("web-3-fghij", "web", false)] = ["2026-03-01T09:00:00Z INFO starting"];
            Bot.Kube.Follows[("web-3-fghij", "web")] = Writes;
        }

        private int _written;

        public TestBot Bot { get; }

        public Channel<string> Writes { get; } = Channel.CreateUnbounded<string>();

        public Channel<OperationResult> Interim { get; } = Channel.CreateUnbounded<OperationResult>();

        public Task<OperationResult> Start(string command) => Bot.Dispatcher.DispatchAsync(command, Bot.Context("carol"), CancellationToken.None,
            (r, _) =>
            {
                Interim.Writer.TryWrite(r);
                return ValueTask.CompletedTask;
            });

        /// <summary>The container writes <paramref name="lines"/>; once the handler holds them the clock moves one report interval.</summary>
        public async Task<OperationResult> WriteAndTick(params string[] lines)
        {
            foreach (var line in lines)
            {
                Writes.Writer.TryWrite(line);
                _written++;
            }

            while (await Bot.Kube.FollowIdle.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)) < _written)
            {
                // an earlier pause of the stream, before these lines were written
            }

            Bot.Clock.Advance(Step);
            return await Interim.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }

        public ValueTask DisposeAsync() => Bot.DisposeAsync();
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task EachChunk_IsShownRedacted_EvenASecretSplitAcrossChunks()
    {
        await using var f = new Following();
        var work = f.Start("logs web -f --cluster staging");

        var first = await f.WriteAndTick($"2026-03-01T09:00:01Z WARN login retry user=svc password={Password}", "-----BEGIN PRIVATE KEY-----", KeyMaterial);
        var second = await f.WriteAndTick("-----END PRIVATE KEY-----", "2026-03-01T09:00:02Z INFO served request 1");

        first.Text.ShouldContain("2026-03-01T09:00:00Z INFO starting");
        first.Text.ShouldContain("following until 12:02:00 UTC");
        first.Text.ShouldContain("***");
        second.Text.ShouldContain("2026-03-01T09:00:02Z INFO served request 1");
        first.Files.ShouldBeEmpty();
        f.Writes.Writer.Complete();
        var result = await work.WaitAsync(TimeSpan.FromSeconds(30));
        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldEndWith("stopped following: the container's log ended");
        var seen = string.Join('\n', new[] { first, second, result }.Select(r => JsonSerializer.Serialize(r))
            .Concat(f.Bot.Store.Entries.Select(e => JsonSerializer.Serialize(e.Record))));
        seen.ShouldNotContain(Password);
        seen.ShouldNotContain(KeyMaterial);
    }

    [Fact]
    public async Task Follow_StopsAtTheClustersLogFollow_OnTheInjectedClock()
    {
        await using var f = new Following();
        var started = f.Bot.Clock.GetUtcNow();
        var work = f.Start("logs web --follow --cluster staging");
        await f.WriteAndTick("2026-03-01T09:00:01Z INFO served request 1");

        f.Bot.Clock.Advance(TimeSpan.FromMinutes(2) - Step - TimeSpan.FromTicks(1));
        work.IsCompleted.ShouldBeFalse("the follow ends at LogFollow, not before");
        f.Bot.Clock.Advance(TimeSpan.FromTicks(1));
        var result = await work.WaitAsync(TimeSpan.FromSeconds(30));

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldContain("2026-03-01T09:00:01Z INFO served request 1");
        result.Text.ShouldEndWith("stopped following after 2m (the cluster's LogFollow); run it again to keep watching");
        (f.Bot.Clock.GetUtcNow() - started).ShouldBe(TimeSpan.FromMinutes(2));
        f.Bot.Kube.LogReads.Single().LimitBytes.ShouldBe(new Bot.Features.Authorization.ClusterOptions().MaxLogBytes);
    }

    [Theory]
    [InlineData("logs web -f --all-pods --cluster staging", "--follow streams one pod's log; leave out --all-pods")]
    [InlineData("logs web -f --previous --cluster staging", "--follow streams a running container; a previous run's log is complete, leave out --follow")]
    public async Task Follow_WithAnotherRead_IsOneClearLine_AndReadsNothing(string command, string line)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("carol", command);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.Split('\n')[0].ShouldBe(line);
        bot.Kube.LogReads.ShouldBeEmpty();
    }
}

using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.SimCluster;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// <c>logs --follow</c> on the simulated cluster's real <c>follow=true</c> stream: the tail kubectl shows, then each
/// line the container writes as the clock moves, shown redacted while it streams, until the cluster's LogFollow.
/// </summary>
public sealed partial class InvestigationTests
{
    [Fact]
    public async Task Follow_StreamsTheTailThenEachNewLine_AsKubectlLogsShowsThem()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await WithSidecarAndCrash(clock);
        var pod = (await c.Bot.ListPodsAsync(c.Target, new PodSelection(Billing, null), None)).OrderBy(p => p.Name, StringComparer.Ordinal).First().Name;
        var tail = await c.KubectlAsync("logs", pod, "-c", Billing, "--tail=2");
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var stream = c.Bot.FollowLogAsync(c.Target, new LogRead(pod, Billing, false, null, 2, 64 * 1024), stop.Token).GetAsyncEnumerator(stop.Token);

        var first = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            (await stream.MoveNextAsync()).ShouldBeTrue();
            first.Add(stream.Current);
        }

        first.ShouldBe(tail.Output.TrimEnd('\n').Split('\n'));
        (await NextWhileTimeMoves(clock, stream)).ShouldNotBeNull();
        var latest = await c.KubectlAsync("logs", pod, "-c", Billing, "--tail=1");
        latest.Output.ShouldContain(stream.Current, customMessage: "the streamed line is one kubectl logs shows");
        stream.Current.ShouldNotBe(first[^1]);
        c.Server.Calls.ShouldContain(x => x.RbacResource == "pods/log" && x.Query.Contains("follow=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Follow_ShowsEachInterimRedacted_AndStopsAtLogFollow()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await WithSidecarAndCrash(clock);
        var interim = new List<OperationResult>();
        var relay = new ProgressRelay(NullLogger<ProgressRelay>.Instance)
        {
            Listener = (r, _) =>
            {
                lock (interim)
                {
                    interim.Add(r);
                }

                return ValueTask.CompletedTask;
            },
        };
        c.Options.Clusters["local"].LogFollow = TimeSpan.FromSeconds(10);
        var handler = new LogsHandler(c.Bot, Redactor(), FixedOptions.Of(c.Options), clock, relay, new LogFollows());

        // the tail reaches back to the start of the run, where the application logs its database password
        var work = handler.Handle(Logs(Billing) with { Follow = true, Tail = 1000 }, None).AsTask();
        while (!work.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(work, Task.Delay(50));
        }

        var result = await work;
        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldEndWith("stopped following after 10s (the cluster's LogFollow); run it again to keep watching");
        lock (interim)
        {
            interim.ShouldNotBeEmpty();
            interim.Concat([result]).ShouldAllBe(r => !r.Text.Contains(PodLogs.LeakedPassword) && r.Text.Contains("1 secret masked as ***"));
        }
    }

    /// <summary>The next streamed line: the simulated container writes one a second, so the clock moves until it arrives.</summary>
    private static async Task<string?> NextWhileTimeMoves(FakeTimeProvider clock, IAsyncEnumerator<string> stream)
    {
        var next = stream.MoveNextAsync().AsTask();
        while (!next.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(next, Task.Delay(50));
        }

        return await next ? stream.Current : null;
    }
}

using System.Net;
using ChatOps.LoadGen;

namespace ChatOps.Tests.LoadGen;

public sealed class OpenLoopRunnerTests
{
    [Fact]
    public async Task EveryScheduledRequestIsSent_AndNon2xxCountAsErrors()
    {
        using var handler = new AnsweringHandler(path => path.EndsWith('3') ? HttpStatusCode.InternalServerError : HttpStatusCode.OK);
        using var client = new HttpClient(handler);
        var schedule = new OpenLoopSchedule(1_000, TimeSpan.FromMilliseconds(40));

        var report = await new OpenLoopRunner(client, new NumberedGets(), schedule, 2000, "t").RunAsync();

        report.Scheduled.ShouldBe(40);
        report.Answered.ShouldBe(40);
        report.NonSuccess.ShouldBe(4);
        report.Errors.ShouldBe(4);
        report.Latency.Count.ShouldBe(40);
        handler.Seen.Order().ShouldBe(Enumerable.Range(0, 40).Select(i => $"/r/{i}").Order());
    }

    [Fact]
    public async Task OverTheOutstandingCap_RequestsAreDroppedAndCounted_NotDelayed()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handler = new AnsweringHandler(_ => HttpStatusCode.OK, gate.Task);
        using var client = new HttpClient(handler);
        var schedule = new OpenLoopSchedule(1_000, TimeSpan.FromMilliseconds(20));

        // Sending is synchronous inside RunAsync, so every request is due (and decided) before the gate opens.
        var running = new OpenLoopRunner(client, new NumberedGets(), schedule, 3, "t").RunAsync();
        gate.SetResult();
        var report = await running;

        report.Succeeded.ShouldBe(3);
        report.Dropped.ShouldBe(17);
        report.Errors.ShouldBe(17);
    }

    private sealed class NumberedGets : IRequestSource
    {
        public HttpRequestMessage Create(long index) => new(HttpMethod.Get, new Uri($"http://loadgen.test/r/{index}"));
    }

    private sealed class AnsweringHandler(Func<string, HttpStatusCode> status, Task? gate = null) : HttpMessageHandler
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Seen { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Seen.Add(path);
            if (gate is not null)
            {
                await gate.WaitAsync(cancellationToken);
            }

            return new HttpResponseMessage(status(path));
        }
    }
}

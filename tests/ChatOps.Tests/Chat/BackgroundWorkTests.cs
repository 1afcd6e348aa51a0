using ChatOps.Bot.Chat;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Tests.Chat;

/// <summary>
/// Work that outlives its chat request (a Slack answer after the ack, a Teams reply): shutdown waits for it and only
/// then cancels what is left, and the count of running work goes back to zero however the work ends.
/// </summary>
public sealed class BackgroundWorkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stop_WaitsForRunningWork_WithoutCancellingIt()
    {
        using var work = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawCancellation = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = work.Start(async token =>
        {
            await release.Task;
            sawCancellation.SetResult(token.IsCancellationRequested);
            return 42;
        });

        var stop = work.StopAsync(CancellationToken.None);
        await Task.Delay(100);
        stop.IsCompleted.ShouldBeFalse("shutdown must wait for the answer still being written");
        work.Count.ShouldBe(1);

        release.SetResult();
        await stop.WaitAsync(Patience);
        (await answer).ShouldBe(42);
        (await sawCancellation.Task).ShouldBeFalse("the work's token is cancelled only after the wait");
        work.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Start_ReturnsToItsCaller_BeforeWorkThatBlocksItsThreadHasRun()
    {
        using var work = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        using var gate = new ManualResetEventSlim();
        // StartNew, not Run: the caller's task must hand back Start's task, not unwrap it.
        var caller = Task.Factory.StartNew(
            () => work.Start(_ =>
            {
                // Synchronous on purpose: run on the caller's thread, it would hold the request until the gate opens.
                gate.Wait(Patience);
                return Task.FromResult(7);
            }),
            CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);

        var answer = await caller.WaitAsync(Patience);
        answer.IsCompleted.ShouldBeFalse();
        gate.Set();
        (await answer).ShouldBe(7);
    }

    [Fact]
    public async Task Stop_WhoseWaitRunsOut_CancelsTheWorkStillRunning()
    {
        using var work = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        var answer = work.Start(async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await work.StopAsync(timeout.Token).WaitAsync(Patience);

        await Should.ThrowAsync<TaskCanceledException>(() => answer.WaitAsync(Patience));
        await WaitForAsync(() => work.Count == 0);
    }

    [Fact]
    public async Task FailedAndFinishedWork_IsNoLongerCounted_AndStopDoesNotWaitForIt()
    {
        using var work = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        var failed = work.Start<int>(_ => throw new InvalidOperationException("boom"));
        var finished = work.Start(_ => Task.FromResult(1));
        work.Run("a reply", _ => throw new InvalidOperationException("boom"));

        await Should.ThrowAsync<InvalidOperationException>(() => failed);
        (await finished).ShouldBe(1);
        await WaitForAsync(() => work.Count == 0);

        await work.StopAsync(CancellationToken.None).WaitAsync(Patience);
    }

    [Fact]
    public async Task ManyPiecesOfWork_AreEachCountedOnce()
    {
        using var work = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var all = Enumerable.Range(0, 200).Select(i => work.Start(async _ =>
        {
            await release.Task;
            return i;
        })).ToList();

        work.Count.ShouldBe(200);
        var stop = work.StopAsync(CancellationToken.None);
        release.SetResult();

        await stop.WaitAsync(Patience);
        (await Task.WhenAll(all)).Sum().ShouldBe(199 * 200 / 2);
        work.Count.ShouldBe(0);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Patience;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "the condition never held");
            await Task.Delay(10);
        }
    }
}

using ChatOps.Bot.Dispatch;

namespace ChatOps.Tests.Dispatch;

public sealed class InFlightCommandsTests
{
    [Fact]
    public async Task StopAndDrain_WaitsForRunningCommands_AndRefusesNewOnes()
    {
        var inFlight = new InFlightCommands();
        inFlight.TryEnter().ShouldBeTrue();
        inFlight.TryEnter().ShouldBeTrue();

        var drained = inFlight.StopAndDrainAsync(CancellationToken.None);

        inFlight.TryEnter().ShouldBeFalse("no new command starts once shutdown has begun");
        drained.IsCompleted.ShouldBeFalse();
        inFlight.Exit();
        drained.IsCompleted.ShouldBeFalse();
        inFlight.Exit();
        await drained.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task StopAndDrain_GivesUp_WhenTheShutdownTimeoutCancels()
    {
        var inFlight = new InFlightCommands();
        inFlight.TryEnter();
        using var timeout = new CancellationTokenSource();

        var drained = inFlight.StopAndDrainAsync(timeout.Token);
        await timeout.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => drained);
    }
}

using ChatOps.Bot.Dispatch;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Dispatch;

public sealed class InFlightCommandsTests
{
    private static InFlightCommands Bounded(int max) => new(Options.Create(new DispatchOptions { MaxInFlight = max }));

    [Fact]
    public void TryEnter_AdmitsUpToTheBound_ThenAnswersBusy_AndAdmitsAgainOnceOneEnds()
    {
        var inFlight = Bounded(2);
        inFlight.TryEnter().ShouldBe(Admission.Admitted);
        inFlight.TryEnter().ShouldBe(Admission.Admitted);

        inFlight.TryEnter().ShouldBe(Admission.Busy);
        inFlight.Busy.ShouldBeTrue();
        inFlight.Count.ShouldBe(2, "a busy refusal claims nothing");

        inFlight.Exit();
        inFlight.TryEnter().ShouldBe(Admission.Admitted);
    }

    [Fact]
    public void Exit_WithoutASlot_Throws_InsteadOfGoingNegative()
    {
        var inFlight = Bounded(1);

        Should.Throw<InvalidOperationException>(inFlight.Exit);
        inFlight.Count.ShouldBe(0);
        inFlight.TryEnter().ShouldBe(Admission.Admitted);
        inFlight.TryEnter().ShouldBe(Admission.Busy, "the bound still holds after the bad release");
    }

    [Fact]
    public async Task StopAndDrain_WaitsForRunningCommands_AndRefusesNewOnes()
    {
        var inFlight = Bounded(100);
        inFlight.TryEnter().ShouldBe(Admission.Admitted);
        inFlight.TryEnter().ShouldBe(Admission.Admitted);

        var drained = inFlight.StopAndDrainAsync(CancellationToken.None);

        inFlight.TryEnter().ShouldBe(Admission.Stopping, "no new command starts once shutdown has begun");
        drained.IsCompleted.ShouldBeFalse();
        inFlight.Exit();
        drained.IsCompleted.ShouldBeFalse();
        inFlight.Exit();
        await drained.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task StopAndDrain_GivesUp_WhenTheShutdownTimeoutCancels()
    {
        var inFlight = Bounded(100);
        inFlight.TryEnter();
        using var timeout = new CancellationTokenSource();

        var drained = inFlight.StopAndDrainAsync(timeout.Token);
        await timeout.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => drained);
    }
}

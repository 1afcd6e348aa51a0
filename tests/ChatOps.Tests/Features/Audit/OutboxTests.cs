using ChatOps.Bot.Features.Audit.Outbox;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Features.Audit;

public sealed class OutboxTests
{
    [Fact]
    public async Task Lines_AreDeliveredOnce_AfterTheChatApiRecovers()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "test-scale web 1");
        await bot.RunAsync("alice", "test-scale web 2");
        bot.Chat.FailNext = 3;

        for (var round = 0; round < 20; round++)
        {
            await bot.Outbox.DeliverDueAsync(CancellationToken.None);
            bot.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        bot.Chat.Posts.Select(p => p.Text.ToString()[..25]).ShouldBe(["[ok] alice (console:alice", "[ok] alice (console:alice"]);
        bot.Chat.Posts[0].Text.ToString().ShouldContain("`test-scale web 1`", Case.Sensitive, "lines keep their order across retries");
        bot.Chat.Posts[1].Text.ToString().ShouldContain("`test-scale web 2`", Case.Sensitive);
        bot.Chat.Posts.ShouldAllBe(p => p.Channel == "C-AUDIT");
        (await bot.Store.CountBacklogAsync(CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task FailedLine_WaitsForItsBackoff_BeforeTheNextAttempt()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "test-scale web 1");
        bot.Chat.FailNext = 1;

        (await bot.Outbox.DeliverDueAsync(CancellationToken.None)).ShouldBe(0);
        (await bot.Outbox.DeliverDueAsync(CancellationToken.None)).ShouldBe(0, "still backing off");
        bot.Clock.Advance(TimeSpan.FromSeconds(2));
        (await bot.Outbox.DeliverDueAsync(CancellationToken.None)).ShouldBe(1);
        bot.Chat.Posts.Count.ShouldBe(1);
    }

    [Fact]
    public async Task DestinationWithoutPlatform_IsRetriedNotLost()
    {
        await using var bot = TestBot.Create(s => s["ChatOps:Audit:Destinations:0"] = "teams:19:abc");
        await bot.RunAsync("alice", "test-scale web 1");

        (await bot.Outbox.DeliverDueAsync(CancellationToken.None)).ShouldBe(0);
        (await bot.Store.CountBacklogAsync(CancellationToken.None)).ShouldBe(1);
    }

    [Fact]
    public async Task LinesLeftWhenTheLeaseRunsOut_AreGivenBack_NotPostedLate()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "test-scale web 1");
        await bot.RunAsync("alice", "test-scale web 2");
        bot.Chat.BeforePost = () => bot.Clock.Advance(TimeSpan.FromSeconds(25));

        // The 30 s lease is 25 s gone after the first post: another replica may soon claim the second line.
        (await bot.Outbox.DeliverDueAsync(CancellationToken.None)).ShouldBe(1);
        bot.Chat.Posts.Count.ShouldBe(1);
        (await bot.Store.CountBacklogAsync(CancellationToken.None)).ShouldBe(1);

        bot.Chat.BeforePost = null;
        (await bot.Outbox.DeliverDueAsync(CancellationToken.None)).ShouldBe(1, "given back, so claimable at once");
        bot.Chat.Posts.Select(p => p.Text.ToString().Contains("`test-scale web 2`", StringComparison.Ordinal)).ShouldBe([false, true]);
    }

    [Fact]
    public async Task ASecondDelivery_WaitsForTheBatchInFlight_SoAFlushEndsAfterItsLinesArePosted()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "test-scale web 1");
        using var posting = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        bot.Chat.BeforePost = () =>
        {
            posting.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        };

        var loop = Task.Run(() => bot.Outbox.DeliverDueAsync(CancellationToken.None));
        posting.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();
        var flush = Task.Run(() => bot.Outbox.DeliverDueAsync(CancellationToken.None));

        // The line is leased to the loop's batch: a flush that returned now would return before it is posted.
        (await Task.WhenAny(flush, Task.Delay(TimeSpan.FromMilliseconds(300)))).ShouldNotBe(flush);
        release.Set();
        (await loop).ShouldBe(1);
        (await flush).ShouldBe(0);
        bot.Chat.Posts.Count.ShouldBe(1);
    }

    [Fact]
    public async Task TheGauges_AreReadAtMostOncePerPollInterval_NotOnEveryWake()
    {
        await using var bot = TestBot.Create();

        (await bot.Outbox.RefreshGaugesIfDueAsync(CancellationToken.None)).ShouldBeTrue();
        (await bot.Outbox.RefreshGaugesIfDueAsync(CancellationToken.None)).ShouldBeFalse("woken again within the poll interval");
        bot.Clock.Advance(TimeSpan.FromSeconds(1));
        (await bot.Outbox.RefreshGaugesIfDueAsync(CancellationToken.None)).ShouldBeTrue();
    }

    [Fact]
    public async Task TheWorker_IsWokenForCommandsThatQueueALine_NotForReadOnlySuccesses()
    {
        await using var bot = TestBot.Create();
        var signal = bot.Services.GetRequiredService<OutboxSignal>();

        await bot.RunAsync("alice", "whoami");
        signal.IsSet.ShouldBeFalse("a read-only success is not posted to the audit channel");

        await bot.RunAsync("alice", "test-scale web 1");
        signal.IsSet.ShouldBeTrue();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 8)]
    [InlineData(30, 300)]
    public void Backoff_GrowsExponentially_UpToTheCap(int attempts, double seconds)
    {
        var backoff = OutboxWorker.Backoff(attempts, TimeSpan.FromMinutes(5));
        backoff.TotalSeconds.ShouldBeInRange(seconds * 0.8, seconds * 1.2);
    }
}

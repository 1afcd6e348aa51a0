using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Audit.Outbox;
using ChatOps.Bot.Hosting;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Features.Audit;

public sealed class AuditHeadPublisherTests
{
    private static AuditHeadPublisher Publisher(TestBot bot) => new(
        bot.Store, bot.Store, bot.Store, bot.Services.GetRequiredService<AuditLines>(), bot.Services.GetRequiredService<OutboxSignal>(),
        bot.Services.GetRequiredService<IOptions<AuditOptions>>(), bot.Clock, NullLogger<AuditHeadPublisher>.Instance);

    private static List<string> HeadLines(TestBot bot) => bot.Store.Outbox.Where(m => m.Text.StartsWith("audit head", StringComparison.Ordinal)).Select(m => m.Text).ToList();

    [Fact]
    public async Task Publish_PostsTheHeadToTheAuditChannel_OnlyWhenItMoved()
    {
        await using var bot = TestBot.Create();
        var publisher = Publisher(bot);
        (await publisher.PublishAsync(CancellationToken.None)).ShouldBeFalse("an empty chain has no head");

        await bot.RunAsync("alice", "test-scale web 1");
        var head = bot.Store.Entries[^1];
        (await publisher.PublishAsync(CancellationToken.None)).ShouldBeTrue();
        (await publisher.PublishAsync(CancellationToken.None)).ShouldBeFalse("the head did not move");

        var line = HeadLines(bot).ShouldHaveSingleItem();
        line.ShouldBe($"audit head #{head.Sequence} {head.Hash[..12]}… (check later with `audit verify --against {head.Sequence}:{head.Hash}`)");
        bot.Store.Outbox.Single(m => m.Text == line).Destination.ShouldBe("slack:C-AUDIT");
    }

    [Fact]
    public async Task Publish_PostsOneHeadOnce_WhenTwoReplicasShareTheStore()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "test-scale web 1");

        var first = await Publisher(bot).PublishAsync(CancellationToken.None);
        var second = await Publisher(bot).PublishAsync(CancellationToken.None);

        (first, second).ShouldBe((true, false));
        HeadLines(bot).Count.ShouldBe(1);
    }

    [Fact]
    public void Publisher_IsRegisteredBetweenTheOutboxWorkerAndTheFlusher_SoItsFinalHeadIsDeliveredAndComplete()
    {
        // Hosted services stop in reverse registration order: the flusher writes held records, then the publisher
        // reads the final head, then the outbox worker's last delivery sends it.
        var services = new ServiceCollection().AddLogging().AddChatOpsCore(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).ToList();

        var worker = services.FindIndex(d => d.ServiceType == typeof(ChatOps.Bot.Features.Audit.Outbox.OutboxWorker));
        var publisher = services.FindIndex(d => d.ServiceType == typeof(AuditHeadPublisher));
        var flusher = services.FindIndex(d => d.ImplementationType == typeof(PendingAuditFlusher));

        publisher.ShouldBeGreaterThan(worker);
        publisher.ShouldBeLessThan(flusher);
    }
}

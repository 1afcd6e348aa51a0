using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Alerts;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Silences;
using ChatOps.Tests.Dispatch;
using ChatOps.Tests.Fakes;
using ChatOps.Tests.Features.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Tests.Features.Silences;

/// <summary>The alert card's silence buttons: ordinary `silence` commands run by <see cref="CardActions"/> as the clicker.</summary>
public sealed class SilenceCardButtonTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static CardActions Cards(TestBot bot) => new(bot.Dispatcher, bot.Store, new ApprovalCardDecisions(bot.Store), NullLogger<CardActions>.Instance);

    private static IReadOnlyList<ResultButton> CardButtons()
    {
        var payload = AlertmanagerPayload.Parse(AlertPayloads.Bytes(AlertPayloads.Notification()), out var error) ?? throw new InvalidOperationException(error);
        return AlertCard.Build(payload, "P1", 1, null, silence: true).Buttons;
    }

    private static string Button(string label) => CardButtons().Single(b => b.Label == label).Command;

    [Fact]
    public async Task Silence1h_RunsAsTheClicker_AndTheCardSaysWhoSilencedItUntilWhen()
    {
        await using var bot = SilenceBots.Create();
        bot.Silences.Firing.Add(SilenceBots.Alert("HighErrorRate", "shop"));
        var click = new CardClick(Button("Silence 1h"), "card-1", bot.Context("oscar"));

        var done = await CardActionsTests.ClickAsync(Cards(bot), click);

        done.Change.ShouldBe(CardChange.Answered, done.Result.Text);
        done.Result.Title.ShouldBe("Silenced by @oscar until 2026-11-23 13:00 UTC");
        var saved = bot.Silences.Saved.ShouldHaveSingleItem();
        saved.CreatedBy.ShouldBe("oscar (console:oscar)");
        saved.EndsAt.ShouldBe(TestClock.Epoch.AddHours(1));
        saved.Comment.ShouldBe($"silenced from chat (chatops request {click.Clicker.CorrelationId})");
        (await bot.Store.QueryAsync(new ChatOps.Bot.Features.Audit.AuditQuery(Last: 5), Ct))
            .ShouldContain(r => r.UserId == "oscar" && r.RawText == click.Command);
    }

    [Fact]
    public async Task UntilResolvedOr4h_Lasts4h_AndIsMarkedForTheExpirer()
    {
        await using var bot = SilenceBots.Create();
        bot.Silences.Firing.Add(SilenceBots.Alert("HighErrorRate", "shop"));

        var done = await CardActionsTests.ClickAsync(Cards(bot), new CardClick(Button("Silence until resolved-or-4h"), "card-1", bot.Context("alice")));

        done.Result.Title.ShouldBe("Silenced by @alice until its alerts resolve or 2026-11-23 16:00 UTC");
        var saved = bot.Silences.Saved.ShouldHaveSingleItem();
        saved.EndsAt.ShouldBe(TestClock.Epoch.AddHours(4));
        saved.Comment.ShouldEndWith(" [until resolved]");
    }

    [Fact]
    public async Task AViewerClicking_IsRefused_TheCardStays_AndNothingIsSilenced()
    {
        await using var bot = SilenceBots.Create();

        var done = await CardActionsTests.ClickAsync(Cards(bot), new CardClick(Button("Silence 1h"), "card-1", bot.Context("carol")));

        done.Change.ShouldBe(CardChange.Refused);
        done.Result.Outcome.ShouldBe(Outcome.Denied);
        bot.Silences.Saved.ShouldBeEmpty();
    }

    [Fact]
    public async Task InProduction_AClickSpanningSeveralNamespaces_WaitsForApproval_LikeTheTypedCommand()
    {
        await using var bot = SilenceBots.Create(production: true);
        bot.Silences.Firing.Add(SilenceBots.Alert("HighErrorRate", "shop"));
        bot.Silences.Firing.Add(SilenceBots.Alert("HighErrorRate", "billing"));

        var done = await CardActionsTests.ClickAsync(Cards(bot), new CardClick(Button("Silence 1h"), "card-1", bot.Context("oscar")));

        done.Result.Outcome.ShouldBe(Outcome.AwaitingApproval, done.Result.Text);
        bot.Silences.Saved.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheProcessorOffersSilenceButtons_OnlyWhenAnAlertmanagerIsConfigured()
    {
        await using var with = SilenceBots.Create(configure: s => s["ChatOps:Alertmanager:Channel"] = "slack:C-ALERTS");
        await using var without = TestBot.Create(s => s["ChatOps:Alertmanager:Channel"] = "slack:C-ALERTS");

        (await PostedButtonsAsync(with)).ShouldContain("silence alertname=HighErrorRate --for 1h");
        (await PostedButtonsAsync(without)).ShouldNotContain(c => c.StartsWith("silence", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HelpSilence_NamesTheCardButtons_AndTheUntilResolvedSwitch()
    {
        await using var bot = SilenceBots.Create();

        var help = await bot.RunAsync("carol", "help silence");

        help.Text.ShouldContain("Silence 1h and Silence until resolved-or-4h, run as whoever clicks");
        help.Text.ShouldContain("--until-resolved");
    }

    private static async Task<IReadOnlyList<string>> PostedButtonsAsync(TestBot bot)
    {
        var payload = AlertmanagerPayload.Parse(AlertPayloads.Bytes(AlertPayloads.Notification()), out var error) ?? throw new InvalidOperationException(error);
        var now = bot.Clock.GetUtcNow();
        await bot.Store.TryRecordNotificationAsync(payload.DeduplicationKey, payload.GroupKey, payload.Status, now, now + AlertProcessor.Lease, Ct);
        await ActivatorUtilities.CreateInstance<AlertProcessor>(bot.Services).ProcessAsync(payload, payload.DeduplicationKey, Ct);
        return bot.Chat.Posts[0].Result!.Buttons.Select(b => b.Command).ToList();
    }
}

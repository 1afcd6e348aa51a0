using System.Text;
using ChatOps.Bot.Chat;
using ChatOps.Bot.Chat.Alertmanager;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Alerts;
using ChatOps.Tests.Fakes;
using ChatOps.Tests.Features.Alerts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Tests.Chat.Alertmanager;

/// <summary>The endpoint's answers, with the in-memory store: Alertmanager retries 5xx, so everything refusable is a 4xx.</summary>
public sealed class AlertmanagerWebhookTests
{
    private const string Token = "token-for-tests";

    private static TestBot Create(string token = Token) => TestBot.Create(s =>
    {
        s["ChatOps:Alertmanager:BearerToken"] = token;
        s["ChatOps:Alertmanager:Channel"] = "slack:C-ALERTS";
    });

    private static async Task<(int Status, string Body)> PostAsync(TestBot bot, BackgroundWork background, string? authorization, byte[] body)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(body);
        http.Request.ContentLength = body.Length;
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }

        var webhook = ActivatorUtilities.CreateInstance<AlertmanagerWebhook>(
            bot.Services, background, ActivatorUtilities.CreateInstance<AlertIntake>(bot.Services, ActivatorUtilities.CreateInstance<AlertProcessor>(bot.Services)));
        var result = await webhook.HandleAsync(http.Request);
        var content = result.ShouldBeOfType<ContentHttpResult>();
        return (content.StatusCode ?? 200, content.ResponseContent ?? string.Empty);
    }

    private static async Task DrainAsync(BackgroundWork background)
    {
        await background.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WhileTheBotIsBusy_ANotificationGets503WithRetryAfter_AndIsNotRecorded()
    {
        await using var bot = TestBot.Create(s =>
        {
            s["ChatOps:Alertmanager:BearerToken"] = Token;
            s["ChatOps:Alertmanager:Channel"] = "slack:C-ALERTS";
            s["ChatOps:Dispatch:MaxInFlight"] = "1";
            s["ChatOps:Dispatch:BusyRetryAfter"] = "00:00:07";
        });
        using var background = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        var inFlight = bot.Services.GetRequiredService<InFlightCommands>();
        inFlight.TryEnter().ShouldBe(Admission.Admitted);
        var http = new DefaultHttpContext();
        var body = AlertPayloads.Bytes(AlertPayloads.Notification());
        http.Request.Body = new MemoryStream(body);
        http.Request.ContentLength = body.Length;
        http.Request.Headers.Authorization = $"Bearer {Token}";
        var webhook = ActivatorUtilities.CreateInstance<AlertmanagerWebhook>(
            bot.Services, background, ActivatorUtilities.CreateInstance<AlertIntake>(bot.Services, ActivatorUtilities.CreateInstance<AlertProcessor>(bot.Services)));

        var busy = (await webhook.HandleAsync(http.Request)).ShouldBeOfType<ContentHttpResult>();

        busy.StatusCode.ShouldBe(503, "Alertmanager keeps the notification and retries a 5xx");
        http.Response.Headers.RetryAfter.ToString().ShouldBe("7");
        (await bot.Metrics.ValueAsync("chatops_commands_overloaded_total{platform=\"alertmanager\"}")).ShouldBe(1);
        inFlight.Exit();
        (await PostAsync(bot, background, $"Bearer {Token}", body)).ShouldBe((202, "accepted"), "the retry is accepted, it was never recorded");
        await DrainAsync(background);
    }

    [Fact]
    public async Task ANotification_IsAccepted_Once_AndItsResendIsAnsweredWithoutRunningAgain()
    {
        await using var bot = Create();
        using var background = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        var body = AlertPayloads.Bytes(AlertPayloads.Notification());

        (await PostAsync(bot, background, $"Bearer {Token}", body)).ShouldBe((202, "accepted"));
        (await PostAsync(bot, background, $"Bearer {Token}", body)).ShouldBe((200, "duplicate notification: already handled"));
        await DrainAsync(background);

        bot.Chat.Posts.ShouldHaveSingleItem().Channel.ShouldBe("C-ALERTS");
    }

    [Theory]
    [InlineData(null, 401, "missing or wrong bearer token")]
    [InlineData("Bearer nope", 401, "missing or wrong bearer token")]
    [InlineData("Bearer " + Token, 400, "unsupported payload version '3'")]
    public async Task Refused_CallsRunNothing(string? authorization, int status, string reason)
    {
        await using var bot = Create();
        using var background = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        var body = AlertPayloads.Notification();
        body["version"] = "3";

        var (actual, text) = await PostAsync(bot, background, authorization, AlertPayloads.Bytes(body));
        await DrainAsync(background);

        actual.ShouldBe(status);
        text.ShouldStartWith(reason);
        bot.Chat.Posts.ShouldBeEmpty();
    }

    [Fact]
    public async Task TooLargeABody_IsRefusedWith413()
    {
        await using var bot = Create();
        using var background = new BackgroundWork(NullLogger<BackgroundWork>.Instance);

        var (status, _) = await PostAsync(bot, background, $"Bearer {Token}", new byte[(1 << 20) + 1]);

        status.ShouldBe(413);
    }

    [Fact]
    public async Task WithoutAToken_TheEndpointIsDisabled()
    {
        await using var bot = Create(token: string.Empty);
        using var background = new BackgroundWork(NullLogger<BackgroundWork>.Instance);

        var (status, text) = await PostAsync(bot, background, "Bearer anything", Encoding.UTF8.GetBytes("{}"));

        status.ShouldBe(404);
        text.ShouldContain("ChatOps:Alertmanager:BearerToken");
    }

    [Fact]
    public async Task WhenTheStoreIsDown_Answers503_SoAlertmanagerRetries()
    {
        await using var bot = Create();
        using var background = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        bot.Store.Available = false;

        var (status, _) = await PostAsync(bot, background, $"Bearer {Token}", AlertPayloads.Bytes(AlertPayloads.Notification()));

        status.ShouldBe(503);
    }
}

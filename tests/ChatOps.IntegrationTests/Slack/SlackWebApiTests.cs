using System.Diagnostics;
using System.Text.Json.Nodes;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Core;
using ChatOps.Bot.Core.Text;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Slack;

public sealed class SlackWebApiTests
{
    [Fact]
    public async Task RateLimited_IsRetriedAfterRetryAfter_ThenPosts()
    {
        await using var host = await SlackBotHost.StartAsync();
        var api = host.Services.GetRequiredService<SlackApiClient>();
        host.Slack.RateLimitNext("chat.postMessage", 1);

        var watch = Stopwatch.StartNew();
        var posted = await api.PostMessageAsync("C-X", new JsonObject { ["text"] = "hi" }, "1.2", CancellationToken.None);

        watch.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(0.9));
        posted.Channel.ShouldBe("C-X");
        var calls = host.Slack.CallsTo("chat.postMessage");
        calls.Count.ShouldBe(2);
        calls[1].Json!["thread_ts"]!.GetValue<string>().ShouldBe("1.2");
    }

    [Fact]
    public async Task OkFalse_BecomesATypedError_WithSlacksCode()
    {
        await using var host = await SlackBotHost.StartAsync();
        var api = host.Services.GetRequiredService<SlackApiClient>();
        host.Slack.FailNext("conversations.create", "name_taken");

        var error = await Should.ThrowAsync<SlackApiException>(() => api.CreateConversationAsync("inc-1", false, CancellationToken.None));

        error.Method.ShouldBe("conversations.create");
        error.Error.ShouldBe("name_taken");
        error.IsFatalAuth.ShouldBeFalse();
    }

    [Fact]
    public async Task WebApiMethods_SendTheDocumentedArguments()
    {
        await using var host = await SlackBotHost.StartAsync();
        var api = host.Services.GetRequiredService<SlackApiClient>();
        host.Slack.UserGroups["S1"] = ["U1", "U2"];

        (await api.CreateConversationAsync("inc-42", true, CancellationToken.None)).ShouldBe("C-NEW");
        await api.InviteAsync("C-NEW", ["U1", "U2"], CancellationToken.None);
        await api.SetTopicAsync("C-NEW", "P1: billing down", CancellationToken.None);
        (await api.UserGroupMembersAsync("S1", CancellationToken.None)).ShouldBe(["U1", "U2"]);
        (await api.UserInfoAsync("U1", CancellationToken.None)).GetProperty("name").GetString().ShouldBe("alice");
        await api.UpdateAsync("C-NEW", "1.1", new JsonObject { ["text"] = "x" }, CancellationToken.None);
        await api.PostEphemeralAsync("C-NEW", "U1", new JsonObject { ["text"] = "y" }, null, CancellationToken.None);

        host.Slack.CallsTo("conversations.create")[0].Json!["is_private"]!.GetValue<bool>().ShouldBeTrue();
        host.Slack.CallsTo("conversations.invite")[0].Json!["users"]!.GetValue<string>().ShouldBe("U1,U2");
        host.Slack.CallsTo("conversations.setTopic")[0].Json!["topic"]!.GetValue<string>().ShouldBe("P1: billing down");
        host.Slack.CallsTo("usergroups.users.list")[0].Form["usergroup"].ShouldBe("S1");
        host.Slack.CallsTo("users.info")[0].Form["user"].ShouldBe("U1");
        host.Slack.CallsTo("chat.update")[0].Json!["ts"]!.GetValue<string>().ShouldBe("1.1");
        host.Slack.CallsTo("chat.postEphemeral")[0].Json!["user"]!.GetValue<string>().ShouldBe("U1");
        host.Slack.Calls.ShouldAllBe(c => c.Authorization == "Bearer xoxb-fake");
    }

    [Fact]
    public async Task SlackPlatform_PostsARenderedResult_AsBlockKit()
    {
        await using var host = await SlackBotHost.StartAsync();
        var slack = host.Services.GetServices<IChatPlatform>().Single(p => p.Name == "slack");

        await slack.PostAsync(new ChatPost("C-INC", ChatText.Bot("fallback"), OperationResult.Success("all good") with { Title = "Alert" }), CancellationToken.None);

        var call = host.Slack.CallsTo("chat.postMessage").ShouldHaveSingleItem();
        call.Json!["channel"]!.GetValue<string>().ShouldBe("C-INC");
        call.Json!["blocks"]!.AsArray().Count.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task SlackPlatform_UpdatesAPostedMessage_WithChatUpdate()
    {
        await using var host = await SlackBotHost.StartAsync();
        var slack = host.Services.GetServices<IChatPlatform>().Single(p => p.Name == "slack");
        var posted = await slack.PostAsync(new ChatPost("C-ALERTS", ChatText.Bot("firing"), OperationResult.Failure("firing") with { Title = "[FIRING:1] X" }), CancellationToken.None);

        await slack.UpdateAsync(posted, new ChatPost("ignored", ChatText.Bot("resolved"), OperationResult.Success("resolved") with { Title = "[RESOLVED] X" }), CancellationToken.None);

        var call = host.Slack.CallsTo("chat.update").ShouldHaveSingleItem();
        call.Json!["channel"]!.GetValue<string>().ShouldBe("C-ALERTS");
        call.Json!["ts"]!.GetValue<string>().ShouldBe(posted.MessageId);
        call.Body.ShouldContain("[RESOLVED] X");
    }
}

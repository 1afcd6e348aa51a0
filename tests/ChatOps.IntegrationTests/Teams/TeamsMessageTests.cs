using System.Net;
using System.Text.Json.Nodes;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Core;
using ChatOps.Bot.Core.Text;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Teams;

/// <summary>Messages and conversation updates through <c>/api/messages</c>, answered through the loopback Connector.</summary>
public sealed class TeamsMessageTests
{
    [Fact]
    public async Task Mention_RunsTheCommand_AndRepliesInTheThread_WithAnAdaptiveCard()
    {
        await using var host = await TeamsBotHost.StartAsync();
        var message = host.Message("whoami");

        using var response = await host.PostAsync(message);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = message["id"]!.GetValue<string>();
        var reply = await host.BotFramework.WaitForAsync(c => c.Method == "POST" && c.Path.EndsWith($"/activities/{id}", StringComparison.Ordinal));
        reply.Path.ShouldBe($"/connector/v3/conversations/{TeamsBotHost.Channel}/activities/{id}");
        reply.Json!["replyToId"]!.GetValue<string>().ShouldBe(id);
        reply.Json["attachments"]![0]!["contentType"]!.GetValue<string>().ShouldBe(AdaptiveCards.ContentType);
        reply.Card.ShouldContain("teams:aad-alice");
        var record = (await host.AuditAsync()).Single(r => r.RawText == "whoami");
        (record.Platform, record.UserId, record.UserName).ShouldBe(("teams", TeamsBotHost.Alice, "alice"));
    }

    [Fact]
    public async Task ConnectorToken_ComesFromClientCredentials_AndIsReused()
    {
        await using var host = await TeamsBotHost.StartAsync();

        await host.PostAsync(host.Message("help"));
        await host.BotFramework.WaitForAsync(c => c.Method == "POST");
        await host.PostAsync(host.Message("whoami"));
        await host.BotFramework.WaitForAsync(c => c.Card.Contains("teams:aad-alice", StringComparison.Ordinal));

        var request = host.BotFramework.TokenRequests.ShouldHaveSingleItem();
        request["grant_type"].ShouldBe("client_credentials");
        request["client_id"].ShouldBe(FakeBotFramework.AppId);
        request["scope"].ShouldBe("https://api.botframework.com/.default");
        request["tenant"].ShouldBe("botframework.com");
        host.BotFramework.Calls.ShouldAllBe(c => c.Authorization == "Bearer bf-access-1");
    }

    [Fact]
    public async Task SingleTenantBot_AsksItsOwnTenantForTheToken()
    {
        await using var host = await TeamsBotHost.StartAsync(s => s["ChatOps:Teams:TenantId"] = TeamsBotHost.Tenant);

        await host.PostAsync(host.Message("help"));
        await host.BotFramework.WaitForAsync(c => c.Method == "POST");

        host.BotFramework.TokenRequests.ShouldHaveSingleItem()["tenant"].ShouldBe(TeamsBotHost.Tenant);
    }

    [Fact]
    public async Task MessageWithoutAadObjectId_IsRefusedClearly_AndNothingRuns()
    {
        await using var host = await TeamsBotHost.StartAsync();

        await host.PostAsync(host.Message("whoami", user: null!));

        var reply = await host.BotFramework.WaitForAsync(c => c.Method == "POST");
        reply.Card.ShouldContain("no Azure AD object id");
        (await host.AuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task RedeliveredActivity_RunsOnce()
    {
        await using var host = await TeamsBotHost.StartAsync();
        var message = host.Message("whoami");

        await host.PostAsync(message);
        await host.PostAsync(message);
        await host.BotFramework.WaitForAsync(c => c.Method == "POST");
        await Task.Delay(300);

        host.BotFramework.Calls.Count(c => c.Method == "POST").ShouldBe(1);
        (await host.AuditAsync()).Count(r => r.RawText == "whoami").ShouldBe(1);
    }

    [Fact]
    public async Task BadInput_GetsOneLine_AndNothingRuns()
    {
        await using var host = await TeamsBotHost.StartAsync();

        await host.PostAsync(host.Message("rollot undo x"));

        var reply = await host.BotFramework.WaitForAsync(c => c.Method == "POST");
        reply.Card.ShouldContain("rollout");
        reply.Card.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task ConversationUpdate_RemembersTheReference_AndForgetsItWhenTheBotIsRemoved()
    {
        await using var host = await TeamsBotHost.StartAsync();
        var references = host.Services.GetRequiredService<ChatOps.Bot.Core.IConversationReferences>();

        await host.AddBotToAsync(TeamsBotHost.AuditConversation);

        var stored = (await references.GetConversationAsync(TeamsBotHost.AuditConversation, CancellationToken.None)).ShouldNotBeNull();
        (stored.ServiceUrl, stored.TenantId, stored.BotId).ShouldBe((host.BotFramework.ServiceUrl, TeamsBotHost.Tenant, TeamsBotHost.BotId));

        var removed = host.Activity("conversationUpdate", "cu-x", conversation: TeamsBotHost.AuditConversation);
        removed["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = TeamsBotHost.BotId });
        (await host.PostAsync(removed)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await references.GetConversationAsync(TeamsBotHost.AuditConversation, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task AuditLine_GoesProactively_ToTheAuditConversation()
    {
        await using var host = await TeamsBotHost.StartAsync();
        await host.AddBotToAsync(TeamsBotHost.AuditConversation);

        var platform = host.Services.GetServices<ChatOps.Bot.Core.IChatPlatform>().Single(p => p.Name == "teams");
        var posted = await platform.PostAsync(new ChatOps.Bot.Core.ChatPost(TeamsBotHost.AuditConversation, ChatText.Bot("[ok] alice `scale x 3`")), CancellationToken.None);

        var call = await host.BotFramework.WaitForAsync(c => c.Path == $"/connector/v3/conversations/{TeamsBotHost.AuditConversation}/activities");
        call.Json!["text"]!.GetValue<string>().ShouldBe("[ok] alice `scale x 3`");
        posted.MessageId.ShouldStartWith("act-");
    }

    [Fact]
    public async Task ProactivePost_CanBeUpdatedInPlace_WithAnUpdateActivity()
    {
        await using var host = await TeamsBotHost.StartAsync();
        await host.AddBotToAsync(TeamsBotHost.AuditConversation);
        var platform = host.Services.GetServices<ChatOps.Bot.Core.IChatPlatform>().Single(p => p.Name == "teams");
        var posted = await platform.PostAsync(new ChatOps.Bot.Core.ChatPost(TeamsBotHost.AuditConversation, ChatText.Bot("firing")), CancellationToken.None);

        await platform.UpdateAsync(posted, new ChatOps.Bot.Core.ChatPost("ignored", ChatText.Bot("resolved"),
            OperationResult.Success("resolved") with { Title = "[RESOLVED] X" }), CancellationToken.None);

        var call = await host.BotFramework.WaitForAsync(c => c.Method == "PUT");
        call.Path.ShouldBe($"/connector/v3/conversations/{TeamsBotHost.AuditConversation}/activities/{posted.MessageId}");
        call.Card.ShouldContain("[RESOLVED] X");
    }

    [Fact]
    public async Task ProactivePost_ToAnUnknownConversation_Fails_SoTheOutboxRetries()
    {
        await using var host = await TeamsBotHost.StartAsync();
        var platform = host.Services.GetServices<ChatOps.Bot.Core.IChatPlatform>().Single(p => p.Name == "teams");

        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            platform.PostAsync(new ChatOps.Bot.Core.ChatPost("19:nowhere@thread.tacv2", ChatText.Bot("x")), CancellationToken.None));

        error.Message.ShouldContain("add the bot to it");
    }
}

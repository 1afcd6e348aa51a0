using ChatOps.Bot.Features.Incidents;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Teams;

/// <summary>Teams cannot create channels without Microsoft Graph: the declaration says so and posts to the incidents conversation.</summary>
public sealed class TeamsIncidentTests
{
    private const string Incidents = "19:incidents@thread.tacv2";

    [Fact]
    public async Task Declare_SaysNoChannelWasCreated_PostsTheNotificationToTheIncidentsConversation_AndKeepsThisConversationAsHome()
    {
        await using var host = await TeamsBotHost.StartAsync(s => s["ChatOps:Teams:IncidentsConversationId"] = Incidents);
        await host.AddBotToAsync(Incidents);
        var message = host.Message("incident declare P2 checkout down", user: TeamsBotHost.Carol);

        await host.PostAsync(message);

        var id = message["id"]!.GetValue<string>();
        var reply = await host.BotFramework.WaitForAsync(c => c.Method == "POST" && c.Path.EndsWith($"/activities/{id}", StringComparison.Ordinal));
        reply.Card.ShouldContain("no channel was created: teams bots cannot create channels (Teams needs Microsoft Graph");
        var announcement = await host.BotFramework.WaitForAsync(c => c.Path == $"/connector/v3/conversations/{Incidents}/activities");
        announcement.Json!["text"]!.GetValue<string>().ShouldStartWith("Incident declared by carol");

        var store = host.Services.GetRequiredService<IIncidentStore>();
        var incident = (await store.ListIncidentsAsync(true, CancellationToken.None)).ShouldHaveSingleItem();
        incident.ChannelSetup.ShouldBe(ChannelSetupState.None);
        incident.Platform.ShouldBe("teams");
        (await store.FindOpenIncidentAsync(TeamsBotHost.Channel, CancellationToken.None)).ShouldNotBeNull().Id.ShouldBe(incident.Id);
    }
}

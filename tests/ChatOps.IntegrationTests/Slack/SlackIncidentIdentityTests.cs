using System.Net;
using System.Text.Json.Nodes;
using ChatOps.Bot.Features.Incidents;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>
/// Issue 20 item 2 through the real slash-command adapter and the real users.info client against the loopback Slack
/// Web API: people on incidents are Slack user ids, never the <c>user_name</c> a request carries.
/// </summary>
public sealed class SlackIncidentIdentityTests
{
    private static Task<SlackBotHost> StartAsync() => SlackBotHost.StartAsync(s =>
    {
        s["ChatOps:Roles:Bindings:20:Subject"] = "slack:U-EVE";
        s["ChatOps:Roles:Bindings:20:Role"] = "viewer";
    });

    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!.GetValue<string>();
    }

    [Theory]
    [Trait("Category", "Adversarial")]
    [InlineData("U-CAROL")]
    [InlineData("u-carol")]
    public async Task AViewerWhoseUserNameIsTheCommandersId_CannotChangeSeverity_TakeCommand_OrResolve(string userName)
    {
        await using var host = await StartAsync();
        host.Slack.Users["U-EVE"] = "eve";
        (await TextAsync(await host.CommandAsync("incident declare P2 checkout down", user: "U-CAROL"))).ShouldContain("declared INC-");
        var id = (await host.Services.GetRequiredService<IIncidentStore>().ListIncidentsAsync(openOnly: true, CancellationToken.None)).Single().Id;

        var answers = new[]
        {
            await TextAsync(await host.CommandAsync($"incident severity {id} P4", user: "U-EVE", userName: userName, responseId: "r2")),
            await TextAsync(await host.CommandAsync($"incident commander {id} <@U-EVE|eve>", user: "U-EVE", userName: userName, responseId: "r3")),
            await TextAsync(await host.CommandAsync($"incident resolve {id} mine now", user: "U-EVE", userName: userName, responseId: "r4")),
        };

        answers.ShouldAllBe(a => a.Contains($"denied: only the commander of {id}", StringComparison.Ordinal));
        var stored = (await host.Services.GetRequiredService<IIncidentStore>().GetIncidentAsync(id, CancellationToken.None)).ShouldNotBeNull();
        (stored.Severity, stored.Commander, stored.IsOpen).ShouldBe(("P2", "slack:U-CAROL", true));
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task ACommanderSlackDoesNotKnow_IsRefusedAfterAskingUsersInfo_AndNothingIsDeclared()
    {
        await using var host = await StartAsync();

        var answer = await TextAsync(await host.CommandAsync("incident declare P2 checkout down --commander <@U-NOBODY|nobody>", user: "U-CAROL"));

        answer.ShouldEndWith(": slack has no such user; nothing was changed");
        host.Slack.CallsTo("users.info").Select(c => c.Form["user"]).ShouldBe(["U-NOBODY"]);
        (await host.Services.GetRequiredService<IIncidentStore>().ListIncidentsAsync(openOnly: false, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task AMentionedCommander_IsStoredByTheirId_WithSlacksName_AndMayActWhileTheDeclarerMayNot()
    {
        await using var host = await StartAsync();
        host.Slack.Users["U-EVE"] = "Eve Example";

        await TextAsync(await host.CommandAsync("incident declare P2 checkout down --commander <@U-EVE>", user: "U-CAROL"));
        var store = host.Services.GetRequiredService<IIncidentStore>();
        var incident = (await store.ListIncidentsAsync(openOnly: true, CancellationToken.None)).Single();
        var byDeclarer = await TextAsync(await host.CommandAsync($"incident severity {incident.Id} P1", user: "U-CAROL", responseId: "r2"));
        var byCommander = await TextAsync(await host.CommandAsync($"incident severity {incident.Id} P1", user: "U-EVE", responseId: "r3"));

        (incident.Commander, incident.CommanderName).ShouldBe(("slack:U-EVE", "Eve Example"));
        byDeclarer.ShouldContain("denied: only the commander");
        byCommander.ShouldContain($"{incident.Id}: severity P2 → P1");
    }
}

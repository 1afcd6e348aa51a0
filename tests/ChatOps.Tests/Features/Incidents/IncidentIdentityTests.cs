using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Incidents;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Incidents;

/// <summary>
/// Issue 20 item 2: who commands an incident is a platform user id, never a name. uma (U100) declares on Slack, the
/// Teams and console incidents are declared by their own users; mallet is a viewer who picks a user name equal to the
/// commander's id or display name.
/// </summary>
public sealed class IncidentIdentityTests
{
    private const string TeamsCommander = "6f1c0c52-8a9b-4c3e-9d0f-1a2b3c4d5e6f";
    private const string TeamsMallet = "0a0b0c0d-1111-2222-3333-444455556666";

    private static TestBot Create() => IncidentBots.Slack(
        s =>
        {
            s["ChatOps:Roles:Bindings:10:Subject"] = "slack:U666";
            s["ChatOps:Roles:Bindings:10:Role"] = "viewer";
            s["ChatOps:Roles:Bindings:11:Subject"] = $"teams:{TeamsCommander}";
            s["ChatOps:Roles:Bindings:11:Role"] = "viewer";
            s["ChatOps:Roles:Bindings:12:Subject"] = $"teams:{TeamsMallet}";
            s["ChatOps:Roles:Bindings:12:Role"] = "viewer";
            s["ChatOps:Roles:Bindings:13:Subject"] = "console:carol";
            s["ChatOps:Roles:Bindings:13:Role"] = "viewer";
            s["ChatOps:Roles:Bindings:14:Subject"] = "console:mallet";
            s["ChatOps:Roles:Bindings:14:Role"] = "viewer";
        },
        new RecordingChatPlatform("teams", canCreateChannels: false));

    private static Task<OperationResult> Run(TestBot bot, ChatContext context, string text) =>
        bot.Dispatcher.DispatchAsync(text, context, CancellationToken.None);

    private static ChatContext Context(TestBot bot, string platform, string id, string name) =>
        IncidentBots.As(bot, id, name, channel: "C-OPS", platform: platform);

    public static TheoryData<string, string, string> Impersonations() => new()
    {
        // platform, the commander (id, name) declaring; the attacker's chosen user name
        { "slack", "U100|uma", "U100" },
        { "slack", "U100|uma", "uma" },
        { "teams", $"{TeamsCommander}|Tina Commander", TeamsCommander },
        { "teams", $"{TeamsCommander}|Tina Commander", "Tina Commander" },
        { "console", "carol|carol", "carol" },
        { "console", "carol|carol", "console:carol" },
    };

    [Theory]
    [Trait("Category", "Adversarial")]
    [MemberData(nameof(Impersonations))]
    public async Task AViewerNamedLikeTheCommander_CannotChangeSeverity_TakeCommand_OrResolve(string platform, string commander, string attackerName)
    {
        await using var bot = Create();
        var (commanderId, commanderName) = (commander.Split('|')[0], commander.Split('|')[1]);
        var attackerId = platform switch { "slack" => "U666", "teams" => TeamsMallet, _ => "mallet" };
        var declared = await Run(bot, Context(bot, platform, commanderId, commanderName), "incident declare P2 checkout down");
        declared.Outcome.ShouldBe(Outcome.Succeeded, declared.Text);
        var id = declared.Reference!;
        var attacker = Context(bot, platform, attackerId, attackerName);
        var takeOver = platform == "slack" ? "<@U666>" : platform == "teams" ? $"@{{teams:{TeamsMallet}}}" : "@mallet";

        var results = new[]
        {
            await Run(bot, attacker, $"incident severity {id} P4"),
            await Run(bot, attacker, $"incident commander {id} {takeOver}"),
            await Run(bot, attacker, $"incident resolve {id} not my incident"),
        };

        results.ShouldAllBe(r => r.Outcome == Outcome.Denied);
        results[0].Text.ShouldBe($"denied: only the commander of {id} (@{commanderName}) or an admin may change its severity");
        var stored = (await bot.Store.GetIncidentAsync(id, CancellationToken.None)).ShouldNotBeNull();
        (stored.Severity, stored.Commander, stored.Status).ShouldBe(("P2", $"{platform}:{commanderId}", IncidentStatus.Investigating));
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task ACommanderNamedByMention_IsStoredByItsSlackId_AndThatUserMayAct()
    {
        await using var bot = Create();

        var declared = await bot.RunAs("U100", "uma", "incident declare P2 checkout down --commander <@U200> --lead <@U300|sam>");
        var bySeverity = await bot.RunAs("U200", "bob", "incident severity INC-2026-0001 P1");

        declared.Outcome.ShouldBe(Outcome.Succeeded, declared.Text);
        var stored = (await bot.Store.GetIncidentAsync("INC-2026-0001", CancellationToken.None)).ShouldNotBeNull();
        (stored.Commander, stored.CommanderName, stored.Lead, stored.LeadName).ShouldBe(("slack:U200", "bob", "slack:U300", "sam"));
        bySeverity.Outcome.ShouldBe(Outcome.Succeeded, bySeverity.Text);
        bot.SlackUsers.Lookups.ShouldBe(["U200", "U300"]);
    }

    [Theory]
    [Trait("Category", "Adversarial")]
    [InlineData("incident declare P2 checkout down --commander <@U999>", "--commander <@U999>: slack has no such user; nothing was changed")]
    [InlineData("incident declare P2 checkout down --lead <@U999|ghost>", "--lead <@U999|ghost>: slack has no such user; nothing was changed")]
    [InlineData("incident declare P2 checkout down --commander @bob",
        "--commander @bob is only a name: mention the user (@ autocomplete) so Slack sends their id; nothing was changed")]
    [InlineData("incident declare P2 checkout down --commander U200",
        "--commander U200 is only a name: mention the user (@ autocomplete) so Slack sends their id; nothing was changed")]
    [InlineData("incident declare P2 checkout down --commander @{teams:6f1c0c52-8a9b-4c3e-9d0f-1a2b3c4d5e6f}",
        "--commander @{teams:6f1c0c52-8a9b-4c3e-9d0f-1a2b3c4d5e6f} is a teams user, but this incident's people are on slack; nothing was changed")]
    public async Task ADeclareNamingNoSlackUser_IsRefusedInOneLine_AndStoresNothing(string text, string reason)
    {
        await using var bot = Create();

        var result = await bot.RunAs("U100", "uma", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldBe(reason);
        (await bot.Store.ListIncidentsAsync(openOnly: false, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task AHandoverToAnUnknownSlackUser_IsRefused_AndTheCommanderStays()
    {
        await using var bot = Create();
        await bot.RunAs("U100", "uma", "incident declare P2 checkout down");

        var result = await bot.RunAs("U100", "uma", "incident commander INC-2026-0001 <@U999>");

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldBe("the new commander <@U999>: slack has no such user; nothing was changed");
        (await bot.Store.GetIncidentAsync("INC-2026-0001", CancellationToken.None))!.Commander.ShouldBe("slack:U100");
        (await bot.Store.GetTimelineAsync("INC-2026-0001", CancellationToken.None)).ShouldAllBe(e => e.Kind != TimelineKind.Commander);
    }

    [Fact]
    public async Task AHandover_ByANonCommander_IsDeniedBeforeTheDirectoryIsAsked()
    {
        await using var bot = Create();
        await bot.RunAs("U100", "uma", "incident declare P2 checkout down");
        var before = bot.SlackUsers.Lookups.Count;

        (await bot.RunAs("U200", "bob", "incident commander INC-2026-0001 <@U200>")).Outcome.ShouldBe(Outcome.Denied);

        bot.SlackUsers.Lookups.Count.ShouldBe(before);
    }

    [Fact]
    public async Task ASlackDirectoryOutage_RefusesTheHandover_AndSaysWhy()
    {
        await using var bot = Create();
        await bot.RunAs("U100", "uma", "incident declare P2 checkout down");
        bot.SlackUsers.Failure = new InvalidOperationException("Slack users.info failed: ratelimited");

        var result = await bot.RunAs("U100", "uma", "incident commander INC-2026-0001 <@U200>");

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldBe("the new commander <@U200>: could not check the user with slack (Slack users.info failed: ratelimited); nothing was changed");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task ATeamsMention_HandsCommandToThatAadObjectId_ShownByTheNameTeamsGave()
    {
        await using var bot = Create();
        var tina = Context(bot, "teams", TeamsCommander, "Tina Commander");
        await Run(bot, tina, "incident declare P2 checkout down");
        var withMention = tina with { MentionNames = new Dictionary<string, string> { [$"teams:{TeamsMallet}"] = "Mal Let" } };

        var handover = await Run(bot, withMention, $"incident commander INC-2026-0001 @{{teams:{TeamsMallet}}}");
        var byName = await Run(bot, Context(bot, "teams", TeamsMallet, "Mal Let"), "incident severity INC-2026-0001 P1");

        handover.Text.ShouldStartWith("INC-2026-0001: commander @Tina Commander → @Mal Let\n");
        var stored = (await bot.Store.GetIncidentAsync("INC-2026-0001", CancellationToken.None)).ShouldNotBeNull();
        (stored.Commander, stored.CommanderName).ShouldBe(($"teams:{TeamsMallet}", "Mal Let"));
        byName.Outcome.ShouldBe(Outcome.Succeeded, byName.Text);
    }

    [Theory]
    [Trait("Category", "Adversarial")]
    [InlineData("@Mal", "the new commander @Mal is only a name: mention the user (@ autocomplete) so Teams sends their id; nothing was changed")]
    [InlineData("@{teams:29:1abcDEF}", "the new commander @{teams:29:1abcDEF}: teams has no such user; nothing was changed")]
    [InlineData("<@U200>", "the new commander <@U200>: teams has no such user; nothing was changed")]
    public async Task ATeamsHandover_WithoutAnAadObjectId_IsRefused(string reference, string reason)
    {
        await using var bot = Create();
        var tina = Context(bot, "teams", TeamsCommander, "Tina Commander");
        await Run(bot, tina, "incident declare P2 checkout down");

        var result = await Run(bot, tina, $"incident commander INC-2026-0001 {reference}");

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldBe(reason);
    }

    [Fact]
    public async Task OnTheConsole_AtNameIsTheConsoleIdentity_AndSlackIdsAreRefused()
    {
        await using var bot = Create();
        var carol = Context(bot, "console", "carol", "carol");

        var declared = await Run(bot, carol, "incident declare P2 checkout down --commander @mallet");
        var crossPlatform = await Run(bot, carol, "incident declare P2 search slow --commander @{slack:U200}");

        (await bot.Store.GetIncidentAsync(declared.Reference!, CancellationToken.None))!.Commander.ShouldBe("console:mallet");
        crossPlatform.Text.ShouldBe("--commander @{slack:U200} is a slack user, but this incident's people are on console; nothing was changed");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task ALegacyCommanderStoredAsABareName_MatchesNobody_SoOnlyAnAdminMayActUntilReassigned()
    {
        await using var bot = Create();
        var now = bot.Clock.GetUtcNow();
        var legacy = await bot.Store.DeclareAsync(
            new NewIncident("P2", "old incident", "legacy:uma", null, [], "C-OPS", "uma", now, now.AddHours(1)) { Platform = "slack", CommanderName = "uma" },
            "req-legacy", _ => [], CancellationToken.None);

        var byNamesake = await bot.RunAs("U100", "uma", $"incident severity {legacy.Id} P1");
        var byAdmin = await bot.RunAs("U300", "sam", $"incident commander {legacy.Id} <@U100>");
        var byNewCommander = await bot.RunAs("U100", "uma", $"incident resolve {legacy.Id}");

        byNamesake.Text.ShouldBe($"denied: only the commander of {legacy.Id} (@uma) or an admin may change its severity");
        byAdmin.Outcome.ShouldBe(Outcome.Succeeded, byAdmin.Text);
        byNewCommander.Outcome.ShouldBe(Outcome.Succeeded, byNewCommander.Text);
    }
}

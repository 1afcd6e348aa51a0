using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Features.Policies;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Tests.Chat.Teams;

public sealed class TeamsGroupDirectoryTests
{
    private const string Ops = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private const string Dba = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private const string Approvers = "9b2d8c4e-1f3a-4b5c-8d7e-6a5f4e3d2c1b";

    private readonly TestClock _clock = new();
    private readonly FakeGraphMembership _graph = new();
    private readonly RolesOptions _roles = new()
    {
        Bindings =
        [
            new RoleBinding { Subject = $"teams-group:{Ops}", Role = Role.Operator },
            new RoleBinding { Subject = $"teams-group:{Dba}", Role = Role.Admin, Scope = "coredb" },
            new RoleBinding { Subject = "teams:aad-alice", Role = Role.Admin },
        ],
    };

    private readonly PolicyOptions _policies = new()
    {
        Approvals = [new ApprovalRuleOptions { Name = "purge", From = [$"teams-group:{Approvers}", "slack-group:S1"] }],
    };

    private static ChatContext Teams(string user) => Context("teams", user);

    private static ChatContext Context(string platform, string user) => new(platform, user, user, "channel", null, "corr", TestClock.Epoch);

    private TeamsGroupDirectory Directory(TeamsOptions? teams = null) => new(
        _graph, FixedOptions.Of(_roles), FixedOptions.Of(_policies), FixedOptions.Of(teams ?? new TeamsOptions()), _clock, NullLogger<TeamsGroupDirectory>.Instance);

    [Fact]
    public async Task GroupsOf_AsksGraphAboutEveryNamedTeamsGroup_AndReturnsTheSubjectsTheUserIsIn()
    {
        _graph.Members["aad-dave"] = [Ops.ToUpperInvariant(), Approvers];

        var groups = await Directory().GroupsOfAsync(Teams("aad-dave"), CancellationToken.None);

        groups.ShouldBe([$"teams-group:{Ops}", $"teams-group:{Approvers}"]);
        var asked = _graph.Calls.ShouldHaveSingleItem();
        asked.User.ShouldBe("aad-dave");
        asked.Groups.ShouldBe([Ops, Dba, Approvers], "bindings, approval rules' approvers: every named Entra group, and no Slack group");
    }

    [Fact]
    public async Task GroupsOf_IsCachedPerUser_UntilTheExpiry()
    {
        _graph.Members["aad-dave"] = [Ops];
        var directory = Directory(new TeamsOptions { Graph = new GraphOptions { GroupCacheExpiry = TimeSpan.FromMinutes(2) } });

        await directory.GroupsOfAsync(Teams("aad-dave"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await directory.GroupsOfAsync(Teams("aad-dave"), CancellationToken.None)).ShouldBe([$"teams-group:{Ops}"]);
        await directory.GroupsOfAsync(Teams("aad-erin"), CancellationToken.None);
        _graph.Calls.Count.ShouldBe(2, "Dave's second lookup came from the cache; Erin is another user");

        _graph.Members["aad-dave"] = [];
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await directory.GroupsOfAsync(Teams("aad-dave"), CancellationToken.None)).ShouldBeEmpty();
        _graph.Calls.Count.ShouldBe(3);
    }

    [Fact]
    public async Task GroupsOf_AsksAgain_WhenTheConfigurationNamesOtherGroups()
    {
        _graph.Members["aad-dave"] = [Ops, Dba];
        var directory = Directory();
        await directory.GroupsOfAsync(Teams("aad-dave"), CancellationToken.None);

        _roles.Bindings.RemoveAt(1);
        (await directory.GroupsOfAsync(Teams("aad-dave"), CancellationToken.None)).ShouldBe([$"teams-group:{Ops}"]);

        _graph.Calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task AFailedLookup_GrantsNothing_AndIsNotCached()
    {
        _graph.Members["aad-dave"] = [Ops];
        _graph.Failure = new GraphException("checkMemberGroups answered HTTP 503");
        var directory = Directory();

        (await directory.GroupsOfAsync(Teams("aad-dave"), CancellationToken.None)).ShouldBeEmpty();

        _graph.Failure = null;
        (await directory.GroupsOfAsync(Teams("aad-dave"), CancellationToken.None)).ShouldBe([$"teams-group:{Ops}"]);
        _graph.Calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task OtherPlatformsAndAConfigurationWithoutTeamsGroups_CostNoGraphCall()
    {
        _graph.Members["U1"] = [Ops];
        (await Directory().GroupsOfAsync(Context("slack", "U1"), CancellationToken.None)).ShouldBeEmpty();

        _roles.Bindings.Clear();
        _policies.Approvals.Clear();
        (await Directory().GroupsOfAsync(Teams("aad-dave"), CancellationToken.None)).ShouldBeEmpty();

        _graph.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task GroupDirectories_HandsEachUserToTheirOwnPlatformsDirectoryOnly()
    {
        var slack = new FixedDirectory("slack", "slack-group:S1");
        var teams = new FixedDirectory("teams", $"teams-group:{Ops}");
        var composite = new GroupDirectories(() => [slack, teams]);

        (await composite.GroupsOfAsync(Context("slack", "U1"), CancellationToken.None)).ShouldBe(["slack-group:S1"]);
        (await composite.GroupsOfAsync(Teams("aad-dave"), CancellationToken.None)).ShouldBe([$"teams-group:{Ops}"]);
        (await composite.GroupsOfAsync(Context("console", "alice"), CancellationToken.None)).ShouldBeEmpty();
        slack.Asked.ShouldBe(["U1"]);
        teams.Asked.ShouldBe(["aad-dave"]);
    }

    [Fact]
    public void ATeamsGroupSubject_WithoutGraphCredentials_IsAStartUpErrorNamingTheKey()
    {
        var without = new TeamsGroupsNeedGraph(FixedOptions.Of(new TeamsOptions()));
        var with = new TeamsGroupsNeedGraph(FixedOptions.Of(new TeamsOptions
        {
            Graph = new GraphOptions { TenantId = "contoso.onmicrosoft.com", ClientId = "graph-app", ClientSecret = "s" },
        }));
        var botsOwn = new TeamsGroupsNeedGraph(FixedOptions.Of(new TeamsOptions { TenantId = "t", AppId = "bot", AppPassword = "p" }));

        var failures = without.Validate(null, _roles).Failures!.ToList();
        failures.Count.ShouldBe(2, "one line per binding that names an Entra group");
        failures[0].ShouldStartWith($"ChatOps:Roles:Bindings:0:Subject: 'teams-group:{Ops}' needs Microsoft Graph");
        without.Validate(null, _policies).Failures.ShouldHaveSingleItem().ShouldStartWith("ChatOps:Policies:Approvals:0:From:");
        with.Validate(null, _roles).Succeeded.ShouldBeTrue();
        botsOwn.Validate(null, _policies).Succeeded.ShouldBeTrue("the bot's own app registration is the default Graph app");
    }

    private sealed class FakeGraphMembership : IGraphMembership
    {
        public Dictionary<string, string[]> Members { get; } = [];

        public List<(string User, IReadOnlyCollection<string> Groups)> Calls { get; } = [];

        public Exception? Failure { get; set; }

        public Task<IReadOnlySet<string>> MemberGroupsAmongAsync(string userId, IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken)
        {
            Calls.Add((userId, groupIds.ToList()));
            if (Failure is not null)
            {
                throw Failure;
            }

            var member = Members.GetValueOrDefault(userId) ?? [];
            return Task.FromResult<IReadOnlySet<string>>(
                groupIds.Where(g => member.Contains(g, StringComparer.OrdinalIgnoreCase)).ToHashSet(StringComparer.OrdinalIgnoreCase));
        }
    }

    private sealed class FixedDirectory(string platform, string group) : IPlatformGroupDirectory
    {
        public List<string> Asked { get; } = [];

        public string Platform => platform;

        public ValueTask<IReadOnlyList<string>> GroupsOfAsync(ChatContext context, CancellationToken cancellationToken)
        {
            Asked.Add(context.UserId);
            return ValueTask.FromResult<IReadOnlyList<string>>([group]);
        }
    }
}

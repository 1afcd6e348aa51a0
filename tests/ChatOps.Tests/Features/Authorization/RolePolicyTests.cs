using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Authorization;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Authorization;

public sealed class RolePolicyTests
{
    private static readonly ChatContext Ann = new("slack", "U1", "ann", "C1", null, "r-1", DateTimeOffset.UnixEpoch);

    private static RolePolicy Policy(IReadOnlyList<string> groups, params RoleBinding[] bindings) =>
        new(FixedOptions.Of(new RolesOptions { Bindings = [.. bindings] }), new Groups(groups));

    private static RoleBinding Bind(string subject, Role role, string? scope = null, string? ns = null) =>
        new() { Subject = subject, Role = role, Scope = scope, Namespace = ns };

    [Fact]
    public async Task TheRole_IsTheHighestOfTheBindingsOfTheUserAndTheirGroups_ThatCoverTheScope()
    {
        var policy = Policy(
            ["slack-group:S1"],
            Bind("slack:U1", Role.Viewer),
            Bind("slack-group:S1", Role.Operator, "prod"),
            Bind("slack-group:S2", Role.Admin),
            Bind("slack:U2", Role.Admin),
            Bind("slack:U1", Role.Admin, "prod", "payments"));

        (await policy.RoleForAsync(Ann, new TargetScope("prod", "web"), CancellationToken.None)).ShouldBe(Role.Operator);
        (await policy.RoleForAsync(Ann, new TargetScope("PROD", "payments"), CancellationToken.None)).ShouldBe(Role.Admin);
        (await policy.RoleForAsync(Ann, new TargetScope("staging", "payments"), CancellationToken.None)).ShouldBe(Role.Viewer);
        (await policy.RoleForAsync(Ann, TargetScope.Global, CancellationToken.None)).ShouldBe(Role.Viewer);
    }

    [Fact]
    public async Task NoBinding_IsNoRole_AndAScopedBindingNeverGrantsGlobalCommands()
    {
        var policy = Policy([], Bind("slack:U1", Role.Admin, "prod"), Bind("slack:U1", Role.None));

        (await policy.RoleForAsync(Ann, TargetScope.Global, CancellationToken.None)).ShouldBe(Role.None);
        (await policy.RoleForAsync(Ann with { UserId = "U9" }, new TargetScope("prod"), CancellationToken.None)).ShouldBe(Role.None);
        (await policy.GrantsAsync(Ann, CancellationToken.None)).ShouldBe([new Grant(Role.Admin, "slack:U1", "prod", null)]);
    }

    [Fact]
    public async Task Grants_NameTheirBinding_WithBlankScopesAsEverywhere()
    {
        var policy = Policy(["slack-group:S1"], Bind("slack-group:S1", Role.Operator, " ", ""), Bind("slack:U1", Role.Viewer, "prod", "web"));

        (await policy.GrantsAsync(Ann, CancellationToken.None)).Select(g => $"{g.Subject} {RolePolicy.Describe(g.Role)} {g.Where}")
            .ShouldBe(["slack-group:S1 operator everywhere", "slack:U1 viewer on prod/web"]);
    }

    [Fact]
    public void EachRole_IsDescribedInLowerCase() =>
        Enum.GetValues<Role>().Select(RolePolicy.Describe).ShouldBe(["none", "viewer", "operator", "admin"]);

    private sealed class Groups(IReadOnlyList<string> groups) : IGroupDirectory
    {
        public ValueTask<IReadOnlyList<string>> GroupsOfAsync(ChatContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(context.UserId == "U1" ? groups : []);
    }
}

using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Features.Policies;

namespace ChatOps.Tests.Features.Policies;

public sealed class GroupSubjectsTests
{
    [Fact]
    public void TheGroupsOfOneKind_AreCollectedFromBindingsApprovalRulesAndRequesters_EachOnce_InOrder()
    {
        var roles = new RolesOptions
        {
            Bindings =
            [
                new RoleBinding { Subject = "slack-group:S1", Role = Role.Viewer },
                new RoleBinding { Subject = "slack:U1", Role = Role.Admin },
                new RoleBinding { Subject = "teams-group:G1", Role = Role.Operator },
                new RoleBinding { Subject = "slack-group:S2", Role = Role.Operator, Scope = "prod" },
            ],
        };
        var policies = new PolicyOptions
        {
            Approvals = [new ApprovalRuleOptions { Name = "dba", From = ["slack-group:S3", "slack-group:S1", "slack:U2"] }],
            Elevation = new ElevationOptions { Requesters = ["slack-group:S4", "slack-group:S2"] },
        };

        GroupSubjects.Named(roles, policies, "slack-group:")
            .ShouldBe(["slack-group:S1", "slack-group:S2", "slack-group:S3", "slack-group:S4"]);
        GroupSubjects.Named(roles, policies, "teams-group:").ShouldBe(["teams-group:G1"]);
    }

    [Fact]
    public void APrefixWithNoGroupAfterIt_IsNoGroup_AndNoneNamedIsEmpty()
    {
        var roles = new RolesOptions { Bindings = [new RoleBinding { Subject = "slack-group:", Role = Role.Admin }] };

        GroupSubjects.Named(roles, new PolicyOptions(), "slack-group:").ShouldBeEmpty();
        GroupSubjects.Named(new RolesOptions(), new PolicyOptions(), "teams-group:").ShouldBeEmpty();
    }
}

using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Pipeline;

/// <summary>ChatOps:Approvals:Commands: a team can require approval for more than what is dangerous by itself.</summary>
public sealed class ConfiguredApprovalTests
{
    private static TestBot Bot() => TestBot.Create(s => s["ChatOps:Approvals:Commands:0"] = "rollout undo");

    [Fact]
    public async Task ListedCommand_OnProduction_WaitsForApproval_ThenRunsOnce()
    {
        await using var bot = Bot();

        var request = await bot.RunAsync("dave", "rollout undo web --cluster prod-eks");
        request.Outcome.ShouldBe(Outcome.AwaitingApproval);
        request.Text.ShouldStartWith("`rollout undo web --namespace=default --cluster=prod-eks` is configured to need approval on production target prod-eks/default");
        bot.Kube.Calls.ShouldBe(["status prod-eks/default/web"], "the preview reads the deployment and nothing is undone yet");

        var approved = await bot.RunAsync("alice", $"approve {request.Reference}");

        approved.Outcome.ShouldBe(Outcome.Succeeded, approved.Text);
        bot.Kube.Calls.Count(c => c.StartsWith("undo ", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Theory]
    [InlineData("rollout undo web --cluster staging")]
    [InlineData("rollout undo web --cluster prod-eks --dry-run")]
    [InlineData("rollout restart web --cluster prod-eks")]
    public async Task UnlistedCommand_NonProductionTarget_OrPreview_RunsAtOnce(string text)
    {
        await using var bot = Bot();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
    }

    [Fact]
    public async Task DangerousPreview_NeedsNoApproval()
    {
        await using var bot = TestBot.Create();

        (await bot.RunAsync("dave", "scale web 0 --cluster prod-eks --dry-run")).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("dave", "scale web 0 --cluster prod-eks")).Outcome.ShouldBe(Outcome.AwaitingApproval);
    }

    [Theory]
    [InlineData("audit", "ChatOps:Approvals:Commands:0: 'audit' is not a command that can be held for approval")]
    [InlineData("approve", "ChatOps:Approvals:Commands:0: 'approve' is not a command that can be held for approval")]
    public async Task OnlyApprovableCommands_CanBeListed(string command, string error)
    {
        await using var bot = TestBot.Create(s => s["ChatOps:Approvals:Commands:0"] = command);

        var failure = Should.Throw<OptionsValidationException>(() => bot.Services.GetRequiredService<IOptions<ApprovalOptions>>().Value);

        failure.Failures.ShouldHaveSingleItem().ShouldStartWith(error);
    }
}

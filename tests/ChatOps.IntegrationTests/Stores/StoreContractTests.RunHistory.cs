using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Policies;

namespace ChatOps.IntegrationTests.Stores;

public abstract partial class StoreContractTests
{
    private static AuditRecord Ran(string id, DateTimeOffset at, string? target, AuditOutcome outcome = AuditOutcome.Succeeded,
        AuditDecision decision = AuditDecision.Allowed) =>
        Record(id, at) with { ParsedRequest = $"rollout undo web --cluster={target}", Target = target, Outcome = outcome, Decision = decision };

    [Fact]
    public async Task RunHistory_CountsWhatRan_OnTheTargetAndItsNamespaces_SinceTheInstant_OldestFirst_SeenByEveryReplica()
    {
        await Store.AppendAsync(Ran("r-old", T0.AddMinutes(-11), "prod-eks/shop"), [], Ct);
        await Store.AppendAsync(Ran("r-1", T0.AddMinutes(-10), "prod-eks/shop"), [], Ct);
        await Store.AppendAsync(Ran("r-2", T0.AddMinutes(-5), "prod-eks", AuditOutcome.Failed), [], Ct);
        await Store.AppendAsync(Ran("r-3", T0.AddMinutes(-4), "prod-eks/data"), [], Ct);
        await Store.AppendAsync(Ran("r-other", T0.AddMinutes(-3), "prod-eks2/shop"), [], Ct);
        await Store.AppendAsync(Ran("r-staging", T0.AddMinutes(-3), "staging/shop"), [], Ct);
        await Store.AppendAsync(Ran("r-denied", T0.AddMinutes(-2), "prod-eks/shop", AuditOutcome.NotRun, AuditDecision.Denied), [], Ct);
        await Store.AppendAsync(Ran("r-held", T0.AddMinutes(-2), "prod-eks/shop", AuditOutcome.NotRun, AuditDecision.AwaitingApproval), [], Ct);
        await Store.AppendAsync(Ran("r-running", T0.AddMinutes(-1), "prod-eks/shop", AuditOutcome.Started, AuditDecision.Pending), [], Ct);

        var runs = await OpenStore().RunsAsync("prod-eks", T0.AddMinutes(-10), 100, Ct);

        runs.ShouldBe(
        [
            new PastRun(T0.AddMinutes(-10), "rollout undo web --cluster=prod-eks/shop", "prod-eks/shop"),
            new PastRun(T0.AddMinutes(-5), "rollout undo web --cluster=prod-eks", "prod-eks"),
            new PastRun(T0.AddMinutes(-4), "rollout undo web --cluster=prod-eks/data", "prod-eks/data"),
        ]);
        (await Store.RunsAsync("prod-eks", T0.AddMinutes(-10), 2, Ct)).Count.ShouldBe(2);
        (await Store.RunsAsync("prod_eks", T0.AddMinutes(-60), 100, Ct)).ShouldBeEmpty("an underscore is a name, not a wildcard");
    }
}

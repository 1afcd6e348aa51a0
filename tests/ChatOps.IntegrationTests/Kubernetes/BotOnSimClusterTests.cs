using System.Text.Json.Nodes;
using ChatOps.Bot.Core;
using ChatOps.SimCluster;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// <c>delete pod</c> and <c>rollout status --wait</c> through the whole bot (parser, pipeline, approval, handler, the
/// real Kubernetes adapter) against the simulated cluster, whose controllers decide what happens next.
/// </summary>
public sealed class BotOnSimClusterTests
{
    private const string Ns = KubeTestCluster.Ns;
    private const string Billing = KubeTestCluster.Billing;
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DeletePod_AfterApproval_TheReplicaSetReplacesIt_UnderANewName_AndTheOldUidIsGone()
    {
        await using var c = await KubeTestCluster.StartAsync();
        await using var bot = await KubeBot.StartAsync(c);
        var before = Pods(c);
        var victim = before[0];
        var uid = Uid(victim);
        var rs = Owner(victim);

        var request = await bot.RunAsync("dave", $"delete pod {Name(victim)}");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        request.Text.ShouldContain($"Pod: {Name(victim)} (Running), replaced by ReplicaSet {rs} of deployment {Billing}");
        Pods(c).Select(Uid).ShouldContain(uid, "the approval preview is a server-side dry run");
        c.Server.Calls.Where(x => x.Verb == "delete").ShouldAllBe(x => x.Query.Contains("dryRun=All"));

        var approved = await bot.RunAsync("alice", $"approve {request.Reference}");

        approved.Outcome.ShouldBe(Outcome.Succeeded, approved.Text);
        var after = Pods(c);
        after.Count.ShouldBe(before.Count);
        after.Select(Uid).ShouldNotContain(uid);
        after.Select(Name).ShouldNotContain(Name(victim));
        var replacement = after.Select(Name).Except(before.Select(Name)).ShouldHaveSingleItem();
        replacement.ShouldStartWith($"{rs}-");
        Owner(after.Single(p => Name(p) == replacement)).ShouldBe(rs);
        approved.Text.ShouldEndWith($"\ndeleted pod {Name(victim)} (Running) in {Ns} on cluster local; ReplicaSet {rs} of deployment {Billing} replaces it: its replacement is pod {replacement}");
    }

    [Fact]
    public async Task DeletePod_OfAMissingPod_IsRefusedBeforeAnyoneIsAsked()
    {
        await using var c = await KubeTestCluster.StartAsync();
        await using var bot = await KubeBot.StartAsync(c);
        var before = Pods(c).Select(Uid).ToList();

        var result = await bot.RunAsync("dave", $"delete pod {Billing}-0000000000-zzzzz");

        result.Outcome.ShouldNotBe(Outcome.AwaitingApproval, result.Text);
        result.Outcome.ShouldNotBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldContain($"pod {Billing}-0000000000-zzzzz not found in namespace {Ns} on cluster local");
        (await bot.PendingApprovalsAsync()).ShouldBe(0);
        c.Server.Calls.ShouldNotContain(x => x.Verb == "delete");
        Pods(c).Select(Uid).ShouldBe(before);
    }

    /// <summary>
    /// Between the bot's read of the pod and its delete, someone deletes the pod and a namesake is created: the uid
    /// precondition makes the server refuse, so the namesake nobody asked about survives.
    /// </summary>
    [Fact]
    public async Task DeletePod_OfAPodRecreatedUnderTheSameName_IsRefused_ByTheUidPrecondition()
    {
        await using var c = await KubeTestCluster.StartAsync();
        await using var bot = await KubeBot.StartAsync(c);
        var victim = Name(Pods(c)[0]);
        var key = new ObjectKey("pods", Ns, victim);
        var request = await bot.RunAsync("dave", $"delete pod {victim}");
        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        string? namesake = null;
        c.Server.Interceptor = (call, _) =>
        {
            if (call is { Verb: "delete", Resource: "pods" } && !call.Query.Contains("dryRun", StringComparison.Ordinal) && namesake is null)
            {
                var old = c.Server.Store.Get(key)!;
                c.Server.Store.Delete(key);
                var copy = (JsonObject)old.DeepClone();
                var meta = copy.Obj("metadata");
                meta.Remove("uid");
                meta.Remove("resourceVersion");
                meta.Remove("creationTimestamp");
                namesake = c.Server.Store.Create(key, copy).Str("metadata", "uid");
            }

            return Task.FromResult<ApiException?>(null);
        };

        var approved = await bot.RunAsync("alice", $"approve {request.Reference}");

        approved.Outcome.ShouldBe(Outcome.Failed, approved.Text);
        approved.Text.ShouldContain($"pod {victim} in {Ns} on cluster local is no longer the pod that was read");
        approved.Text.ShouldContain("nothing was deleted");
        namesake.ShouldNotBeNull();
        c.Server.Store.Get(key).ShouldNotBeNull().Str("metadata", "uid").ShouldBe(namesake);
    }

    [Fact]
    public async Task RolloutStatusWait_OnARealisticRollout_EditsTheMessageAsPodsBecomeReady_ThenSucceeds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await Settled(clock);
        await using var bot = await KubeBot.StartAsync(c, clock);
        c.Server.Seed.SetImage(Ns, Billing, "registry.urbanos.com/urbanos/service-billing:3.2.0");
        var edits = new List<string>();

        var run = bot.RunAsync("alice", $"rollout status {Billing} --wait 5m", e => { lock (edits) { edits.Add(e); } });
        await DriveAsync(clock, run, seconds: 120);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldEndWith($"deployment {Billing} successfully rolled out (revision 4)");
        edits.Count.ShouldBeGreaterThanOrEqualTo(2, result.Text);
        edits[0].ShouldStartWith($"waiting for deployment {Billing}");
        edits.ShouldContain(e => e.Contains("of 3 updated replicas are available", StringComparison.Ordinal) || e.Contains("old replicas are pending termination", StringComparison.Ordinal));
        // Each edit extends the one before: the chat message grows, nothing shown is taken back.
        edits.Zip(edits.Skip(1)).ShouldAllBe(p => p.Second.StartsWith(p.First, StringComparison.Ordinal));
        result.Text.ShouldStartWith(edits[^1]);
        c.Server.Calls.ShouldContain(x => x.Verb == "watch" && x.Resource == "deployments");
    }

    [Fact]
    public async Task RolloutStatusWait_OnABadImage_ReportsProgressDeadlineExceeded_OnlyAfterProgressDeadlineSeconds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await Settled(clock);
        await using var bot = await KubeBot.StartAsync(c, clock);
        c.Server.Seed.SetImage(Ns, Billing, "registry.urbanos.com/urbanos/service-billing:does-not-exist");
        var changed = clock.GetUtcNow();

        var run = bot.RunAsync("alice", $"rollout status {Billing} --wait 15m");
        await DriveAsync(clock, run, seconds: 598);

        run.IsCompleted.ShouldBeFalse("the deadline is 600s after the change; it must not be reported earlier");
        await DriveAsync(clock, run, seconds: 60);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        result.Outcome.ShouldBe(Outcome.Failed, result.Text);
        result.Text.ShouldContain($"deployment {Billing} exceeded its progress deadline: ReplicaSet");
        result.Text.ShouldNotContain("timed out after");
        (clock.GetUtcNow() - changed).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(600));
        Pods(c).Count(Kubelet.IsReady).ShouldBe(3, "the old pods keep serving");
    }

    /// <summary>Advances simulated time a second at a time, letting the watch and the bot catch up, until <paramref name="run"/> ends.</summary>
    private static async Task DriveAsync(FakeTimeProvider clock, Task run, int seconds)
    {
        for (var i = 0; i < seconds && !run.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(15);
        }
    }

    private static async Task<KubeTestCluster> Settled(FakeTimeProvider clock)
    {
        var c = await KubeTestCluster.StartAsync(clock: clock, timing: SimTiming.Realistic with { HpaSync = null });
        for (var i = 0; i < 60; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Pods(c).Count(Kubelet.IsReady).ShouldBe(3);
        return c;
    }

    private static List<JsonObject> Pods(KubeTestCluster c) => c.Server.Store.List("pods", Ns).ToList();

    private static string Name(JsonObject pod) => pod.Str("metadata", "name")!;

    private static string Uid(JsonObject pod) => pod.Str("metadata", "uid")!;

    private static string Owner(JsonObject pod) => pod["metadata"]!["ownerReferences"]![0].Str("name")!;
}

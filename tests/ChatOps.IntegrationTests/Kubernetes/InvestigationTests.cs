using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOps.Bot.Core;
using ChatOps.Bot.Core.Redaction;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.SimCluster;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// Issue 14: pods, describe and events against the simulated cluster, checked against what the real kubectl prints
/// for the same objects. One rollout to an image that cannot be pulled leaves a pod in ImagePullBackOff next to
/// three running ones, with the events a real cluster records on the way.
/// </summary>
public sealed partial class InvestigationTests
{
    private const string Ns = KubeTestCluster.Ns;
    private const string Billing = KubeTestCluster.Billing;
    private const string Missing = "registry.urbanos.com/urbanos/service-billing:does-not-exist";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Pods_PutsTheBrokenPodFirst_WithTheStatusKubectlShows()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await Broken(clock);

        var pods = PodStatus.Worst(await c.Bot.ListPodsAsync(c.Target, new PodSelection(Billing, null), None));

        pods.Count.ShouldBe(4);
        pods[0].Status.ShouldBe("ImagePullBackOff");
        pods[0].Healthy.ShouldBeFalse();
        pods.Skip(1).ShouldAllBe(p => p.Healthy && p.Status == "Running" && p.Ready == 1);
        var kubectl = await c.KubectlAsync("get", "pods", "-l", "app=" + Billing, "--no-headers", "-o",
            "custom-columns=NAME:.metadata.name,WAITING:.status.containerStatuses[*].state.waiting.reason,NODE:.spec.nodeName");
        kubectl.Exit.ShouldBe(0, kubectl.Output);
        foreach (var p in pods)
        {
            kubectl.Output.ShouldMatch($@"(?m)^{Regex.Escape(p.Name)}\s+{Regex.Escape(p.Healthy ? "<none>" : p.Status)}\s+{Regex.Escape(p.Node!)}\s*$");
        }

        await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.ListPodsAsync(c.Target, new PodSelection("nope", null), None))
            .ContinueWith(t => t.Result.Message.ShouldBe($"deployment nope not found in namespace {Ns} on cluster local"), TaskScheduler.Default);
    }

    [Fact]
    public async Task DescribePod_ShowsTheFactsKubectlDescribePrints()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await Broken(clock);
        var pods = PodStatus.Worst(await c.Bot.ListPodsAsync(c.Target, new PodSelection(Billing, null), None));

        foreach (var pod in new[] { pods[0].Name, pods[1].Name })
        {
            var kubectl = await c.KubectlAsync("describe", "pod", pod);
            kubectl.Exit.ShouldBe(0, kubectl.Output);
            var bot = await new DescribePodHandler(c.Bot, Redactor(), clock).Handle(Query<DescribePodQuery>(pod), None);
            bot.Outcome.ShouldBe(Outcome.Succeeded, bot.Text);
            foreach (var fact in Facts(kubectl.Output))
            {
                bot.Text.ShouldContain(fact, customMessage: $"kubectl describe pod {pod} shows '{fact}'\n--- kubectl:\n{kubectl.Output}\n--- bot:\n{bot.Text}");
            }
        }

        var missing = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.GetPodAsync(c.Target, "nope", None));
        missing.Message.ShouldBe($"pod nope not found in namespace {Ns} on cluster local");
    }

    [Fact]
    public async Task DescribeDeployment_DescribesItsWorstPod_AndNamesTheOthers()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await Broken(clock);

        var bot = await new DescribeDeploymentHandler(c.Bot, Redactor(), clock).Handle(Query<DescribeDeploymentQuery>(Billing), None);

        bot.Text.ShouldStartWith($"deployment {Billing}: describing its worst pod {Billing}-");
        bot.Text.ShouldContain("Waiting (ImagePullBackOff)");
        bot.Text.ShouldContain($"Back-off pulling image \"{Missing}\"");
        Regex.Matches(bot.Text, @"\(Running\)").Count.ShouldBe(3);
    }

    [Fact]
    public async Task KubectlGetEvents_HonoursInvolvedObjectFieldSelectors()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await Broken(clock);
        var broken = PodStatus.Worst(await c.Bot.ListPodsAsync(c.Target, new PodSelection(Billing, null), None))[0].Name;

        var ofPod = await c.KubectlAsync("get", "events", "--field-selector", $"involvedObject.name={broken}", "--no-headers", "-o",
            "custom-columns=TYPE:.type,REASON:.reason,KIND:.involvedObject.kind,NAME:.involvedObject.name,MESSAGE:.message");
        ofPod.Exit.ShouldBe(0, ofPod.Output);
        var lines = ofPod.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var columns = lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        columns.ShouldAllBe(l => l[2] == "Pod" && l[3] == broken);
        columns.Select(l => l[1]).Distinct().Order()
            .ShouldBe(["BackOff", "Failed", "Pulling", "Scheduled"]);
        ofPod.Output.ShouldContain("Error: ImagePullBackOff");

        var ofDeployment = await c.KubectlAsync("get", "events", "--field-selector", $"involvedObject.kind=Deployment,involvedObject.name={Billing}", "--no-headers", "-o",
            "custom-columns=REASON:.reason,MESSAGE:.message");
        ofDeployment.Exit.ShouldBe(0, ofDeployment.Output);
        ofDeployment.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(l => l.StartsWith("ScalingReplicaSet", StringComparison.Ordinal));
        ofDeployment.Output.ShouldContain("Scaled up replica set");

        var unknown = await c.KubectlAsync("get", "events", "--field-selector", "involvedObject.colour=red");
        unknown.Exit.ShouldNotBe(0);
        unknown.Output.ShouldContain("field label not supported: involvedObject.colour");
    }

    [Fact]
    public async Task Events_OfADeployment_CoverItsReplicaSetsAndPods_WarningsFirst()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await Broken(clock);

        var all = await new EventsHandler(c.Bot, Redactor(), clock).Handle(Events(EventSubject.Parse(Billing), null, false), None);
        var rows = all.Tables.Single().Rows;
        rows[0][0].ShouldBe("Warning");
        rows.SkipWhile(r => r[0] == "Warning").ShouldAllBe(r => r[0] == "Normal");
        rows.Select(r => r[2].Split('/')[0]).Distinct().Order().ShouldBe(["deployment", "pod", "replicaset"]);
        rows.ShouldContain(r => r[1] == "ScalingReplicaSet" && r[2] == $"deployment/{Billing}");
        rows.ShouldContain(r => r[1] == "SuccessfulCreate" && r[2].StartsWith($"replicaset/{Billing}-", StringComparison.Ordinal));

        var warnings = await new EventsHandler(c.Bot, Redactor(), clock).Handle(Events(EventSubject.Parse(Billing), TimeSpan.FromMinutes(1), true), None);
        warnings.Tables.Single().Rows.ShouldAllBe(r => r[0] == "Warning");
        warnings.Tables.Single().Rows.ShouldContain(r => r[6] == "Error: ImagePullBackOff");
    }

    /// <summary>Settled on the seeded revisions, then rolled to an image that cannot be pulled, long enough to back off.</summary>
    private static async Task<KubeTestCluster> Broken(FakeTimeProvider clock)
    {
        var c = await KubeTestCluster.StartAsync(clock: clock, timing: SimTiming.Realistic with { HpaSync = null });
        Advance(clock, 60);
        c.Server.Seed.SetImage(Ns, Billing, Missing);
        Advance(clock, 15);
        return c;
    }

    /// <summary>
    /// What <c>kubectl describe pod</c> prints that the bot must say too: node, image, image id, state reason,
    /// requests and limits, condition statuses and each event's reason and message.
    /// </summary>
    private static IEnumerable<string> Facts(string describe)
    {
        yield return Field(describe, "Node").Split('/')[0];
        yield return $"image {Field(describe, "Image")}";
        if (Field(describe, "Image ID") is { Length: > 0 } id)
        {
            yield return $"(id {id})";
        }

        var state = Field(describe, "State");
        yield return state == "Waiting" ? $"Waiting ({Field(describe, "Reason")})" : state;
        foreach (Match m in ResourceLine().Matches(describe))
        {
            yield return $"{m.Groups[1].Value}={m.Groups[2].Value}";
        }

        foreach (Match m in ConditionLine().Matches(describe))
        {
            yield return $"{m.Groups[1].Value}={m.Groups[2].Value}";
        }

        foreach (Match m in EventLine().Matches(describe))
        {
            yield return m.Groups[1].Value;
            yield return m.Groups[2].Value.Trim();
        }
    }

    private static string Field(string describe, string name) =>
        Regex.Match(describe, $@"^\s*{Regex.Escape(name)}:[ \t]*(.*)$", RegexOptions.Multiline).Groups[1].Value.Trim();

    private static void Advance(FakeTimeProvider clock, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private static T Query<T>(string name) where T : class =>
        (T)Activator.CreateInstance(typeof(T), Context(), new CommandLine("describe", name, name), "local", Ns, name)!;

    private static EventsQuery Events(EventSubject subject, TimeSpan? since, bool warnings) =>
        new(Context(), new CommandLine("events", subject.Name, subject.Name), "local", Ns, subject, since, warnings);

    private static ChatContext Context() => new("console", "alice", "alice", "C-OPS", null, RequestIds.New(), Start);

    private static SecretRedactor Redactor() =>
        new(new ConfigurationBuilder().Build(), FixedOptions.Of(new RedactionOptions()));

    // "    cpu:     500m" under Requests/Limits.
    [GeneratedRegex(@"^\s{6}(cpu|memory):\s+(\S+)$", RegexOptions.Multiline)]
    private static partial Regex ResourceLine();

    [GeneratedRegex(@"^\s+(PodScheduled|Initialized|ContainersReady|Ready)\s+(True|False)\s*$", RegexOptions.Multiline)]
    private static partial Regex ConditionLine();

    // "  Warning  Failed     5s (x2 over 10s)  kubelet            Error: ImagePullBackOff"
    [GeneratedRegex(@"^\s+(?:Normal|Warning)\s+(\w+)\s+.+?\s{2,}(?:kubelet|default-scheduler)\s{2,}(.+)$", RegexOptions.Multiline)]
    private static partial Regex EventLine();
}

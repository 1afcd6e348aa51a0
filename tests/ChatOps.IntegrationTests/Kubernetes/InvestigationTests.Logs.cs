using System.Text.Json.Nodes;
using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Bot.Parsing;
using ChatOps.SimCluster;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// Issue 14.3: <c>logs</c> against the simulated cluster, line for line what the real <c>kubectl logs</c> prints for
/// the same pod, container, run and tail — except that the bot masks the password one line leaks.
/// </summary>
public sealed partial class InvestigationTests
{
    private const string Sidecar = "envoy";

    [Fact]
    public async Task Logs_GiveTheLinesKubectlLogsGives_ForEachContainerRunAndTail()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await WithSidecarAndCrash(clock);
        var pod = (await c.Bot.ListPodsAsync(c.Target, new PodSelection(Billing, null), None)).OrderBy(p => p.Name, StringComparer.Ordinal).First();

        foreach (var (container, previous, tail) in new[] { (Billing, false, 100), (Billing, true, 100), (Sidecar, false, 100), (Billing, false, 3), (Sidecar, false, 1) })
        {
            string[] args = ["logs", pod.Name, "-c", container, $"--tail={tail}", .. previous ? new[] { "--previous" } : []];
            var kubectl = await c.KubectlAsync(args);
            kubectl.Exit.ShouldBe(0, kubectl.Output);
            var bot = await c.Bot.ReadLogAsync(c.Target, new LogRead(pod.Name, container, previous, null, tail, 64 * 1024), None);
            bot.Lines.ShouldBe(kubectl.Output.TrimEnd('\n').Split('\n'), $"kubectl {string.Join(' ', args)}");
            bot.Truncated.ShouldBeFalse();
        }

        var last = await c.Bot.ReadLogAsync(c.Target, new LogRead(pod.Name, Billing, true, null, 100, 64 * 1024), None);
        last.Lines[^1].ShouldEndWith("fatal: connection pool exhausted, exiting with code 1");
    }

    [Fact]
    public async Task Logs_OfADeployment_PickTheDefaultContainer_AsKubectlDoes_AndMaskTheLeakedPassword()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await WithSidecarAndCrash(clock);
        var handler = new LogsHandler(c.Bot, Redactor(), FixedOptions.Of(c.Options), clock, NoProgress(), new LogFollows());

        var result = await handler.Handle(Logs(Billing), None);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldContain($"container {Billing} (also: {Sidecar}; pick with -c), last 100 lines");
        var picked = result.Text.Split('\n')[0].Split(' ')[3];
        var kubectl = await c.KubectlAsync("logs", picked, "--tail=100");
        kubectl.Exit.ShouldBe(0, kubectl.Output);
        kubectl.Output.ShouldContain(PodLogs.LeakedPassword, customMessage: "kubectl shows the raw log");
        var expected = Redactor().Redact(kubectl.Output.TrimEnd('\n')).Text;
        result.Text.ShouldContain($"```\n{expected}\n```");
        result.Text.ShouldNotContain(PodLogs.LeakedPassword);
        result.Text.ShouldContain("1 secret masked as ***");
    }

    [Fact]
    public async Task Logs_BoundedOnTheCall_AndTheServersRefusalsAreOneLine()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await WithSidecarAndCrash(clock);
        var pod = (await c.Bot.ListPodsAsync(c.Target, new PodSelection(Billing, null), None)).First().Name;
        c.Server.ClearCalls();

        var cut = await c.Bot.ReadLogAsync(c.Target, new LogRead(pod, Billing, false, TimeSpan.FromSeconds(30), 1000, 1024), None);
        var call = c.Server.Calls.Single(x => x.RbacResource == "pods/log");
        var kubectl = await c.KubectlAsync("logs", pod, "-c", Billing, "--since=30s", "--limit-bytes=1024");

        cut.Truncated.ShouldBeTrue();
        string.Join('\n', cut.Lines).ShouldBe(kubectl.Output.TrimEnd('\n'));
        call.Query.ShouldContain("limitBytes=1024");
        call.Query.ShouldContain("tailLines=1000");
        call.Query.ShouldContain("sinceSeconds=30");

        var noPrevious = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.ReadLogAsync(c.Target, new LogRead(pod, Sidecar, true, null, 10, 1024), None));
        noPrevious.Message.ShouldBe($"no log for pod {pod} on cluster local: previous terminated container \"{Sidecar}\" in pod \"{pod}\" not found");
        var handler = new LogsHandler(c.Bot, Redactor(), FixedOptions.Of(c.Options), clock, NoProgress(), new LogFollows());
        (await handler.Handle(Logs($"pod/{pod}", "nope"), None)).Text.ShouldBe($"pod {pod} has no container nope (containers: {Sidecar}, {Billing})");
        (await handler.Handle(Logs("nothing"), None)).Text.ShouldBe($"no deployment or pod named nothing in {Ns} on cluster local");
    }

    [Fact]
    public async Task Logs_SinceAlone_IsSentAsSinceSeconds_WithTheDefaultTail()
    {
        var clock = new FakeTimeProvider(Start);
        await using var c = await WithSidecarAndCrash(clock);
        var handler = new LogsHandler(c.Bot, Redactor(), FixedOptions.Of(c.Options), clock, NoProgress(), new LogFollows());
        c.Server.ClearCalls();

        var result = await handler.Handle(Logs(Billing) with { Since = TimeSpan.FromMinutes(10) }, None);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        var call = c.Server.Calls.Single(x => x.RbacResource == "pods/log");
        call.Query.ShouldContain("sinceSeconds=600");
        call.Query.ShouldContain($"tailLines={new ClusterOptions().LogLines}");
        call.Query.ShouldContain($"limitBytes={new ClusterOptions().MaxLogBytes}");
    }

    /// <summary>Billing with an envoy sidecar listed first, the app as the default container, and the app crashing once.</summary>
    /// <summary>
    /// A server that ignores limitBytes (a proxy that drops it), asked for more lines than the log has, sends the whole
    /// log: 11 days of it here, over 50 MiB. The reader's own cap
    /// must hold: it takes 64 KiB, says the log was cut, and hangs up, so the server streams a small part of the log
    /// (what the socket buffers absorbed before the hang-up), never the whole of it.
    /// </summary>
    [Fact]
    public async Task Logs_TheReadersOwnCapHolds_WhenTheServerIgnoresLimitBytes()
    {
        const int Cap = 64 * 1024;
        var clock = new FakeTimeProvider(Start);
        await using var c = await KubeTestCluster.StartAsync(clock: clock);
        clock.Advance(TimeSpan.FromDays(11));
        var pod = (await c.Bot.ListPodsAsync(c.Target, new PodSelection(Billing, null), None)).First().Name;
        using var http = c.DirectHttp();
        var whole = await LogSizeAsync(http, pod);
        whole.ShouldBeGreaterThan(50L << 20, "11 days of one line a second");
        c.Server.IgnoreLogLimitBytes = true;
        var before = c.Server.LogBytesSent;

        var log = await c.Bot.ReadLogAsync(c.Target, new LogRead(pod, Billing, false, null, 10_000_000, Cap), None);

        log.Truncated.ShouldBeTrue();
        log.Lines.Sum(l => System.Text.Encoding.UTF8.GetByteCount(l) + 1).ShouldBeLessThanOrEqualTo(Cap + 1);
        await Task.Delay(500); // the server notices the hang-up at its next write
        (c.Server.LogBytesSent - before).ShouldBeLessThan(whole / 4, "the reader hung up after its cap instead of draining the log");
    }

    /// <summary>The whole log's size, read in chunks and thrown away, as a client that keeps nothing would.</summary>
    private static async Task<long> LogSizeAsync(HttpClient http, string pod)
    {
        using var response = await http.GetAsync($"/api/v1/namespaces/{Ns}/pods/{pod}/log?container={Billing}", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    private static async Task<KubeTestCluster> WithSidecarAndCrash(FakeTimeProvider clock)
    {
        var c = await KubeTestCluster.StartAsync(clock: clock, timing: SimTiming.Realistic with { HpaSync = null });
        c.Server.Seed.Update(Ns, Billing, d =>
        {
            var template = d["spec"]!["template"]!;
            var containers = (JsonArray)template["spec"]!["containers"]!;
            containers.Insert(0, new JsonObject { ["name"] = Sidecar, ["image"] = "envoyproxy/envoy:v1.31.0" });
            var annotations = new JsonObject
            {
                ["kubectl.kubernetes.io/default-container"] = Billing,
                [Kubelet.CrashOnceAnnotation] = Billing,
            };
            template.AsObject()["metadata"]!.AsObject()["annotations"] = annotations;
        });
        Advance(clock, 90);
        return c;
    }

    private static LogsQuery Logs(string target, string? container = null) =>
        new(Context(), new CommandLine("logs", target, target), "local", Ns, LogSubject.Parse(target), container, false, null, null, null, false);

    private static ProgressRelay NoProgress() => new(NullLogger<ProgressRelay>.Instance);
}

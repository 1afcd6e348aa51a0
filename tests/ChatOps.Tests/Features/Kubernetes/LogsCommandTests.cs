using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary><c>logs</c> through the real parser and pipeline, on the fake port (issue 14 item 3).</summary>
public sealed class LogsCommandTests
{
    private static readonly DateTimeOffset Created = TestClock.Epoch.AddHours(-2);

    [Fact]
    public async Task Deployment_ReadsTheMostRecentlyRestartedPod_ItsDefaultContainer_AndNamesTheOthers()
    {
        await using var bot = Bot(defaultContainer: "web");

        var result = await bot.RunAsync("carol", "logs web --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.ShouldBe(["pods staging/default deployment web", "log staging/default/web-b/web", "owner staging/default/web-b"]);
        result.Text.ShouldStartWith("deployment web: pod web-b (restarted most recently); others: web-a, web-c\ncontainer web (also: envoy; pick with -c), last 100 lines\n");
        result.Text.ShouldContain("```\nweb-b web line 1\nweb-b web line 2\n```");
    }

    [Fact]
    public async Task WithoutAnnotation_TheFirstContainer_AndWithoutRestarts_TheNewestPod()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Pods.Clear();
        bot.Kube.Pods.Add(FakeKubernetes.PodWithSidecar("web-old", 0, null, Created));
        bot.Kube.Pods.Add(FakeKubernetes.PodWithSidecar("web-new", 0, null, Created.AddMinutes(5)));

        var result = await bot.RunAsync("carol", "logs deployment/web --cluster staging");

        bot.Kube.Calls[^1].ShouldBe("log staging/default/web-new/envoy");
        result.Text.ShouldStartWith("deployment web: pod web-new (the newest); others: web-old\ncontainer envoy (also: web; pick with -c)");
    }

    [Theory]
    [InlineData("logs pod/web-a -c web --previous --cluster staging", "pod staging/default/web-a")]
    [InlineData("logs web-a -c web --previous --cluster staging", "pods staging/default deployment web-a")]
    public async Task APod_ByNameOrPodPrefix_PreviousRun(string text, string firstCall)
    {
        await using var bot = Bot();
        bot.Kube.Logs[("web-a", "web", true)] = ["panic: out of memory"];

        var result = await bot.RunAsync("carol", text);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls[0].ShouldBe(firstCall);
        bot.Kube.Calls[^2].ShouldBe("log staging/default/web-a/web previous");
        result.Text.ShouldStartWith("pod web-a\ncontainer web (also: envoy; pick with -c), previous run, last 100 lines\n");
        result.Text.ShouldContain("panic: out of memory");
    }

    [Theory]
    [InlineData("logs web -c nope --cluster staging", "pod web-b has no container nope (containers: envoy, web)")]
    [InlineData("logs pod/web-c -c web --previous --cluster staging", "container web of pod web-c has not restarted: there is no previous log")]
    [InlineData("logs nothing --cluster staging", "no deployment or pod named nothing in default on cluster staging")]
    public async Task UnknownContainer_NoPreviousLog_UnknownName_AreOneLine_AndReadNoLog(string text, string expected)
    {
        await using var bot = Bot();

        var result = await bot.RunAsync("carol", text);

        result.Outcome.ShouldNotBe(Outcome.Succeeded);
        result.Text.ShouldBe(expected);
        bot.Kube.LogReads.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("logs web --tail 5000 --cluster staging", "--tail 5000 is more than cluster staging allows (1000 lines, its MaxLogLines)")]
    [InlineData("logs pod/web-a --all-pods --cluster staging", "--all-pods reads a deployment's pods; name a deployment, not a pod")]
    [InlineData("logs service/web --cluster staging", "logs are read from a deployment or a pod (pod/<name>), not 'service'")]
    [InlineData("logs web -c Bad_Name --cluster staging", "--container 'Bad_Name' is not a valid name")]
    public async Task BadInput_IsRefused_BeforeAnyCall(string text, string expected)
    {
        await using var bot = Bot();

        var result = await bot.RunAsync("carol", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.Split('\n')[0].ShouldContain(expected);
        bot.Kube.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Bounds_GoOnTheCall_DefaultsAndConfiguredCaps()
    {
        await using var bot = Bot(configure: s =>
        {
            s["ChatOps:Clusters:staging:LogLines"] = "30";
            s["ChatOps:Clusters:staging:MaxLogBytes"] = "4096";
        });

        await bot.RunAsync("carol", "logs web --cluster staging");
        await bot.RunAsync("carol", "logs web --tail 7 --since 10m --cluster prod-eks");

        bot.Kube.LogReads.ShouldBe(
        [
            new LogRead("web-b", "envoy", false, null, 30, 4096),
            new LogRead("web-b", "envoy", false, TimeSpan.FromMinutes(10), 7, 64 * 1024),
        ]);
    }

    [Fact]
    public async Task SinceAlone_GoesOnTheCall_AndTheDefaultTailStillBoundsIt()
    {
        await using var bot = Bot(defaultContainer: "web");
        bot.Kube.Logs[("web-b", "web", false)] = [.. Enumerable.Range(1, 150).Select(i => $"line {i}")];

        var result = await bot.RunAsync("carol", "logs web --since 10m --cluster prod-eks");

        bot.Kube.LogReads.ShouldBe([new LogRead("web-b", "web", false, TimeSpan.FromMinutes(10), 100, 64 * 1024)]);
        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldContain("last 100 lines within 10m");
        result.Text.ShouldContain("\nline 51\n");
        result.Text.ShouldNotContain("\nline 50\n");
    }

    [Fact]
    public async Task AllPods_ReadsEachPod_PrefixingItsLines()
    {
        await using var bot = Bot(defaultContainer: "web");

        var result = await bot.RunAsync("carol", "logs web --all-pods --tail 1 --cluster staging");

        bot.Kube.LogReads.Select(r => r.Pod).ShouldBe(["web-a", "web-b", "web-c"]);
        result.Text.ShouldStartWith("deployment web: 3 of 3 pods\ncontainer web");
        result.Text.ShouldContain("```\n[web-a] web-a web line 2\n[web-b] web-b web line 2\n[web-c] web-c web line 2\n```");
    }

    [Fact]
    public async Task Grep_FiltersRedactedLines_SoItCannotProbeForASecret()
    {
        await using var bot = Bot(defaultContainer: "web");
        bot.Kube.Logs[("web-b", "web", false)] = ["login ok password=hunter2hunter2", "GET /health 200", "login failed"];

        var found = await bot.RunAsync("carol", "logs web --grep login --cluster staging");
        var probed = await bot.RunAsync("carol", "logs web --grep hunter2 --cluster staging");

        found.Text.ShouldContain("1 secret masked as ***");
        found.Text.ShouldContain("```\nlogin ok password=***\nlogin failed\n```");
        probed.Text.ShouldEndWith("no log lines contain 'hunter2'");
        probed.Text.ShouldNotContain("password=");
    }

    [Fact]
    public async Task InChat_ALongLog_KeepsTheNewestLines_AndGivesTheKubectlCommandForTheRest()
    {
        await using var bot = Bot(defaultContainer: "web", configure: s =>
        {
            s["ChatOps:Roles:Bindings:9:Subject"] = "slack:U1";
            s["ChatOps:Roles:Bindings:9:Role"] = "viewer";
        });
        bot.Kube.Logs[("web-b", "web", false)] = Enumerable.Range(1, 500).Select(i => $"2026-03-01T09:00:00Z INFO request {i} handled").ToList();
        var slack = bot.Context("U1") with { Platform = "slack" };

        var chat = await bot.Dispatcher.DispatchAsync("logs web --tail 500 --since 1h --cluster staging", slack, CancellationToken.None);
        var console = await bot.RunAsync("carol", "logs web --tail 500 --cluster staging");

        chat.Text.Length.ShouldBeLessThan(LogText.ChatMaxChars + 600);
        chat.Text.ShouldContain("request 500 handled\n```");
        chat.Text.ShouldNotContain("request 1 handled");
        chat.Text.ShouldMatch(@"\n\d+ more lines \(earlier ones\) not shown; get them with `kubectl logs web-b -c web -n default --since=1h --tail=500`$");
        console.Text.ShouldContain("request 1 handled");
        console.Text.ShouldNotContain("more lines");
        console.Files.ShouldBeEmpty("the console printed every line");
    }

    [Fact]
    public async Task InChat_ACutLog_AttachesTheWholeReadAsAFile_AndAShortOneAttachesNothing()
    {
        await using var bot = Bot(defaultContainer: "web", configure: s =>
        {
            s["ChatOps:Roles:Bindings:9:Subject"] = "slack:U1";
            s["ChatOps:Roles:Bindings:9:Role"] = "viewer";
        });
        var slack = bot.Context("U1") with { Platform = "slack" };

        var small = await bot.Dispatcher.DispatchAsync("logs web --previous --cluster staging", slack, CancellationToken.None);
        bot.Kube.Logs[("web-b", "web", true)] = Enumerable.Range(1, 500).Select(i => $"2026-03-01T09:00:00Z INFO request {i} handled").ToList();
        var cut = await bot.Dispatcher.DispatchAsync("logs web --previous --tail 500 --cluster staging", slack, CancellationToken.None);

        small.Outcome.ShouldBe(Outcome.Succeeded, small.Text);
        small.Files.ShouldBeEmpty();
        var file = cut.Files.ShouldHaveSingleItem();
        file.FileName.ShouldBe("logs-web-b-web-previous.log");
        file.MediaType.ShouldBe("text/plain");
        file.Description.ShouldBe(LogText.FileDescription);
        var lines = System.Text.Encoding.UTF8.GetString(file.Content.Span).Split('\n');
        lines.Length.ShouldBe(501, "500 lines, each ending in a newline");
        lines[0].ShouldBe("2026-03-01T09:00:00Z INFO request 1 handled");
        lines[499].ShouldBe("2026-03-01T09:00:00Z INFO request 500 handled");
    }

    [Theory]
    [InlineData("web", null, "web")]
    [InlineData("pod/web-1", "pod", "web-1")]
    [InlineData("po/web-1", "pod", "web-1")]
    [InlineData("deploy/web", "deployment", "web")]
    [InlineData("Service/web", "service", "web")]
    public void Subject_Parse(string text, string? kind, string name) =>
        LogSubject.Parse(text).ShouldBe(new LogSubject(kind, name));

    /// <summary>web's pods: web-a restarted long ago, web-b most recently, web-c never; each container logs two lines.</summary>
    private static TestBot Bot(string? defaultContainer = null, Action<Dictionary<string, string?>>? configure = null)
    {
        var bot = TestBot.Create(configure);
        bot.Kube.Pods.Clear();
        bot.Kube.Pods.Add(FakeKubernetes.PodWithSidecar("web-a", 3, Created.AddMinutes(10), Created, defaultContainer));
        bot.Kube.Pods.Add(FakeKubernetes.PodWithSidecar("web-b", 1, Created.AddMinutes(50), Created, defaultContainer));
        bot.Kube.Pods.Add(FakeKubernetes.PodWithSidecar("web-c", 0, null, Created.AddMinutes(30), defaultContainer));
        foreach (var pod in new[] { "web-a", "web-b", "web-c" })
        {
            foreach (var container in new[] { "web", "envoy" })
            {
                bot.Kube.Logs[(pod, container, false)] = [$"{pod} {container} line 1", $"{pod} {container} line 2"];
            }
        }

        return bot;
    }
}

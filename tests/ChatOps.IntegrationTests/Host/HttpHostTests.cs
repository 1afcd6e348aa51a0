using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Host;

public sealed class HttpHostTests
{
    private const string SigningSecret = "8f0c2d1e-signing-secret-under-test";
    private const string BotToken = "xoxb-9fake";

    [Fact]
    public async Task WithoutConsole_ServesHttpOnUrls_AndStopsCleanlyOnSigterm()
    {
        using var data = new TempDirectory();
        var port = BotProcess.FreePort();
        var info = BotProcess.StartInfo(data.Path, "--urls", $"http://127.0.0.1:{port}");
        info.Environment["ChatOps__Slack__SigningSecret"] = SigningSecret;
        info.Environment["ChatOps__Slack__BotToken"] = BotToken;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        try
        {
            var ready = await WaitForAsync(http, "/readyz", TimeSpan.FromSeconds(60));
            ready.ShouldBe(HttpStatusCode.OK);
            (await http.GetAsync(new Uri("/livez", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
            var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            metrics.ShouldContain("chatops_outbox_backlog");
            metrics.ShouldContain("chatops_pending_approvals");
            // On its defaults (no cluster, the SQLite store, no MVC) the bot does not load what it does not use:
            // KubernetesClient alone is 2.9 MiB resident once loaded, Npgsql 1.4 in the ReadyToRun publish, MVC 1, IIS with
            // the full web host builder's other defaults 1.8 (issue 19).
            var mapped = BotProcess.MappedFileNames(process);
            mapped.ShouldContain("ChatOps.Bot.dll");
            mapped.ShouldNotContain("KubernetesClient.dll");
            mapped.ShouldNotContain("Microsoft.AspNetCore.Mvc.Core.dll");
            mapped.ShouldNotContain("Microsoft.AspNetCore.Server.IIS.dll");
            mapped.ShouldNotContain("Npgsql.dll");

            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(cts.Token);
            process.ExitCode.ShouldBe(0);
            var log = await stdout + await stderr;
            log.ShouldContain("{\"@t\":", Case.Sensitive, "logs are JSON lines");
            // The runtime read the bot's runtimeconfig: a setting under a name it ignores leaves the budget the host's
            // cache gives (80 MiB on a 260 MiB L3). A memory-limited container may cap it lower still, never higher.
            var runtime = Regex.Match(log, @"workstation GC, concurrent, gen0 budget (?<mib>[0-9.]+) MiB");
            runtime.Success.ShouldBeTrue(log);
            double.Parse(runtime.Groups["mib"].Value, CultureInfo.InvariantCulture).ShouldBeLessThanOrEqualTo(6, log);
            log.ShouldNotContain(SigningSecret, Case.Sensitive, "secrets never reach the log");
            log.ShouldNotContain(BotToken, Case.Sensitive, "secrets never reach the log");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<HttpStatusCode> WaitForAsync(HttpClient http, string path, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return (await http.GetAsync(new Uri(path, UriKind.Relative))).StatusCode;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(200);
            }
        }
    }
}

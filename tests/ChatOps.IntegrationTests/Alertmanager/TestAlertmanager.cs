using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Alertmanager;

/// <summary>
/// A real Alertmanager (Debian prometheus-alertmanager, CHATOPS_TEST_ALERTMANAGER_BIN from scripts/services.sh) on a
/// loopback port, clustering off, with one webhook receiver pointing at the bot and short group timings so a test
/// sees the first notification, re-sends and the resolution within seconds.
/// </summary>
public sealed partial class TestAlertmanager : IAsyncDisposable
{
    public const string Variable = "CHATOPS_TEST_ALERTMANAGER_BIN";

    private readonly TempDirectory folder;
    private readonly Process process;
    private readonly HttpClient http;

    private TestAlertmanager(Process process, Uri address, TempDirectory folder)
    {
        this.process = process;
        this.folder = folder;
        http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public static async Task<TestAlertmanager> StartAsync(Uri webhook, string bearerToken)
    {
        var binary = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set. This test needs the real Alertmanager: run scripts/test.sh (or source scripts/services.sh and call alertmanager_install).");
        var port = BotProcess.FreePort();
        var folder = new TempDirectory();
        var config = Path.Combine(folder.Path, "alertmanager.yml");
        await File.WriteAllTextAsync(config, $"""
            route:
              receiver: chatops
              group_by: [alertname]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 2s
            receivers:
              - name: chatops
                webhook_configs:
                  - url: {webhook}
                    send_resolved: true
                    http_config:
                      authorization:
                        type: Bearer
                        credentials: {bearerToken}
            """);
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            $"--config.file={config}",
            $"--storage.path={Path.Combine(folder.Path, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=",
            "--log.level=warn",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var alertmanager = new TestAlertmanager(process, new Uri($"http://127.0.0.1:{port}/"), folder);
        await alertmanager.WaitReadyAsync();
        return alertmanager;
    }

    /// <summary>Pushes alerts through Alertmanager's own API, the way Prometheus does.</summary>
    public async Task PushAsync(params object[] alerts)
    {
        using var response = await http.PostAsJsonAsync("api/v2/alerts", alerts);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"alertmanager refused the alerts ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Webhook notifications Alertmanager attempted so far (its own counter, so re-sends count too).</summary>
    public Task<int> NotificationsSentAsync() => CounterAsync("alertmanager_notifications_total");

    /// <summary>Webhook notifications the receiver refused or that could not be delivered.</summary>
    public Task<int> NotificationsFailedAsync() => CounterAsync("alertmanager_notifications_failed_total");

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        folder.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"alertmanager exited with code {process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("-/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("alertmanager did not become ready");
    }

    private async Task<int> CounterAsync(string name)
    {
        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        var match = WebhookCounter().Matches(metrics).FirstOrDefault(m => m.Groups[1].Value == name);
        return match is null ? 0 : (int)double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("""^(alertmanager_notifications(?:_failed)?_total)\{integration="webhook"[^}]*\} ([0-9.e+]+)$""", RegexOptions.Multiline)]
    private static partial Regex WebhookCounter();
}

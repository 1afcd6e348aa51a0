using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Alertmanager;

/// <summary>
/// A real Alertmanager (Debian prometheus-alertmanager, CHATOPS_TEST_ALERTMANAGER_BIN from scripts/services.sh) on a
/// loopback port, clustering off unless asked (then gossip on another loopback port, optionally joined to a peer),
/// with one webhook receiver and short group timings so a test sees the first notification, re-sends and the
/// resolution within seconds.
/// </summary>
public sealed partial class TestAlertmanager : IAsyncDisposable
{
    public const string Variable = "CHATOPS_TEST_ALERTMANAGER_BIN";

    private readonly TempDirectory folder;
    private readonly Process process;
    private readonly HttpClient http;

    private TestAlertmanager(Process process, Uri address, string? cluster, TempDirectory folder)
    {
        this.process = process;
        this.folder = folder;
        Address = address;
        ClusterAddress = cluster;
        http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The API's base URL, as the bot's ChatOps:Alertmanagers:&lt;name&gt;:Url takes it.</summary>
    public Uri Address { get; }

    /// <summary>host:port of the gossip listener; null when clustering is off.</summary>
    public string? ClusterAddress { get; }

    /// <summary>
    /// <paramref name="clustered"/> turns gossip on; <paramref name="peer"/> (itself clustered) is joined, so the
    /// two form an HA pair the way a production pair does.
    /// </summary>
    public static async Task<TestAlertmanager> StartAsync(Uri webhook, string bearerToken, bool clustered = false, TestAlertmanager? peer = null)
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
        var cluster = clustered || peer is not null ? $"127.0.0.1:{BotProcess.FreePort()}" : null;
        List<string> args =
        [
            $"--config.file={config}",
            $"--storage.path={Path.Combine(folder.Path, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            $"--cluster.listen-address={cluster}",
            "--log.level=warn",
        ];
        if (cluster is not null)
        {
            // Loopback gossip settles in well under a second; the defaults (a minute) only slow readiness.
            args.AddRange(["--cluster.settle-timeout=5s", "--cluster.pushpull-interval=2s", "--cluster.gossip-interval=100ms"]);
        }

        if (peer?.ClusterAddress is { } peerAddress)
        {
            args.Add($"--cluster.peer={peerAddress}");
        }

        args.ForEach(start.ArgumentList.Add);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var alertmanager = new TestAlertmanager(process, new Uri($"http://127.0.0.1:{port}/"), cluster, folder);
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

    /// <summary>The alertname of every active alert, optionally only those no silence mutes (<c>silenced=false</c>).</summary>
    public async Task<IReadOnlyList<string>> AlertNamesAsync(bool includeSilenced)
    {
        var query = includeSilenced ? "api/v2/alerts?active=true" : "api/v2/alerts?active=true&silenced=false&inhibited=false";
        var alerts = JsonNode.Parse(await http.GetStringAsync(new Uri(query, UriKind.Relative)))!.AsArray();
        return alerts.Select(a => a!["labels"]!["alertname"]!.GetValue<string>()).ToList();
    }

    /// <summary>Alertmanager's own count of the alerts a filter (matcher syntax) selects, silenced or not.</summary>
    public async Task<int> CountAsync(string filter)
    {
        var query = $"api/v2/alerts?active=true&silenced=true&inhibited=true&filter={Uri.EscapeDataString(filter)}";
        return JsonNode.Parse(await http.GetStringAsync(new Uri(query, UriKind.Relative)))!.AsArray().Count;
    }

    /// <summary>Every silence this peer knows, as its API returns them (id, createdBy, comment, endsAt, status.state).</summary>
    public async Task<IReadOnlyList<JsonNode>> SilencesAsync() =>
        JsonNode.Parse(await http.GetStringAsync(new Uri("api/v2/silences", UriKind.Relative)))!.AsArray().Select(s => s!).ToList();

    /// <summary>Kills the process (an HA peer going down); the files stay until dispose.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await StopAsync();

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

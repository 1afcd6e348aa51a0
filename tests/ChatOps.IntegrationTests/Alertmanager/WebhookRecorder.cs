using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Alertmanager;

/// <summary>
/// A webhook receiver on loopback that only records what Alertmanager delivers, in order, so a test can tell which
/// alert groups are still being (re-)sent. The bot's own receiver deduplicates re-sends and so cannot show them.
/// </summary>
public sealed class WebhookRecorder : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<Delivery> deliveries = new();
    private readonly Task loop;

    public WebhookRecorder()
    {
        var port = BotProcess.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/webhook/");
        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        loop = Task.Run(ListenAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<Delivery> Deliveries => [.. deliveries];

    /// <summary>Waits until <paramref name="count"/> deliveries of the group after position <paramref name="from"/>; answers the position after the last.</summary>
    public async Task<int> WaitForAsync(string alertname, int count, int from, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            var seen = Deliveries.Select((d, i) => (d, i)).Skip(from).Where(x => x.d.AlertName == alertname).Take(count).ToList();
            if (seen.Count == count)
            {
                return seen[^1].i + 1;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{alertname} was not delivered {count} time(s) after position {from}: {string.Join(", ", Deliveries)}");
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (HttpListenerException)
        {
            // Stopping the listener ends the pending GetContextAsync this way.
        }
        catch (ObjectDisposedException)
        {
            // Likewise, depending on timing.
        }
    }

    private async Task ListenAsync()
    {
        while (listener.IsListening)
        {
            var context = await listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream);
            var body = JsonNode.Parse(await reader.ReadToEndAsync());
            deliveries.Enqueue(new Delivery(
                body?["groupLabels"]?["alertname"]?.GetValue<string>() ?? string.Empty,
                body?["status"]?.GetValue<string>() ?? string.Empty,
                body?["alerts"]?.AsArray().Count ?? 0));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public sealed record Delivery(string AlertName, string Status, int Alerts);
}

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOps.SimCluster;

/// <summary>
/// <c>?watch=1</c> on a collection: newline-delimited <c>{"type","object"}</c> events, flushed one by one, as the
/// real API server streams them. Without a resourceVersion (or with "0") the current objects come first as ADDED;
/// with one, the kept changes after it are replayed, or a 410 Expired ERROR event says it is too old.
/// <c>timeoutSeconds</c> runs on the server's clock so tests that advance time end watches too.
/// </summary>
public sealed class Watcher(ObjectStore store, Func<Kind, JsonObject, JsonObject> present)
{
    public async Task StreamAsync(HttpContext context, Kind kind, ApiCall call)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"], kind);
        var since = query["resourceVersion"].ToString() switch
        {
            "" or "0" => (long?)null,
            var text when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) => v,
            var text => throw new BadRequestException($"resourceVersion: Invalid value: \"{text}\": must be an integer"),
        };
        using var timeout = query["timeoutSeconds"].ToString() is { Length: > 0 } t && int.TryParse(t, CultureInfo.InvariantCulture, out var seconds)
            ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), store.Clock)
            : new CancellationTokenSource();
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.RequestAborted, stopping);

        IReadOnlyList<WatchEvent>? first;
        Channel<WatchEvent> live;
        long oldest;
        lock (store.Gate)
        {
            first = since is { } rv
                ? store.Changes.Since(rv)
                : store.List(kind.Resource, call.Namespace).Select(o => new WatchEvent("ADDED", new ObjectKey(kind.Resource, call.Namespace, o.Str("metadata", "name")!), 0, o)).ToList();
            oldest = store.Changes.Oldest;
            live = store.Changes.Subscribe();
        }

        try
        {
            context.Response.StatusCode = (int)HttpStatusCode.OK;
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(done.Token);
            await context.Response.Body.FlushAsync(done.Token);
            if (first is null)
            {
                var expired = new ApiException(HttpStatusCode.Gone, "Expired", $"too old resource version: {since} ({oldest})");
                await WriteAsync(context, "ERROR", KubeApiServer.StatusBody(expired, call), done.Token);
                return;
            }

            foreach (var change in first)
            {
                await SendAsync(context, kind, call, labels, fields, change, done.Token);
            }

            await foreach (var change in live.Reader.ReadAllAsync(done.Token))
            {
                await SendAsync(context, kind, call, labels, fields, change, done.Token);
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The timeout passed, the client left or the server stops: the stream simply ends, as a real one does.
        }
        finally
        {
            lock (store.Gate)
            {
                store.Changes.Unsubscribe(live);
            }
        }
    }

    private async Task SendAsync(HttpContext context, Kind kind, ApiCall call, LabelSelector labels, FieldSelector fields, WatchEvent change, CancellationToken token)
    {
        if (change.Key.Resource != kind.Resource || (call.Namespace.Length > 0 && change.Key.Namespace != call.Namespace))
        {
            return;
        }

        var shown = present(kind, (JsonObject)change.Object.DeepClone());
        var matches = Matches(labels, fields, shown);
        var type = change.Type;
        if (type == "MODIFIED" && change.Previous is { } previous)
        {
            // As the watch cache does: an object that leaves the selection is DELETED for this watcher, one that
            // enters it is ADDED; both carry the object as it is now.
            var matched = Matches(labels, fields, present(kind, (JsonObject)previous.DeepClone()));
            (type, matches) = (matched, matches) switch
            {
                (true, false) => ("DELETED", true),
                (false, true) => ("ADDED", true),
                _ => (type, matches),
            };
        }

        if (matches)
        {
            await WriteAsync(context, type, shown, token);
        }
    }

    private static bool Matches(LabelSelector labels, FieldSelector fields, JsonObject obj) =>
        labels.Matches(obj["metadata"]?["labels"] as JsonObject) && fields.Matches(obj);

    private static async Task WriteAsync(HttpContext context, string type, JsonObject obj, CancellationToken token)
    {
        var line = Json.Write(new JsonObject { ["type"] = type, ["object"] = obj }) + "\n";
        await context.Response.WriteAsync(line, token);
        await context.Response.Body.FlushAsync(token);
    }
}

using System.Net;
using System.Net.Http.Headers;
using ChatOps.Bot.Features.Queues;

namespace ChatOps.Bot.Infrastructure.Queues;

/// <summary>One Jolokia request of a bulk POST: a read of some attributes or an exec of an operation.</summary>
internal sealed record JolokiaRequest(
    string Type, string MBean, IReadOnlyList<string> Attributes, string? Operation = null, IReadOnlyList<object>? Arguments = null)
{
    public static JolokiaRequest Read(string mbean, IReadOnlyList<string> attributes) => new("read", mbean, attributes);

    /// <param name="arguments">Strings and ints, in the order of the operation's signature.</param>
    public static JolokiaRequest Exec(string mbean, string operation, params IReadOnlyList<object> arguments) => new("exec", mbean, [], operation, arguments);

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = Type, ["mbean"] = MBean };
        if (Operation is { } operation)
        {
            json["operation"] = operation;
            if (Arguments is { Count: > 0 } arguments)
            {
                json["arguments"] = new JsonArray(arguments.Select(a => a switch
                {
                    int i => (JsonNode?)JsonValue.Create(i),
                    _ => JsonValue.Create(Convert.ToString(a, CultureInfo.InvariantCulture)),
                }).ToArray());
            }
        }
        else
        {
            json["attribute"] = new JsonArray(Attributes.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
        }

        return json;
    }
}

/// <summary>One answer of a bulk POST. Jolokia reports errors here, inside an HTTP 200, so <see cref="Status"/> is what counts.</summary>
internal sealed record JolokiaReply(int Status, JsonElement Value, string? Error, string? ErrorType)
{
    public bool Found => Status == 200;

    /// <summary>The MBean (or, for a pattern read, every matching MBean) does not exist.</summary>
    public bool Missing => Status == 404;

    /// <summary>The value of a reply that has to be there; else the broker's refusal, naming <paramref name="what"/>.</summary>
    public JsonElement Expect(string broker, string what) => Found ? Value : throw JolokiaClient.Refusal(broker, this, what);
}

/// <summary>
/// A small Jolokia client: JSON POST bulk requests, HTTP Basic credentials from configuration, the <c>Origin</c> header
/// ActiveMQ 5.16+ requires, and the broker's RequestTimeout around each round trip. Messages never hold the credentials.
/// </summary>
internal sealed class JolokiaClient(IHttpClientFactory clients)
{
    public const string HttpClientName = "jolokia";

    /// <summary>ActiveMQ's Jolokia refuses requests without an Origin (or Referer) header since 5.16.</summary>
    public const string Origin = "http://localhost";

    /// <summary>Sends <paramref name="requests"/> as one bulk POST and returns the answers in the same order.</summary>
    public async Task<IReadOnlyList<JolokiaReply>> BulkAsync(
        string broker, BrokerOptions b, IReadOnlyList<JolokiaRequest> requests, CancellationToken cancellationToken)
    {
        var body = new JsonArray(requests.Select(r => (JsonNode?)r.ToJson()).ToArray()).ToJsonString();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(b.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUri(b))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = HttpCredentials.Basic(b.User, b.Password);
        request.Headers.TryAddWithoutValidation("Origin", Origin);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            ThrowUnlessOk(broker, response);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            return Parse(broker, text, requests.Count);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PortFailure($"broker {broker} did not answer within {b.RequestTimeout.TotalSeconds:0.#}s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PortFailure($"broker {broker} is unreachable ({ex.HttpRequestError})", ex);
        }
    }

    /// <summary>A reply that is neither found nor missing becomes an error naming the broker and what was asked.</summary>
    public static PortFailure Refusal(string broker, JolokiaReply reply, string what)
    {
        if (reply.Status == 0)
        {
            return new PortFailure($"broker {broker} answered {what} without a Jolokia status");
        }

        var error = reply.Error ?? reply.ErrorType ?? "no error text";
        error = error.Length <= 200 ? error : error[..200] + "…";
        return new PortFailure($"broker {broker} answered {reply.Status} to {what}: {error}");
    }

    private static void ThrowUnlessOk(string broker, HttpResponseMessage response)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                return;
            case HttpStatusCode.Unauthorized:
                throw new PortFailure(
                    $"broker {broker} refused the bot's credentials (401): check ChatOps:Brokers:{broker}:User and Password");
            case HttpStatusCode.Forbidden:
                throw new PortFailure(
                    $"broker {broker} refused the request (403): the Jolokia access policy or its Origin check denies it");
            default:
                throw new PortFailure($"broker {broker} answered HTTP {(int)response.StatusCode}; is Url its Jolokia endpoint?");
        }
    }

    private static List<JolokiaReply> Parse(string broker, string text, int expected)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;

            // A request Jolokia cannot even parse is answered with one error object instead of the array.
            if (root.ValueKind == JsonValueKind.Object)
            {
                throw Refusal(broker, Reply(root), "the bulk request");
            }

            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != expected)
            {
                throw new PortFailure($"broker {broker} answered something that is not a Jolokia bulk reply");
            }

            return root.EnumerateArray().Select(Reply).ToList();
        }
        catch (JsonException ex)
        {
            throw new PortFailure($"broker {broker} answered something that is not Jolokia's JSON", ex);
        }
    }

    private static JolokiaReply Reply(JsonElement e)
    {
        var status = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("status", out var s)
            && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) ? n : 0;
        var value = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("value", out var v) ? v.Clone() : default;
        return new JolokiaReply(status, value, Text(e, "error"), Text(e, "error_type"));
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The Jolokia URL without user info; POSTs go to the endpoint itself.</summary>
    private static Uri BaseUri(BrokerOptions b) => new UriBuilder(b.Url) { UserName = string.Empty, Password = string.Empty }.Uri;
}

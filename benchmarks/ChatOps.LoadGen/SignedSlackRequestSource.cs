using System.Globalization;
using System.Text;

namespace ChatOps.LoadGen;

/// <summary>
/// POSTs pre-signed Slack slash-command bodies in turn, from the format benchmarks/load/sign-requests.py writes:
/// one request per line, "timestamp TAB v0=signature TAB form body". Signing stays in one place (the script); this
/// only checks that the run will end inside Slack's 5-minute window and that signatures are lowercase hex, because the
/// bot refuses anything else and a run of 401s would measure the wrong thing.
/// </summary>
public sealed class SignedSlackRequestSource : IRequestSource
{
    public static readonly TimeSpan SlackWindow = TimeSpan.FromMinutes(5);

    private readonly Uri _url;
    private readonly SignedRequest[] _requests;

    private SignedSlackRequestSource(Uri url, SignedRequest[] requests) => (_url, _requests) = (url, requests);

    public int Count => _requests.Length;

    /// <summary>Throws <see cref="FormatException"/> naming the first bad line, or the stale timestamp.</summary>
    public static SignedSlackRequestSource Parse(Uri url, IEnumerable<string> lines, DateTimeOffset now, TimeSpan runLength)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var requests = new List<SignedRequest>();
        var lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t', 3);
            if (fields.Length != 3 || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            {
                throw new FormatException($"line {lineNumber}: expected \"timestamp<TAB>v0=signature<TAB>body\"");
            }

            if (!IsLowercaseSignature(fields[1]))
            {
                throw new FormatException($"line {lineNumber}: signature must be \"v0=\" and 64 lowercase hex digits");
            }

            var age = now - DateTimeOffset.FromUnixTimeSeconds(timestamp);
            if (age + runLength > SlackWindow || age < -SlackWindow)
            {
                throw new FormatException(
                    $"line {lineNumber}: signed {age.TotalSeconds:F0} s ago; a run of {runLength.TotalSeconds:F0} s would leave Slack's 5-minute window — re-sign");
            }

            requests.Add(new SignedRequest(fields[0], fields[1], Encoding.UTF8.GetBytes(fields[2])));
        }

        return requests.Count == 0
            ? throw new FormatException("the requests file holds no signed requests")
            : new SignedSlackRequestSource(url, [.. requests]);
    }

    public HttpRequestMessage Create(long index)
    {
        var signed = _requests[index % _requests.Length];
        var message = new HttpRequestMessage(HttpMethod.Post, _url)
        {
            Content = new ByteArrayContent(signed.Body),
        };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        message.Headers.TryAddWithoutValidation("X-Slack-Request-Timestamp", signed.Timestamp);
        message.Headers.TryAddWithoutValidation("X-Slack-Signature", signed.Signature);
        return message;
    }

    private static bool IsLowercaseSignature(string signature) =>
        signature.Length == 3 + 64 && signature.StartsWith("v0=", StringComparison.Ordinal)
        && signature.AsSpan(3).IndexOfAnyExcept("0123456789abcdef") < 0;

    private sealed record SignedRequest(string Timestamp, string Signature, byte[] Body);
}

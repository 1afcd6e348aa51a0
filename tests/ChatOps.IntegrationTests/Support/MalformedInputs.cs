using System.Text;

namespace ChatOps.IntegrationTests.Support;

/// <summary>
/// Broken bearer tokens and request bodies from a fixed seed, so a failure names an input that can be generated again:
/// wrong segment counts, bad base64, huge values, headers that are not JSON or not objects, alg none, and bodies that
/// are not JSON, not objects, nested too deep or of the wrong types.
/// </summary>
public sealed class MalformedInputs(int seed)
{
    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /// <summary>Header values travel as ASCII; bodies get the non-ASCII characters too.</summary>
    private const string Junk = "!*%$#@ ~`'\"\\/+=,;:<>[]{}()|?";
    private const string BodyJunk = Junk + "é\u00ff\u2028\ud83d\ude00";

    private static readonly string[] Headers =
    [
        "not json", "[]", "123", "\"RS256\"", "null", "{", "{\"alg\":5}", "{\"alg\":\"none\"}", "{\"alg\":\"none\",\"kid\":\"key-1\"}",
        "{\"alg\":\"HS256\",\"kid\":\"key-1\"}", "{\"alg\":\"RS256\"}", "{\"alg\":\"RS256\",\"kid\":{}}", "{\"alg\":\"RS256\",\"kid\":\"key-1\"}",
        "{\"alg\":\"RS256\",\"kid\":\"no-such-key\"}", "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"key-1\"}", "{\"alg\":\"RS256\",\"kid\":\"key-1\",\"crit\":[\"x\"]}",
        "{\"alg\":\"RS256\",\"kid\":\"key-1\",\"typ\":[1,2]}", "{\"alg\":\"RS256\",\"kid\":\"key-1\",\"x5c\":\"AAAA\"}", "{\"alg\":\"RS256\",\"kid\":\"" + new string('k', 3000) + "\"}",
    ];

    private static readonly string[] Payloads =
    [
        "not json", "[]", "{}", "{\"exp\":\"soon\"}", "{\"exp\":1e400}", "{\"iss\":5,\"aud\":{}}", "{\"nbf\":-1,\"exp\":99999999999999999999}",
        "{\"serviceurl\":[]}", "{\"iss\":\"https://api.botframework.com\",\"aud\":\"app\",\"exp\":1}",
    ];

    private readonly Random random = new(seed);

    /// <summary>One broken token (the part after <c>Bearer </c>); at most about 24 KB, under the server's header limit.</summary>
    public string Token()
    {
        switch (random.Next(8))
        {
            case 0:
                return string.Join('.', Enumerable.Range(0, random.Next(0, 9)).Select(_ => Segment()));
            case 1:
                return string.Join('.', Enumerable.Range(0, 3).Select(_ => random.Next(2) == 0 ? Segment() : JunkSegment()));
            case 2:
                return string.Join('.', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Segment(random.Next(4_000, 8_000))));
            case 3:
                return $"{Encode(Pick(Headers))}.{Encode(Pick(Payloads))}.{Segment()}";
            case 4:
                return $"{Encode(Pick(Headers))}.{Encode(Pick(Payloads))}.";
            case 5:
                return $"{Encode(Pick(Headers))}.{Segment()}.{Segment()}.{Segment()}.{Segment()}";
            case 6:
                return $"{Encode(Pick(Headers))}.{JunkSegment()}.{Segment()}";
            default:
                return $"{Segment()}.{Segment()}.{Segment()}" + Pick(["", ".", "..", " ", "\t", "=", "==", "%00"]);
        }
    }

    /// <summary>A whole Authorization header value that is not <c>Bearer &lt;token&gt;</c>.</summary>
    public string Scheme() => Pick(["Bearer", "Bearer ", "bearer  ", "Basic dXNlcjpwYXNz", "Bearer\t" + Segment(), "Token " + Token(), "Bearer Bearer " + Token(), Token()]);

    /// <summary>A request body that is not one valid JSON object, or an object with fields of the wrong types.</summary>
    public string JsonBody() => random.Next(6) switch
    {
        0 => Pick(["", " ", "null", "[]", "1", "\"text\"", "{", "}", "{\"type\":", "{\"a\":1}}", "\uFEFF{}", "{'type':'message'}"]),
        1 => new string('[', random.Next(65, 2_000)) + new string(']', random.Next(0, 65)),
        2 => string.Concat(Enumerable.Range(0, random.Next(1, 200)).Select(_ => BodyJunk[random.Next(BodyJunk.Length)])),
        3 => "{\"type\":" + Pick(["1", "[]", "{}", "null", "\"message\""]) + ",\"text\":" + Pick(["1", "[]", "{}", "null", "\"" + new string('x', random.Next(0, 5_000)) + "\""]) + "}",
        4 => "{\"" + Segment() + "\":" + Pick(["1e999", "-0", "true", "\"\\ud800\"", "\"\\u0000\""]) + "}",
        _ => "{\"type\":\"message\"," + string.Join(',', Enumerable.Range(0, random.Next(1, 50)).Select(i => $"\"k{i}\":{i}")) + "}",
    };

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public int Next(int max) => random.Next(max);

    public static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private string Segment(int? length = null) =>
        string.Concat(Enumerable.Range(0, length ?? random.Next(0, 60)).Select(_ => Base64Url[random.Next(Base64Url.Length)]));

    private string JunkSegment() =>
        string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.Next(3) == 0 ? Junk[random.Next(Junk.Length)] : Base64Url[random.Next(Base64Url.Length)]));
}

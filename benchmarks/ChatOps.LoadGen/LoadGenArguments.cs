using System.Globalization;

namespace ChatOps.LoadGen;

/// <summary>
/// Command line: <c>&lt;url&gt; &lt;rate&gt; &lt;duration&gt; [--requests FILE] [--name NAME] [--max-outstanding N] [--timeout DURATION]</c>.
/// Without <c>--requests</c> every request is a GET of the URL; with it, a POST of the file's pre-signed Slack bodies.
/// </summary>
public sealed record LoadGenArguments(
    Uri Url,
    double Rate,
    TimeSpan Duration,
    string? RequestsFile,
    string Name,
    int MaxOutstanding,
    TimeSpan Timeout)
{
    public const string Usage =
        "usage: ChatOps.LoadGen <url> <rate req/s> <duration e.g. 10s> [--requests signed.tsv] [--name NAME] [--max-outstanding 2000] [--timeout 5s]";

    /// <summary>Parses the command line; throws <see cref="FormatException"/> with a one-line reason on bad input.</summary>
    public static LoadGenArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var positional = new List<string>();
        string? requests = null;
        var name = "run";
        var maxOutstanding = 2000;
        var timeout = TimeSpan.FromSeconds(5);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }

            var option = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new FormatException($"{option} needs a value");
            switch (option)
            {
                case "--requests": requests = value; break;
                case "--name": name = value; break;
                case "--max-outstanding": maxOutstanding = PositiveInt(option, value); break;
                case "--timeout": timeout = ParseDuration(value); break;
                default: throw new FormatException($"unknown option {option}");
            }
        }

        if (positional.Count != 3)
        {
            throw new FormatException($"expected <url> <rate> <duration>, got {positional.Count} positional arguments");
        }

        if (!Uri.TryCreate(positional[0], UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"url must be an absolute http(s) URL: {positional[0]}");
        }

        if (!double.TryParse(positional[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !double.IsFinite(rate) || rate <= 0)
        {
            throw new FormatException($"rate must be a positive number of requests per second: {positional[1]}");
        }

        return new LoadGenArguments(url, rate, ParseDuration(positional[2]), requests, name, maxOutstanding, timeout);
    }

    /// <summary>wrk's spelling: "500ms", "10s", "2m"; a bare number is seconds.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0)
        {
            throw new FormatException($"duration must be positive, like 500ms, 10s or 2m: {text}");
        }

        return TimeSpan.FromSeconds(value * unit);
    }

    private static int PositiveInt(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"{option} must be a positive whole number: {value}");
}

namespace ChatOps.Bot.Features.Kubernetes.Metrics;

/// <summary>
/// Builds the PromQL of one series from its configured template. Every value put into the query is escaped twice
/// where needed: as an RE2 literal inside a regex matcher, then as a PromQL double-quoted string, so a name can
/// never close the string or widen the match.
/// </summary>
public static class PromQl
{
    /// <summary>A pod of a deployment is named <c>&lt;deployment&gt;-&lt;template hash&gt;-&lt;suffix&gt;</c>; requiring
    /// both parts keeps <c>billing</c> from matching <c>billing-worker</c>'s pods.</summary>
    public const string PodSuffix = "-[a-z0-9]+-[a-z0-9]+";

    public static string Expand(string template, string ns, string deployment, TimeSpan rateWindow) =>
        template
            .Replace("$selector", Selector(ns, deployment), StringComparison.Ordinal)
            .Replace("$namespace", String(ns), StringComparison.Ordinal)
            .Replace("$deployment", String(deployment), StringComparison.Ordinal)
            .Replace("$rate", Duration(rateWindow), StringComparison.Ordinal);

    /// <summary>The label matchers of a deployment's pods in a namespace.</summary>
    public static string Selector(string ns, string deployment) =>
        $"namespace={String(ns)},pod=~{String(RegexLiteral(deployment) + PodSuffix)}";

    /// <summary>A PromQL double-quoted string literal (Go's escapes: backslash, quote and control characters).</summary>
    public static string String(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    /// <summary>RE2 metacharacters quoted, so the value matches only itself.</summary>
    public static string RegexLiteral(string value)
    {
        var sb = new StringBuilder();
        foreach (var c in value)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>A PromQL duration in whole seconds (<c>120s</c>).</summary>
    public static string Duration(TimeSpan value) => $"{(long)Math.Ceiling(value.TotalSeconds)}s";
}

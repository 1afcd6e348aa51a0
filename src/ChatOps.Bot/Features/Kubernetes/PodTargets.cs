using System.Text.RegularExpressions;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>How the investigation commands read their target word, and how they print restarts.</summary>
public static partial class PodTargets
{
    private static readonly string[] DeploymentPrefixes = ["deployment/", "deployments/", "deploy/"];

    /// <summary><c>web</c> and <c>deployment/web</c> name a deployment; anything with an operator is a label selector.</summary>
    public static PodSelection Parse(string text)
    {
        var prefix = DeploymentPrefixes.FirstOrDefault(p => text.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        if (prefix is not null)
        {
            return new PodSelection(text[prefix.Length..], null);
        }

        return text.IndexOfAny(['=', '!', ',', '(', ' ']) >= 0 ? new PodSelection(null, text) : new PodSelection(text, null);
    }

    /// <summary>Each comma-separated requirement must be well formed (commas inside <c>in (…)</c> belong to it).</summary>
    public static bool IsSelector(string text) => text.Length > 0 && Selector().IsMatch(text);

    /// <summary>kubectl's RESTARTS column: <c>5 (2m ago)</c>.</summary>
    public static string Restarts(int restarts, DateTimeOffset? last, DateTimeOffset now) =>
        restarts == 0 || last is null
            ? restarts.ToString(CultureInfo.InvariantCulture)
            : $"{restarts.ToString(CultureInfo.InvariantCulture)} ({KubeText.Age(last, now)} ago)";

    private const string Key = @"([a-z0-9A-Z][-a-zA-Z0-9_./]*)";
    private const string Value = @"([-a-zA-Z0-9_.]*)";
    private const string Requirement = $@"\s*({Key}\s*(=|==|!=)\s*{Value}|{Key}\s+(in|notin)\s*\(\s*{Value}(\s*,\s*{Value})*\s*\)|!?{Key})\s*";

    [GeneratedRegex($"^{Requirement}(,{Requirement})*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Selector();
}

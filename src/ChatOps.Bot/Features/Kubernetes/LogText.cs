namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>How a <c>logs</c> answer reads: what was picked (and what else there is), then the redacted lines.</summary>
public static class LogText
{
    /// <summary>
    /// A chat message, not a file: beyond this many characters of log a chat answer keeps the newest lines and gives
    /// the kubectl command for the rest (well under Slack's 4 000-character text and Teams' 28 KB card).
    /// </summary>
    public const int ChatMaxChars = 3000;

    /// <summary>The console prints to a terminal, where the whole bounded read is fine.</summary>
    public const string ConsolePlatform = "console";

    /// <summary>How an adapter names the attached log in its note ("full log attached as …").</summary>
    public const string FileDescription = "full log";

    public static string Header(LogsQuery request, IReadOnlyList<PodDetails> pods, PodDetails pod, ContainerDetails container, string? deployment, int podsRead, int tail)
    {
        string which;
        if (deployment is null)
        {
            which = $"pod {pod.Name}";
        }
        else if (request.AllPods)
        {
            which = $"deployment {deployment}: {podsRead} of {pods.Count} pod{(pods.Count == 1 ? string.Empty : "s")}";
        }
        else
        {
            var why = LogPick.LastRestart(pod) is not null ? "restarted most recently" : "the newest";
            var others = pods.Where(p => p.Name != pod.Name).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
            which = $"deployment {deployment}: pod {pod.Name} ({why})" + (others.Count == 0 ? string.Empty : $"; others: {string.Join(", ", others)}");
        }

        var otherContainers = pod.Containers.Where(c => c.Name != container.Name).Select(c => c.Name).ToList();
        var containerText = $"container {container.Name}" + (otherContainers.Count == 0 ? string.Empty : $" (also: {string.Join(", ", otherContainers)}; pick with -c)");
        var window = $"last {tail.ToString(CultureInfo.InvariantCulture)} lines" + (request.Since is { } s ? $" within {Parsing.Durations.Format(s)}" : string.Empty);
        return $"{which}\n{containerText}{(request.Previous ? ", previous run" : string.Empty)}, {window}";
    }

    /// <summary>What the whole read is called as a file: the pod (or the deployment with --all-pods), container and run.</summary>
    public static string FileName(LogsQuery request, string pod, string container) =>
        $"logs-{(request.AllPods ? request.Name : pod)}-{container}{(request.Previous ? "-previous" : string.Empty)}.log";

    /// <param name="lines">Already redacted: they are both the chat text and, when that is cut, the attached file.</param>
    public static OperationResult Render(LogsQuery request, string header, IReadOnlyList<string> lines, int masked, bool truncated, int maxBytes, string kubectl, string fileName)
    {
        var text = new StringBuilder(header).Append('\n');
        if (masked > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{masked} secret{(masked == 1 ? string.Empty : "s")} masked as {Core.Redaction.Redacted.Mask}\n");
        }

        if (truncated)
        {
            text.Append(CultureInfo.InvariantCulture, $"cut at {maxBytes} bytes (the cluster's MaxLogBytes); narrow with --since or --tail\n");
        }

        if (lines.Count == 0)
        {
            text.Append(request.Grep is { } g ? $"no log lines contain '{g}'" : "the log is empty");
            return Result(request, text.ToString());
        }

        var kept = request.Context.Platform == ConsolePlatform ? lines.Count : Fitting(lines);
        text.Append("```\n");
        foreach (var line in lines.Skip(lines.Count - kept))
        {
            // a fence inside the log would end the block early
            text.Append(line.Replace("```", "'''", StringComparison.Ordinal)).Append('\n');
        }

        text.Append("```");
        if (kept == lines.Count)
        {
            return Result(request, text.ToString());
        }

        text.Append(CultureInfo.InvariantCulture, $"\n{lines.Count - kept} more lines (earlier ones) not shown; get them with `{kubectl}`");

        // The file is the same redacted lines the text was cut from, never a second read: it is bounded by the same caps.
        return Result(request, text.ToString()) with
        {
            Files = [new ResultFile(fileName, "text/plain", Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))), FileDescription)],
        };
    }


    /// <summary>How many of the newest lines fit <see cref="ChatMaxChars"/> (at least one, cut by the adapter if huge).</summary>
    private static int Fitting(IReadOnlyList<string> lines)
    {
        var used = 0;
        var count = 0;
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            used += lines[i].Length + 1;
            if (used > ChatMaxChars && count > 0)
            {
                break;
            }

            count++;
        }

        return count;
    }

    private static OperationResult Result(LogsQuery request, string text) => new(Outcome.Succeeded, text)
    {
        Title = $"logs of {(request.Subject.Kind ?? "deployment or pod")} {request.Name} ({request.Namespace}, {request.Cluster})",
    };
}

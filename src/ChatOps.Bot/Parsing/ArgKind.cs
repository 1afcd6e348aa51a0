namespace ChatOps.Bot.Parsing;

public enum ArgKind
{
    /// <summary>Any single word.</summary>
    Text,

    /// <summary>A Kubernetes-style DNS-1123 name (lower case, digits, '-', '.').</summary>
    Name,

    /// <summary>A whole number within the spec's bounds.</summary>
    Integer,

    /// <summary>A strict duration such as 90s, 5m, 1h or 1h30m.</summary>
    Duration,

    /// <summary>A flag without a value (<c>--dry-run</c>).</summary>
    Switch,

    /// <summary>One of the spec's <c>Choices</c>.</summary>
    Choice,

    /// <summary>Every remaining word, joined by single spaces (titles, reasons).</summary>
    Rest,

    /// <summary>A named object that also accepts kubectl's <c>deployment/x</c> and <c>deploy x</c> forms.</summary>
    Resource,
}

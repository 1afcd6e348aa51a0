namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>One port of a Service: its name (may be empty) and number.</summary>
public sealed record ServicePortView(string Name, int Port)
{
    public override string ToString() => Name.Length == 0 ? Port.ToString(CultureInfo.InvariantCulture) : $"{Name} ({Port.ToString(CultureInfo.InvariantCulture)})";
}

/// <summary>A core/v1 Service as <c>health</c> needs it: the pods it selects and the ports it serves.</summary>
public sealed record ServiceView(string Name, IReadOnlyDictionary<string, string> Selector, IReadOnlyList<ServicePortView> Ports)
{
    /// <summary>A Service with an empty selector selects no pods (its endpoints are managed by hand).</summary>
    public bool Selects(IReadOnlyDictionary<string, string> podLabels) =>
        Selector.Count > 0 && Selector.All(s => podLabels.TryGetValue(s.Key, out var v) && v == s.Value);
}

/// <summary>
/// What a GET through the API server's service proxy answered: the status and (at most the cap of) the body, how long
/// it took, and — when the API server answered itself instead of the service (no endpoints, connection refused) — its
/// Status message.
/// </summary>
public sealed record ProxyAnswer(int StatusCode, string? ContentType, string Body, bool Truncated, TimeSpan Elapsed, string? ProxyError = null);

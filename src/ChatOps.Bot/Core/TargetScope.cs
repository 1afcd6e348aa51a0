namespace ChatOps.Bot.Core;

/// <summary>The environment (cluster, database or broker name) and optional namespace a request acts on.</summary>
public sealed record TargetScope(string? Target, string? Namespace = null)
{
    public static readonly TargetScope Global = new(Target: null);

    public bool IsGlobal => Target is null;

    public override string ToString() => Target is null
        ? "global"
        : Namespace is null ? Target : $"{Target}/{Namespace}";
}

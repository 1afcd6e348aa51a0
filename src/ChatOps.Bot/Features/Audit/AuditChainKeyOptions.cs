namespace ChatOps.Bot.Features.Audit;

public sealed class AuditChainKeyOptions
{
    /// <summary>Stored with every record it keys; short and stable (e.g. <c>2026-01</c>).</summary>
    [Description("stored with every record the key signs; short and stable, e.g. `2026-01`")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The key: its UTF-8 bytes, at least 32 of them.</summary>
    [Description("the HMAC key: at least 32 bytes of UTF-8")]
    public string Secret { get; set; } = string.Empty;

    /// <summary>Keeps the secret out of anything that formats the options.</summary>
    public override string ToString() => $"chain key '{Id}'";
}

namespace ChatOps.Bot.Core.Redaction;

/// <summary>
/// The one place that decides what of a text may reach chat, the audit or a log: every text that can quote
/// somebody else's data (query text, pod logs) goes through it before it is shown.
/// </summary>
public interface ISecretRedactor
{
    /// <summary>The text with every secret span replaced by <see cref="Redacted.Mask"/>, and how many spans were masked.</summary>
    Redacted Redact(string? text);
}

/// <param name="Text">Safe to show.</param>
/// <param name="Masked">How many secret spans were replaced.</param>
public readonly record struct Redacted(string Text, int Masked)
{
    public const string Mask = "***";
}

namespace ChatOps.Bot.Parsing;

/// <summary>
/// Text as it enters the bot, checked and normalised once so the parser, the audit record and both stores see the
/// same characters. Tab becomes a space and CR/CRLF become LF (the tokenizer splits on them outside quotes and keeps
/// them inside, so a multi-line quoted reason still works). What <see cref="AuditText"/> refuses
/// (NUL and other controls, lone surrogates, bidi overrides) is refused here with one line, before anything is parsed.
/// </summary>
public static class InputText
{
    public static bool TryNormalize(string text, out string normalized, out string? error)
    {
        var bad = AuditText.FirstRefused(text);
        if (bad >= 0)
        {
            // The refusal is audited like any invalid command, so keep the attempt visible in its safe form.
            normalized = AuditText.Safe(text);
            error = $"refused: the command contains {AuditText.Describe(text, bad)} at character {bad + 1}; nothing was run";
            return false;
        }

        normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace('\t', ' ');
        error = null;
        return true;
    }

    /// <summary>
    /// Names and ids come from the chat platform, not from the command: they are made safe rather than refused, so a
    /// display name nobody can edit in time does not lock its owner out.
    /// </summary>
    public static ChatContext Safe(ChatContext context)
    {
        var userId = AuditText.Safe(context.UserId);
        var userName = AuditText.Safe(context.UserName);
        var channelId = AuditText.Safe(context.ChannelId);
        var threadId = AuditText.SafeOrNull(context.ThreadId);

        // Every command passes here: the usual, clean context is kept as it is rather than copied.
        return ReferenceEquals(userId, context.UserId) && ReferenceEquals(userName, context.UserName) &&
            ReferenceEquals(channelId, context.ChannelId) && ReferenceEquals(threadId, context.ThreadId)
            ? context
            : context with { UserId = userId, UserName = userName, ChannelId = channelId, ThreadId = threadId };
    }
}

namespace ChatOps.Bot.Core.Text;

/// <summary>What a piece of chat text is, which decides how each platform renders it.</summary>
public enum ChatSpanKind
{
    /// <summary>Written by the bot: may contain line breaks and the platform-neutral backtick code markup.</summary>
    Bot,

    /// <summary>Typed by someone (or sent by a remote system): shown literally, always on one line.</summary>
    User,

    /// <summary>User text shown as inline code (the command of an audit line).</summary>
    Code,

    /// <summary>A person to notify: <see cref="ChatSpan.Text"/> is the platform user id, <see cref="ChatSpan.Label"/> the name shown elsewhere.</summary>
    Mention,

    /// <summary>A channel to link: <see cref="ChatSpan.Text"/> is the platform channel id, <see cref="ChatSpan.Label"/> its name.</summary>
    Channel,
}

public readonly record struct ChatSpan(ChatSpanKind Kind, string Text, string Label = "");

using System.Collections;

namespace ChatOps.Bot.Dispatch;

/// <summary>
/// The properties every log line of a command carries (Serilog turns them into JSON fields). A fixed three-item
/// list instead of a dictionary: it is created for every command.
/// </summary>
internal sealed class CommandLogScope(ChatContext context) : IReadOnlyList<KeyValuePair<string, object>>
{
    public int Count => 3;

    public KeyValuePair<string, object> this[int index] => index switch
    {
        0 => new("CorrelationId", context.CorrelationId),
        1 => new("Subject", context.Subject),
        2 => new("Channel", context.ChannelId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{context.CorrelationId} {context.Subject}";
}

using ChatOps.Bot.Core.Text;
using ChatOps.Bot.Features.Audit;

namespace ChatOps.Tests.Fakes;

/// <summary>Queued lines are stored framed (user parts marked); tests read them as the log destination shows them.</summary>
public static class OutboxText
{
    public static string Plain(this OutboxMessage message) => ChatText.Decode(message.Text).ToString();
}

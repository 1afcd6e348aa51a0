namespace ChatOps.Bot.Chat;

/// <summary>
/// The "busy" answers that must go out through a platform API (a Teams reply, a Slack mention's ephemeral), not in the
/// HTTP response. They are sent while the bot is overloaded, so at most <see cref="Limit"/> are on their way at once;
/// beyond that a refusal is still counted and audited, only its courtesy message is skipped.
/// </summary>
public sealed class BusyReplies(BackgroundWork background)
{
    public const int Limit = 32;

    private int _sending;

    public bool TrySend(Func<CancellationToken, Task> reply)
    {
        if (Interlocked.Increment(ref _sending) > Limit)
        {
            Interlocked.Decrement(ref _sending);
            return false;
        }

        background.Run("busy reply", async ct =>
        {
            try
            {
                await reply(ct);
            }
            finally
            {
                Interlocked.Decrement(ref _sending);
            }
        });
        return true;
    }
}

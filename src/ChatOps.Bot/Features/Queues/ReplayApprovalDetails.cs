namespace ChatOps.Bot.Features.Queues;

/// <summary>
/// An approver of <c>queue replay</c> sees what would move: how many, the oldest and newest, the first message's
/// headers and where they go. A dead-letter queue that does not exist, or a replay that cannot be done as asked, is
/// refused before anyone is asked.
/// </summary>
public sealed class ReplayApprovalDetails(IQueueBroker broker) : ApprovalDetails<ReplayQueueCommand>(FieldName)
{
    public const string FieldName = "Replay preview";

    protected override async Task<ApprovalDetail?> ReadAsync(ReplayQueueCommand replay, CancellationToken cancellationToken)
    {
        if (replay.Broker is not { } name)
        {
            return null;
        }

        try
        {
            return await broker.PreviewReplayAsync(name, replay.Plan, cancellationToken) is { } preview
                ? ApprovalDetail.Show(FieldName, Describe(preview))
                : ApprovalDetail.NotFound($"there is no queue '{QueueText.Short(replay.Queue)}' on broker {name}");
        }
        catch (Exception ex) when (ex is WrongQueueException or ReplayRefusedException)
        {
            return ApprovalDetail.NotFound(ex.Message);
        }
    }

    public static string Describe(ReplayPreview p)
    {
        var when = p.Oldest is { } oldest
            ? $", enqueued {Time(oldest)} … {Time(p.Newest ?? oldest)}"
            : string.Empty;
        var headers = p.FirstHeaders.Count == 0
            ? string.Empty
            : "; first message: " + string.Join(", ", p.FirstHeaders.Select(h => $"{h.Key}={h.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{p.ToMove} of {p.Matching} matching message(s) in {p.Queue} to {p.Destination}{when}{headers}");
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

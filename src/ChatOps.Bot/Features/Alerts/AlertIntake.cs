namespace ChatOps.Bot.Features.Alerts;

/// <summary>What became of a notification handed to <see cref="AlertIntake.RecordAsync"/>.</summary>
public enum AlertIntakeOutcome
{
    /// <summary>New and durably recorded: process it.</summary>
    Accepted,

    /// <summary>Already handled (or being handled by another replica): nothing runs again.</summary>
    Duplicate,

    /// <summary>The store could not record it: the sender should retry later.</summary>
    Unavailable,
}

/// <summary>
/// Takes in an Alertmanager notification: records it durably before the sender is answered, so a re-sent copy is
/// found and runs nothing again, and processes it afterwards. The webhook keeps HTTP; this keeps the store.
/// </summary>
public sealed class AlertIntake(IAlertStore store, AlertProcessor processor, TimeProvider clock, ILogger<AlertIntake> logger)
{
    public async Task<AlertIntakeOutcome> RecordAsync(AlertmanagerPayload payload, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            return await store.TryRecordNotificationAsync(
                payload.DeduplicationKey, payload.GroupKey, payload.Status, now, now + AlertProcessor.Lease, cancellationToken)
                ? AlertIntakeOutcome.Accepted
                : AlertIntakeOutcome.Duplicate;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Alertmanager notification not recorded: {Reason}", ex.Message);
            return AlertIntakeOutcome.Unavailable;
        }
    }

    /// <summary>The slow part of an accepted notification: chat posts and the incident declaration, with retries.</summary>
    public Task ProcessAsync(AlertmanagerPayload payload, CancellationToken cancellationToken) =>
        processor.ProcessWithRetriesAsync(payload, payload.DeduplicationKey, cancellationToken);
}

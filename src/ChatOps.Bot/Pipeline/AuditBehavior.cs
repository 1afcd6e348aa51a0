using System.Diagnostics;
using ChatOps.Bot.Diagnostics;
using ChatOps.Bot.Features.Audit.Outbox;

namespace ChatOps.Bot.Pipeline;

/// <summary>
/// Every request becomes an audit record. A mutating request is written <em>before</em> anything else runs, and if
/// that write fails the request is refused: nothing may change that the audit cannot show. The outcome is appended
/// afterwards, with its audit-channel lines queued in the same transaction. Records that cannot be written because
/// the store is down are held by <see cref="PendingAuditRecords"/> (read-only answers, refusals, outcomes) and
/// appended in order once it is back.
/// </summary>
public sealed class AuditBehavior<TMessage, TResponse>(
    IAuditLog log,
    PendingAuditRecords pending,
    AuditLines lines,
    OutboxSignal outbox,
    IEnumerable<IAuditObserver> observers,
    TimeProvider clock,
    ChatOpsMetrics metrics,
    ILogger<AuditBehavior<TMessage, TResponse>> logger,
    BreakGlassMarks? marks = null) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IOperation
{
    public const string Unavailable = "audit store unavailable: nothing was changed";

    public const string PendingFull =
        "audit store unavailable and the records waiting for it fill the buffer: refused, nothing was run. Try again once the store is back.";

    public const string Refused =
        "the audit store refused this command's record (set aside as a poison record, see the error log): nothing was changed";

    public const string OutcomeHeld =
        "\n(warning: the audit store is unavailable; the outcome is held in memory and will be appended when it is back)";

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // One slot per command, claimed before anything runs, so a full buffer refuses instead of losing a record.
        if (!pending.TryReserve())
        {
            metrics.AuditPendingRefused();
            logger.LogError("Refused {Command}: {Held} audit record(s) already wait for the store", message.Command.Name, pending.Held);
            return PipelineResults.As<TResponse>(new OperationResult(Outcome.Failed, PendingFull));
        }

        var held = false;
        try
        {
            var started = Stopwatch.GetTimestamp();
            var record = Describe(message);
            var mutating = message is IMutating;
            var ahead = mutating ? await WriteAsync(record with { Outcome = AuditOutcome.Started }, message, mutating) : Appended.Written;
            if (NotWrittenAhead(ahead, record, message, started, out held) is { } refusal)
            {
                return PipelineResults.As<TResponse>(refusal);
            }

            OperationResult result;
            try
            {
                result = PipelineResults.From(await next(message, cancellationToken));
            }
            catch (PortFailure failure)
            {
                // ExceptionMappingBehavior gives the answer; it is audited here exactly as if the handler had returned it.
                held = await SettleAsync(Complete(Marked(record, message), failure.Answer, Elapsed(started)), message, mutating);
                if (held && mutating)
                {
                    throw failure.WithNote(OutcomeHeld);
                }

                throw;
            }
            catch (Exception ex)
            {
                held = await SettleAsync(Failed(Marked(record, message), ex, Elapsed(started)), message, mutating);
                throw;
            }

            held = await SettleAsync(Complete(Marked(record, message), result, Elapsed(started)), message, mutating);
            if (held && mutating)
            {
                result = result with { Text = result.Text + OutcomeHeld };
            }

            return PipelineResults.As<TResponse>(result);
        }
        finally
        {
            if (!held)
            {
                pending.Release();
            }
        }
    }

    /// <summary>
    /// The answer when the write-ahead record did not go in, and whether a record now waits in memory; null when it went in.
    /// </summary>
    private OperationResult? NotWrittenAhead(Appended ahead, AuditRecord record, TMessage message, long started, out bool held)
    {
        switch (ahead)
        {
            case Appended.Written:
                held = false;
                return null;
            case Appended.StoreDown:
                // Fail closed, and keep a record of the refusal: nothing ran, so holding it changes nothing.
                held = Hold(record with { Outcome = AuditOutcome.NotRun, Error = Unavailable, DurationMs = Elapsed(started) }, message);
                return new OperationResult(Outcome.Failed, Unavailable);
            default:
                // The store refused this record as data: its poison marker stands in for it, and nothing runs.
                held = ahead == Appended.MarkerHeld;
                return new OperationResult(Outcome.Failed, Refused);
        }
    }

    /// <summary>The outcome record names the elevation that authorized the request, if only one did (break-glass).</summary>
    private AuditRecord Marked(AuditRecord record, TMessage message) => marks?.For(message) is { } elevation ? record with { BreakGlass = elevation } : record;

    private static AuditRecord Failed(AuditRecord record, Exception ex, long durationMs) => record with
    {
        Outcome = AuditOutcome.Failed,
        Error = ex is OperationCanceledException ? "cancelled" : $"internal error ({ex.GetType().Name})",
        DurationMs = durationMs,
    };

    /// <summary>Records the outcome; true when it is held in memory for the store.</summary>
    private async Task<bool> SettleAsync(AuditRecord record, TMessage message, bool mutating) =>
        Settle(await RecordAsync(record, message, mutating), record, message);

    /// <summary>
    /// Held records go first, so the chain keeps the order in which commands were answered; while they still cannot
    /// be written the store is down, and this record is not tried on its own (one attempt per command, not two).
    /// A read-only command does not wait for another caller's flush: its record is held instead.
    /// </summary>
    private async Task<Appended> WriteAsync(AuditRecord record, TMessage message, bool mutating) =>
        await pending.FlushAsync(waitForTurn: mutating, CancellationToken.None) ? await TryAppendAsync(record, message) : Appended.StoreDown;

    /// <summary>Writes a final record and, once it is written, tells the observers (an incident's timeline).</summary>
    private async Task<Appended> RecordAsync(AuditRecord record, TMessage message, bool mutating)
    {
        var appended = await WriteAsync(record, message, mutating);
        if (appended != Appended.Written)
        {
            return appended;
        }

        foreach (var observer in observers)
        {
            try
            {
                // Like the append: the record is written, so what follows from it happens even if the caller left.
                await observer.OnRecordedAsync(message, record, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogWarning("Audit observer {Observer} failed for {Command}: {Reason}", observer.GetType().Name, message.Command.Name, ex.Message);
            }
        }

        return Appended.Written;
    }

    /// <summary>Holds a final record the store could not take; true when the command's slot is now held.</summary>
    private bool Settle(Appended appended, AuditRecord record, TMessage message) => appended switch
    {
        Appended.StoreDown => Hold(record, message),
        Appended.MarkerHeld => true,
        _ => false,
    };

    private bool Hold(AuditRecord record, TMessage message)
    {
        pending.Hold(new AuditAppend(record, lines.For(message, record)));
        return true;
    }

    private async Task<Appended> TryAppendAsync(AuditRecord record, TMessage message)
    {
        var started = Stopwatch.GetTimestamp();
        var outboxLines = lines.For(message, record);
        try
        {
            // Not the request's token: once a request has started, its record must be written even if the caller left.
            await log.AppendAsync(record, outboxLines, CancellationToken.None);
            metrics.AuditWritten(Stopwatch.GetElapsedTime(started));
            if (outboxLines.Count > 0)
            {
                // Read-only successes queue no line: waking the worker for them cost every such command a write
                // transaction (the worker's claim) under load (issue 19).
                outbox.Notify();
            }

            return Appended.Written;
        }
        catch (AuditStoreUnavailableException ex)
        {
            metrics.AuditWriteFailed();
            logger.LogError("Audit append failed for {Command} ({Outcome}): {Reason}", message.Command.Name, record.Outcome, ex.Message);
            return Appended.StoreDown;
        }
        catch (AuditRecordRefusedException ex)
        {
            // Not an outage: holding it would only block every later record behind it.
            return await pending.SetAsideAsync(new AuditAppend(record, outboxLines), ex) ? Appended.MarkerHeld : Appended.MarkerWritten;
        }
    }

    private AuditRecord Describe(TMessage message)
    {
        var ctx = message.Context;
        var target = message is IRequiresRole { Scope.IsGlobal: false } scoped ? scoped.Scope.ToString() : null;
        var approver = message is IDangerous { Approval: { } grant } ? string.Join(",", grant.Approvers) : null;
        return new AuditRecord(
            ctx.CorrelationId, AuditChain.Normalize(clock.GetUtcNow()), ctx.Platform, ctx.UserId, ctx.UserName, ctx.ChannelId,
            message.Command.Raw, message.Command.Canonical, target, AuditDecision.Pending, approver, AuditOutcome.Started,
            null, 0, ctx.CorrelationId);
    }

    private AuditRecord Complete(AuditRecord record, OperationResult result, long durationMs)
    {
        var (decision, outcome) = result.Outcome switch
        {
            Outcome.Succeeded => (AuditDecision.Allowed, AuditOutcome.Succeeded),
            Outcome.Failed => (AuditDecision.Allowed, AuditOutcome.Failed),
            Outcome.Denied => (AuditDecision.Denied, AuditOutcome.NotRun),
            Outcome.Invalid => (AuditDecision.Invalid, AuditOutcome.NotRun),
            _ => (AuditDecision.AwaitingApproval, AuditOutcome.NotRun),
        };
        var error = result.IsSuccess || result.Outcome == Outcome.AwaitingApproval ? null : FirstLine(result.Text);
        return record with { At = AuditChain.Normalize(clock.GetUtcNow()), Decision = decision, Outcome = outcome, Error = error, DurationMs = durationMs };
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0];
        return line.Length <= 300 ? line : line[..300];
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>What became of one append: written, store down (hold and retry), or refused and replaced by its marker.</summary>
    private enum Appended
    {
        Written,
        StoreDown,
        MarkerWritten,
        MarkerHeld,
    }
}

namespace ChatOps.Bot.Features.Audit;

/// <summary>
/// Told about every request's final audit record once it is written (not the write-ahead one). The audit behaviour is
/// the one place that sees every request with its outcome, so features that follow commands (an incident's timeline)
/// hook in here instead of into handlers. An observer's failure is logged and never changes the request's answer.
/// </summary>
public interface IAuditObserver
{
    Task OnRecordedAsync(IOperation request, AuditRecord record, CancellationToken cancellationToken);
}

using FluentValidation;

namespace ChatOps.Bot.Features.Audit;

public sealed record ShowAuditQuery(ChatContext Context, CommandLine Command, int Last, string? User, TimeSpan? Since) : IRequiresRole
{
    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => TargetScope.Global;
}

public sealed class ShowAuditQueryValidator : AbstractValidator<ShowAuditQuery>
{
    public ShowAuditQueryValidator()
    {
        RuleFor(q => q.Last).InclusiveBetween(1, 200).WithMessage("--last must be between 1 and 200");
        RuleFor(q => q.User).MaximumLength(100).WithMessage("--user is too long");
    }
}

public sealed class ShowAuditHandler(IAuditLog log, TimeProvider clock) : IRequestHandler<ShowAuditQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(ShowAuditQuery request, CancellationToken cancellationToken)
    {
        var since = request.Since is { } s ? clock.GetUtcNow() - s : (DateTimeOffset?)null;
        var user = request.User is { } u && u.Contains(':', StringComparison.Ordinal) ? u[(u.IndexOf(':', StringComparison.Ordinal) + 1)..] : request.User;
        var records = await log.QueryAsync(new AuditQuery(request.Last, user, since), cancellationToken);
        if (records.Count == 0)
        {
            return OperationResult.Success("no audit records match");
        }

        var rows = records.Select(r => (IReadOnlyList<string>)
        [
            r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            r.RequestId,
            $"{r.Platform}:{r.UserId}",
            r.ParsedRequest.Length > 0 ? r.ParsedRequest : r.RawText,
            r.Target ?? "-",
            Describe(r),
            r.Approver ?? "-",
            r.DurationMs.ToString(CultureInfo.InvariantCulture),
        ]).ToList();
        var table = new ResultTable(["time (UTC)", "id", "user", "command", "target", "result", "approver", "ms"], rows);
        return OperationResult.Success(TextTable.Render(table)) with { Title = $"Last {records.Count} audit records", Summary = string.Empty, Tables = [table] };
    }

    /// <summary>A mutating request whose newest entry is still Started never reported back: say so plainly.</summary>
    internal static string Describe(AuditRecord r) => (r.Decision, r.Outcome) switch
    {
        (_, AuditOutcome.Started) => "started, outcome unknown",
        (_, AuditOutcome.Unknown) => "outcome unknown",
        (AuditDecision.Pending, AuditOutcome.NotRun) => "not run",
        (AuditDecision.Allowed or AuditDecision.Pending, var o) => o.ToString().ToLowerInvariant(),
        (var d, _) => d switch
        {
            AuditDecision.AwaitingApproval => "awaiting approval",
            _ => d.ToString().ToLowerInvariant(),
        },
    } + (r.Error is { Length: > 0 } e ? $" ({e})" : string.Empty);
}

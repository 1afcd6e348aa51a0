namespace ChatOps.Bot.Features.Databases;

public sealed class KillSessionsHandler(BulkKill bulk) : IRequestHandler<KillSessionsCommand, OperationResult>
{
    public ValueTask<OperationResult> Handle(KillSessionsCommand request, CancellationToken cancellationToken) =>
        bulk.RunAsync(request, cancellationToken);
}

public sealed class KillIdleSessionsHandler(BulkKill bulk) : IRequestHandler<KillIdleSessionsCommand, OperationResult>
{
    public ValueTask<OperationResult> Handle(KillIdleSessionsCommand request, CancellationToken cancellationToken) =>
        bulk.RunAsync(request, cancellationToken);
}

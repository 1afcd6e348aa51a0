namespace ChatOps.Bot.Features.Silences;

/// <summary>Reads the silence first, so the answer names what was unmuted and an already expired one is told, not "expired" again.</summary>
public sealed class ExpireSilenceHandler(IAlertSilences silences) : IRequestHandler<ExpireSilenceCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(ExpireSilenceCommand request, CancellationToken cancellationToken)
    {
        var am = request.Alertmanager!;
        var silence = await silences.GetAsync(am, request.Id, cancellationToken);
        if (silence is null || silence.IsExpired)
        {
            return OperationResult.Failure(silence is null
                ? $"Alertmanager {am} has no silence {request.Id} (see `silence list --all`); nothing was expired"
                : $"silence {request.Id} on {am} already expired at {SilenceText.Time(silence.EndsAt)}; nothing was changed");
        }

        if (!await silences.ExpireAsync(am, request.Id, cancellationToken))
        {
            return OperationResult.Failure($"Alertmanager {am} no longer has silence {request.Id}; nothing was expired");
        }

        return OperationResult.Success($"expired silence {request.Id} on {am} ({SilenceMatchers.Format(silence.Matchers)}): its alerts notify again") with
        {
            Visibility = Visibility.InChannel,
            Reference = request.Id,
        };
    }
}

namespace ChatOps.Bot.Features.Silences;

/// <summary>
/// Re-posts the silence with its id and a later end, which is how the v2 API updates one. Alertmanager keeps the id
/// when only the end moves; when it cannot (it decides), it expires the old one and answers a new id, which is shown.
/// </summary>
public sealed class ExtendSilenceHandler(IAlertSilences silences, TimeProvider clock) : IRequestHandler<ExtendSilenceCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(ExtendSilenceCommand request, CancellationToken cancellationToken)
    {
        var am = request.Alertmanager!;
        var silence = await silences.GetAsync(am, request.Id, cancellationToken);
        if (silence is null || silence.IsExpired)
        {
            return OperationResult.Failure($"{SilenceText.NotExtendable(am, request.Id, silence)}; nothing was changed");
        }

        var end = SilenceSchedule.ExtendedEnd(silence, request.Duration, clock.GetUtcNow());
        var draft = new SilenceDraft(silence.Matchers, silence.StartsAt, end, silence.CreatedBy, silence.Comment, silence.Id);
        var id = await silences.SaveAsync(am, draft, cancellationToken);
        var renamed = string.Equals(id, silence.Id, StringComparison.Ordinal) ? string.Empty : $"; Alertmanager replaced it with silence {id}";
        return OperationResult.Success(
            $"extended silence {silence.Id} on {am} ({SilenceMatchers.Format(silence.Matchers)}): ends {SilenceText.Time(end)} instead of {SilenceText.Time(silence.EndsAt)}{renamed}") with
        {
            Visibility = Visibility.InChannel,
            Reference = id,
        };
    }
}

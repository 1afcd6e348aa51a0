namespace ChatOps.Bot.Features.Silences;

/// <summary>Counts the firing alerts the matchers select, then creates the silence: the answer shows both.</summary>
public sealed class CreateSilenceHandler(IAlertSilences silences, IAlertmanagerTargets targets, TimeProvider clock)
    : IRequestHandler<CreateSilenceCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(CreateSilenceCommand request, CancellationToken cancellationToken)
    {
        var am = request.Alertmanager!;
        var matchers = request.Matchers;
        IReadOnlyList<IReadOnlyDictionary<string, string>> firing;
        try
        {
            firing = await silences.FiringAsync(am, matchers, cancellationToken);
        }
        catch (PortFailure ex)
        {
            return OperationResult.Failure($"{ex.Message}; nothing was silenced");
        }

        var now = clock.GetUtcNow();
        var comment = SilenceText.Comment(request.Comment, request.Context.CorrelationId);
        var draft = new SilenceDraft(matchers, now, now + request.Duration, SilenceText.CreatedBy(request.Context),
            request.UntilResolved ? $"{comment} {SilenceText.UntilResolvedMark}" : comment);
        string id;
        try
        {
            id = await silences.SaveAsync(am, draft, cancellationToken);
        }
        catch (PortFailure ex)
        {
            return OperationResult.Failure($"{ex.Message}; the silence may have been created: check `silence list --alertmanager {am}`");
        }

        var what = SilenceMatchers.Format(matchers);
        var matched = SilenceText.Firing(firing, targets.SpreadLabels(am));
        var until = request.UntilResolved ? $"until its alerts resolve or {SilenceText.Time(draft.EndsAt)}" : $"until {SilenceText.Time(draft.EndsAt)}";
        return OperationResult.Success(
            $"silenced {what} on {am} for {SilenceText.Duration(request.Duration)}, {until}: {matched}; silence {id}") with
        {
            // What an alert card shows once clicked: who muted it and for how long.
            Title = $"Silenced by @{request.Context.UserName} {until}",
            Visibility = Visibility.InChannel,
            Reference = id,
            Fields =
            [
                new("Matchers", what, Short: false),
                new("Until", SilenceText.Time(draft.EndsAt)),
                new("Firing alerts matched", matched, Short: false),
                new("Silence", id),
            ],
            Buttons = [new("Expire", $"silence expire {id} --alertmanager {am}", ButtonStyle.Danger)],
        };
    }
}

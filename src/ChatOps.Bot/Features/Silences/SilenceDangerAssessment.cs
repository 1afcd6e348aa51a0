namespace ChatOps.Bot.Features.Silences;

/// <summary>
/// Applies <see cref="SilencePolicy"/> to silence requests on production Alertmanagers. Errs towards approval: when the
/// firing alerts cannot be read, nobody can tell how far the silence reaches, so a second person looks.
/// </summary>
public sealed class SilenceDangerAssessment(IAlertSilences silences, IAlertmanagerTargets targets, TimeProvider clock) : IDangerAssessment
{
    public async ValueTask<string?> AssessAsync(IDangerous request, CancellationToken cancellationToken)
    {
        switch (request)
        {
            case CreateSilenceCommand { Alertmanager: { } am } create:
            {
                var firing = await FiringAsync(am, create.Matchers, cancellationToken);
                return Join(SilencePolicy.Reasons(create.Matchers, create.Duration, targets.MaxSilence(am), firing, targets.SpreadLabels(am)));
            }

            case ExtendSilenceCommand { Alertmanager: { } am } extend:
            {
                Silence? silence;
                try
                {
                    silence = await silences.GetAsync(am, extend.Id, cancellationToken);
                }
                catch (PortFailure)
                {
                    return "the silence could not be read";
                }

                // A missing or expired silence is refused by the approval details and the handler, not held for approval.
                if (silence is null || silence.IsExpired)
                {
                    return null;
                }

                var now = clock.GetUtcNow();
                var end = SilenceSchedule.ExtendedEnd(silence, extend.Duration, now);
                var firing = await FiringAsync(am, silence.Matchers, cancellationToken);
                return Join(SilencePolicy.Reasons(silence.Matchers, end - now, targets.MaxSilence(am), firing, targets.SpreadLabels(am)));
            }

            default:
                return null;
        }
    }

    private async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>?> FiringAsync(
        string am, IReadOnlyList<SilenceMatcher> matchers, CancellationToken cancellationToken)
    {
        try
        {
            return await silences.FiringAsync(am, matchers, cancellationToken);
        }
        catch (PortFailure)
        {
            return null;
        }
    }

    private static string? Join(IReadOnlyList<string> reasons) => reasons.Count == 0 ? null : string.Join("; ", reasons);
}

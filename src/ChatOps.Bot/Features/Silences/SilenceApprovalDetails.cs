namespace ChatOps.Bot.Features.Silences;

/// <summary>
/// An approver of a silence sees how many firing alerts it would mute, and where; of an extension, the silence and
/// its old and new end. A silence id Alertmanager does not know is refused before anyone is asked.
/// </summary>
public sealed class SilenceApprovalDetails(IAlertSilences silences, IAlertmanagerTargets targets, TimeProvider clock) : IApprovalDetails
{
    public const string FieldName = "Firing alerts matched";

    public async ValueTask<ApprovalDetail?> DescribeAsync(IDangerous request, CancellationToken cancellationToken)
    {
        try
        {
            return request switch
            {
                CreateSilenceCommand { Alertmanager: { } am } create => ApprovalDetail.Show(FieldName,
                    SilenceText.Firing(await silences.FiringAsync(am, create.Matchers, cancellationToken), targets.SpreadLabels(am))),
                ExtendSilenceCommand { Alertmanager: { } am } extend => await ExtensionAsync(am, extend, cancellationToken),
                _ => null,
            };
        }
        catch (PortFailure ex)
        {
            return ApprovalDetail.Unknown(FieldName, ex);
        }
    }

    private async Task<ApprovalDetail> ExtensionAsync(string am, ExtendSilenceCommand extend, CancellationToken cancellationToken)
    {
        var silence = await silences.GetAsync(am, extend.Id, cancellationToken);
        if (silence is null || silence.IsExpired)
        {
            return ApprovalDetail.NotFound(SilenceText.NotExtendable(am, extend.Id, silence));
        }

        var firing = await silences.FiringAsync(am, silence.Matchers, cancellationToken);
        var end = SilenceSchedule.ExtendedEnd(silence, extend.Duration, clock.GetUtcNow());
        return ApprovalDetail.Show("Silence",
            $"{SilenceMatchers.Format(silence.Matchers)}, ends {SilenceText.Time(silence.EndsAt)} → {SilenceText.Time(end)}; " +
            SilenceText.Firing(firing, targets.SpreadLabels(am)));
    }
}

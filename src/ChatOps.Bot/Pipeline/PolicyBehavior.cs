using ChatOps.Bot.Features.Incidents;
using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Pipeline;

/// <summary>
/// "Not now" and "not that much": a mutating request a policy rule refuses (a change freeze, a protected namespace,
/// a replica change above the limit) is answered with that rule and runs no further. A rule that asks for approval
/// leaves its decision for <see cref="ApprovalBehavior{TMessage, TResponse}"/>, which binds the approval to it.
/// </summary>
public sealed class PolicyBehavior<TMessage, TResponse>(
    PolicyEvaluator evaluator,
    PolicyDecisions decisions,
    IIncidentStore incidents,
    TimeProvider clock,
    ILogger<PolicyBehavior<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMutating, IRequiresRole
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IPreviewable { DryRun: true })
        {
            var preview = await evaluator.EvaluateAsync(message, cancellationToken, asIfRun: true);
            return PipelineResults.As<TResponse>(PolicyPreview.Annotate(PipelineResults.From(await next(message, cancellationToken)), preview));
        }

        var decision = await evaluator.EvaluateAsync(message, cancellationToken);
        decisions.Remember(message, decision);
        if (decision.Refusal is { } refusal)
        {
            return PipelineResults.As<TResponse>(OperationResult.Denied(refusal));
        }

        // The rule names the incident: the one given with --incident, or the one whose channel the command was typed in.
        if (message is not IDangerous { Approval: not null }
            && decision.Rules.FirstOrDefault(r => r.Incident is not null) is { Incident: { } incident } overridden)
        {
            await MarkOverrideAsync(message, incident, overridden, cancellationToken);
        }

        return await next(message, cancellationToken);
    }

    /// <summary>The incident's timeline shows that a freeze was set aside for it, and by whom, before anyone approves.</summary>
    private async Task MarkOverrideAsync(TMessage message, string incident, PolicyRule rule, CancellationToken cancellationToken)
    {
        var entry = new TimelineEntry(clock.GetUtcNow(), message.Context.UserName, TimelineKind.Operation,
            $"freeze override requested: `{message.Command.Canonical}`: {rule.Text}");
        try
        {
            await incidents.AppendTimelineAsync(incident, entry, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Could not mark the freeze override on {Incident}: {Reason}", incident, ex.Message);
        }
    }
}

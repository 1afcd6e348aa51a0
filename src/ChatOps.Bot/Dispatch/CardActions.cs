namespace ChatOps.Bot.Dispatch;

/// <summary>
/// The one card-button algorithm behind every platform: claim the click, run its command through the ordinary
/// dispatcher as the clicker (so roles, approvals and audit apply as if they had typed it), and say what the card
/// becomes. The adapters keep only their wire formats: parsing the click, rendering the card, posting the update.
/// </summary>
public sealed class CardActions(ICommandDispatcher dispatcher, IIdempotencyStore claims, ICardDecisions decisions, ILogger<CardActions> logger)
{
    /// <summary>A click is remembered for a day: long past any redelivery or a second look at an old card.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromDays(1);

    /// <summary>True when this click is new and now claimed; false for a repeat, which must run nothing, on any replica.</summary>
    public async Task<bool> TryClaimAsync(CardClick click, CancellationToken cancellationToken)
    {
        var now = click.Clicker.ReceivedAt;
        if (await claims.TryClaimAsync(click.ClaimKey, now, now + ClaimLifetime, cancellationToken))
        {
            return true;
        }

        logger.LogInformation("Repeated click on card {Card} by {User} ignored", click.Card, click.Clicker.UserId);
        return false;
    }

    /// <summary>Runs a claimed click's command and decides the card's fate.</summary>
    public async Task<CardActionResult> RunAsync(CardClick click, CancellationToken cancellationToken)
    {
        var result = await dispatcher.DispatchAsync(click.Command, click.Clicker, cancellationToken);
        if (result.Outcome is Outcome.Denied or Outcome.Invalid)
        {
            return new CardActionResult(result, CardChange.Refused);
        }

        var settled = await decisions.IsSettledAsync(click.Command, cancellationToken);
        return new CardActionResult(result, settled ? CardChange.Settled : CardChange.Answered);
    }
}

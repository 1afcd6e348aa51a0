namespace ChatOps.Bot.Dispatch;

/// <summary>
/// The one card-button algorithm behind every platform: admit the click, claim it, run its command through the
/// ordinary dispatcher as the clicker (so roles, approvals and audit apply as if they had typed it), and say what the
/// card becomes. The adapters keep only their wire formats: parsing the click, rendering the card, posting the update.
/// </summary>
public sealed class CardActions(CommandDispatcher dispatcher, IIdempotencyStore claims, ICardDecisions decisions, ILogger<CardActions> logger)
{
    /// <summary>A click is remembered for a day: long past any redelivery or a second look at an old card.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromDays(1);

    /// <summary>
    /// Admits the click and then claims it, in that order: a claim is for a day, so a click claimed and then refused
    /// as busy could never be clicked again ("already used") though nothing ran. Returns null for a repeat, which must
    /// run nothing on any replica; a ticket with a <see cref="CommandTicket.Refusal"/> for a busy or stopping bot,
    /// which claimed nothing, so the same click works once the bot has room; otherwise the claimed click's ticket,
    /// holding its in-flight slot until <see cref="RunAsync"/> ends.
    /// </summary>
    public async Task<CommandTicket?> TryClaimAsync(CardClick click, CancellationToken cancellationToken)
    {
        var ticket = dispatcher.Admit(click.Command, click.Clicker);
        if (ticket.Refusal is not null)
        {
            return ticket;
        }

        var now = click.Clicker.ReceivedAt;
        bool claimed;
        try
        {
            claimed = await claims.TryClaimAsync(click.ClaimKey, now, now + ClaimLifetime, cancellationToken);
        }
        catch
        {
            ticket.Dispose();
            throw;
        }

        if (claimed)
        {
            return ticket;
        }

        ticket.Dispose();
        logger.LogInformation("Repeated click on card {Card} by {User} ignored", click.Card, click.Clicker.UserId);
        return null;
    }

    /// <summary>Runs a claimed click's command, giving its slot back however it ends, and decides the card's fate.</summary>
    public async Task<CardActionResult> RunAsync(CommandTicket ticket, CancellationToken cancellationToken)
    {
        var result = await dispatcher.RunAsync(ticket, cancellationToken);
        if (ticket.Refusal is not null || result.Outcome is Outcome.Denied or Outcome.Invalid || result.LeavesCard)
        {
            return new CardActionResult(result, CardChange.Refused);
        }

        var settled = await decisions.IsSettledAsync(ticket.Text, cancellationToken);
        return new CardActionResult(result, settled ? CardChange.Settled : CardChange.Answered);
    }
}

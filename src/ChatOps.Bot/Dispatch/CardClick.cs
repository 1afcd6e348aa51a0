namespace ChatOps.Bot.Dispatch;

/// <summary>
/// One click on a card's button: the command the button carries, the card it sits on (the platform's message id), and
/// the clicker's context, which the command runs under exactly as if they had typed it.
/// </summary>
public sealed record CardClick(string Command, string Card, ChatContext Clicker)
{
    /// <summary>Same card, same person, same command: a double click or a replayed payload; anyone else's click is new.</summary>
    public string ClaimKey => $"{Clicker.Platform}:action:{Clicker.ChannelId}:{Card}:{Clicker.UserId}:{Command}";
}

/// <summary>What a click does to its card.</summary>
public enum CardChange
{
    /// <summary>
    /// Denied or invalid, or an answer that leaves the card to someone else (<see cref="OperationResult.LeavesCard"/>): the
    /// answer concerns the clicker only; the card stays as it was.
    /// </summary>
    Refused,

    /// <summary>The card shows the outcome; its buttons stay (an approval still missing a vote, an alert's status button).</summary>
    Answered,

    /// <summary>The card shows the outcome and loses its buttons: the question it asked is settled.</summary>
    Settled,
}

/// <summary>The command's result and what it does to the card.</summary>
public sealed record CardActionResult(OperationResult Result, CardChange Change)
{
    public bool Refused => Change == CardChange.Refused;

    public bool ButtonsStay => Change != CardChange.Settled;
}

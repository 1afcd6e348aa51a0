namespace ChatOps.Bot.Core;

/// <summary>
/// Records a command refused because the bot was busy. It must cost almost nothing, since it runs exactly when the
/// bot has no time to spare: the record is held in memory and written with the next group of held records, never
/// on the refused request's path.
/// </summary>
public interface IOverloadAudit
{
    const string Error = "refused: overloaded";

    /// <summary>False when there was no room to hold the record (the store is down and the buffer nearly full).</summary>
    bool Refused(string text, ChatContext context, int keepFree);
}

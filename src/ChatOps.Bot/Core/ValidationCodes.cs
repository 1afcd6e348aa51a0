namespace ChatOps.Bot.Core;

/// <summary>FluentValidation error codes the validation step of the pipeline reads.</summary>
public static class ValidationCodes
{
    /// <summary>
    /// The arguments are fine but the bot is not set up for them (no Prometheus for the cluster): the answer is the
    /// one line naming the missing setting, since repeating the command's usage would suggest the user typed it wrong.
    /// </summary>
    public const string NotConfigured = "ChatOps.NotConfigured";
}

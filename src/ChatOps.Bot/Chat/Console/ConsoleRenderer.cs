namespace ChatOps.Bot.Chat.Console;

/// <summary>Plain text for a terminal: the answer, then any buttons as the commands they would run.</summary>
public static class ConsoleRenderer
{
    public static string Render(OperationResult result)
    {
        var sb = new StringBuilder();
        var marker = result.Outcome switch
        {
            Outcome.Denied => "denied: ",
            Outcome.Invalid => "error: ",
            Outcome.Failed => "failed: ",
            _ => string.Empty,
        };
        var text = result.Text.StartsWith("denied", StringComparison.Ordinal) ? result.Text : marker + result.Text;
        sb.Append(text);
        foreach (var button in result.Buttons)
        {
            sb.Append("\n  [").Append(button.Label).Append("] ").Append(button.Command);
        }

        return PlainText.Terminal(sb.ToString());
    }
}

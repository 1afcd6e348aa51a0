namespace ChatOps.Bot.Chat.Console;

/// <summary>
/// A terminal cannot edit what it printed. Interim answers grow line by line, so each one prints only the lines
/// not shown yet; the final answer does the same, so nothing appears twice. A mark, when given, starts the first line.
/// </summary>
internal sealed class ShownText(TextWriter output, string? mark = null)
{
    private readonly List<string> _shown = [];

    public bool Any => _shown.Count > 0;

    public async ValueTask ShowAsync(string text, CancellationToken cancellationToken)
    {
        var lines = text.Split('\n');
        var common = 0;
        while (common < lines.Length && common < _shown.Count && lines[common] == _shown[common])
        {
            common++;
        }

        for (var i = common; i < lines.Length; i++)
        {
            await output.WriteLineAsync(i == 0 ? mark + lines[i] : lines[i]);
        }

        _shown.Clear();
        _shown.AddRange(lines);
        await output.FlushAsync(cancellationToken);
    }
}

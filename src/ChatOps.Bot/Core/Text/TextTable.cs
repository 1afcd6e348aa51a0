namespace ChatOps.Bot.Core.Text;

/// <summary>Aligned monospace rendering of a table, for the plain-text form every adapter can show.</summary>
public static class TextTable
{
    public static string Render(ResultTable table)
    {
        var widths = table.Columns.Select((c, i) => Math.Max(c.Length, table.Rows.Select(r => i < r.Count ? PlainText.Line(r[i]).Length : 0).DefaultIfEmpty(0).Max())).ToArray();
        var sb = new StringBuilder();
        AppendRow(sb, table.Columns, widths);
        foreach (var row in table.Rows)
        {
            AppendRow(sb, row, widths);
        }

        return sb.ToString().TrimEnd('\n');
    }

    private static void AppendRow(StringBuilder sb, IReadOnlyList<string> cells, int[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            // A cell is one line of someone's data: a line break in it must not start a row that was never there.
            var cell = i < cells.Count ? PlainText.Line(cells[i]) : string.Empty;
            sb.Append(i == widths.Length - 1 ? cell : cell.PadRight(widths[i] + 2));
        }

        sb.Append('\n');
    }
}

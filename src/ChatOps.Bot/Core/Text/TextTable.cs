using System.Buffers;

namespace ChatOps.Bot.Core.Text;

/// <summary>Aligned monospace rendering of a table, for the plain-text form every adapter can show.</summary>
public static class TextTable
{
    public static string Render(ResultTable table) => Render([], table);

    /// <summary>
    /// <paramref name="lead"/> then the table, as one string: an answer whose text ends with its table (status) makes
    /// no string of the table alone only to copy it, and its lead may still be in the buffer it was written into.
    /// </summary>
    public static string Render(ReadOnlySpan<char> lead, ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var widths = new int[table.Columns.Count];
        // Written into one pooled buffer sized for the whole text, so the only string made is the answer.
        var buffer = ArrayPool<char>.Shared.Rent(lead.Length + Measure(table, widths));
        try
        {
            lead.CopyTo(buffer);
            return new string(buffer, 0, lead.Length + Write(table, widths, buffer.AsSpan(lead.Length)));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The table as <see cref="Render(ResultTable)"/> makes it, written onto <paramref name="output"/>: an adapter that escapes and
    /// splits the text anyway (Block Kit) then makes no string of it.
    /// </summary>
    public static void Render(ResultTable table, IBufferWriter<char> output)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(output);
        var widths = new int[table.Columns.Count];
        var span = output.GetSpan(Measure(table, widths));
        output.Advance(Write(table, widths, span));
    }

    /// <summary>Sets each column's width; returns the room the whole table needs.</summary>
    private static int Measure(ResultTable table, int[] widths)
    {
        var lastCells = Measure(table.Columns, widths);
        var rows = table.Rows;
        for (var r = 0; r < rows.Count; r++)
        {
            lastCells += Measure(rows[r], widths);
        }

        // Every column but the last is padded to its width plus two, and each line ends with a line feed.
        var padded = 0;
        for (var i = 0; i < widths.Length - 1; i++)
        {
            padded += widths[i] + 2;
        }

        return lastCells + (rows.Count + 1) * (padded + 1);
    }

    /// <returns>How many characters were written.</returns>
    private static int Write(ResultTable table, int[] widths, Span<char> buffer)
    {
        var rows = table.Rows;
        var n = WriteRow(buffer, 0, table.Columns, widths);
        for (var r = 0; r < rows.Count; r++)
        {
            n = WriteRow(buffer, n, rows[r], widths);
        }

        // The text is placed before other lines in answers: trailing blank lines (rows of empty cells) would show as gaps.
        while (n > 0 && buffer[n - 1] == '\n')
        {
            n--;
        }

        return n;
    }

    /// <summary>Widens <paramref name="widths"/> to the row's shown cells; returns the shown length of its last cell.</summary>
    private static int Measure(IReadOnlyList<string> cells, int[] widths)
    {
        var last = 0;
        for (var i = 0; i < widths.Length; i++)
        {
            var shown = i < cells.Count ? PlainText.Line(cells[i]).Length : 0;
            widths[i] = Math.Max(widths[i], shown);
            last = shown;
        }

        return last;
    }

    private static int WriteRow(Span<char> buffer, int at, IReadOnlyList<string> cells, int[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            // A cell is one line of someone's data: a line break in it must not start a row that was never there.
            var cell = i < cells.Count ? PlainText.Line(cells[i]) : string.Empty;
            cell.CopyTo(buffer[at..]);
            at += cell.Length;
            if (i < widths.Length - 1)
            {
                var pad = widths[i] + 2 - cell.Length;
                buffer.Slice(at, pad).Fill(' ');
                at += pad;
            }
        }

        buffer[at] = '\n';
        return at + 1;
    }
}

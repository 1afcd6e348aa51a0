using System.Buffers;
using ChatOps.Bot.Core;
using ChatOps.Bot.Core.Text;

namespace ChatOps.Tests.Core;

public sealed class TextTableTests
{
    [Fact]
    public void Render_PadsEachColumnToItsWidestCellPlusTwo_AndLeavesTheLastColumnUnpadded()
    {
        var table = new ResultTable(["POD", "PHASE", "AGE"], [["web-1", "Running", "2d"], ["web-22", "CrashLoopBackOff", "5m"]]);

        TextTable.Render(table).ShouldBe(
            "POD     PHASE             AGE\n" +
            "web-1   Running           2d\n" +
            "web-22  CrashLoopBackOff  5m");
    }

    [Fact]
    public void Render_AHeaderWiderThanEveryCell_SetsTheWidth()
    {
        var table = new ResultTable(["RESTARTS", "X"], [["0", "a"]]);

        TextTable.Render(table).ShouldBe("RESTARTS  X\n0         a");
    }

    [Fact]
    public void Render_AShortRow_GetsEmptyCells_AndALongRowsExtraCellsAreDropped()
    {
        var table = new ResultTable(["A", "B", "C"], [["1"], ["1", "2", "3", "4"]]);

        TextTable.Render(table).ShouldBe("A  B  C\n1     \n1  2  3");
    }

    [Fact]
    public void Render_ALineBreakInACell_StaysOnItsRow_AndCountsAsShown()
    {
        var table = new ResultTable(["NAME", "NOTE"], [["a\nb", "x"], ["c", "y"]]);

        TextTable.Render(table).ShouldBe($"NAME  NOTE\na{PlainText.LineBreak}b   x\nc     y");
    }

    [Fact]
    public void Render_NoRows_IsTheHeaderAlone()
    {
        TextTable.Render(new ResultTable(["A", "BB"], [])).ShouldBe("A  BB");
    }

    [Fact]
    public void Render_TrailingEmptyLines_AreDropped()
    {
        TextTable.Render(new ResultTable(["A"], [["x"], [""], [""]])).ShouldBe("A\nx");
        TextTable.Render(new ResultTable([], [["x"], ["y"]])).ShouldBe(string.Empty);
    }

    [Fact]
    public void Render_ManyRows_MatchesTheRowByRowLayout()
    {
        var rows = Enumerable.Range(0, 300).Select(i => (IReadOnlyList<string>)[$"pod-{i}", new string('r', i % 17), $"{i}"]).ToList();
        var table = new ResultTable(["POD", "STATE", "N"], rows);

        var lines = TextTable.Render(table).Split('\n');

        lines.Length.ShouldBe(301);
        lines[0].ShouldBe("POD      STATE             N");
        lines[300].ShouldBe($"pod-299  {new string('r', 299 % 17),-16}  299");
        lines.Skip(1).ShouldAllBe(l => l.IndexOf(' ') <= 9 && l.Length >= 28);
    }

    public static TheoryData<ResultTable> Tables => new()
    {
        new ResultTable(["POD", "PHASE", "AGE"], [["web-1", "Running", "2d"], ["web-22", "CrashLoopBackOff", "5m"]]),
        new ResultTable(["A", "B", "C"], [["1"], ["1", "2", "3", "4"]]),
        new ResultTable(["NAME", "NOTE"], [["a\nb", "x"], ["c", "y"]]),
        new ResultTable(["A"], [["x"], [""], [""]]),
        new ResultTable([], [["x"], ["y"]]),
        new ResultTable(["POD", "N"], Enumerable.Range(0, 300).Select(i => (IReadOnlyList<string>)[$"pod-{i}", $"{i}"]).ToList()),
    };

    /// <summary>The form Block Kit writes into its rented buffer, after text already there: the same table, appended.</summary>
    [Theory]
    [MemberData(nameof(Tables))]
    public void Render_OntoABufferWriter_AppendsExactlyTheRenderedText(ResultTable table)
    {
        var output = new ArrayBufferWriter<char>(1);
        output.Write("before\n");

        TextTable.Render(table, output);

        new string(output.WrittenSpan).ShouldBe("before\n" + TextTable.Render(table));
    }

    /// <summary>The form an answer ending with its table uses (status): its lead, then exactly the rendered table.</summary>
    [Theory]
    [MemberData(nameof(Tables))]
    public void Render_AfterALead_IsTheLeadThenExactlyTheRenderedText(ResultTable table)
    {
        TextTable.Render("deployment web: 3 ready\n", table).ShouldBe("deployment web: 3 ready\n" + TextTable.Render(table));
        TextTable.Render(string.Empty, table).ShouldBe(TextTable.Render(table));
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using ChatOps.Bot.Chat.Slack;

namespace ChatOps.Tests.Chat.Slack;

/// <summary>
/// The escaper under every long answer: text a user typed (a quote, a backslash, a control character) must come back
/// from the JSON as the same text, never close the string and add a property or a block of its own.
/// </summary>
public sealed class JsonStringWriterTests
{
    private static readonly string Long = new('x', JsonStringWriter.Threshold);

    [Theory]
    [InlineData("plain")]
    [InlineData("line one\nline two\r\n\ttabbed")]
    [InlineData("a \"quoted\" word and a back\\slash \\\"")]
    [InlineData("\"}],\"blocks\":[{\"type\":\"section\"")]
    [InlineData("bell \u0007 escape \u001b nul \u0000 unit \u001f")]
    [InlineData("non-ASCII ≤ ≥ → é 漢字")]
    [InlineData("ends in a backslash \\")]
    public void LongText_ReadsBackAsTheSameText_InTheWritersOwnBytes(string text)
    {
        var value = Long + text + Long;

        var (ours, parsed) = Written(value);

        parsed.ShouldBe(value);
        ours.ShouldBe(WrittenByTheWriter(value));
    }

    /// <summary>The writer also escapes DEL and a character beyond the BMP, which JSON does not ask for: those stay UTF-8 here.</summary>
    [Theory]
    [InlineData("del \u007f")]
    [InlineData("an emoji 🚀 and ≤")]
    public void LongText_WithWhatOnlyTheWriterEscapes_ReadsBackAsTheSameText(string text)
    {
        var value = Long + text + Long;

        var (ours, parsed) = Written(value);

        parsed.ShouldBe(value);
        ours.ShouldContain(text);
    }

    [Fact]
    public void EveryControlCharacter_IsEscaped_AndReadsBack()
    {
        var all = new StringBuilder(Long);
        for (var c = '\0'; c < ' '; c++)
        {
            all.Append(c).Append('.');
        }

        var (ours, parsed) = Written(all.ToString());

        parsed.ShouldBe(all.ToString());
        ours.ShouldBe(WrittenByTheWriter(all.ToString()));
        ours.AsSpan().IndexOfAnyInRange('\0', '\u001f').ShouldBe(-1);
    }

    /// <summary>Six bytes for one: the buffer is sized for the escapes, not for the text.</summary>
    [Fact]
    public void TextOfNothingButEscapes_FitsItsBuffer()
    {
        var value = new string('\u0001', 4 * JsonStringWriter.Threshold);

        var (ours, parsed) = Written(value);

        parsed.ShouldBe(value);
        ours.Length.ShouldBe(value.Length * 6 + "{\"text\":\"\"}".Length);
    }

    [Fact]
    public void ALoneSurrogate_BecomesTheReplacementCharacter_AsTheWriterMakesIt()
    {
        var value = Long + "broken \ud83d pair" + Long;

        var (ours, parsed) = Written(value);

        parsed.ShouldBe(Long + "broken \ufffd pair" + Long);
        JsonDocument.Parse(WrittenByTheWriter(value)).RootElement.GetProperty("text").GetString().ShouldBe(parsed);
        ours.ShouldNotBeNull();
    }

    [Fact]
    public void ShortText_GoesThroughTheWriter()
    {
        var (ours, parsed) = Written("a \"short\"\nanswer");

        parsed.ShouldBe("a \"short\"\nanswer");
        ours.ShouldBe(WrittenByTheWriter("a \"short\"\nanswer"));
    }

    [Fact]
    public void TheValue_TakesItsPlaceAmongOtherProperties()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, BlockKit.WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("type", "mrkdwn");
            JsonStringWriter.Write(writer, "text", Long + "\n\"");
            writer.WriteBoolean("verbatim", false);
            writer.WriteEndObject();
            writer.WriteStartObject();
            JsonStringWriter.Write(writer, "text", Long);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var items = document.RootElement.EnumerateArray().ToList();
        items.Count.ShouldBe(2);
        items[0].GetProperty("text").GetString().ShouldBe(Long + "\n\"");
        items[0].GetProperty("verbatim").GetBoolean().ShouldBeFalse();
        items[1].GetProperty("text").GetString().ShouldBe(Long);
    }

    private static (string Json, string? Text) Written(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, BlockKit.WriterOptions))
        {
            writer.WriteStartObject();
            JsonStringWriter.Write(writer, "text", value);
            writer.WriteEndObject();
        }

        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        using var document = JsonDocument.Parse(json);
        document.RootElement.EnumerateObject().Count().ShouldBe(1);
        return (json, document.RootElement.GetProperty("text").GetString());
    }

    private static string WrittenByTheWriter(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, BlockKit.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("text", value);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

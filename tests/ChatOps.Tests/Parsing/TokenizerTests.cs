using ChatOps.Bot.Parsing;

namespace ChatOps.Tests.Parsing;

public sealed class TokenizerTests
{
    [Theory]
    [InlineData("a b  c", new[] { "a", "b", "c" })]
    [InlineData("deny r-1 \"not now\"", new[] { "deny", "r-1", "not now" })]
    [InlineData("deny r-1 'it''s'", new[] { "deny", "r-1", "its" })]
    [InlineData("say \u201Csmart quotes\u201D", new[] { "say", "smart quotes" })]
    [InlineData("say \u2018single smart\u2019", new[] { "say", "single smart" })]
    [InlineData("x \"a \\\"b\\\" c\"", new[] { "x", "a \"b\" c" })]
    [InlineData("--reason=\"two words\"", new[] { "--reason=two words" })]
    [InlineData("   ", new string[0])]
    public void Tokenize_SplitsOnWhiteSpace_AndGroupsQuotes(string text, string[] expected)
    {
        Tokenizer.TryTokenize(text, out var tokens, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        tokens.Select(t => t.Text).ShouldBe(expected);
    }

    [Fact]
    public void Tokenize_MarksOnlyTokensThatStartQuoted_AsQuoted()
    {
        Tokenizer.TryTokenize("\"--last\" --user=\"a b\"", out var tokens, out _);
        tokens[0].Quoted.ShouldBeTrue();
        tokens[1].Quoted.ShouldBeFalse();
    }

    [Fact]
    public void Tokenize_RefusesUnterminatedQuote()
    {
        Tokenizer.TryTokenize("deny r-1 \"oops", out _, out var error).ShouldBeFalse();
        error.ShouldBe("unterminated quote: close it or remove it");
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("two words")]
    [InlineData("-looks-like-a-flag")]
    [InlineData("quote\"inside")]
    [InlineData("back\\slash")]
    [InlineData("")]
    [InlineData("\u201Ccurly\u201D")]
    public void Quote_RoundTripsThroughTokenize(string value)
    {
        Tokenizer.TryTokenize(Tokenizer.Quote(value), out var tokens, out _).ShouldBeTrue();
        tokens.Count.ShouldBe(1);
        tokens[0].Text.ShouldBe(value);
    }
}

using ChatOps.Bot.Parsing;

namespace ChatOps.Tests.Parsing;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("scael", "scale")]
    [InlineData("audti", "audit")]
    [InlineData("aprove", "approve")]
    [InlineData("whomai", "whoami")]
    public void Closest_FindsTyposAndTranspositions(string typo, string expected) =>
        Suggestions.Closest(typo, ["scale", "audit", "approve", "whoami", "help", "deny"]).ShouldContain(expected);

    [Fact]
    public void Closest_SuggestsNothingForUnrelatedWords() =>
        Suggestions.Closest("kubernetes", ["help", "deny", "audit"]).ShouldBeEmpty();

    [Fact]
    public void Distance_CountsTranspositionAsOne() => Suggestions.Distance("ab", "ba").ShouldBe(1);
}

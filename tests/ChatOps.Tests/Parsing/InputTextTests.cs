using ChatOps.Bot.Core.Text;
using ChatOps.Bot.Parsing;

namespace ChatOps.Tests.Parsing;

public sealed class InputTextTests
{
    // A lone surrogate does not survive test-case serialization, so the data names it and the test puts it in.
    public static TheoryData<string, string> Refused => new()
    {
        { "whoami a\0b", "U+0000 (a control character) at character 9" },
        { "whoami \u001b[31m", "U+001B (a control character) at character 8" },
        { "whoami \u0085", "U+0085 (a control character) at character 8" },
        { "scale \u202Eweb", "U+202E (a bidirectional override) at character 7" },
        { "scale \u2066web", "U+2066 (a bidirectional override) at character 7" },
        { "scale <D800>web", "U+D800 (an unpaired surrogate) at character 7" },
        { "scale web<DC00>", "U+DC00 (an unpaired surrogate) at character 10" },
    };

    [Theory]
    [Trait("Category", "Adversarial")]
    [MemberData(nameof(Refused))]
    public void TryNormalize_RefusesWithOneLine_AndKeepsTheAttemptInSafeForm(string text, string what)
    {
        text = text.Replace("<D800>", "\ud800", StringComparison.Ordinal).Replace("<DC00>", "\udc00", StringComparison.Ordinal);

        InputText.TryNormalize(text, out var safe, out var error).ShouldBeFalse();

        error.ShouldBe($"refused: the command contains {what}; nothing was run");
        AuditText.FirstRefused(safe).ShouldBe(-1);
        safe.ShouldContain("\\u", Case.Sensitive, "the audit shows what was attempted");
    }

    [Fact]
    public void TryNormalize_TurnsTabsIntoSpacesAndLineEndsIntoLf_AndKeepsOtherText()
    {
        InputText.TryNormalize("scale\tweb --reason=\"a\r\nb\rc\" cafe\u0301 \U0001F600 \u200F", out var text, out var error).ShouldBeTrue();

        error.ShouldBeNull();
        text.ShouldBe("scale web --reason=\"a\nb\nc\" cafe\u0301 \U0001F600 \u200F");
    }

    [Fact]
    public void Safe_EscapesEveryRefusedCharacter_AndLeavesCleanTextAlone()
    {
        const string clean = "pods delete web-1 -n default";

        AuditText.Safe(clean).ShouldBeSameAs(clean);
        AuditText.Safe("a\0b\u202Ec\ud800").ShouldBe("a\\u0000b\\u202ec\\ud800");
        AuditText.Ascii("é\0" + new string('x', 600), 14).ShouldBe("\\u00e9\\u0000xx...");
    }
}

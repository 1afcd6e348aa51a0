using System.Text;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Core;
using ChatOps.Bot.Core.Text;

namespace ChatOps.Tests.Chat.Slack;

public sealed class BlockKitTests
{
    [Fact]
    public void LongOutput_IsSplitAndTruncatedWithinSlacksLimits_WithANote()
    {
        var text = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"line {i} <b> & more"));
        var rows = Enumerable.Range(0, 3_000).Select(i => (IReadOnlyList<string>)[$"pod-{i}", "Running"]).ToList();
        var result = OperationResult.Success(text) with { Tables = [new ResultTable(["NAME", "STATUS"], rows)] };

        var blocks = BlockKit.Render(result)["blocks"]!.AsArray();

        blocks.Count.ShouldBe(BlockKit.MaxBlocks);
        blocks[^1]!.ToJsonString().ShouldContain("output truncated");
        foreach (var block in blocks)
        {
            var section = block!["text"]?["text"]?.GetValue<string>();
            (section?.Length ?? 0).ShouldBeLessThanOrEqualTo(BlockKit.MaxSectionText);
            section?.ShouldNotContain("<b>");
        }
    }

    [Fact]
    public void Buttons_CarryTheirCommand_AndDangerousOnesAskForConfirmation()
    {
        var result = new OperationResult(Outcome.AwaitingApproval, "needs approval")
        {
            Title = "Approval needed",
            Fields = [new("Target", "prod-eks/default"), new("Expires", "12:10 UTC")],
            Buttons = [new("Approve", "approve r-1", ButtonStyle.Primary, "Run `scale x 0`?"), new("Deny", "deny r-1", ButtonStyle.Danger)],
        };

        var blocks = BlockKit.Render(result)["blocks"]!.AsArray();

        var actions = blocks.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();
        actions[0]!["value"]!.GetValue<string>().ShouldBe("approve r-1");
        actions[0]!["style"]!.GetValue<string>().ShouldBe("primary");
        actions[0]!["confirm"]!["text"]!["text"]!.GetValue<string>().ShouldBe("Run `scale x 0`?");
        actions[1]!["confirm"].ShouldNotBeNull();
        blocks.ShouldContain(b => b!["fields"] != null && b["fields"]!.AsArray().Count == 2);
    }

    [Fact]
    public void Visibility_DecidesTheResponseType()
    {
        BlockKit.Response(OperationResult.Success("x") with { Visibility = Visibility.InChannel })["response_type"]!.GetValue<string>().ShouldBe("in_channel");
        BlockKit.Response(OperationResult.Denied("no"))["response_type"]!.GetValue<string>().ShouldBe("ephemeral");
    }

    [Fact]
    public void Chunks_NeverSplitAnEscapeOrASurrogatePair()
    {
        var text = new string('a', 2_998) + "&amp;" + "😀" + new string('b', 10);

        var chunks = BlockKit.Chunks(text, 3_000).ToList();

        chunks.ShouldAllBe(c => c.Length <= 3_000);
        string.Concat(chunks).ShouldBe(text);
        chunks[1].ShouldStartWith("&amp;");
    }

    [Theory]
    [InlineData("plain text, nothing to escape")]
    [InlineData("<@U123> & <#C1|ops> > 3 < 4 &amp;")]
    [InlineData("&&&<<<>>>")]
    [InlineData("")]
    public void Escape_IsTheThreeEntities_AndCopiesNothingWhenThereIsNothingToEscape(string text)
    {
        var escaped = BlockKit.Escape(text);

        escaped.ShouldBe(text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            escaped.ShouldBeSameAs(text);
        }
    }

    [Fact]
    public void Chunks_AfterTheFirst_CutAtLineEndsAndNeverInsideAnEscape()
    {
        var text = new string('a', 2_000) + "\n" + new string('b', 2_998) + "&amp;" + new string('c', 10);

        var chunks = BlockKit.Chunks(text, 3_000).ToList();

        chunks.ShouldBe([new string('a', 2_000), new string('b', 2_998), "&amp;" + new string('c', 10)]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sections_AreTheEscapedTextAndTables_SplitAsChunksSplitsThem(bool escapes)
    {
        var line = escapes ? "pod <web-1> & <web-2> restarted > 3 times\n" : "pod web-1 and web-2 restarted 3 times\n";
        var text = string.Concat(Enumerable.Repeat(line, 300));
        var table = new ResultTable(["name", "note"], [.. Enumerable.Range(0, 400).Select(i => (IReadOnlyList<string>)[$"q{i}", escapes ? $"<{i}> & more" : $"{i} and more"])]);
        var result = OperationResult.Success(text) with { Tables = [table] };

        var sections = BlockKit.Render(result)["blocks"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "section").Select(b => b!["text"]!["text"]!.GetValue<string>()).ToList();

        var expected = BlockKit.Chunks(BlockKit.Escape(text), BlockKit.MaxSectionText)
            .Concat(BlockKit.Chunks(BlockKit.Escape(TextTable.Render(table)), BlockKit.MaxSectionText - 8).Select(c => $"```\n{c}```"))
            .ToList();
        expected.Count.ShouldBeGreaterThan(4);
        sections.ShouldBe(expected);
    }

    [Fact]
    public void ASummary_StandsInForTheText_InTheSectionsAndTheNotification_AndAnEmptyOneLeavesNoEmptySection()
    {
        var table = new ResultTable(["POD"], [["web-1"]]);
        var full = OperationResult.Success("3 pods <ok>\n" + TextTable.Render(table)) with { Title = "web", Tables = [table] };

        var summarised = BlockKit.Render(full with { Summary = "3 pods <ok>" });
        var empty = BlockKit.Render(full with { Summary = string.Empty });

        summarised["text"]!.GetValue<string>().ShouldBe("web: 3 pods &lt;ok&gt;");
        Sections(summarised).ShouldBe(["*web*", "3 pods &lt;ok&gt;", $"```\n{TextTable.Render(table)}```"], ignoreOrder: false);
        empty["text"]!.GetValue<string>().ShouldBe("web");
        Sections(empty).ShouldBe(["*web*", $"```\n{TextTable.Render(table)}```"], ignoreOrder: false);
        BlockKit.Render(full)["text"]!.GetValue<string>().ShouldStartWith("web: 3 pods &lt;ok&gt;\nPOD");
    }

    private static List<string> Sections(System.Text.Json.Nodes.JsonObject message) =>
        [.. message["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "section")
            .Select(b => b!["text"]!["text"]!.GetValue<string>().Replace(":white_check_mark: ", string.Empty, StringComparison.Ordinal))];

    [Fact]
    public void TheFallbackText_IsTheTitleAndTextEscapedAndCut_ThoughOnlyItsStartIsCopied()
    {
        // "Help: " and 2,990 x's end at 2,996, where "&lt;" would be cut in two: the cut moves before it.
        var text = new string('x', 2_990) + "<a & b>" + new string('y', 5_000);
        var result = OperationResult.Success(text) with { Title = "Help" };

        var fallback = BlockKit.Render(result)["text"]!.GetValue<string>();

        fallback.ShouldBe(BlockKit.Cut(BlockKit.Escape($"Help: {text}"), BlockKit.MaxSectionText));
        fallback.ShouldBe("Help: " + new string('x', 2_990) + "…");
        foreach (var length in new[] { 2_990, 2_994, 2_995, 2_996, 2_999, 3_000, 3_001 })
        {
            var edge = new string('z', length) + "&<>" + new string('w', 10);
            BlockKit.Render(OperationResult.Success(edge))["text"]!.GetValue<string>()
                .ShouldBe(BlockKit.Cut(BlockKit.Escape(edge), BlockKit.MaxSectionText), $"{length} characters before the entities");
        }

        BlockKit.Render(OperationResult.Success("short & sweet"))["text"]!.GetValue<string>().ShouldBe("short &amp; sweet");
    }
}

public sealed class SlackSignatureTests
{
    private const string Secret = "s3cret";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("text=help&team_id=T1");

    [Theory]
    [InlineData(0, SignatureCheck.Valid)]
    [InlineData(-300, SignatureCheck.Valid)]
    [InlineData(-301, SignatureCheck.Stale)]
    [InlineData(301, SignatureCheck.Stale)]
    public void Timestamp_MustBeWithinFiveMinutesEitherWay(int offsetSeconds, SignatureCheck expected)
    {
        var ts = Now.AddSeconds(offsetSeconds).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        SlackSignature.Check(Secret, ts, Sign(ts, Body), Body, Now).ShouldBe(expected);
    }

    [Fact]
    public void AnyChange_ToBodySecretOrSignature_IsAMismatch()
    {
        var ts = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Sign(ts, Body);

        SlackSignature.Check(Secret, ts, signature, Encoding.UTF8.GetBytes("team_id=T1&text=help"), Now).ShouldBe(SignatureCheck.Mismatch);
        SlackSignature.Check("other", ts, signature, Body, Now).ShouldBe(SignatureCheck.Mismatch);
        SlackSignature.Check(Secret, ts, "v0=zz" + signature[5..], Body, Now).ShouldBe(SignatureCheck.Mismatch);
        SlackSignature.Check(Secret, ts, "v1" + signature[2..], Body, Now).ShouldBe(SignatureCheck.Mismatch);
        SlackSignature.Check(Secret, ts, signature.ToUpperInvariant().Replace("V0=", "v0=", StringComparison.Ordinal), Body, Now)
            .ShouldBe(SignatureCheck.Mismatch, "the same MAC spelled differently is not the signed request");
        SlackSignature.Check(Secret, null, signature, Body, Now).ShouldBe(SignatureCheck.MissingHeaders);
        SlackSignature.Check(string.Empty, ts, signature, Body, Now).ShouldBe(SignatureCheck.NotConfigured);
    }

    [Theory]
    [InlineData("<@U0LAN0Z89> whoami", "whoami")]
    [InlineData("<@U0LAN0Z89|ops>: audit --last 5", "audit --last 5")]
    [InlineData("  <@U1> <@U2> deny r-1 &lt;why&gt;", "deny r-1 <why>")]
    public void Mentions_InFrontAreStripped_AndEntitiesUnescaped(string text, string expected) =>
        SlackText.AfterMentions(text).ShouldBe(expected);

    private static string Sign(string ts, byte[] body) =>
        "v0=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Secret), (byte[])[.. Encoding.UTF8.GetBytes($"v0:{ts}:"), .. body]));
}

using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Core;

namespace ChatOps.Tests.Chat.Slack;

/// <summary>A Block Kit answer never carries the PNG itself; it says whether the chart follows as a file.</summary>
public sealed class BlockKitImageTests
{
    private static readonly OperationResult Chart = OperationResult.Success("metrics of web") with
    {
        Images = [new ResultImage("metrics-web.png", "image/png", new byte[] { 0x89, 0x50, 0x4e, 0x47 }, "chart of cpu for web")],
    };

    [Theory]
    [InlineData(true, BlockKit.ImagesSentPrivatelyNote)]
    [InlineData(false, BlockKit.ImagesNotShownNote)]
    public void AnAnswerWithAChart_SaysWhereTheChartIs(bool shared, string note)
    {
        var message = BlockKit.Response(Chart, imagesShared: shared).ToJsonString(BlockKit.Wire);

        message.ShouldContain(note);
        message.ShouldNotContain("iVBOR", Case.Sensitive);
    }

    [Fact]
    public void AChannelAnswersChart_IsSaidToFollowHere_APrivateAnswersChart_InDirectMessages()
    {
        BlockKit.Response(Chart with { Visibility = Visibility.InChannel }, imagesShared: true).ToJsonString(BlockKit.Wire)
            .ShouldContain(BlockKit.ImagesSharedNote);
        BlockKit.Response(Chart, imagesShared: true).ToJsonString(BlockKit.Wire)
            .ShouldContain(BlockKit.ImagesSentPrivatelyNote, Case.Sensitive, "a file in the channel would show a private answer to everyone");
    }

    [Fact]
    public void AnAnswerWithoutAChart_HasNoChartNote()
    {
        var message = BlockKit.Response(OperationResult.Success("ok"), imagesShared: true).ToJsonString(BlockKit.Wire);

        message.ShouldNotContain("chart");
    }

    [Theory]
    [InlineData(true, Visibility.InChannel, "full log attached as logs-web-1-web.log (it follows this answer)")]
    [InlineData(true, Visibility.Ephemeral, "full log attached as logs-web-1-web.log, sent to you in a direct message from the bot (this answer is private)")]
    [InlineData(false, Visibility.InChannel, "full log not attached here: type the command (or mention the bot) to get logs-web-1-web.log")]
    public void AnAnswerWithAFile_SaysWhereTheFileIs_WithoutItsBytes(bool shared, Visibility visibility, string note)
    {
        var log = OperationResult.Success("logs of web") with
        {
            Visibility = visibility,
            Files = [new ResultFile("logs-web-1-web.log", "text/plain", "line one of the log\n"u8.ToArray(), "full log")],
        };

        var message = BlockKit.Response(log, imagesShared: shared).ToJsonString(BlockKit.Wire);

        message.ShouldContain(note);
        message.ShouldNotContain("line one of the log");
        message.ShouldNotContain("chart");
    }
}

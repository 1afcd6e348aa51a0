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
}

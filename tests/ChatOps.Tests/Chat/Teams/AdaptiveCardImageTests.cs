using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Core;

namespace ChatOps.Tests.Chat.Teams;

/// <summary>A <c>metrics</c> chart in a Teams card: embedded as a data URI only while the whole message stays under 28 KB.</summary>
public sealed class AdaptiveCardImageTests
{
    [Fact]
    public void ASmallChart_IsEmbeddedAsADataUri_WithItsBytesIntact()
    {
        var png = Bytes(4_000);

        var card = AdaptiveCards.Render(Answer(png));

        var image = Images(card).ShouldHaveSingleItem();
        var url = image["url"]!.GetValue<string>();
        url.ShouldStartWith("data:image/png;base64,");
        Convert.FromBase64String(url["data:image/png;base64,".Length..]).ShouldBe(png);
        image["altText"]!.GetValue<string>().ShouldBe("chart of cpu, memory for web");
    }

    [Fact]
    public void AChartTooLargeForTheCard_IsLeftOut_AndTheCardSaysSo()
    {
        var answer = Answer(Bytes(30_000));

        var card = AdaptiveCards.Render(answer);

        Images(card).ShouldBeEmpty();
        card.ToJsonString(AdaptiveCards.Wire).ShouldContain(AdaptiveCards.TooLarge(answer.Images[0]));
        Size(AdaptiveCards.Message(answer)).ShouldBeLessThan(AdaptiveCards.MaxMessageBytes);
    }

    [Fact]
    public void AChartTooLargeForTheCard_IsReplacedByItsCompactRendering()
    {
        var compact = Bytes(8_000);
        var answer = Answer(Bytes(40_000), compact);

        var card = AdaptiveCards.Render(answer);

        var url = Images(card).ShouldHaveSingleItem()["url"]!.GetValue<string>();
        Convert.FromBase64String(url["data:image/png;base64,".Length..]).ShouldBe(compact);
        Size(AdaptiveCards.Message(answer)).ShouldBeLessThanOrEqualTo(AdaptiveCards.MaxMessageBytes);
    }

    [Fact]
    public void AChartThatFits_IsShownFullSize_EvenWithACompactRendering()
    {
        var png = Bytes(4_000);

        var card = AdaptiveCards.Render(Answer(png, Bytes(2_000)));

        var url = Images(card).ShouldHaveSingleItem()["url"]!.GetValue<string>();
        Convert.FromBase64String(url["data:image/png;base64,".Length..]).ShouldBe(png);
    }

    [Fact]
    public void WhenEvenTheCompactRenderingIsTooLarge_TheCardSaysSo_WithTheCompactSize()
    {
        var answer = Answer(Bytes(40_000), Bytes(25_000));

        var card = AdaptiveCards.Render(answer);

        Images(card).ShouldBeEmpty();
        var note = AdaptiveCards.TooLarge(answer.Images[0]);
        note.ShouldContain("at 25 KB");
        card.ToJsonString(AdaptiveCards.Wire).ShouldContain(note);
    }

    [Fact]
    public void AtEverySize_TheMessageStaysUnder28KB_AndTheChartIsShownWhenItFits()
    {
        var shown = new List<int>();
        for (var bytes = 14_000; bytes <= 24_000; bytes += 250)
        {
            var message = AdaptiveCards.Message(Answer(Bytes(bytes)));

            Size(message).ShouldBeLessThanOrEqualTo(AdaptiveCards.MaxMessageBytes, $"{bytes} bytes of PNG");
            if (Images(message["attachments"]![0]!["content"]!.AsObject()).Count == 1)
            {
                shown.Add(bytes);
            }
        }

        // base64 grows 4/3: about 20 KB of PNG is the most a 28 KB message can carry beside the text.
        shown.ShouldContain(14_000);
        shown.ShouldNotContain(24_000);
        shown.ShouldBe(Enumerable.Range(0, shown.Count).Select(i => 14_000 + (i * 250)).ToList(), "every size below the cut-off is shown");
    }

    private static OperationResult Answer(byte[] png, byte[]? compact = null) => OperationResult.Success("metrics of deployment web\ncpu ▁▂▃▅▇ min 0.1 avg 0.2 max 0.4") with
    {
        Title = "metrics of web",
        Images = [new ResultImage("metrics-web.png", "image/png", png, "chart of cpu, memory for web") { Compact = compact is null ? null : new(() => compact) }],
    };

    private static byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        new Random(count).NextBytes(bytes);
        return bytes;
    }

    private static List<JsonObject> Images(JsonObject card) =>
        card["body"]!.AsArray().Select(b => b!.AsObject()).Where(b => b["type"]!.GetValue<string>() == "Image").ToList();

    private static int Size(JsonObject message) => Encoding.UTF8.GetByteCount(message.ToJsonString(AdaptiveCards.Wire));
}

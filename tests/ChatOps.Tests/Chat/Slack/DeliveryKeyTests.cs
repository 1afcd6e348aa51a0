using ChatOps.Bot.Chat.Slack;

namespace ChatOps.Tests.Chat.Slack;

/// <summary>Claims outlive a deploy: the key of a delivery must be the same from one version of the bot to the next.</summary>
public sealed class DeliveryKeyTests
{
    [Fact]
    public void TheKey_IsTheKindAndTheLowerHexSha256OfTheIdsUtf8()
    {
        SlackCommandHandler.DeliveryKey("signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")
            .ShouldBe("slack:command:signature:8e6f3b97b9a324cb3911e57cce4cbc54dfdc81b4f2ef3dcee5d39ee6a63a71fa");
    }

    [Fact]
    public void ALongIdOutsideAscii_HashesTheSame() =>
        SlackCommandHandler.DeliveryKey("envelope", new string('é', 300))
            .ShouldBe("slack:command:envelope:7250b66610f8b7dbd6f5e5426d2143bcba6d826cedb4bea8a358695da78db023");
}

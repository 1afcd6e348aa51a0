using System.Text;
using ChatOps.Bot.Chat.Alertmanager;
using ChatOps.Bot.Features.Alerts;

namespace ChatOps.Tests.Features.Alerts;

public sealed class AlertmanagerPayloadTests
{
    [Fact]
    public void Parse_ReadsAV4Notification_AndIgnoresUnknownFields()
    {
        var payload = AlertmanagerPayload.Parse(AlertPayloads.Bytes(AlertPayloads.Notification()), out var error).ShouldNotBeNull(error);

        payload.GroupKey.ShouldBe("{}:{alertname=\"HighErrorRate\"}");
        payload.IsFiring.ShouldBeTrue();
        payload.Receiver.ShouldBe("chatops");
        payload.CommonLabels["severity"].ShouldBe("critical");
        var alert = payload.Alerts.ShouldHaveSingleItem();
        alert.Fingerprint.ShouldBe("a1");
        alert.GeneratorUrl.ShouldBe("http://prometheus.example:9090/graph?g0.expr=errors");
        alert.Annotations["summary"].ShouldBe("5xx above 5% on checkout");
        alert.StartsAt.ShouldBe(new DateTimeOffset(2026, 11, 23, 11, 58, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("{not json", "body is not JSON")]
    [InlineData("[]", "body must be a JSON object")]
    [InlineData("""{"version":"3","groupKey":"g","status":"firing","alerts":[]}""", "unsupported payload version '3': expected \"4\"")]
    [InlineData("""{"version":"4","status":"firing","alerts":[]}""", "missing groupKey")]
    [InlineData("""{"version":"4","groupKey":"g","status":"pending","alerts":[]}""", "status must be firing or resolved, not 'pending'")]
    [InlineData("""{"version":"4","groupKey":"g","status":"firing"}""", "missing alerts array")]
    [InlineData("""{"version":"4","groupKey":"g","status":"firing","alerts":[1]}""", "every alert must be a JSON object")]
    public void Parse_RefusesWhatIsNotAV4Notification_WithAOneLineReason(string body, string expected)
    {
        AlertmanagerPayload.Parse(Encoding.UTF8.GetBytes(body), out var error).ShouldBeNull();

        error.ShouldStartWith(expected);
        error.ShouldNotContain("\n");
    }

    [Fact]
    public void DeduplicationKey_IgnoresAlertOrder_ButChangesWithStatusOrAlertSet()
    {
        Key(AlertPayloads.Notification("firing", "g", AlertPayloads.Alert("a1"), AlertPayloads.Alert("a2")))
            .ShouldBe(Key(AlertPayloads.Notification("firing", "g", AlertPayloads.Alert("a2"), AlertPayloads.Alert("a1"))));

        var keys = new[]
        {
            Key(AlertPayloads.Notification("firing", "g", AlertPayloads.Alert("a1"))),
            Key(AlertPayloads.Notification("resolved", "g", AlertPayloads.Alert("a1", "resolved"))),
            Key(AlertPayloads.Notification("firing", "g", AlertPayloads.Alert("a1"), AlertPayloads.Alert("a2"))),
            Key(AlertPayloads.Notification("firing", "other", AlertPayloads.Alert("a1"))),
            Key(AlertPayloads.Notification("firing", "g", AlertPayloads.Alert("a1"), AlertPayloads.Alert("a2", "resolved"))),
        };
        keys.Distinct().Count().ShouldBe(keys.Length);

        var nextEpisode = AlertPayloads.Notification("firing", "g", AlertPayloads.Alert("a1"));
        nextEpisode["alerts"]![0]!["startsAt"] = "2026-11-23T13:00:00.000Z";
        Key(nextEpisode).ShouldNotBe(keys[0]);
    }

    [Fact]
    public void Parse_WithoutFingerprints_DerivesOneFromTheLabels()
    {
        var first = AlertPayloads.Alert("x");
        first.Remove("fingerprint");
        var second = AlertPayloads.Alert("x", deployment: "api");
        second.Remove("fingerprint");

        var payload = AlertmanagerPayload.Parse(AlertPayloads.Bytes(AlertPayloads.Notification("firing", "g", first, second)), out _).ShouldNotBeNull();

        payload.Alerts[0].Fingerprint.ShouldNotBeNullOrEmpty();
        payload.Alerts[0].Fingerprint.ShouldNotBe(payload.Alerts[1].Fingerprint);
    }

    [Theory]
    [InlineData("Bearer s3cret-token", true)]
    [InlineData("bearer s3cret-token", true)]
    [InlineData("Bearer s3cret-token ", true)]
    [InlineData("Bearer s3cret-tokeN", false)]
    [InlineData("Bearer s3cret-token-and-more", false)]
    [InlineData("Basic s3cret-token", false)]
    [InlineData("s3cret-token", false)]
    [InlineData("", false)]
    public void Authorized_AcceptsOnlyTheConfiguredBearerToken(string header, bool expected) =>
        AlertmanagerWebhook.Authorized(header, "s3cret-token").ShouldBe(expected);

    private static string Key(System.Text.Json.Nodes.JsonObject body) =>
        AlertmanagerPayload.Parse(AlertPayloads.Bytes(body), out _)!.DeduplicationKey;
}

using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Alerts;

namespace ChatOps.Tests.Features.Alerts;

public sealed class AlertCardTests
{
    [Fact]
    public void Firing_WithNamespaceAndDeployment_OffersStatusRollbackScaleAndDeclare_AsOrdinaryCommands()
    {
        var card = AlertCard.Build(Parse(AlertPayloads.Notification()), "P1", 2, null);

        card.Title.ShouldBe("[FIRING:1] HighErrorRate");
        card.Severity.ShouldBe(Severity.Danger);
        card.Visibility.ShouldBe(Visibility.InChannel);
        card.Text.ShouldContain("• firing: 5xx above 5% on checkout");
        card.Fields.Select(f => (f.Name, f.Value)).ShouldBe(
        [
            ("deployment", "web"),
            ("namespace", "shop"),
            ("severity", "critical"),
            ("Source", "http://prometheus.example:9090/graph?g0.expr=errors"),
        ]);
        card.Buttons.Select(b => (b.Label, b.Command)).ShouldBe(
        [
            ("Status", "status web -n shop"),
            ("Logs", "logs deployment/web -n shop"),
            ("Events", "events deployment/web -n shop"),
            ("Rollback", "rollout undo web -n shop"),
            ("Scale +2", "scale web --by 2 -n shop"),
            ("Declare incident", "incident declare P1 HighErrorRate: 5xx above 5% on checkout"),
        ]);
        card.Buttons[3].Style.ShouldBe(ButtonStyle.Danger);
        card.Buttons[3].Confirm.ShouldNotBeNull();
    }

    [Fact]
    public void Firing_WithAConfiguredClusterLabel_NamesTheCluster_AndWithoutADeployment_OffersOnlyDeclare()
    {
        AlertCard.Build(Parse(AlertPayloads.Notification()), "P3", 1, "prod-eks").Buttons[0].Command
            .ShouldBe("status web -n shop --cluster prod-eks");

        var card = AlertCard.Build(Parse(AlertPayloads.Notification(alerts: AlertPayloads.Alert("a1", deployment: null))), "P3", 1, null);
        card.Buttons.Select(b => b.Label).ShouldBe(["Declare incident"]);
    }

    [Fact]
    public void Firing_WithLabelsThatAreNotKubernetesNames_OffersNoKubernetesButtons()
    {
        var card = AlertCard.Build(Parse(AlertPayloads.Notification(alerts: AlertPayloads.Alert("a1", deployment: "web; rm -rf", ns: "Shop"))), "P3", 1, null);

        card.Buttons.Select(b => b.Label).ShouldBe(["Declare incident"]);
    }

    [Fact]
    public void Resolved_IsGreen_WithoutButtons()
    {
        var card = AlertCard.Build(Parse(AlertPayloads.Notification("resolved", alerts: AlertPayloads.Alert("a1", "resolved"))), "P1", 1, null);

        card.Title.ShouldBe("[RESOLVED] HighErrorRate");
        card.Severity.ShouldBe(Severity.Success);
        card.Buttons.ShouldBeEmpty();
    }

    [Fact]
    public void Firing_WithAnAlertmanagerToSilenceOn_OffersSilence1hAndUntilResolvedOr4h_ForExactlyTheGroupLabels()
    {
        var body = AlertPayloads.Notification();
        body["groupLabels"] = new System.Text.Json.Nodes.JsonObject { ["namespace"] = "shop", ["alertname"] = "HighErrorRate" };

        var card = AlertCard.Build(Parse(body), "P1", 2, null, silence: true);

        card.Buttons.Select(b => (b.Label, b.Command)).TakeLast(2).ShouldBe(
        [
            ("Silence 1h", "silence alertname=HighErrorRate namespace=shop --for 1h"),
            ("Silence until resolved-or-4h", "silence alertname=HighErrorRate namespace=shop --for 4h --until-resolved"),
        ]);
        card.Buttons.TakeLast(2).ShouldAllBe(b => b.Confirm != null);
        AlertCard.Build(Parse(body), "P1", 2, null).Buttons.ShouldNotContain(b => b.Command.StartsWith("silence", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("a value, with spaces")]
    [InlineData("quo\"te")]
    [InlineData("{brace}")]
    public void Firing_WithGroupLabelsTheCommandCannotCarry_OffersNoSilenceButtons_RatherThanABroaderSilence(string? value)
    {
        var body = AlertPayloads.Notification();
        body["groupLabels"] = value is null
            ? new System.Text.Json.Nodes.JsonObject()
            : new System.Text.Json.Nodes.JsonObject { ["alertname"] = "HighErrorRate", ["instance"] = value };

        var card = AlertCard.Build(Parse(body), "P1", 2, null, silence: true);

        card.Buttons.ShouldNotContain(b => b.Command.StartsWith("silence", StringComparison.Ordinal));
        card.Buttons.ShouldContain(b => b.Label == "Declare incident");
    }

    [Fact]
    public void Resolved_OffersNoSilenceButtons()
    {
        var card = AlertCard.Build(Parse(AlertPayloads.Notification("resolved", alerts: AlertPayloads.Alert("a1", "resolved"))), "P1", 1, null, silence: true);

        card.Buttons.ShouldBeEmpty();
    }

    [Fact]
    public void IncidentTitle_DropsQuotesAndFlagLikeWords_SoTheCommandParsesAsIntended()
    {
        var body = AlertPayloads.Notification();
        body["commonAnnotations"]!["summary"] = "disk \"full\" on 'db-1' --severity P4 `now`";

        AlertCard.IncidentTitle(Parse(body)).ShouldBe("HighErrorRate: disk full on db-1 severity P4 now");
    }

    [Fact]
    public void Rules_FirstMatchingRuleWins_OnlyForFiringAlerts()
    {
        AlertRule[] rules =
        [
            new() { Match = new() { ["severity"] = "page" }, Severity = "P1" },
            new() { Match = new() { ["alertname"] = "HighErrorRate", ["severity"] = "critical" }, Severity = "P2" },
            new() { Match = new() { ["severity"] = "critical" }, Severity = "P1" },
        ];

        AlertRules.Match(rules, Parse(AlertPayloads.Notification()))!.Severity.ShouldBe("P2");
        AlertRules.Match(rules, Parse(AlertPayloads.Notification(alerts: AlertPayloads.Alert("a1", severity: "warning")))).ShouldBeNull();
        AlertRules.Match(rules, Parse(AlertPayloads.Notification("resolved", alerts: AlertPayloads.Alert("a1", "resolved")))).ShouldBeNull();
    }

    private static AlertmanagerPayload Parse(System.Text.Json.Nodes.JsonObject body) =>
        AlertmanagerPayload.Parse(AlertPayloads.Bytes(body), out var error) ?? throw new InvalidOperationException(error);
}

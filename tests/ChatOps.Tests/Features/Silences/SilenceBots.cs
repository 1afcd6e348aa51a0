using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Silences;

/// <summary>TestBots with one Alertmanager, <c>am</c>: alice, bob admin; carol viewer; oscar operator on am only.</summary>
internal static class SilenceBots
{
    public static TestBot Create(bool production = false, Action<Dictionary<string, string?>>? configure = null) =>
        TestBot.Create(s =>
        {
            s["ChatOps:Alertmanagers:am:Url"] = "http://am.invalid:9093";
            s["ChatOps:Alertmanagers:am:Production"] = production ? "true" : "false";
            s["ChatOps:Roles:Bindings:5:Subject"] = "console:oscar";
            s["ChatOps:Roles:Bindings:5:Role"] = "operator";
            s["ChatOps:Roles:Bindings:5:Scope"] = "am";
            configure?.Invoke(s);
        });

    public static Dictionary<string, string> Alert(string name, string ns, string service = "web") =>
        new(StringComparer.Ordinal) { ["alertname"] = name, ["namespace"] = ns, ["service"] = service, ["severity"] = "critical" };
}

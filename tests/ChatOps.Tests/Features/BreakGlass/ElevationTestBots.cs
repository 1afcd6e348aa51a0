using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.BreakGlass;

/// <summary>The real bot on fakes, with an elevation policy: carol (viewer) may ask for up to two hours.</summary>
internal static class ElevationTestBots
{
    public static TestBot Create(bool selfGrant, Action<Dictionary<string, string?>>? more = null) => TestBot.Create(s =>
    {
        s["ChatOps:Policies:Elevation:Requesters:0"] = "console:carol";
        s["ChatOps:Policies:Elevation:MaxDuration"] = "02:00:00";
        s["ChatOps:Policies:Elevation:SelfGrant"] = selfGrant ? "true" : "false";
        more?.Invoke(s);
    });
}

using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Databases;

/// <summary>TestBots with database targets: coredb (production unless told otherwise) and its role bindings.</summary>
internal static class DbBots
{
    /// <summary>alice, bob: admin everywhere; carol: viewer; oscar: operator on coredb only.</summary>
    public static TestBot Create(bool production = false, bool secondDatabase = false, params string[] protectedUsers) =>
        TestBot.Create(s =>
        {
            TestBot.WithDatabase(s, "coredb", production, protectedUsers);
            if (secondDatabase)
            {
                TestBot.WithDatabase(s, "reports");
            }

            s["ChatOps:Roles:Bindings:5:Subject"] = "console:oscar";
            s["ChatOps:Roles:Bindings:5:Role"] = "operator";
            s["ChatOps:Roles:Bindings:5:Scope"] = "coredb";
        });
}

using ChatOps.Bot.Hosting.PolicyCheck;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Hosting;

/// <summary>Issue 16: <c>policy check</c>, the policy test engine offline over a cases file, as CI runs it.</summary>
public sealed class PolicyCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("policy-check-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task TheShippedCases_HoldForTheDefaultAppsettings()
    {
        var (code, output, error) = await RunAsync(Root("appsettings.json"), Root("policy-cases.yaml"));

        error.ShouldBeEmpty();
        output.ShouldNotContain("FAIL");
        output.ShouldEndWith("policy check: 10 cases, 10 as expected, 0 not\n");
        code.ShouldBe(0);
    }

    [Fact]
    public async Task TheProductionExample_HoldsForItsConfiguration()
    {
        var (code, output, error) = await RunAsync(Root("docs/policy-example.json"), Root("docs/policy-example-cases.yaml"));

        error.ShouldBeEmpty();
        output.ShouldNotContain("FAIL");
        output.ShouldContain("ok    case 6 'an open P1 overrides the freeze, with an approval': needs approval");
        code.ShouldBe(0);
    }

    [Fact]
    public async Task AWrongExpectation_FailsTheCheck_AndShowsTheWholePath()
    {
        var cases = Write("cases.yaml", File.ReadAllText(Root("policy-cases.yaml"))
            .Replace("  command: scale web 3\n  expect: denied", "  command: scale web 3\n  expect: allowed", StringComparison.Ordinal));

        var (code, output, _) = await RunAsync(Root("appsettings.json"), cases);

        code.ShouldBe(1);
        output.ShouldContain("FAIL  case 3 'a viewer may not scale': expected allowed, got denied (role)");
        output.ShouldContain("        roles: needs operator on /default; holds viewer everywhere (binding console:carol) → denied");
        output.ShouldEndWith("policy check: 10 cases, 9 as expected, 1 not\n");
    }

    [Fact]
    public async Task TheInstant_DecidesAFreeze_AtItsBoundary()
    {
        var cases = Write("cases.yaml", """
            - user: slack:U-DAVE
              command: scale web 4 --cluster prod-eks
              at: 2026-12-07T06:59:59Z
              replicas: 3
              expect: allowed
            """);

        var (code, output, _) = await RunAsync(Root("docs/policy-example.json"), cases);

        code.ShouldBe(1);
        output.ShouldContain("expected allowed, got refused by policy");
        output.ShouldContain("change freeze 'weekend'");
    }

    [Theory]
    [InlineData("- command: whoami\n  expect: allowed", "case 1 'whoami': `user` is missing")]
    [InlineData("- user: alice\n  command: whoami\n  expect: allowed", "case 1 'whoami': user 'alice' must be platform:id, e.g. console:alice or slack:U123")]
    [InlineData("- user: console:alice\n  command: whoami\n  expect: maybe", "case 1 'whoami': expect 'maybe' must be one of: allowed, needs approval, denied, refused")]
    [InlineData("- user: console:alice\n  comand: whoami\n  expect: allowed", "line 2: unknown key 'comand' (known: name, user, channel, command, expect, at, replicas, depth, incident, groups, elevations, sessions, runs; in an elevation: role, scope, until; in a run: at, command, scope)")]
    [InlineData("- name: x\n  user: console:carol\n  command: whoami\n  elevations: [ { role: root, until: 2026-12-01T12:00:00Z } ]\n  expect: allowed", "case 1 'x': elevation 1 needs role viewer, operator or admin, not 'root'")]
    [InlineData("- name: x\n  user: console:carol\n  command: whoami\n  elevations: [ { role: admin } ]\n  expect: allowed", "case 1 'x': elevation 1 needs `until` (the instant it expires)")]
    [InlineData("- name: x\n  user: console:carol\n  command: whoami\n  elevations: [ { role: admin, scope: 'a/b/c', until: 2026-12-01T12:00:00Z } ]\n  expect: allowed", "case 1 'x': elevation 1: --scope must be a target or target/namespace such as prod-eks/shop, not 'a/b/c'")]
    [InlineData("- name: x\n  user: console:alice\n  command: whoami\n  at: tuesday\n  expect: allowed", "case 1 'x': at 'tuesday' is not an instant (e.g. 2026-11-27T17:30:00+01:00; UTC without an offset)")]
    [InlineData("- name: typo\n  user: console:alice\n  command: scael web 3\n  expect: allowed", "case 1 'typo': cannot test `scael web 3`: unknown command 'scael'")]
    [InlineData("# nothing", "the file has no cases (a YAML list of mappings with user, command and expect)")]
    public async Task AMalformedCase_IsOneLineNamingIt(string yaml, string message)
    {
        var cases = Write("cases.yaml", yaml);

        var (code, output, error) = await RunAsync(Root("appsettings.json"), cases);

        code.ShouldBe(2);
        error.ShouldStartWith($"policy check: {cases}: {message}");
        error.TrimEnd('\n').ShouldNotContain('\n');
        output.ShouldBeEmpty();
    }

    [Fact]
    public async Task ALiveElevation_CountsAsAuthorizationCountsIt_OnItsScope_UntilItsEnd()
    {
        var cases = Write("cases.yaml", """
            - name: elevated
              user: console:carol
              command: scale web 2 --cluster staging
              at: 2026-12-01T11:59:59Z
              elevations: [ { role: operator, scope: staging, until: 2026-12-01T12:00:00Z } ]
              expect: allowed
            - name: at its end
              user: console:carol
              command: scale web 2 --cluster staging
              at: 2026-12-01T12:00:00Z
              elevations: [ { role: operator, scope: staging, until: 2026-12-01T12:00:00Z } ]
              expect: allowed
            - name: another target
              user: console:carol
              command: scale web 2 --cluster prod-eks
              at: 2026-12-01T11:00:00Z
              elevations: [ { role: operator, scope: staging, until: 2026-12-01T12:00:00Z } ]
              expect: denied
            """);

        var (code, output, _) = await RunAsync(Root("appsettings.json"), cases);

        code.ShouldBe(1);
        output.ShouldContain("ok    case 1 'elevated': allowed");
        output.ShouldContain("FAIL  case 2 'at its end': expected allowed, got denied (role)");
        output.ShouldContain("ok    case 3 'another target': denied (role)");
        output.ShouldEndWith("policy check: 3 cases, 2 as expected, 1 not\n");
    }

    [Fact]
    public async Task AScaleJudgedByLimits_NeedsTheCurrentReplicas()
    {
        var cases = Write("cases.yaml", "- name: no count\n  user: slack:U-DAVE\n  command: scale web 4 --cluster prod-eks\n  at: 2026-12-02T10:00:00Z\n  expect: allowed");

        var (code, _, error) = await RunAsync(Root("docs/policy-example.json"), cases);

        code.ShouldBe(2);
        error.ShouldContain("case 1 'no count': `replicas:` (the deployment's current count) is needed offline");
    }

    [Fact]
    public async Task AScale_NeedsNoCount_WhenOnlyOtherFeaturesLimitsAreSet()
    {
        var example = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Root("docs/policy-example.json")))!;
        var limits = example["ChatOps"]!["Policies"]!["Limits"]!.AsObject();
        limits.Remove("MaxReplicaChange");
        limits.Remove("MaxReplicaChangePercent");
        limits.Remove("MinProductionReplicas");
        var config = Write("kill-limit-only.json", example.ToJsonString());
        var cases = Write("cases.yaml", "- name: no count\n  user: slack:U-DAVE\n  command: scale web 4 --cluster prod-eks\n  at: 2026-12-02T10:00:00Z\n  expect: allowed");

        var (code, output, error) = await RunAsync(config, cases);

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        output.ShouldContain("ok    case 1 'no count': allowed");
    }

    [Fact]
    public async Task AnInvalidConfiguration_IsRefusedBeforeAnyCase()
    {
        var config = Write("bad.json", """{ "ChatOps": { "Policies": { "Freezes": [ { "Name": "", "StartDay": "Friday" } ] } } }""");

        var (code, output, error) = await RunAsync(config, Root("policy-cases.yaml"));

        code.ShouldBe(2);
        error.ShouldStartWith($"policy check: {config}: ");
        output.ShouldBeEmpty();
    }

    [Theory]
    [InlineData]
    [InlineData("--config", "appsettings.json")]
    [InlineData("--cases")]
    [InlineData("--cases", "x.yaml", "--verbose", "yes")]
    public async Task BadUsage_PrintsTheUsage(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        (await PolicyCheckVerb.RunAsync(args, output, error)).ShouldBe(2);
        error.ToString().ShouldBe(PolicyCheckVerb.Usage + Environment.NewLine);
    }

    private static string Root(string path) => Path.Combine(RepositoryRoot.Path, path);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string config, string cases)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = await PolicyCheckVerb.RunAsync(["--config", config, "--cases", cases], output, error);
        return (code, output.ToString(), error.ToString());
    }
}

using ChatOps.Bot.Features.BreakGlass;
using ChatOps.Bot.Features.Policies;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChatOps.Bot.Hosting.PolicyCheck;

/// <summary>
/// Reads a cases file: a YAML list of <c>name / user / channel / command / expect</c> mappings, with optional
/// <c>at</c> (the instant, for freezes), <c>replicas</c> (a scaled deployment's current count, for limits),
/// <c>depth</c> (a purged queue's current depth, for the purge-depth limit),
/// <c>incident</c> (how the incident named by <c>--incident</c> stands), <c>groups</c> (the user's groups) and
/// <c>elevations</c> (the user's live break-glass elevations: role, until, optional scope), <c>sessions</c> (how many
/// sessions a typed bulk <c>db kill</c> would signal) and <c>runs</c> (commands that already ran: at, command, scope).
/// Unknown keys are errors, so a typo cannot silently test nothing.
/// </summary>
public static class PolicyCaseFile
{
    /// <summary>What <c>expect</c> may say; the short forms are the verdict's first word.</summary>
    private static readonly Dictionary<string, string> Expectations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["allowed"] = PolicyVerdicts.Allowed,
        ["needs approval"] = PolicyVerdicts.NeedsApproval,
        ["denied"] = PolicyVerdicts.Denied,
        [PolicyVerdicts.Denied] = PolicyVerdicts.Denied,
        ["refused"] = PolicyVerdicts.Refused,
        [PolicyVerdicts.Refused] = PolicyVerdicts.Refused,
    };

    public static IReadOnlyList<PolicyCase> Parse(string yaml)
    {
        List<CaseEntry>? entries;
        try
        {
            entries = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
                .Deserialize<List<CaseEntry>?>(yaml);
        }
        catch (YamlException e)
        {
            throw new PolicyCaseException($"line {e.Start.Line}: {Describe(Innermost(e))}");
        }

        if (entries is not { Count: > 0 })
        {
            throw new PolicyCaseException("the file has no cases (a YAML list of mappings with user, command and expect)");
        }

        return entries.Select((e, i) => Case(i + 1, e)).ToList();
    }

    private static PolicyCase Case(int number, CaseEntry e)
    {
        var name = string.IsNullOrWhiteSpace(e.Name) ? e.Command?.Trim() : e.Name.Trim();
        var label = $"case {number}{(string.IsNullOrEmpty(name) ? string.Empty : $" '{name}'")}";
        string Required(string? value, string key) => string.IsNullOrWhiteSpace(value)
            ? throw new PolicyCaseException($"{label}: `{key}` is missing")
            : value.Trim();

        var user = Required(e.User, "user");
        if (user.Split(':') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            throw new PolicyCaseException($"{label}: user '{user}' must be platform:id, e.g. console:alice or slack:U123");
        }

        var expect = Required(e.Expect, "expect");
        if (!Expectations.TryGetValue(expect, out var verdict))
        {
            throw new PolicyCaseException($"{label}: expect '{expect}' must be one of: allowed, needs approval, denied, refused");
        }

        return new PolicyCase(
            number, name ?? Required(e.Command, "command"), user, e.Channel ?? "policy-check", Required(e.Command, "command"),
            verdict, At(label, e.At), Replicas(label, e.Replicas), Incident(label, e.Incident), e.Groups ?? [])
        {
            Elevations = (e.Elevations ?? []).Select((x, i) => Elevation(label, number, i + 1, user, x)).ToList(),
            Depth = e.Depth is < 0 ? throw new PolicyCaseException($"{label}: depth must be 0 or more") : e.Depth,
            Sessions = e.Sessions is < 0 ? throw new PolicyCaseException($"{label}: sessions must be 0 or more") : e.Sessions,
            Runs = (e.Runs ?? []).Select((r, i) => Run(label, i + 1, r)).ToList(),
            IncidentChannel = e.Incident?.Channel,
        };
    }

    private static Elevation Elevation(string label, int number, int index, string user, ElevationEntry e)
    {
        if (!Enum.TryParse<Role>(e.Role, ignoreCase: true, out var role) || role == Role.None || int.TryParse(e.Role, out _))
        {
            throw new PolicyCaseException($"{label}: elevation {index} needs role viewer, operator or admin, not '{e.Role}'");
        }

        if (!ElevationText.TryScope(e.Scope, out var scope, out var error))
        {
            throw new PolicyCaseException($"{label}: elevation {index}: {error!.Split(';')[0]}");
        }

        var until = At($"{label}: elevation {index}", e.Until)
            ?? throw new PolicyCaseException($"{label}: elevation {index} needs `until` (the instant it expires)");
        return new Elevation(
            $"e-case{number}-{index}", user, role, scope.Target, scope.Namespace, "policy check case", null, user, DateTimeOffset.MinValue, until);
    }

    private static PastRun Run(string label, int index, RunEntry r) =>
        string.IsNullOrWhiteSpace(r.Command) || string.IsNullOrWhiteSpace(r.Scope)
            ? throw new PolicyCaseException($"{label}: run {index} needs command and scope (e.g. {{ at: 2026-12-02T09:55:00Z, command: rollout undo web, scope: prod-eks/shop }})")
            : new PastRun(At($"{label}: run {index}", r.At) ?? throw new PolicyCaseException($"{label}: run {index} needs `at`"), r.Command.Trim(), r.Scope.Trim());

    private static DateTimeOffset? At(string label, string? at) =>
        at is null ? null
        : DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant
        : throw new PolicyCaseException($"{label}: at '{at}' is not an instant (e.g. 2026-11-27T17:30:00+01:00; UTC without an offset)");

    private static int? Replicas(string label, int? replicas) =>
        replicas is < 0 ? throw new PolicyCaseException($"{label}: replicas must be 0 or more") : replicas;

    private static IncidentStanding? Incident(string label, IncidentEntry? incident) =>
        incident is null ? null
        : string.IsNullOrWhiteSpace(incident.Id) || string.IsNullOrWhiteSpace(incident.Severity)
            ? throw new PolicyCaseException($"{label}: incident needs id and severity (e.g. {{ id: INC-7, severity: P1 }})")
            : new IncidentStanding(incident.Id, incident.Severity, incident.Open);

    // YamlDotNet names our private binding type; the reader needs the key and what is allowed instead.
    private static string Describe(Exception e) =>
        e.Message.StartsWith("Property '", StringComparison.Ordinal) && e.Message.Split('\'') is [_, var key, ..]
            ? $"unknown key '{key}' (known: name, user, channel, command, expect, at, replicas, depth, incident, groups, elevations, sessions, runs; in an elevation: role, scope, until; in a run: at, command, scope)"
            : e.Message;

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    // YamlDotNet binds by setters; these are only the file's shape.
    private sealed class CaseEntry
    {
        public string? Name { get; set; }
        public string? User { get; set; }
        public string? Channel { get; set; }
        public string? Command { get; set; }
        public string? Expect { get; set; }
        public string? At { get; set; }
        public int? Replicas { get; set; }
        public long? Depth { get; set; }
        public IncidentEntry? Incident { get; set; }
        public List<string>? Groups { get; set; }
        public List<ElevationEntry>? Elevations { get; set; }
        public int? Sessions { get; set; }
        public List<RunEntry>? Runs { get; set; }
    }

    private sealed class RunEntry
    {
        public string? At { get; set; }
        public string? Command { get; set; }
        public string? Scope { get; set; }
    }

    private sealed class ElevationEntry
    {
        public string? Role { get; set; }
        public string? Scope { get; set; }
        public string? Until { get; set; }
    }

    private sealed class IncidentEntry
    {
        public string? Id { get; set; }
        public string? Severity { get; set; }
        public bool Open { get; set; } = true;
        public string? Channel { get; set; }
    }
}

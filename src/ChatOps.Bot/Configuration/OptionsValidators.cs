using ChatOps.Bot.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOps.Bot.Configuration;

internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var e = new OptionsErrors();
        e.Check(Enum.IsDefined(options.Provider), $"{StoreOptions.SectionName}:Provider", "must be Sqlite or Postgres");
        e.Check(!string.IsNullOrWhiteSpace(options.ConnectionString), $"{StoreOptions.SectionName}:ConnectionString", "must be set");
        return e.Result;
    }
}

internal sealed class RolesOptionsValidator(IOptions<TargetOptions> targets, IConfiguration configuration) : IValidateOptions<RolesOptions>
{
    private static readonly string[] Prefixes = ["console:", "slack:", "slack-group:", "teams:", "alertmanager:"];

    public ValidateOptionsResult Validate(string? name, RolesOptions options)
    {
        var e = new OptionsErrors();
        e.EachElementBinds<RoleBinding>(configuration, $"{RolesOptions.SectionName}:Bindings");
        var known = targets.Value.Clusters.Keys.Concat(targets.Value.Databases.Keys).Concat(targets.Value.Brokers.Keys)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Bindings.Count; i++)
        {
            var b = options.Bindings[i];
            var key = $"{RolesOptions.SectionName}:Bindings:{i}";
            var prefix = Prefixes.FirstOrDefault(p => b.Subject.StartsWith(p, StringComparison.Ordinal));
            e.Check(
                prefix is not null && b.Subject.Length > prefix.Length && !b.Subject.Any(char.IsWhiteSpace),
                $"{key}:Subject",
                $"'{b.Subject}' must be console:<name>, slack:<user id>, slack-group:<group id>, teams:<aad object id> or alertmanager:alertmanager");
            e.Check(b.Role is > Role.None and <= Role.Admin, $"{key}:Role", "must be viewer, operator or admin");
            e.Check(
                string.IsNullOrEmpty(b.Scope) || known.Contains(b.Scope),
                $"{key}:Scope",
                $"'{b.Scope}' is not a configured cluster, database or broker ({(known.Count == 0 ? "none configured" : string.Join(", ", known))})");
            e.Check(string.IsNullOrEmpty(b.Namespace) || !string.IsNullOrEmpty(b.Scope), $"{key}:Namespace", "needs a Scope");
        }

        return e.Result;
    }
}

internal sealed class ApprovalOptionsValidator(Commands.CommandRegistry registry) : IValidateOptions<ApprovalOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalOptions options)
    {
        var e = new OptionsErrors();
        var approvable = registry.Commands.Where(c => c.MayNeedApproval).Select(c => c.Name).ToList();
        for (var i = 0; i < options.Commands.Count; i++)
        {
            e.Check(
                approvable.Contains(options.Commands[i], StringComparer.OrdinalIgnoreCase),
                $"{ApprovalOptions.SectionName}:Commands:{i}",
                $"'{options.Commands[i]}' is not a command that can be held for approval ({string.Join(", ", approvable)})");
        }

        e.Check(
            options.ExpiresAfter >= TimeSpan.FromMinutes(1) && options.ExpiresAfter <= TimeSpan.FromDays(1),
            $"{ApprovalOptions.SectionName}:ExpiresAfter",
            $"{options.ExpiresAfter} must be between 00:01:00 and 1.00:00:00");
        e.Check(
            options.RequiredApprovers is >= 1 and <= 5,
            $"{ApprovalOptions.SectionName}:RequiredApprovers",
            $"{options.RequiredApprovers} must be between 1 and 5");
        return e.Result;
    }
}

internal sealed class AuditOptionsValidator(IOptions<StoreOptions> store) : IValidateOptions<AuditOptions>
{
    private static readonly string[] Platforms = ["log", "slack", "teams"];

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var e = new OptionsErrors();
        for (var i = 0; i < options.Destinations.Count; i++)
        {
            var platform = options.Destinations[i].Split(':', 2)[0];
            e.Check(
                Platforms.Contains(platform, StringComparer.Ordinal),
                $"{AuditOptions.SectionName}:Destinations:{i}",
                $"'{options.Destinations[i]}' must start with one of: {string.Join(", ", Platforms)}");
        }

        e.Check(options.PendingLimit is >= 1 and <= 1_000_000, $"{AuditOptions.SectionName}:PendingLimit", "must be between 1 and 1000000");
        e.Check(
            options.PendingFlushInterval >= TimeSpan.FromMilliseconds(10) && options.PendingFlushInterval <= TimeSpan.FromMinutes(10),
            $"{AuditOptions.SectionName}:PendingFlushInterval",
            "must be between 00:00:00.010 and 00:10:00");
        e.Check(options.OrphanAfter >= TimeSpan.Zero && options.OrphanAfter <= TimeSpan.FromDays(1), $"{AuditOptions.SectionName}:OrphanAfter", "must be between 00:00:00 and 1.00:00:00");
        e.Check(
            options.OrphanSweepInterval >= TimeSpan.FromSeconds(1) && options.OrphanSweepInterval <= TimeSpan.FromDays(1),
            $"{AuditOptions.SectionName}:OrphanSweepInterval",
            "must be between 00:00:01 and 1.00:00:00");
        e.Check(
            options.HeadInterval >= TimeSpan.FromSeconds(1) && options.HeadInterval <= TimeSpan.FromDays(1),
            $"{AuditOptions.SectionName}:HeadInterval",
            "must be between 00:00:01 and 1.00:00:00");
        AuditChainKeyRules.Check(e, options, store.Value.Provider);

        return e.Result;
    }
}

internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var e = new OptionsErrors();
        const string s = OutboxOptions.SectionName;
        e.Check(options.PollInterval > TimeSpan.Zero && options.PollInterval <= TimeSpan.FromMinutes(1), $"{s}:PollInterval", "must be between 0 and 00:01:00");
        e.Check(options.BatchSize is >= 1 and <= 500, $"{s}:BatchSize", "must be between 1 and 500");
        e.Check(options.Lease >= TimeSpan.FromSeconds(5), $"{s}:Lease", "must be at least 00:00:05");
        e.Check(options.MaxBackoff >= TimeSpan.FromSeconds(1), $"{s}:MaxBackoff", "must be at least 00:00:01");
        return e.Result;
    }
}

internal sealed class TargetOptionsValidator(IConfiguration configuration) : IValidateOptions<TargetOptions>
{
    public ValidateOptionsResult Validate(string? name, TargetOptions options)
    {
        var e = new OptionsErrors();
        e.EachElementBinds<ClusterOptions>(configuration, "ChatOps:Clusters");
        e.EachElementBinds<DatabaseOptions>(configuration, "ChatOps:Databases");
        e.EachElementBinds<BrokerOptions>(configuration, "ChatOps:Brokers");
        foreach (var (key, c) in options.Clusters)
        {
            var k = $"ChatOps:Clusters:{key}";
            e.Check(Commands.Names.IsDns1123Subdomain(key), k, "a target name must be lower-case letters, digits, '-' and '.'");
            e.Check(c.InCluster || c.Kubeconfig.Length > 0, $"{k}:Kubeconfig", "set a kubeconfig path or InCluster: true");
            e.Check(c.MaxReplicas is >= 0 and <= 10_000, $"{k}:MaxReplicas", "must be between 0 and 10000");
            e.Check(Commands.Names.IsDns1123Label(c.DefaultNamespace), $"{k}:DefaultNamespace", $"'{c.DefaultNamespace}' is not a namespace name");
            e.Check(c.Namespaces.All(Commands.Names.IsDns1123Label), $"{k}:Namespaces", "every entry must be a namespace name");
            e.Check(
                c.RequestTimeout >= TimeSpan.FromSeconds(1) && c.RequestTimeout <= TimeSpan.FromMinutes(5),
                $"{k}:RequestTimeout",
                $"{c.RequestTimeout} must be between 00:00:01 and 00:05:00");
        }

        var defaults = options.Clusters.Where(c => c.Value.Default).Select(c => c.Key).ToList();
        e.Check(defaults.Count <= 1, "ChatOps:Clusters:*:Default", $"only one cluster may be the default, not {string.Join(", ", defaults)}");

        foreach (var (key, d) in options.Databases)
        {
            var k = $"ChatOps:Databases:{key}";
            e.Check(Commands.Names.IsDns1123Subdomain(key), k, "a target name must be lower-case letters, digits, '-' and '.'");
            e.Check(d.ConnectionString.Length > 0, $"{k}:ConnectionString", "must be set");
        }

        foreach (var (key, b) in options.Brokers)
        {
            var k = $"ChatOps:Brokers:{key}";
            e.Check(Commands.Names.IsDns1123Subdomain(key), k, "a target name must be lower-case letters, digits, '-' and '.'");
            e.Check(Enum.IsDefined(b.Kind), $"{k}:Kind", "must be ActiveMq or RabbitMq");
            e.Check(b.Url.Length > 0, $"{k}:Url", "must be set");
            e.Url(b.Url, $"{k}:Url");
            e.Check(
                b.RequestTimeout >= TimeSpan.FromSeconds(1) && b.RequestTimeout <= TimeSpan.FromMinutes(5),
                $"{k}:RequestTimeout",
                $"{b.RequestTimeout} must be between 00:00:01 and 00:05:00");
            e.Check(b.WarningDepth >= 0, $"{k}:WarningDepth", "must be 0 or more");
            e.Check(b.Queues.Values.All(q => q.WarningDepth is null or >= 0), $"{k}:Queues:*:WarningDepth", "must be 0 or more");
        }

        var names = options.Clusters.Keys.Concat(options.Databases.Keys).Concat(options.Brokers.Keys)
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var dup in names)
        {
            e.Check(false, $"ChatOps:*:{dup}", "the same target name is used by two kinds of target; role scopes would be ambiguous");
        }

        return e.Result;
    }
}

internal sealed class PlatformOptionsValidator :
    IValidateOptions<SlackOptions>, IValidateOptions<TeamsOptions>, IValidateOptions<IncidentOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var e = new OptionsErrors();
        const string s = SlackOptions.SectionName;
        e.Url(options.ApiBaseUrl, $"{s}:ApiBaseUrl");
        e.Check(options.AckBudget > TimeSpan.Zero && options.AckBudget < TimeSpan.FromSeconds(3), $"{s}:AckBudget", "must be between 0 and 00:00:03 (Slack's limit)");
        e.Check(options.GroupCacheExpiry >= TimeSpan.Zero, $"{s}:GroupCacheExpiry", "must not be negative");
        e.Check(options.BotToken.Length == 0 || options.BotToken.StartsWith("xox", StringComparison.Ordinal), $"{s}:BotToken", "must be a bot token (xoxb-…)");
        e.Check(options.AppToken.Length == 0 || options.AppToken.StartsWith("xapp-", StringComparison.Ordinal), $"{s}:AppToken", "must be an app-level token (xapp-…)");
        return e.Result;
    }

    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var e = new OptionsErrors();
        e.Url(options.OpenIdMetadataUrl, $"{TeamsOptions.SectionName}:OpenIdMetadataUrl");
        e.Url(options.TokenEndpoint, $"{TeamsOptions.SectionName}:TokenEndpoint");
        return e.Result;
    }

    public ValidateOptionsResult Validate(string? name, IncidentOptions options)
    {
        var e = new OptionsErrors();
        foreach (var (severity, value) in options.Severities)
        {
            e.Check(
                value == "next-business-day" || TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero,
                $"{IncidentOptions.SectionName}:Severities:{severity}",
                $"'{value}' must be a positive time span (00:15:00) or next-business-day");
        }

        const string i = IncidentOptions.SectionName;
        e.Check(options.EscalateAfter > TimeSpan.Zero && options.EscalateAfter <= TimeSpan.FromDays(7), $"{i}:EscalateAfter", "must be between 00:00:01 and 7.00:00:00");
        e.Check(options.PollInterval >= TimeSpan.FromSeconds(1) && options.PollInterval <= TimeSpan.FromMinutes(5), $"{i}:PollInterval", "must be between 00:00:01 and 00:05:00");
        for (var n = 0; n < options.Responders.Count; n++)
        {
            var responder = options.Responders[n];
            var colon = responder.IndexOf(':', StringComparison.Ordinal);
            e.Check(colon > 0 && colon < responder.Length - 1, $"{i}:Responders:{n}", $"'{responder}' must be platform:user-id, e.g. slack:U0123");
        }

        return e.Result;
    }
}

internal sealed class AlertmanagerOptionsValidator : IValidateOptions<AlertmanagerOptions>
{
    private static readonly string[] Platforms = ["log", "slack", "teams"];

    public ValidateOptionsResult Validate(string? name, AlertmanagerOptions options)
    {
        var e = new OptionsErrors();
        const string s = AlertmanagerOptions.SectionName;
        var platform = options.Channel.Split(':', 2)[0];
        e.Check(
            options.BearerToken.Length == 0 || Platforms.Contains(platform, StringComparer.Ordinal) && (platform == "log" || options.Channel.Length > platform.Length + 1),
            $"{s}:Channel",
            $"'{options.Channel}' must be slack:<channel>, teams:<conversation> or log when BearerToken is set");
        e.Check(options.ScaleStep is >= 1 and <= 100, $"{s}:ScaleStep", $"{options.ScaleStep} must be between 1 and 100");
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            e.Check(rule.Match.Count > 0, $"{s}:Rules:{i}:Match", "needs at least one label, e.g. severity: critical");
            e.Check(
                Operations.Incidents.IncidentSchedule.NormalizeSeverity(rule.Severity) is not null,
                $"{s}:Rules:{i}:Severity",
                $"'{rule.Severity}' must be P1, P2, P3 or P4");
            e.Check(
                rule.Commander.Length == 0 || rule.Commander.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'),
                $"{s}:Rules:{i}:Commander",
                $"'{rule.Commander}' must be one user id (a Slack id like U0123ABC, a Teams Azure AD object id), not a name");
        }

        return e.Result;
    }
}

using ChatOps.Bot.Chat;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Alerts;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Audit.Outbox;
using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Features.Incidents;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Infrastructure.Vault;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Hosting;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("ChatOps:Roles:Bindings:0:Subject", "alice", "ChatOps:Roles:Bindings:0:Subject: 'alice' must be console:<name>")]
    [InlineData("ChatOps:Roles:Bindings:0:Subject", "teams-group:SRE on-call", "ChatOps:Roles:Bindings:0:Subject: 'teams-group:SRE on-call' must be console:<name>")]
    [InlineData("ChatOps:Roles:Bindings:0:Subject", "teams-group:sre-oncall", "ChatOps:Roles:Bindings:0:Subject: 'teams-group:sre-oncall' must be teams-group:<Entra group object id")]
    [InlineData("ChatOps:Policies:Approvals:0:From:0", "teams-group:sre-oncall", "ChatOps:Policies:Approvals:0:From: 'teams-group:sre-oncall' must be teams-group:<Entra group object id")]
    [InlineData("ChatOps:Teams:Graph:LoginUrl", "login.microsoftonline.com", "ChatOps:Teams:Graph:LoginUrl: 'login.microsoftonline.com' is not an absolute http(s) URL")]
    [InlineData("ChatOps:Teams:Graph:GroupCacheExpiry", "-00:01:00", "ChatOps:Teams:Graph:GroupCacheExpiry: must not be negative")]
    [InlineData("ChatOps:Roles:Bindings:3:Scope", "prod-ek", "ChatOps:Roles:Bindings:3:Scope: 'prod-ek' is not a configured cluster, database or broker")]
    [InlineData("ChatOps:Approvals:RequiredApprovers", "0", "ChatOps:Approvals:RequiredApprovers: 0 must be between 1 and 5")]
    [InlineData("ChatOps:Approvals:ExpiresAfter", "00:00:10", "ChatOps:Approvals:ExpiresAfter: 00:00:10 must be between")]
    [InlineData("ChatOps:Audit:Destinations:0", "email:ops", "ChatOps:Audit:Destinations:0: 'email:ops' must start with one of")]
    [InlineData("ChatOps:Clusters:prod-eks:MaxReplicas", "-1", "ChatOps:Clusters:prod-eks:MaxReplicas: must be between 0 and 10000")]
    [InlineData("ChatOps:Roles:Bindings:0:Role", "superuser", "ChatOps:Roles:Bindings:0: Failed to convert configuration value 'superuser' at 'ChatOps:Roles:Bindings:0:Role'")]
    [InlineData("ChatOps:Clusters:prod-eks:Production", "yes", "ChatOps:Clusters:prod-eks: Failed to convert configuration value 'yes' at 'ChatOps:Clusters:prod-eks:Production'")]
    [InlineData("ChatOps:Slack:ApiBaseUrl", "slack.com/api", "ChatOps:Slack:ApiBaseUrl: 'slack.com/api' is not an absolute http(s) URL")]
    [InlineData("ChatOps:RateLimits:PerUser:PermitLimit", "0", "ChatOps:RateLimits:PerUser:PermitLimit: must be between 1 and 100000")]
    [InlineData("ChatOps:RateLimits:PerCommand:rollout-undoo:PermitLimit", "3", "ChatOps:RateLimits:PerCommand:rollout-undoo: is not a command")]
    [InlineData("ChatOps:RateLimits:PerCommand:db-kill:Window", "00:00:00", "ChatOps:RateLimits:PerCommand:db-kill:Window: must be between")]
    [InlineData("ChatOps:Http:MaxRequestBodyBytes", "10", "ChatOps:Http:MaxRequestBodyBytes: must be between 1024 and")]
    [InlineData("ChatOps:Incidents:Severities:P4", "someday", "ChatOps:Incidents:Severities:P4: 'someday' must be a positive time span")]
    [InlineData("ChatOps:Incidents:EscalateAfter", "00:00:00", "ChatOps:Incidents:EscalateAfter: must be between 00:00:01 and 7.00:00:00")]
    [InlineData("ChatOps:Incidents:PollInterval", "00:10:00", "ChatOps:Incidents:PollInterval: must be between 00:00:01 and 00:05:00")]
    [InlineData("ChatOps:Incidents:Responders:0", "U0123", "ChatOps:Incidents:Responders:0: 'U0123' must be platform:user-id, e.g. slack:U0123")]
    [InlineData("ChatOps:Alertmanager:Rules:0:Commander", "on call", "ChatOps:Alertmanager:Rules:0:Commander: 'on call' must be one user id (a Slack id like U0123ABC, a Teams Azure AD object id), not a name")]
    [InlineData("ChatOps:Alertmanager:ScaleStep", "0", "ChatOps:Alertmanager:ScaleStep: 0 must be between 1 and 100")]
    [InlineData("ChatOps:Alertmanager:BearerToken", "set-but-no-channel", "ChatOps:Alertmanager:Channel: '' must be slack:<channel>")]
    [InlineData("ChatOps:Alertmanager:Rules:0:Severity", "P9", "ChatOps:Alertmanager:Rules:0:Match: needs at least one label")]
    [InlineData("ChatOps:Alertmanager:Rules:0:Severity", "critical", "ChatOps:Alertmanager:Rules:0:Severity: 'critical' must be P1, P2, P3 or P4")]
    public async Task BadValue_FailsValidation_NamingTheKey(string key, string value, string message)
    {
        await using var bot = TestBot.Create(s => s[key] = value);

        var failures = ValidateAll(bot.Services);

        failures.ShouldContain(f => f.StartsWith(message, StringComparison.Ordinal), string.Join("\n", failures));
    }

    [Theory]
    [InlineData("ChatOps:Store:Provider", "Mongo", "ChatOps:Store:Provider")]
    [InlineData("ChatOps:Approvals:ExpiresAfter", "ten minutes", "ChatOps:Approvals:ExpiresAfter")]
    public async Task UnconvertibleValue_FailsBinding_NamingTheKey(string key, string value, string named)
    {
        await using var bot = TestBot.Create(s => s[key] = value);

        var error = Should.Throw<InvalidOperationException>(() => ValidateAll(bot.Services));

        error.Message.ShouldContain($"'{named}'");
    }

    [Fact]
    public async Task DefaultTestConfiguration_IsValid()
    {
        await using var bot = TestBot.Create();

        ValidateAll(bot.Services).ShouldBeEmpty();
    }

    private static List<string> ValidateAll(IServiceProvider services)
    {
        var failures = new List<string>();
        void Check<T>()
            where T : class
        {
            try
            {
                _ = services.GetRequiredService<IOptions<T>>().Value;
            }
            catch (OptionsValidationException ex)
            {
                failures.AddRange(ex.Failures);
            }
        }

        Check<StoreOptions>();
        Check<RolesOptions>();
        Check<ChatOps.Bot.Features.Policies.PolicyOptions>();
        Check<ApprovalOptions>();
        Check<AuditOptions>();
        Check<OutboxOptions>();
        Check<TargetOptions>();
        Check<SlackOptions>();
        Check<TeamsOptions>();
        Check<IncidentOptions>();
        Check<VaultOptions>();
        Check<AlertmanagerOptions>();
        Check<RateLimitOptions>();
        Check<HttpOptions>();
        return failures;
    }
}

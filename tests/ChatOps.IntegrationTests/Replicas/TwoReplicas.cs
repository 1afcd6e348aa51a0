using System.Globalization;
using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.IntegrationTests.Slack;
using ChatOps.IntegrationTests.Support;
using Npgsql;

namespace ChatOps.IntegrationTests.Replicas;

/// <summary>
/// Two bot processes, A and B, on one real PostgreSQL database (Store: Postgres), both pointed at one fake Slack and
/// one Kubernetes test API server marked production, as two pods of the Deployment in manifests/ would be.
/// </summary>
public sealed class TwoReplicas : IAsyncLifetime
{
    public const string Orders = "urbanos-service-orders";

    public const string IncidentsChannel = "C-INCIDENTS";

    private readonly PostgresTestDatabase _database = new("chatops_replicas");

    public ReplicaProcess A { get; private set; } = null!;

    public ReplicaProcess B { get; private set; } = null!;

    public FakeSlackApi Slack { get; private set; } = null!;

    public KubeTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.CreateAsync(CancellationToken.None);
        Slack = await FakeSlackApi.StartAsync();
        Cluster = await KubeTestCluster.StartAsync();
        Cluster.Server.Seed.Deployment(KubeTestCluster.Ns, Orders, 3, KubeTestCluster.Images);
        var environment = new Dictionary<string, string>
        {
            ["ChatOps__Store__Provider"] = "Postgres",
            ["ChatOps__Store__ConnectionString"] = _database.ConnectionString,

            // Both replicas key one chain, so they must share its key.
            ["ChatOps__Audit__ChainKeys__0__Id"] = "test",
            ["ChatOps__Audit__ChainKeys__0__Secret"] = "integration-chain-key-0123456789abcdef",
            ["ChatOps__Audit__ActiveKeyId"] = "test",
            ["ChatOps__Slack__SigningSecret"] = SlackBotHost.Secret,
            ["ChatOps__Slack__BotToken"] = "xoxb-fake",
            ["ChatOps__Slack__ApiBaseUrl"] = Slack.ApiBaseUrl.ToString(),
            ["ChatOps__Slack__AllowedTeamIds__0"] = SlackBotHost.Team,
            ["ChatOps__Slack__AuditChannel"] = "C-AUDIT",
            ["ChatOps__Slack__IncidentsChannel"] = IncidentsChannel,
            ["ChatOps__Outbox__PollInterval"] = "00:00:00.050",
            ["ChatOps__Outbox__Lease"] = "00:00:05",
            // Seconds-scale SLA timers, polled by both replicas every second: both see each timer due and race for it.
            ["ChatOps__Incidents__Severities__P1"] = "00:00:05",
            ["ChatOps__Incidents__EscalateAfter"] = "00:00:02",
            ["ChatOps__Incidents__PollInterval"] = "00:00:01",
            ["ChatOps__Clusters__prod-eks__Kubeconfig"] = Cluster.Kubeconfig,
            ["ChatOps__Clusters__prod-eks__Production"] = "true",
            ["ChatOps__Clusters__prod-eks__DefaultNamespace"] = KubeTestCluster.Ns,
            ["ChatOps__Roles__Bindings__10__Subject"] = "slack:UALICE01",
            ["ChatOps__Roles__Bindings__10__Role"] = "admin",
            ["ChatOps__Roles__Bindings__11__Subject"] = "slack:UBOB01",
            ["ChatOps__Roles__Bindings__11__Role"] = "admin",
            ["ChatOps__Roles__Bindings__12__Subject"] = "slack:U-CAROL",
            ["ChatOps__Roles__Bindings__12__Role"] = "viewer",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };

        // One after the other: both migrate the same database, which the advisory lock serializes anyway.
        A = await ReplicaProcess.StartAsync(environment);
        B = await ReplicaProcess.StartAsync(environment);
    }

    public async Task DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (B is not null)
        {
            await B.DisposeAsync();
        }

        if (Slack is not null)
        {
            await Slack.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    public Dictionary<string, string> SlashCommand(string text, string user, string responseId) => new()
    {
        ["team_id"] = SlackBotHost.Team,
        ["team_domain"] = "ours",
        ["channel_id"] = "C-OPS",
        ["channel_name"] = "ops",
        ["user_id"] = user,
        ["user_name"] = user.ToLowerInvariant(),
        ["command"] = "/ops",
        ["text"] = text,
        ["api_app_id"] = "A1",
        ["response_url"] = Slack.ResponseUrl(responseId).ToString(),
        ["trigger_id"] = "1.2.3",
    };

    /// <summary>A slash command's answer: the HTTP response when it beat the ack budget, otherwise what reached response_url.</summary>
    public async Task<string> AnswerAsync(ReplicaProcess replica, string text, string user, string responseId)
    {
        using var response = await replica.PostFormAsync("/slack/commands", SlashCommand(text, user, responseId));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!.GetValue<string>();
        return answer.StartsWith("Working on", StringComparison.Ordinal)
            ? (await Slack.WaitForAsync($"response:{responseId}", timeout: TimeSpan.FromSeconds(30))).Json!["text"]!.GetValue<string>()
            : answer;
    }

    public long Replicas(string deployment) =>
        long.Parse(Cluster.DeploymentObject(deployment)["spec"]!["replicas"]!.ToJsonString(), CultureInfo.InvariantCulture);

    public int ScalePatches(string deployment) =>
        Cluster.Server.Calls.Count(c => c.Verb == "patch" && c.RbacResource == "deployments/scale" && c.Name == deployment);

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<string> PendingApprovalIdAsync(string canonicalStart)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id FROM approvals WHERE status = 'Pending' AND canonical_command LIKE @start ORDER BY created_at DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("start", canonicalStart + "%");
        return (string)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"no pending approval for {canonicalStart}"));
    }

    public Task<TableLock> LockTableAsync(string table) => TableLock.TakeAsync(_database.ConnectionString, table);

    /// <summary>How many statements wait for a lock on <paramref name="table"/>.</summary>
    public Task<long> LockWaitersAsync(string table) =>
        ScalarAsync("SELECT COUNT(*) FROM pg_locks WHERE relation = to_regclass(@table) AND NOT granted", ("table", table));

    /// <summary>Waits until every queued line is delivered (the store says so), so counts on the fake Slack are final.</summary>
    public async Task WaitForEmptyOutboxAsync()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await ScalarAsync("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL") > 0)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("the outbox did not drain");
            }

            await Task.Delay(50);
        }
    }
}

namespace ChatOps.Bot.Infrastructure.Databases;

/// <summary>
/// The statements the PostgreSQL adapter runs. Every value is a parameter; the only text chosen in code is which
/// signalling function to call. "The bot's own" means its backend or any session of its role under its application
/// name (its connection pool, on every replica).
/// </summary>
internal static class SessionSql
{
    public const string BotApplicationName = "chatops-bot";

    private const string IsBot = "(a.pid = pg_backend_pid() OR (a.usename = current_user AND a.application_name = @app))";

    private const string Columns = $"""
        SELECT a.pid, a.datname, a.usename, a.application_name, host(a.client_addr), a.backend_type, a.state,
               a.backend_start, a.xact_start, a.query_start, a.state_change, a.wait_event_type, a.wait_event, a.query,
               CASE WHEN a.state = 'active' THEN now() - a.query_start
                    WHEN a.state LIKE 'idle in transaction%' THEN now() - a.xact_start
                    ELSE now() - a.state_change END AS duration,
               COALESCE(r.rolsuper, false) AS superuser,
               {IsBot} AS is_bot,
               CASE WHEN r.oid IS NULL THEN false
                    ELSE pg_has_role(r.oid, 'USAGE') OR pg_has_role('pg_signal_backend', 'USAGE') END AS may_signal,
               a.datname IS NOT DISTINCT FROM current_database() AS on_target
        FROM pg_stat_activity a LEFT JOIN pg_roles r ON r.oid = a.usesysid
        """;

    public const string List = $"""
        WITH s AS (
            {Columns}
            WHERE a.datname = current_database() AND a.backend_type = 'client backend' AND NOT {IsBot}
        )
        SELECT *, count(*) OVER () FROM s
        WHERE (cardinality(@states::text[]) = 0 OR s.state = ANY(@states::text[]))
          AND (NOT @has_min OR s.duration >= @min)
        ORDER BY s.duration DESC NULLS LAST, s.pid
        LIMIT @limit
        """;

    public const string StateCounts = $"""
        SELECT COALESCE(a.state, 'unknown'), count(*)::int FROM pg_stat_activity a
        WHERE a.datname = current_database() AND a.backend_type = 'client backend' AND NOT {IsBot}
        GROUP BY 1
        """;

    public const string Find = $"{Columns}\nWHERE a.pid = ANY(@pids)";

    public const string Me = "SELECT current_user::text, COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)";

    /// <summary>The server checks the snapshot in the same statement that signals: same pid, backend start and query start.</summary>
    private const string Guarded = $"""
        FROM pg_stat_activity a
        WHERE a.pid = @pid AND a.backend_start = @backend_start AND a.query_start IS NOT DISTINCT FROM @query_start
          AND a.datname = current_database() AND a.backend_type = 'client backend' AND NOT {IsBot}
        """;

    public const string Cancel = $"SELECT pg_cancel_backend(a.pid)\n{Guarded}";

    public const string Terminate = $"SELECT pg_terminate_backend(a.pid)\n{Guarded}";

    public const string Poll = "SELECT a.pid, a.backend_start, a.query_start, a.state FROM pg_stat_activity a WHERE a.pid = ANY(@pids)";
}

namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// The safety rules every signal passes, whether the pid was typed, chosen by a snapshot or named in an approved
/// command line. Each refusal says why, so nobody has to decode a PostgreSQL error at 3 a.m.
/// </summary>
public static class SessionGuard
{
    /// <summary>Null when the session may be signalled; otherwise the reason it may not.</summary>
    public static string? Refusal(DbSession session, string database, DatabaseRole bot, IReadOnlyList<string> protectedUsers, SessionSignal signal)
    {
        var pid = session.Pid;
        if (session.IsBot)
        {
            return $"pid {pid} is the bot's own connection";
        }

        if (!session.IsClientBackend)
        {
            return $"pid {pid} is a PostgreSQL {session.BackendType} process, not a client session";
        }

        if (!session.OnTarget)
        {
            return $"pid {pid} is not a session of this database";
        }

        if (protectedUsers.Contains(session.User, StringComparer.OrdinalIgnoreCase))
        {
            return $"pid {pid} belongs to protected user '{session.User}' (ChatOps:Databases:{database}:ProtectedUsers)";
        }

        if (session.IsSuperuser && !bot.IsSuperuser)
        {
            return $"pid {pid} is a superuser session ('{session.User}') and the bot's role '{bot.User}' is not superuser; " +
                "PostgreSQL lets only superusers signal it";
        }

        if (!session.MaySignal && !bot.IsSuperuser)
        {
            return $"the bot's role '{bot.User}' may not signal sessions of '{session.User}': grant it pg_signal_backend " +
                "(see manifests/postgres-bot-role.sql)";
        }

        if (session.Key is null)
        {
            return $"the bot's role '{bot.User}' cannot see when pid {pid} started: grant it pg_read_all_stats " +
                "(see manifests/postgres-bot-role.sql)";
        }

        if (signal == SessionSignal.Cancel && session.State != "active")
        {
            return $"pid {pid} is {session.State ?? "in an unknown state"}: there is no running query to cancel " +
                "(--terminate ends the session)";
        }

        return null;
    }
}

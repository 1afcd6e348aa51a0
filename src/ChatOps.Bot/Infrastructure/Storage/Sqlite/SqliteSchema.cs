namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

/// <summary>
/// Versioned schema. Tables are STRICT so a column cannot silently hold a value of another type (a tampered
/// '0' in an INTEGER column would otherwise read back as a number). Times are Unix microseconds.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>
    /// Per connection, since pooled connections may be new. busy_timeout makes a second process wait for the writer
    /// instead of failing; synchronous=FULL because an audit record must survive a power cut once appended.
    /// </summary>
    public const string ConnectionPragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

    /// <summary>WAL lets readers (queries, verify, the outbox poller) run while one writer appends. Persistent in the file.</summary>
    public const string JournalMode = "PRAGMA journal_mode = WAL;";

    public const string VersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL DEFAULT (unixepoch())) STRICT;";

    public static readonly IReadOnlyList<(int Version, string Sql)> Migrations =
    [
        (1, """
            CREATE TABLE IF NOT EXISTS audit_entries (
                seq            INTEGER PRIMARY KEY,
                request_id     TEXT    NOT NULL,
                at             INTEGER NOT NULL,
                platform       TEXT    NOT NULL,
                user_id        TEXT    NOT NULL,
                user_name      TEXT    NOT NULL,
                channel_id     TEXT    NOT NULL,
                raw_text       TEXT    NOT NULL,
                parsed_request TEXT    NOT NULL,
                target         TEXT,
                decision       TEXT    NOT NULL,
                approver       TEXT,
                outcome        TEXT    NOT NULL,
                error          TEXT,
                duration_ms    INTEGER NOT NULL,
                correlation_id TEXT    NOT NULL,
                prev_hash      TEXT    NOT NULL,
                hash           TEXT    NOT NULL
            ) STRICT;
            CREATE INDEX IF NOT EXISTS ix_audit_entries_request ON audit_entries (request_id, seq);
            CREATE INDEX IF NOT EXISTS ix_audit_entries_user ON audit_entries (user_id, seq);

            -- AUTOINCREMENT: an id is never reused, so a worker holding a stale id can never settle a different line.
            CREATE TABLE IF NOT EXISTS outbox (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                request_id      TEXT    NOT NULL,
                destination     TEXT    NOT NULL,
                text            TEXT    NOT NULL,
                created_at      INTEGER NOT NULL,
                attempts        INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                delivered_at    INTEGER,
                lease_owner     TEXT,
                lease_until     INTEGER,
                last_error      TEXT
            ) STRICT;
            CREATE INDEX IF NOT EXISTS ix_outbox_due ON outbox (next_attempt_at, id) WHERE delivered_at IS NULL;
            CREATE INDEX IF NOT EXISTS ix_outbox_destination ON outbox (destination, id) WHERE delivered_at IS NULL;

            CREATE TABLE IF NOT EXISTS approvals (
                id                     TEXT    PRIMARY KEY,
                request_hash           TEXT    NOT NULL,
                canonical_command      TEXT    NOT NULL,
                raw_text               TEXT    NOT NULL,
                platform               TEXT    NOT NULL,
                requester_id           TEXT    NOT NULL,
                requester_name         TEXT    NOT NULL,
                channel_id             TEXT    NOT NULL,
                thread_id              TEXT,
                request_correlation_id TEXT    NOT NULL,
                required_role          TEXT    NOT NULL,
                target                 TEXT,
                namespace              TEXT,
                created_at             INTEGER NOT NULL,
                expires_at             INTEGER NOT NULL,
                required_approvers     INTEGER NOT NULL,
                status                 TEXT    NOT NULL,
                decided_by             TEXT,
                reason                 TEXT,
                decided_at             INTEGER
            ) STRICT;
            CREATE INDEX IF NOT EXISTS ix_approvals_pending ON approvals (expires_at) WHERE status = 'Pending';

            -- The id orders votes; the unique pair makes a second vote by one person impossible, not just unlikely.
            CREATE TABLE IF NOT EXISTS approval_votes (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                approval_id TEXT    NOT NULL REFERENCES approvals (id),
                approver    TEXT    NOT NULL,
                voted_at    INTEGER NOT NULL,
                UNIQUE (approval_id, approver)
            ) STRICT;
            """),
        (2, """
            -- Claimed keys (Slack event ids, button clicks) so a redelivery or a double click runs nothing twice.
            CREATE TABLE IF NOT EXISTS idempotency_keys (
                key        TEXT    PRIMARY KEY,
                claimed_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX IF NOT EXISTS ix_idempotency_keys_expires ON idempotency_keys (expires_at);
            """),
        (3, """
            -- Where to post proactively (Teams audit lines, incident posts): the service URL per conversation survives restarts.
            CREATE TABLE IF NOT EXISTS conversation_references (
                conversation_id   TEXT    PRIMARY KEY,
                service_url       TEXT    NOT NULL,
                tenant_id         TEXT,
                bot_id            TEXT    NOT NULL,
                conversation_type TEXT,
                updated_at        INTEGER NOT NULL
            ) STRICT;
            """),
        (4, """
            -- Incidents (issue 6). One counter row per year hands out INC-<year>-<seq> numbers; see IncidentRows.
            CREATE TABLE IF NOT EXISTS incident_counters (
                year     INTEGER PRIMARY KEY,
                last_seq INTEGER NOT NULL
            ) STRICT;

            CREATE TABLE IF NOT EXISTS incidents (
                id             TEXT    PRIMARY KEY,
                year           INTEGER NOT NULL,
                seq            INTEGER NOT NULL,
                severity       TEXT    NOT NULL,
                title          TEXT    NOT NULL,
                status         TEXT    NOT NULL,
                commander      TEXT    NOT NULL,
                lead           TEXT,
                services       TEXT    NOT NULL,
                channel_id     TEXT    NOT NULL,
                declared_by    TEXT    NOT NULL,
                started_at     INTEGER NOT NULL,
                next_update_at INTEGER NOT NULL,
                resolved_at    INTEGER,
                UNIQUE (year, seq)
            ) STRICT;
            CREATE INDEX IF NOT EXISTS ix_incidents_open_channel ON incidents (channel_id, year, seq) WHERE resolved_at IS NULL;

            CREATE TABLE IF NOT EXISTS incident_timeline (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                incident_id TEXT    NOT NULL REFERENCES incidents (id),
                at          INTEGER NOT NULL,
                actor       TEXT    NOT NULL,
                kind        TEXT    NOT NULL,
                text        TEXT    NOT NULL
            ) STRICT;
            CREATE INDEX IF NOT EXISTS ix_incident_timeline_incident ON incident_timeline (incident_id, id);
            """),
        (5, """
            -- Incident channels and SLA timers (issue 6). A pending channel setup is leased like an outbox line, so a
            -- failed or interrupted one is retried by one replica; the timer's stage is compared-and-set when it fires.
            ALTER TABLE incidents ADD COLUMN platform          TEXT    NOT NULL DEFAULT '';
            ALTER TABLE incidents ADD COLUMN incident_channel  TEXT;
            ALTER TABLE incidents ADD COLUMN incident_channel_name TEXT;
            ALTER TABLE incidents ADD COLUMN channel_setup     TEXT    NOT NULL DEFAULT 'None';
            ALTER TABLE incidents ADD COLUMN channel_members   TEXT    NOT NULL DEFAULT '';
            ALTER TABLE incidents ADD COLUMN setup_attempts    INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE incidents ADD COLUMN setup_due_at      INTEGER;
            ALTER TABLE incidents ADD COLUMN setup_owner       TEXT;
            ALTER TABLE incidents ADD COLUMN setup_lease_until INTEGER;
            ALTER TABLE incidents ADD COLUMN setup_error       TEXT;
            ALTER TABLE incidents ADD COLUMN timer_stage       INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE incidents ADD COLUMN timer_due_at      INTEGER;
            UPDATE incidents SET timer_due_at = next_update_at WHERE resolved_at IS NULL;
            CREATE INDEX IF NOT EXISTS ix_incidents_timer_due ON incidents (timer_due_at) WHERE timer_due_at IS NOT NULL;
            CREATE INDEX IF NOT EXISTS ix_incidents_setup_due ON incidents (setup_due_at) WHERE channel_setup = 'Pending';
            CREATE INDEX IF NOT EXISTS ix_incidents_open_incident_channel ON incidents (incident_channel) WHERE resolved_at IS NULL;
            """),
        (6, """
            -- Alertmanager (issue 6): one row per notification (group key + status + fingerprints) makes re-sends
            -- idempotent; one row per group remembers its card and the incident it declared. See AlertRows.
            CREATE TABLE IF NOT EXISTS alert_notifications (
                key          TEXT    PRIMARY KEY,
                group_key    TEXT    NOT NULL,
                status       TEXT    NOT NULL,
                received_at  INTEGER NOT NULL,
                lease_until  INTEGER NOT NULL,
                processed_at INTEGER
            ) STRICT;
            CREATE INDEX IF NOT EXISTS ix_alert_notifications_processed ON alert_notifications (processed_at);

            CREATE TABLE IF NOT EXISTS alert_groups (
                group_key   TEXT    PRIMARY KEY,
                destination TEXT,
                message_id  TEXT,
                card_status TEXT,
                incident_id TEXT    REFERENCES incidents (id),
                claimed_by  TEXT,
                claim_until INTEGER
            ) STRICT;
            """),
        (7, """
            -- Keyed audit chain (issue 20): the id of the HMAC key each record was hashed with. Existing rows keep NULL
            -- and verify as the legacy unkeyed SHA-256 chain, so nothing already written stops verifying.
            ALTER TABLE audit_entries ADD COLUMN key_id TEXT;
            """),
        (8, """
            -- Incident people by identity (issue 20): commander and lead hold platform-qualified ids (slack:U123,
            -- teams:<AAD object id>, console:bob) matched against the requester's id only; the names are display text.
            -- A value stored before could be a typed name: only what was surely an id of the incident's platform (or a
            -- console name, which is the console identity) keeps its powers; anything else becomes legacy:<value>,
            -- which no requester is, so only an admin may act on that incident until it gets a commander by mention.
            ALTER TABLE incidents ADD COLUMN commander_name TEXT NOT NULL DEFAULT '';
            ALTER TABLE incidents ADD COLUMN lead_name      TEXT;
            UPDATE incidents SET commander_name = commander, lead_name = lead;
            UPDATE incidents SET
                commander = CASE
                    WHEN platform = 'slack' AND commander GLOB '[UW][A-Z0-9]*' AND commander NOT GLOB '*[^A-Z0-9]*' THEN 'slack:' || commander
                    WHEN platform = 'teams' AND length(commander) = 36 AND commander NOT GLOB '*[^0-9a-f-]*'
                         AND substr(commander, 9, 1) = '-' AND substr(commander, 14, 1) = '-' AND substr(commander, 19, 1) = '-'
                         AND substr(commander, 24, 1) = '-' THEN 'teams:' || commander
                    WHEN platform IN ('', 'log') AND commander NOT GLOB '*[^A-Za-z0-9._-]*' THEN 'console:' || commander
                    ELSE 'legacy:' || commander END,
                lead = CASE
                    WHEN lead IS NULL THEN NULL
                    WHEN platform = 'slack' AND lead GLOB '[UW][A-Z0-9]*' AND lead NOT GLOB '*[^A-Z0-9]*' THEN 'slack:' || lead
                    WHEN platform = 'teams' AND length(lead) = 36 AND lead NOT GLOB '*[^0-9a-f-]*'
                         AND substr(lead, 9, 1) = '-' AND substr(lead, 14, 1) = '-' AND substr(lead, 19, 1) = '-'
                         AND substr(lead, 24, 1) = '-' THEN 'teams:' || lead
                    WHEN platform IN ('', 'log') AND lead NOT GLOB '*[^A-Za-z0-9._-]*' THEN 'console:' || lead
                    ELSE 'legacy:' || lead END;
            """),
        (9, """
            -- Which request ran a claimed key, so a replayed slash command is answered with the request that handled it.
            ALTER TABLE idempotency_keys ADD COLUMN owner TEXT NOT NULL DEFAULT '';
            """),
    ];
}

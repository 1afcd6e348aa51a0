namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// The versioned schema both stores apply, written once in the words PostgreSQL and SQLite share (TEXT, INTEGER);
/// the few that differ come from <see cref="SchemaWords"/>. Times are Unix microseconds. A migration is never edited
/// once released: a database records the versions it has applied, and only new databases run the text again.
/// </summary>
internal static class SqlSchema
{
    public static IReadOnlyList<(int Version, string Sql)> Migrations(SchemaWords d) =>
    [
        (1, AuditAndOutbox(d) + "\n" + Approvals(d)),
        (2, IdempotencyKeys(d)),
        (3, ConversationReferences(d)),
        (4, Incidents(d)),
        (5, IncidentChannelsAndTimers(d)),
        (6, Alertmanager(d)),
        (7, AuditKeyId),
        (8, IncidentPeopleById(d)),
        (9, IdempotencyOwner),
        (10, Elevations(d)),
        (11, AuditBreakGlass),
        (12, ElevationExpiryAnnounced(d)),
        (13, ApprovalRule),
        (14, AuditByTime),
    ];

    private const string ApprovalRule = """
        -- N-of-M approvals (issue 16): the approval rule that asked for an approval and who it admits, bound when the
        -- approval is asked for (the count is required_approvers). NULL: no rule, any holder of required_role may vote.
        ALTER TABLE approvals ADD COLUMN approver_rule TEXT;
        ALTER TABLE approvals ADD COLUMN approver_role TEXT;
        ALTER TABLE approvals ADD COLUMN approver_from TEXT;
        """;

    private const string AuditByTime = """
        -- Rate rules (issue 16) count the runs of the last minutes: the index keeps that read small however long the log.
        CREATE INDEX IF NOT EXISTS ix_audit_entries_at ON audit_entries (at);
        """;

    private const string AuditBreakGlass = """
        -- Break-glass marker (issue 16): the elevation that authorized a command. Existing rows keep NULL, which the
        -- chain does not hash, so nothing already written stops verifying.
        ALTER TABLE audit_entries ADD COLUMN break_glass TEXT;
        """;

    private static string ElevationExpiryAnnounced(SchemaWords d) => $$"""
        -- When an elevation's expiry was announced (issue 16): the replica whose conditional UPDATE sets it first is the
        -- one that queues the announcement, so two replicas announce each expiry once.
        ALTER TABLE elevations ADD COLUMN expiry_announced_at {{d.BigInt}};
        """;

    private static string Elevations(SchemaWords d) => $$"""
        -- Break-glass elevations (issue 16): time-bound roles as leases every replica reads; expiry is a comparison
        -- with expires_at, so nothing has to run for one to end. Revocation stamps the row instead of deleting it.
        CREATE TABLE IF NOT EXISTS elevations (
            id          TEXT    PRIMARY KEY,
            subject     TEXT    NOT NULL,
            role        TEXT    NOT NULL,
            target      TEXT,
            namespace   TEXT,
            reason      TEXT    NOT NULL,
            incident    TEXT,
            granted_by  TEXT    NOT NULL,
            granted_at  {{d.BigInt}}  NOT NULL,
            expires_at  {{d.BigInt}}  NOT NULL,
            revoked_at  {{d.BigInt}},
            revoked_by  TEXT
        ){{d.Strict}};
        CREATE INDEX IF NOT EXISTS ix_elevations_subject ON elevations (subject, expires_at) WHERE revoked_at IS NULL;
        """;

    private static string AuditAndOutbox(SchemaWords d) => $$"""
        CREATE TABLE IF NOT EXISTS audit_entries (
            seq            {{d.BigInt}}  PRIMARY KEY,
            request_id     TEXT    NOT NULL,
            at             {{d.BigInt}}  NOT NULL,
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
            duration_ms    {{d.BigInt}}  NOT NULL,
            correlation_id TEXT    NOT NULL,
            prev_hash      TEXT    NOT NULL,
            hash           TEXT    NOT NULL
        ){{d.Strict}};
        CREATE INDEX IF NOT EXISTS ix_audit_entries_request ON audit_entries (request_id, seq);
        CREATE INDEX IF NOT EXISTS ix_audit_entries_user ON audit_entries (user_id, seq);

        CREATE TABLE IF NOT EXISTS outbox (
            id              {{d.Identity}},
            request_id      TEXT    NOT NULL,
            destination     TEXT    NOT NULL,
            text            TEXT    NOT NULL,
            created_at      {{d.BigInt}}  NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at {{d.BigInt}}  NOT NULL,
            delivered_at    {{d.BigInt}},
            lease_owner     TEXT,
            lease_until     {{d.BigInt}},
            last_error      TEXT
        ){{d.Strict}};
        CREATE INDEX IF NOT EXISTS ix_outbox_due ON outbox (next_attempt_at, id) WHERE delivered_at IS NULL;
        CREATE INDEX IF NOT EXISTS ix_outbox_destination ON outbox (destination, id) WHERE delivered_at IS NULL;
        """;

    private static string Approvals(SchemaWords d) => $$"""
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
            created_at             {{d.BigInt}}  NOT NULL,
            expires_at             {{d.BigInt}}  NOT NULL,
            required_approvers     INTEGER NOT NULL,
            status                 TEXT    NOT NULL,
            decided_by             TEXT,
            reason                 TEXT,
            decided_at             {{d.BigInt}}
        ){{d.Strict}};
        CREATE INDEX IF NOT EXISTS ix_approvals_pending ON approvals (expires_at) WHERE status = 'Pending';

        -- The id orders votes; the unique pair makes a second vote by one person impossible, not just unlikely.
        CREATE TABLE IF NOT EXISTS approval_votes (
            id          {{d.Identity}},
            approval_id TEXT   NOT NULL REFERENCES approvals (id),
            approver    TEXT   NOT NULL,
            voted_at    {{d.BigInt}} NOT NULL,
            UNIQUE (approval_id, approver)
        ){{d.Strict}};
        """;

    private static string IdempotencyKeys(SchemaWords d) => $$"""
        -- Claimed keys (Slack event ids, button clicks) so a redelivery or a double click runs nothing twice.
        CREATE TABLE IF NOT EXISTS idempotency_keys (
            key        TEXT    PRIMARY KEY,
            claimed_at {{d.BigInt}}  NOT NULL,
            expires_at {{d.BigInt}}  NOT NULL
        ){{d.Strict}};
        CREATE INDEX IF NOT EXISTS ix_idempotency_keys_expires ON idempotency_keys (expires_at);
        """;

    private static string ConversationReferences(SchemaWords d) => $$"""
        -- Where to post proactively (Teams audit lines, incident posts): the service URL per conversation survives restarts.
        CREATE TABLE IF NOT EXISTS conversation_references (
            conversation_id   TEXT   PRIMARY KEY,
            service_url       TEXT   NOT NULL,
            tenant_id         TEXT,
            bot_id            TEXT   NOT NULL,
            conversation_type TEXT,
            updated_at        {{d.BigInt}} NOT NULL
        ){{d.Strict}};
        """;

    private static string Incidents(SchemaWords d) => $$"""
        -- Incidents (issue 6). One counter row per year hands out INC-<year>-<seq> numbers; see IncidentRows.
        CREATE TABLE IF NOT EXISTS incident_counters (
            year     INTEGER PRIMARY KEY,
            last_seq {{d.BigInt}}  NOT NULL
        ){{d.Strict}};

        CREATE TABLE IF NOT EXISTS incidents (
            id             TEXT    PRIMARY KEY,
            year           INTEGER NOT NULL,
            seq            {{d.BigInt}}  NOT NULL,
            severity       TEXT    NOT NULL,
            title          TEXT    NOT NULL,
            status         TEXT    NOT NULL,
            commander      TEXT    NOT NULL,
            lead           TEXT,
            services       TEXT    NOT NULL,
            channel_id     TEXT    NOT NULL,
            declared_by    TEXT    NOT NULL,
            started_at     {{d.BigInt}}  NOT NULL,
            next_update_at {{d.BigInt}}  NOT NULL,
            resolved_at    {{d.BigInt}},
            UNIQUE (year, seq)
        ){{d.Strict}};
        CREATE INDEX IF NOT EXISTS ix_incidents_open_channel ON incidents (channel_id, year, seq) WHERE resolved_at IS NULL;

        CREATE TABLE IF NOT EXISTS incident_timeline (
            id          {{d.Identity}},
            incident_id TEXT    NOT NULL REFERENCES incidents (id),
            at          {{d.BigInt}}  NOT NULL,
            actor       TEXT    NOT NULL,
            kind        TEXT    NOT NULL,
            text        TEXT    NOT NULL
        ){{d.Strict}};
        CREATE INDEX IF NOT EXISTS ix_incident_timeline_incident ON incident_timeline (incident_id, id);
        """;

    private static string IncidentChannelsAndTimers(SchemaWords d) => $$"""
        -- Incident channels and SLA timers (issue 6). A pending channel setup is leased like an outbox line, so a
        -- failed or interrupted one is retried by one replica; the timer's stage is compared-and-set when it fires.
        ALTER TABLE incidents ADD COLUMN platform          TEXT    NOT NULL DEFAULT '';
        ALTER TABLE incidents ADD COLUMN incident_channel  TEXT;
        ALTER TABLE incidents ADD COLUMN incident_channel_name TEXT;
        ALTER TABLE incidents ADD COLUMN channel_setup     TEXT    NOT NULL DEFAULT 'None';
        ALTER TABLE incidents ADD COLUMN channel_members   TEXT    NOT NULL DEFAULT '';
        ALTER TABLE incidents ADD COLUMN setup_attempts    {{d.BigInt}} NOT NULL DEFAULT 0;
        ALTER TABLE incidents ADD COLUMN setup_due_at      {{d.BigInt}};
        ALTER TABLE incidents ADD COLUMN setup_owner       TEXT;
        ALTER TABLE incidents ADD COLUMN setup_lease_until {{d.BigInt}};
        ALTER TABLE incidents ADD COLUMN setup_error       TEXT;
        ALTER TABLE incidents ADD COLUMN timer_stage       {{d.BigInt}} NOT NULL DEFAULT 0;
        ALTER TABLE incidents ADD COLUMN timer_due_at      {{d.BigInt}};
        UPDATE incidents SET timer_due_at = next_update_at WHERE resolved_at IS NULL;
        CREATE INDEX IF NOT EXISTS ix_incidents_timer_due ON incidents (timer_due_at) WHERE timer_due_at IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_incidents_setup_due ON incidents (setup_due_at) WHERE channel_setup = 'Pending';
        CREATE INDEX IF NOT EXISTS ix_incidents_open_incident_channel ON incidents (incident_channel) WHERE resolved_at IS NULL;
        """;

    private static string Alertmanager(SchemaWords d) => $$"""
        -- Alertmanager (issue 6): one row per notification (group key + status + fingerprints) makes re-sends
        -- idempotent; one row per group remembers its card and the incident it declared. See AlertRows.
        CREATE TABLE IF NOT EXISTS alert_notifications (
            key          TEXT    PRIMARY KEY,
            group_key    TEXT    NOT NULL,
            status       TEXT    NOT NULL,
            received_at  {{d.BigInt}}  NOT NULL,
            lease_until  {{d.BigInt}}  NOT NULL,
            processed_at {{d.BigInt}}
        ){{d.Strict}};
        CREATE INDEX IF NOT EXISTS ix_alert_notifications_processed ON alert_notifications (processed_at);

        CREATE TABLE IF NOT EXISTS alert_groups (
            group_key   TEXT    PRIMARY KEY,
            destination TEXT,
            message_id  TEXT,
            card_status TEXT,
            incident_id TEXT    REFERENCES incidents (id),
            claimed_by  TEXT,
            claim_until {{d.BigInt}}
        ){{d.Strict}};
        """;

    private const string AuditKeyId = """
        -- Keyed audit chain (issue 20): the id of the HMAC key each record was hashed with. Existing rows keep NULL
        -- and verify as the legacy unkeyed SHA-256 chain, so nothing already written stops verifying.
        ALTER TABLE audit_entries ADD COLUMN key_id TEXT;
        """;

    private static string IncidentPeopleById(SchemaWords d) => $$"""
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
                WHEN platform = 'slack' AND {{d.IsSlackId("commander")}} THEN 'slack:' || commander
                WHEN platform = 'teams' AND {{d.IsTeamsId("commander")}} THEN 'teams:' || commander
                WHEN platform IN ('', 'log') AND {{d.IsConsoleName("commander")}} THEN 'console:' || commander
                ELSE 'legacy:' || commander END,
            lead = CASE
                WHEN lead IS NULL THEN NULL
                WHEN platform = 'slack' AND {{d.IsSlackId("lead")}} THEN 'slack:' || lead
                WHEN platform = 'teams' AND {{d.IsTeamsId("lead")}} THEN 'teams:' || lead
                WHEN platform IN ('', 'log') AND {{d.IsConsoleName("lead")}} THEN 'console:' || lead
                ELSE 'legacy:' || lead END;
        """;

    private const string IdempotencyOwner = """
        -- Which request ran a claimed key, so a replayed slash command is answered with the request that handled it.
        ALTER TABLE idempotency_keys ADD COLUMN owner TEXT NOT NULL DEFAULT '';
        """;
}

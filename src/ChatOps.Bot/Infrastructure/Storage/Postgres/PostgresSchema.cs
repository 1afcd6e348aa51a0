namespace ChatOps.Bot.Infrastructure.Storage.Postgres;

/// <summary>Versioned schema, applied under an advisory lock so replicas starting together migrate once.</summary>
internal static class PostgresSchema
{
    /// <summary>
    /// Advisory lock keys ("CHATOPS" + a suffix). They are per database, so two deployments in different schemas of
    /// one database would only serialize against each other, never corrupt each other.
    /// </summary>
    public const long AppendLockKey = 0x43_48_41_54_4F_50_53_01;

    public const long MigrationLockKey = 0x43_48_41_54_4F_50_53_02;

    public const long OutboxClaimLockKey = 0x43_48_41_54_4F_50_53_03;

    public const string VersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())";

    public static readonly IReadOnlyList<(int Version, string Sql)> Migrations =
    [
        (1, """
            CREATE TABLE IF NOT EXISTS audit_entries (
                seq            bigint  PRIMARY KEY,
                request_id     text    NOT NULL,
                at             bigint  NOT NULL,
                platform       text    NOT NULL,
                user_id        text    NOT NULL,
                user_name      text    NOT NULL,
                channel_id     text    NOT NULL,
                raw_text       text    NOT NULL,
                parsed_request text    NOT NULL,
                target         text,
                decision       text    NOT NULL,
                approver       text,
                outcome        text    NOT NULL,
                error          text,
                duration_ms    bigint  NOT NULL,
                correlation_id text    NOT NULL,
                prev_hash      text    NOT NULL,
                hash           text    NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_audit_entries_request ON audit_entries (request_id, seq);
            CREATE INDEX IF NOT EXISTS ix_audit_entries_user ON audit_entries (user_id, seq);

            CREATE TABLE IF NOT EXISTS outbox (
                id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                request_id      text    NOT NULL,
                destination     text    NOT NULL,
                text            text    NOT NULL,
                created_at      bigint  NOT NULL,
                attempts        integer NOT NULL DEFAULT 0,
                next_attempt_at bigint  NOT NULL,
                delivered_at    bigint,
                lease_owner     text,
                lease_until     bigint,
                last_error      text
            );
            CREATE INDEX IF NOT EXISTS ix_outbox_due ON outbox (next_attempt_at, id) WHERE delivered_at IS NULL;
            CREATE INDEX IF NOT EXISTS ix_outbox_destination ON outbox (destination, id) WHERE delivered_at IS NULL;

            CREATE TABLE IF NOT EXISTS approvals (
                id                     text    PRIMARY KEY,
                request_hash           text    NOT NULL,
                canonical_command      text    NOT NULL,
                raw_text               text    NOT NULL,
                platform               text    NOT NULL,
                requester_id           text    NOT NULL,
                requester_name         text    NOT NULL,
                channel_id             text    NOT NULL,
                thread_id              text,
                request_correlation_id text    NOT NULL,
                required_role          text    NOT NULL,
                target                 text,
                namespace              text,
                created_at             bigint  NOT NULL,
                expires_at             bigint  NOT NULL,
                required_approvers     integer NOT NULL,
                status                 text    NOT NULL,
                decided_by             text,
                reason                 text,
                decided_at             bigint
            );
            CREATE INDEX IF NOT EXISTS ix_approvals_pending ON approvals (expires_at) WHERE status = 'Pending';

            -- The identity orders votes; the unique pair makes a second vote by one person impossible.
            CREATE TABLE IF NOT EXISTS approval_votes (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                approval_id text   NOT NULL REFERENCES approvals (id),
                approver    text   NOT NULL,
                voted_at    bigint NOT NULL,
                UNIQUE (approval_id, approver)
            );
            """),
        (2, """
            -- Claimed keys (Slack event ids, button clicks) so a redelivery or a double click runs nothing twice.
            CREATE TABLE IF NOT EXISTS idempotency_keys (
                key        text    PRIMARY KEY,
                claimed_at bigint  NOT NULL,
                expires_at bigint  NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_idempotency_keys_expires ON idempotency_keys (expires_at);
            """),
        (3, """
            -- Where to post proactively (Teams audit lines, incident posts): the service URL per conversation survives restarts.
            CREATE TABLE IF NOT EXISTS conversation_references (
                conversation_id   text   PRIMARY KEY,
                service_url       text   NOT NULL,
                tenant_id         text,
                bot_id            text   NOT NULL,
                conversation_type text,
                updated_at        bigint NOT NULL
            );
            """),
        (4, """
            -- Incidents (issue 6). One counter row per year hands out INC-<year>-<seq> numbers; see IncidentRows.
            CREATE TABLE IF NOT EXISTS incident_counters (
                year     integer PRIMARY KEY,
                last_seq bigint  NOT NULL
            );

            CREATE TABLE IF NOT EXISTS incidents (
                id             text    PRIMARY KEY,
                year           integer NOT NULL,
                seq            bigint  NOT NULL,
                severity       text    NOT NULL,
                title          text    NOT NULL,
                status         text    NOT NULL,
                commander      text    NOT NULL,
                lead           text,
                services       text    NOT NULL,
                channel_id     text    NOT NULL,
                declared_by    text    NOT NULL,
                started_at     bigint  NOT NULL,
                next_update_at bigint  NOT NULL,
                resolved_at    bigint,
                UNIQUE (year, seq)
            );
            CREATE INDEX IF NOT EXISTS ix_incidents_open_channel ON incidents (channel_id, year, seq) WHERE resolved_at IS NULL;

            CREATE TABLE IF NOT EXISTS incident_timeline (
                id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                incident_id text    NOT NULL REFERENCES incidents (id),
                at          bigint  NOT NULL,
                actor       text    NOT NULL,
                kind        text    NOT NULL,
                text        text    NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_incident_timeline_incident ON incident_timeline (incident_id, id);
            """),
        (5, """
            -- Incident channels and SLA timers (issue 6). A pending channel setup is leased like an outbox line, so a
            -- failed or interrupted one is retried by one replica; the timer's stage is compared-and-set when it fires.
            ALTER TABLE incidents ADD COLUMN platform          text    NOT NULL DEFAULT '';
            ALTER TABLE incidents ADD COLUMN incident_channel  text;
            ALTER TABLE incidents ADD COLUMN incident_channel_name text;
            ALTER TABLE incidents ADD COLUMN channel_setup     text    NOT NULL DEFAULT 'None';
            ALTER TABLE incidents ADD COLUMN channel_members   text    NOT NULL DEFAULT '';
            ALTER TABLE incidents ADD COLUMN setup_attempts    bigint NOT NULL DEFAULT 0;
            ALTER TABLE incidents ADD COLUMN setup_due_at      bigint;
            ALTER TABLE incidents ADD COLUMN setup_owner       text;
            ALTER TABLE incidents ADD COLUMN setup_lease_until bigint;
            ALTER TABLE incidents ADD COLUMN setup_error       text;
            ALTER TABLE incidents ADD COLUMN timer_stage       bigint NOT NULL DEFAULT 0;
            ALTER TABLE incidents ADD COLUMN timer_due_at      bigint;
            UPDATE incidents SET timer_due_at = next_update_at WHERE resolved_at IS NULL;
            CREATE INDEX IF NOT EXISTS ix_incidents_timer_due ON incidents (timer_due_at) WHERE timer_due_at IS NOT NULL;
            CREATE INDEX IF NOT EXISTS ix_incidents_setup_due ON incidents (setup_due_at) WHERE channel_setup = 'Pending';
            CREATE INDEX IF NOT EXISTS ix_incidents_open_incident_channel ON incidents (incident_channel) WHERE resolved_at IS NULL;
            """),
        (6, """
            -- Alertmanager (issue 6): one row per notification (group key + status + fingerprints) makes re-sends
            -- idempotent; one row per group remembers its card and the incident it declared. See AlertRows.
            CREATE TABLE IF NOT EXISTS alert_notifications (
                key          text    PRIMARY KEY,
                group_key    text    NOT NULL,
                status       text    NOT NULL,
                received_at  bigint  NOT NULL,
                lease_until  bigint  NOT NULL,
                processed_at bigint
            );
            CREATE INDEX IF NOT EXISTS ix_alert_notifications_processed ON alert_notifications (processed_at);

            CREATE TABLE IF NOT EXISTS alert_groups (
                group_key   text    PRIMARY KEY,
                destination text,
                message_id  text,
                card_status text,
                incident_id text    REFERENCES incidents (id),
                claimed_by  text,
                claim_until bigint
            );
            """),
        (7, """
            -- Keyed audit chain (issue 20): the id of the HMAC key each record was hashed with. Existing rows keep NULL
            -- and verify as the legacy unkeyed SHA-256 chain, so nothing already written stops verifying.
            ALTER TABLE audit_entries ADD COLUMN key_id text;
            """),
        (8, """
            -- Incident people by identity (issue 20): commander and lead hold platform-qualified ids (slack:U123,
            -- teams:<AAD object id>, console:bob) matched against the requester's id only; the names are display text.
            -- A value stored before could be a typed name: only what was surely an id of the incident's platform (or a
            -- console name, which is the console identity) keeps its powers; anything else becomes legacy:<value>,
            -- which no requester is, so only an admin may act on that incident until it gets a commander by mention.
            ALTER TABLE incidents ADD COLUMN commander_name text NOT NULL DEFAULT '';
            ALTER TABLE incidents ADD COLUMN lead_name      text;
            UPDATE incidents SET commander_name = commander, lead_name = lead;
            UPDATE incidents SET
                commander = CASE
                    WHEN platform = 'slack' AND commander ~ '^[UW][A-Z0-9]+$' THEN 'slack:' || commander
                    WHEN platform = 'teams' AND commander ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN 'teams:' || commander
                    WHEN platform IN ('', 'log') AND commander ~ '^[A-Za-z0-9._-]+$' THEN 'console:' || commander
                    ELSE 'legacy:' || commander END,
                lead = CASE
                    WHEN lead IS NULL THEN NULL
                    WHEN platform = 'slack' AND lead ~ '^[UW][A-Z0-9]+$' THEN 'slack:' || lead
                    WHEN platform = 'teams' AND lead ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN 'teams:' || lead
                    WHEN platform IN ('', 'log') AND lead ~ '^[A-Za-z0-9._-]+$' THEN 'console:' || lead
                    ELSE 'legacy:' || lead END;
            """),
        (9, """
            -- Which request ran a claimed key, so a replayed slash command is answered with the request that handled it.
            ALTER TABLE idempotency_keys ADD COLUMN owner text NOT NULL DEFAULT '';
            """),
    ];
}

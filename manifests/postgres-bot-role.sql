-- The bot's role on a database target (ChatOps:Databases:<name>:ConnectionString). Run as a superuser or, on a
-- managed server (RDS, Cloud SQL), as the admin role. Not a superuser: PostgreSQL then refuses to let the bot
-- signal superuser sessions, and the bot says so instead of trying.
--
--   pg_read_all_stats  lets it see every session's state, query and start times in pg_stat_activity
--                      (without it other users' rows are mostly NULL and the snapshot rule cannot work);
--   pg_signal_backend  lets it cancel / terminate other non-superuser sessions (PostgreSQL 10 and later).
--
-- Replace the password, or use your secret store's dynamic credentials with the same grants.
CREATE ROLE chatops_bot LOGIN PASSWORD 'change-me' CONNECTION LIMIT 5;
GRANT pg_read_all_stats TO chatops_bot;
GRANT pg_signal_backend TO chatops_bot;
-- Per database the bot watches (PUBLIC usually has CONNECT already):
-- GRANT CONNECT ON DATABASE "coredb-urbanos" TO chatops_bot;

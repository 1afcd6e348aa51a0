#!/usr/bin/env bash
# Slack endpoint vs /livez in one run: publishes the bot (Release), starts it on loopback with a throwaway SQLite
# store and a test signing secret, signs 1,000 distinct `help` requests and runs wrk against both endpoints.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d /tmp/chatops-slack-bench.XXXXXX)
port=${PORT:-18480}; duration=${DURATION:-20s}; conns=${CONNECTIONS:-16}
dotnet publish src/ChatOps.Bot -c Release -o "$out/bot" --nologo -v q >/dev/null
export ChatOps__Slack__SigningSecret=bench-signing-secret ChatOps__Slack__AllowedTeamIds__0=T-BENCH
# The harness measures the command path, not the per-user abuse limit (30 a minute by default): lift it.
export ChatOps__RateLimits__PerUser__PermitLimit=100000 ChatOps__RateLimits__PerUser__Window=00:00:01
export ChatOps__Store__ConnectionString="Data Source=$out/chatops.db" Serilog__MinimumLevel__Default=Warning
(cd "$out/bot" && exec dotnet ChatOps.Bot.dll --urls "http://127.0.0.1:$port") >"$out/bot.log" 2>&1 &
bot=$!
trap 'kill $bot 2>/dev/null; wait $bot 2>/dev/null' EXIT
until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.5; done
python3 benchmarks/slack/sign-requests.py bench-signing-secret T-BENCH 1000 >"$out/requests.txt"
curl -sf "http://127.0.0.1:$port/livez" >/dev/null
wrk -t2 -c"$conns" -d5s -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/requests.txt" >/dev/null # warm-up
echo "== /livez";        wrk -t2 -c"$conns" -d"$duration" --latency -s benchmarks/slack/livez.lua "http://127.0.0.1:$port/livez"
echo "== /slack/commands help"; wrk -t2 -c"$conns" -d"$duration" --latency -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/requests.txt"
# The goal's operating point: about 1,000 req/s offered (10 connections, a request every ~10 ms each: 8 ms pause + ~2 ms answer).
echo "== /slack/commands help at ~1,000 req/s"; wrk -t2 -c10 -d"$duration" --latency -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/requests.txt" 8
echo "audit records written: $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from audit_entries').fetchone()[0])" "$out/chatops.db" 2>/dev/null || echo '?')"

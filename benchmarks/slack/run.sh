#!/usr/bin/env bash
# Slack endpoint vs /livez in one run: publishes the bot (Release), starts it on loopback with a throwaway SQLite
# store and a test signing secret, signs distinct `help` requests (a file per run, each request sent once: a repeated
# signature is answered "already handled" without running anything) and runs wrk against both endpoints.
# UNIQUE_PER_SECOND (12000): signed requests per second of DURATION for the saturation run; wrk reports "replayed N"
# if it outran them.
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
unique=${UNIQUE_PER_SECOND:-12000}
seconds=$(awk -v d="$duration" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; print n }')
sign() { python3 benchmarks/slack/sign-requests.py bench-signing-secret T-BENCH "$1" >"$out/$2.txt"; }
sign $(( unique * 5 )) warm-up; sign $(( unique * seconds )) saturation; sign $(( 1100 * seconds + 100 )) paced
curl -sf "http://127.0.0.1:$port/livez" >/dev/null
wrk -t2 -c"$conns" -d5s -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/warm-up.txt" 0 2 >/dev/null
echo "== /livez";        wrk -t2 -c"$conns" -d"$duration" --latency -s benchmarks/slack/livez.lua "http://127.0.0.1:$port/livez"
echo "== /slack/commands help"; wrk -t2 -c"$conns" -d"$duration" --latency -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/saturation.txt" 0 2
# The goal's operating point: about 1,000 req/s offered (10 connections, a request every ~10 ms each: 8 ms pause + ~2 ms answer).
echo "== /slack/commands help at ~1,000 req/s"; wrk -t2 -c10 -d"$duration" --latency -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/paced.txt" 8 2
echo "audit records written: $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from audit_entries').fetchone()[0])" "$out/chatops.db" 2>/dev/null || echo '?')"

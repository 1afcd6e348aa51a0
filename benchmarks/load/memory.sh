#!/usr/bin/env bash
# Memory and start-up probe (issue 19 goal 4). For each run: start the bot (Release build, SQLite store in a fresh
# temp folder, per-user limit lifted), time exec -> first /readyz 200 (polled every 5 ms), RSS 3 s after ready,
# then `help` at saturation with wrk (closed loop, unique signed requests) while RSS is sampled every 100 ms; prints
# one line per run:
#   MEM  label  run  startup_ms  startup_cpu_ms  rss_idle_mib  rss_peak_mib  help_rps  cpu_us_per_req  load1
# startup_cpu_ms is the bot's user + system CPU from exec to the first /readyz 200 (/proc/<pid>/stat): unlike the
# wall time it hardly moves with what else runs on the machine.
# Runtime settings are tried through the environment (DOTNET_gcServer=0, DOTNET_GCgen0size=…), e.g.
#   RUNS=3 DURATION=10s LABEL=wks DOTNET_gcServer=0 bash benchmarks/load/memory.sh
# Env: RUNS (3), DURATION (10s), CONNECTIONS (16), PORT (18690), LABEL (default), BOT_DLL (the Release build),
#   UNIQUE_PER_SECOND (8000), LOAD (1; 0 = start-up and idle RSS only, no wrk run).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-3}; duration=${DURATION:-10s}; conns=${CONNECTIONS:-16}; port=${PORT:-18690}; label=${LABEL:-default}
unique=${UNIQUE_PER_SECOND:-8000}; load=${LOAD:-1}
bot_dll=${BOT_DLL:-src/ChatOps.Bot/bin/Release/net10.0/ChatOps.Bot.dll}
[ -f "$bot_dll" ] || { echo "build first: dotnet build ChatOps.sln -c Release" >&2; exit 2; }
secret=bench-signing-secret; team=T-BENCH; user=U-BENCH
seconds=$(awk -v d="$duration" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; print n }')
hz=$(getconf CLK_TCK)
export ChatOps__Slack__SigningSecret=$secret ChatOps__Slack__AllowedTeamIds__0=$team Serilog__MinimumLevel__Default=Warning
export ChatOps__RateLimits__PerUser__PermitLimit=100000 ChatOps__RateLimits__PerUser__Window=00:00:01
export ChatOps__Roles__Bindings__10__Subject=slack:$user ChatOps__Roles__Bindings__10__Role=viewer
rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
bot=""
trap 'kill ${bot:-} ${sampler:-} 2>/dev/null; wait 2>/dev/null; true' EXIT
for run in $(seq 1 "$runs"); do
  out=$(mktemp -d /tmp/chatops-mem.XXXXXX)
  [ "$load" = 0 ] || python3 benchmarks/load/sign-requests.py $secret $team $(( unique * seconds )) $user help >"$out/help.txt"
  load1=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s%N)
  ChatOps__Store__ConnectionString="Data Source=$out/chatops.db" dotnet "$bot_dll" --urls "http://127.0.0.1:$port" >"$out/bot.log" 2>&1 &
  bot=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.005; done
  t1=$(date +%s%N)
  startcpu=$(( $(ticks $bot) * 1000 / hz ))
  sleep 3
  idle=$(rss $bot)
  if [ "$load" = 0 ]; then
    printf 'MEM\t%s\t%s\t%s\t%s\t%s\t-\t-\t-\t%s\n' "$label" "$run" $(( (t1 - t0) / 1000000 )) "$startcpu" "$idle" "$load1"
    kill $bot; wait $bot 2>/dev/null || true; bot=""; rm -rf "$out"; continue
  fi
  echo 0 >"$out/peak"
  ( while kill -0 $bot 2>/dev/null; do r=$(rss $bot); awk -v r="$r" -v f="$out/peak" 'BEGIN{getline p < f; if (r+0 > p+0) {print r > f}}'; sleep 0.1; done ) &
  sampler=$!
  c0=$(ticks $bot)
  line=$(wrk -t2 -c"$conns" -d"$duration" --latency -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/help.txt" 0 2)
  c1=$(ticks $bot)
  sleep 0.3
  kill $sampler 2>/dev/null; wait $sampler 2>/dev/null || true
  rps=$(echo "$line" | awk '/Requests\/sec/ {print $2}'); done=$(echo "$line" | awk '/requests in/ {print $1}')
  replayed=$(echo "$line" | awk '/^p50/ {print $10}')
  [ "${replayed:-0}" = 0 ] || echo "WARNING: $replayed repeats; raise UNIQUE_PER_SECOND" >&2
  cpu=$(awk -v t=$((c1 - c0)) -v n="$done" -v hz="$hz" 'BEGIN { printf "%.0f", t * 1e6 / hz / n }')
  printf 'MEM\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$run" $(( (t1 - t0) / 1000000 )) "$startcpu" "$idle" "$(cat "$out/peak")" "$rps" "$cpu" "$load1"
  kill $bot; wait $bot 2>/dev/null || true; bot=""
  rm -rf "$out"
done

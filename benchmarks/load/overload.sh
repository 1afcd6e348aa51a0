#!/usr/bin/env bash
# Open-loop overload and cached-status runs (issue 19 goals 2 and 3), one bot process per run:
#   COMMAND=help   (goal 2): wrk `help` at saturation (closed loop, 16 conns, SAT_DURATION) for the saturation rate,
#                  then RATE req/s of `help` for DURATION open loop (ChatOps.LoadGen); busy answers are the growth of
#                  chatops_commands_overloaded_total over the open-loop run, accepted = answered - busy.
#   COMMAND=status (goal 3): the Kubernetes API test server behind the bot with ChatOps:Clusters:local:WatchCache on;
#                  wrk `/livez` and `status` at saturation for their ratio, then RATE req/s of `status` open loop.
# Prints the tools' lines and one line per run:
#   OVERLOAD command rate sat_rps livez_rps achieved answered busy accepted_rps errors p50 p99 max rss_peak_mib cpu_us load1
# Env: COMMAND (help), RATE (5000), DURATION (30s), SAT_DURATION (10s), MAX_OUTSTANDING (20000), TIMEOUT (5s),
#   PORT (18790), KUBE_PORT (18791); BOT_DLL (the Release build); ChatOps__* settings pass through to the bot;
#   BOT_CPUS / LOAD_CPUS (unset): taskset CPU lists for the bot and for everything else (wrk, the load generator, the
#   Kubernetes test server), e.g. BOT_CPUS=0 LOAD_CPUS=1, so the load generator's own work does not take the bot's CPU
#   and the saturation and overload figures are both those of the bot on the same core(s).
set -euo pipefail
cd "$(dirname "$0")/../.."
on_bot=(); on_load=()
[ -z "${BOT_CPUS:-}" ] || on_bot=(taskset -c "$BOT_CPUS")
# A .NET process starts with one pool worker per CPU: on one CPU the load side (load generator, test API server) stalled
# itself and the bot was charged with it (p99 ~1 s and busy answers at 1,000 status/s, gone with this floor and no
# change to the bot), so the load side gets a floor of its own; the bot keeps the runtime's defaults.
[ -z "${LOAD_CPUS:-}" ] || on_load=(env DOTNET_ThreadPool_ForceMinWorkerThreads=8 taskset -c "$LOAD_CPUS")
command=${COMMAND:-help}; rate=${RATE:-5000}; duration=${DURATION:-30s}; sat=${SAT_DURATION:-10s}
max_out=${MAX_OUTSTANDING:-20000}; timeout=${TIMEOUT:-5s}; port=${PORT:-18790}; kport=${KUBE_PORT:-18791}
bot_dll=${BOT_DLL:-src/ChatOps.Bot/bin/Release/net10.0/ChatOps.Bot.dll}
kube_dll=src/ChatOps.SimCluster/bin/Release/net10.0/ChatOps.SimCluster.dll
loadgen_dll=benchmarks/ChatOps.LoadGen/bin/Release/net10.0/ChatOps.LoadGen.dll
[ -f "$bot_dll" ] && [ -f "$loadgen_dll" ] || { echo "build first: dotnet build ChatOps.sln -c Release" >&2; exit 2; }
secret=bench-signing-secret; team=T-BENCH; user=U-BENCH; deployment=urbanos-service-billing
secs() { awk -v d="$1" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; print n }'; }
seconds=$(secs "$duration"); sat_seconds=$(secs "$sat"); hz=$(getconf CLK_TCK)
out=$(mktemp -d /tmp/chatops-overload.XXXXXX)
kube=""; bot=""; sampler=""
trap 'kill ${sampler:-} ${bot:-} ${kube:-} 2>/dev/null; wait 2>/dev/null; rm -rf "$out"; true' EXIT
export ChatOps__Slack__SigningSecret=$secret ChatOps__Slack__AllowedTeamIds__0=$team Serilog__MinimumLevel__Default=Warning
export ChatOps__Store__ConnectionString="Data Source=$out/chatops.db"
export ChatOps__RateLimits__PerUser__PermitLimit=100000 ChatOps__RateLimits__PerUser__Window=00:00:01
export ChatOps__Roles__Bindings__10__Subject=slack:$user ChatOps__Roles__Bindings__10__Role=viewer
args=(help)
if [ "$command" = status ]; then
  "${on_load[@]}" dotnet "$kube_dll" --port "$kport" --seed seeds/urbanos.json --kubeconfig "$out/kubeconfig" >"$out/kube.log" 2>&1 &
  kube=$!
  until [ -s "$out/kubeconfig" ]; do sleep 0.1; done
  export ChatOps__Clusters__local__Kubeconfig=$out/kubeconfig ChatOps__Clusters__local__DefaultNamespace=urbanos
  export ChatOps__Clusters__local__WatchCache=true
  args=(status $deployment)
fi
rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
busy() { curl -s "http://127.0.0.1:$port/metrics" | awk '/^chatops_commands_overloaded_total/ {s += $2} END {print s + 0}'; }
sign() { python3 benchmarks/load/sign-requests.py $secret $team "$1" $user "${args[@]}"; }
load1=$(cut -d' ' -f1 /proc/loadavg)

"${on_bot[@]}" dotnet "$bot_dll" --urls "http://127.0.0.1:$port" >"$out/bot.log" 2>&1 &
bot=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.01; done
# Warm-up (JIT, connections, the watch cache's first list) on requests of its own, then the saturation rate(s).
sign 5000 >"$out/warmup.txt"
"${on_load[@]}" wrk -t2 -c16 -d3s -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/warmup.txt" 0 2 >/dev/null
livez_rps=-
if [ "$command" = status ]; then
  livez_rps=$("${on_load[@]}" wrk -t2 -c16 -d"$sat" "http://127.0.0.1:$port/livez" | awk '/Requests\/sec/ {print $2}')
fi
sign $(( 8000 * sat_seconds )) >"$out/sat.txt"
sat_line=$("${on_load[@]}" wrk -t2 -c16 -d"$sat" --latency -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/sat.txt" 0 2)
echo "$sat_line" | sed "s/^/  [$command saturation] /"
sat_rps=$(echo "$sat_line" | awk '/Requests\/sec/ {print $2}')

sign $(awk -v r="$rate" -v s="$seconds" 'BEGIN { printf "%d", r * s * 1.05 + 100 }') >"$out/open.txt"
echo 0 >"$out/peak"
( while kill -0 $bot 2>/dev/null; do r=$(rss $bot); awk -v r="$r" -v f="$out/peak" 'BEGIN{getline p < f; if (r+0 > p+0) {print r > f}}'; sleep 0.1; done ) &
sampler=$!
b0=$(busy); c0=$(ticks $bot)
lines=$("${on_load[@]}" dotnet "$loadgen_dll" "http://127.0.0.1:$port/slack/commands" "$rate" "$duration" --requests "$out/open.txt" \
  --name "$command" --max-outstanding "$max_out" --timeout "$timeout")
c1=$(ticks $bot); sleep 0.3; b1=$(busy)
kill $sampler 2>/dev/null; wait $sampler 2>/dev/null || true; sampler=""
echo "$lines" | sed "s/^/  [$command@$rate] /"
# LoadGen: RESULT name rate achieved p50 p99 p90 p99.9 max scheduled answered errors
echo "$lines" | awk -F '\t' -v OFS='\t' -v c="$command" -v sat="$sat_rps" -v lz="$livez_rps" -v b=$((b1 - b0)) \
  -v s="$seconds" -v peak="$(cat "$out/peak")" -v t=$((c1 - c0)) -v hz="$hz" -v load1="$load1" '/^RESULT/ {
  print "OVERLOAD", c, $3, sat, lz, $4, $11, b, sprintf("%.0f", ($11 - b) / s), $12, $5, $6, $9, peak,
    ($11 > 0 ? sprintf("%.0f", t * 1e6 / hz / $11) : "?"), load1 }'

#!/usr/bin/env bash
# Load harness (issue 10). One run, several rounds, against one bot process:
#   signed POST /slack/commands `help` and `status urbanos-service-billing` (the standalone Kubernetes API test server,
#   seeded with tests/ChatOps.KubeApiServer/seeds/urbanos.json, behind it) versus GET /livez,
#   each at saturation and at offered rates of 100, 500 and 1,000 req/s; RSS idle and under load; start to /readyz.
# Needs: wrk (Debian), python3, curl, a Release build (dotnet build ChatOps.sln -c Release).
# Env: ROUNDS (3), DURATION (10s), CONNECTIONS (16, saturation), PORT (18490), KUBE_PORT (18491).
# Output: wrk's lines plus one "RESULT" line per run, collected in $out/results.tsv.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-3}; duration=${DURATION:-10s}; conns=${CONNECTIONS:-16}
port=${PORT:-18490}; kport=${KUBE_PORT:-18491}
out=$(mktemp -d /tmp/chatops-load.XXXXXX)
bot_dll=src/ChatOps.Bot/bin/Release/net10.0/ChatOps.Bot.dll
kube_dll=tests/ChatOps.KubeApiServer/bin/Release/net10.0/ChatOps.KubeApiServer.dll
[ -f "$bot_dll" ] && [ -f "$kube_dll" ] || { echo "build first: dotnet build ChatOps.sln -c Release" >&2; exit 2; }
secret=bench-signing-secret; team=T-BENCH; user=U-BENCH; deployment=urbanos-service-billing

dotnet "$kube_dll" --port "$kport" --seed seeds/urbanos.json --kubeconfig "$out/kubeconfig" >"$out/kube.log" 2>&1 &
kube=$!
bot=""
trap 'kill $kube ${bot:-} 2>/dev/null; wait 2>/dev/null; true' EXIT
until [ -s "$out/kubeconfig" ]; do sleep 0.1; done

export ChatOps__Slack__SigningSecret=$secret ChatOps__Slack__AllowedTeamIds__0=$team
export ChatOps__Store__ConnectionString="Data Source=$out/chatops.db" Serilog__MinimumLevel__Default=Warning
# The harness measures the command path, not the per-user abuse limit (30 a minute by default): lift it.
export ChatOps__RateLimits__PerUser__PermitLimit=100000 ChatOps__RateLimits__PerUser__Window=00:00:01
export ChatOps__Roles__Bindings__10__Subject=slack:$user ChatOps__Roles__Bindings__10__Role=viewer
export ChatOps__Clusters__local__Kubeconfig=$out/kubeconfig ChatOps__Clusters__local__DefaultNamespace=urbanos

rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

# Start-up: from exec to the first /readyz 200, polled every 10 ms.
t0=$(date +%s%N)
dotnet "$bot_dll" --urls "http://127.0.0.1:$port" >"$out/bot.log" 2>&1 &
bot=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.01; done
t1=$(date +%s%N)
echo "RESULT startup_to_readyz_ms $(( (t1 - t0) / 1000000 ))"
sleep 3
echo "RESULT rss_idle_mib $(rss $bot)"

# Peak RSS while wrk runs, sampled every 200 ms.
peak_file=$out/rss-peak
echo 0 >"$peak_file"
( while kill -0 $bot 2>/dev/null; do r=$(rss $bot); awk -v r="$r" -v f="$peak_file" 'BEGIN{getline p < f; if (r+0 > p+0) {print r > f}}'; sleep 0.2; done ) &
sampler=$!

# One wrk run: name, rate ("max" or req/s), script args...
run() {
  local name=$1 rate=$2; shift 2
  local c=$conns pause=0
  if [ "$rate" != max ]; then
    # Each connection waits `pause` ms before each request: c * 1000 / pause ≈ rate (answers take ~1-3 ms more).
    c=$(( rate >= 500 ? 10 : 2 )); pause=$(( c * 1000 / rate ))
  fi
  local line
  if [ "$name" = livez ]; then
    line=$(wrk -t2 -c$c -d"$duration" --latency -s benchmarks/load/paced-get.lua "http://127.0.0.1:$port/livez" -- $pause)
  else
    line=$(wrk -t2 -c$c -d"$duration" --latency -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/$name.txt" $pause)
  fi
  echo "$line" | sed "s/^/  [$name@$rate] /"
  local rps p50 p99 errs
  rps=$(echo "$line" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$line" | awk '/^p50/ {print $2}'); p99=$(echo "$line" | awk '/^p50/ {print $5}'); errs=$(echo "$line" | awk '/^p50/ {print $8}')
  printf 'RESULT\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$rate" "$rps" "$p50" "$p99" | tee -a "$out/results.tsv"
  [ "$errs" = 0 ] || echo "WARNING: $errs errors/non-2xx in $name@$rate"
}

for round in $(seq 1 "$rounds"); do
  # Signed per round: Slack's 5-minute window must hold for the whole round.
  python3 benchmarks/load/sign-requests.py $secret $team 1000 $user help >"$out/help.txt"
  python3 benchmarks/load/sign-requests.py $secret $team 1000 $user status $deployment >"$out/status.txt"
  if [ "$round" = 1 ]; then
    wrk -t2 -c"$conns" -d5s -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/status.txt" >/dev/null # warm-up
    grep -q replicas <(curl -s -X POST "http://127.0.0.1:$port/slack/commands" -H 'Content-Type: application/x-www-form-urlencoded' \
      -H "X-Slack-Request-Timestamp: $(head -1 "$out/status.txt" | cut -f1)" -H "X-Slack-Signature: $(head -1 "$out/status.txt" | cut -f2)" \
      --data "$(head -1 "$out/status.txt" | cut -f3)") || { echo "status request not answered" >&2; exit 1; }
  fi
  for rate in max 100 500 1000; do
    for name in livez help status; do
      run $name $rate
    done
  done
done
kill $sampler 2>/dev/null || true
echo "RESULT rss_peak_under_load_mib $(cat "$peak_file")"
echo "RESULT rss_after_load_mib $(rss $bot)"
echo "RESULT audit_records $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from audit_entries').fetchone()[0])" "$out/chatops.db" 2>/dev/null || echo '?')"
echo "results: $out/results.tsv"

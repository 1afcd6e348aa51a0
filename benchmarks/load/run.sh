#!/usr/bin/env bash
# Load harness (issue 10). One run, several rounds, against one bot process:
#   signed POST /slack/commands `help` and `status urbanos-service-billing` (the standalone Kubernetes API test server,
#   seeded with src/ChatOps.SimCluster/seeds/urbanos.json, behind it) versus GET /livez,
#   each at saturation (wrk, closed loop) and at fixed offered rates of 100, 500 and 1,000 req/s (ChatOps.LoadGen,
#   open loop: request i leaves at t0 + i/rate whatever the answers, latency counted from that scheduled time);
#   RSS idle and under load; start to /readyz.
# Needs: wrk (Debian), python3, curl, a Release build (dotnet build ChatOps.sln -c Release).
# Env: ROUNDS (3), DURATION (10s), CONNECTIONS (16, saturation), MAX_OUTSTANDING (2000, open loop), PORT (18490),
#   KUBE_PORT (18491), RATES ("100 500 1000"; RATES="" for the saturation rows alone), BOT_DLL (the Release build; another build to compare two).
#   UNIQUE_PER_SECOND (12000): distinct signed requests per second of DURATION for each saturation run.
# Output: the tools' lines plus one "RESULT" line per run, collected in $out/results.tsv:
#   RESULT round name rate achieved_rps cpu_us_per_req p50_ms p99_ms [p90_ms p99.9_ms max_ms scheduled answered errors]
#   (the bracketed columns only from the open-loop runs; errors = non-2xx + timeouts + socket errors + dropped).
#   cpu_us_per_req is the bot's user + system CPU over the run (from /proc/<pid>/stat) divided by the requests
#   answered, so a change can be judged on a busy machine where req/s alone moves with the neighbours.
# Every signed request is sent once: the bot answers a repeated signature "already handled" without running the
# command (replay protection), so recycling requests would measure that path instead. wrk reports "replayed N" if
# a saturation run outran its UNIQUE_PER_SECOND * DURATION requests; raise it then.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-3}; duration=${DURATION:-10s}; conns=${CONNECTIONS:-16}; max_out=${MAX_OUTSTANDING:-2000}
rates=${RATES-100 500 1000}; unique=${UNIQUE_PER_SECOND:-12000}
port=${PORT:-18490}; kport=${KUBE_PORT:-18491}
out=$(mktemp -d /tmp/chatops-load.XXXXXX)
bot_dll=${BOT_DLL:-src/ChatOps.Bot/bin/Release/net10.0/ChatOps.Bot.dll}
kube_dll=src/ChatOps.SimCluster/bin/Release/net10.0/ChatOps.SimCluster.dll
loadgen_dll=benchmarks/ChatOps.LoadGen/bin/Release/net10.0/ChatOps.LoadGen.dll
[ -f "$bot_dll" ] && [ -f "$kube_dll" ] && [ -f "$loadgen_dll" ] || { echo "build first: dotnet build ChatOps.sln -c Release" >&2; exit 2; }
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
# utime + stime of the bot in clock ticks (fields 14 and 15; the command name, field 2, is "dotnet", no spaces).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
# CPU µs per answered request from a tick delta: cpu_us <ticks> <requests>.
cpu_us() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN { if (n > 0) printf "%.0f", t * 1e6 / hz / n; else print "?" }'; }
seconds=$(awk -v d="$duration" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; if (d ~ /h$/) n *= 3600; print n }')

# Start-up: from exec to the first /readyz 200, polled every 10 ms.
t0=$(date +%s%N)
dotnet "$bot_dll" --urls "http://127.0.0.1:$port" >"$out/bot.log" 2>&1 &
bot=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.01; done
t1=$(date +%s%N)
echo "RESULT startup_to_readyz_ms $(( (t1 - t0) / 1000000 ))"
sleep 3
echo "RESULT rss_idle_mib $(rss $bot)"

# Peak RSS while the load runs, sampled every 200 ms.
peak_file=$out/rss-peak
echo 0 >"$peak_file"
( while kill -0 $bot 2>/dev/null; do r=$(rss $bot); awk -v r="$r" -v f="$peak_file" 'BEGIN{getline p < f; if (r+0 > p+0) {print r > f}}'; sleep 0.2; done ) &
sampler=$!

# sign <count> <text...>: <count> distinct signed requests, each to be sent once.
sign() { local count=$1; shift; python3 benchmarks/load/sign-requests.py $secret $team "$count" $user "$@"; }

# One run: name (livez, help, status), rate ("max" for saturation, else req/s).
run() {
  local name=$1 rate=$2
  if [ "$rate" = max ]; then
    # Saturation: wrk's closed loop is the right tool (as fast as answers come back on $conns connections).
    local line rps p50 p99 errs replayed done t0 cpu
    t0=$(ticks $bot)
    if [ "$name" = livez ]; then
      line=$(wrk -t2 -c"$conns" -d"$duration" --latency -s benchmarks/load/paced-get.lua "http://127.0.0.1:$port/livez" -- 0)
    else
      line=$(wrk -t2 -c"$conns" -d"$duration" --latency -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/$name.txt" 0 2)
    fi
    cpu=$(( $(ticks $bot) - t0 ))
    echo "$line" | sed "s/^/  [$name@$rate] /"
    rps=$(echo "$line" | awk '/Requests\/sec/ {print $2}'); done=$(echo "$line" | awk '/requests in/ {print $1}')
    p50=$(echo "$line" | awk '/^p50/ {print $2}'); p99=$(echo "$line" | awk '/^p50/ {print $5}'); errs=$(echo "$line" | awk '/^p50/ {print $8}')
    replayed=$(echo "$line" | awk '/^p50/ {print $10}')
    printf 'RESULT\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$rate" "$rps" "$(cpu_us "$cpu" "$done")" "$p50" "$p99" | tee -a "$out/results.tsv"
    [ "$errs" = 0 ] || echo "WARNING: $errs errors/non-2xx in $name@$rate"
    [ "${replayed:-0}" = 0 ] || echo "WARNING: $replayed requests of $name@$rate were repeats (answered 'already handled'): raise UNIQUE_PER_SECOND"
    return
  fi
  # Fixed rate: open loop. Signed just before the run so that it ends well inside Slack's 5-minute window.
  local target=("http://127.0.0.1:$port/livez")
  if [ "$name" != livez ]; then
    # One signed request per scheduled send, plus a margin: none is sent twice.
    local count; count=$(awk -v r="$rate" -v s="$seconds" 'BEGIN { printf "%d", r * s * 1.1 + 100 }')
    if [ "$name" = help ]; then sign "$count" help >"$out/$name-open.txt"; else sign "$count" status $deployment >"$out/$name-open.txt"; fi
    target=("http://127.0.0.1:$port/slack/commands" --requests "$out/$name-open.txt")
  fi
  local lines result errs t0 cpu
  t0=$(ticks $bot)
  lines=$(dotnet "$loadgen_dll" "${target[@]}" "$rate" "$duration" --name "$name" --max-outstanding "$max_out")
  cpu=$(( $(ticks $bot) - t0 ))
  echo "$lines" | grep -v '^RESULT' | sed "s/^/  [$name@$rate] /"
  # The load generator's line is RESULT name rate achieved_rps …; the round goes first and the CPU after achieved_rps.
  result=$(echo "$lines" | grep '^RESULT' | awk -F '\t' -v OFS='\t' -v round="$round" -v t="$cpu" -v hz="$hz" '{
    answered = $11; cpu = answered > 0 ? sprintf("%.0f", t * 1e6 / hz / answered) : "?"
    $1 = "RESULT\t" round; $4 = $4 "\t" cpu; print }')
  echo "$result" | tee -a "$out/results.tsv"
  errs=$(echo "$result" | cut -f14)
  [ "$errs" = 0 ] || echo "WARNING: $errs errors (non-2xx, timeouts, socket errors, dropped) in $name@$rate"
}

for round in $(seq 1 "$rounds"); do
  # Signed per round for the saturation runs (the open-loop runs sign their own just before they start).
  sign $(( unique * seconds )) help >"$out/help.txt"
  sign $(( unique * seconds )) status $deployment >"$out/status.txt"
  if [ "$round" = 1 ]; then
    # Warm-up on requests of its own, so the measured runs never meet a signature it already sent.
    sign $(( unique * 5 )) status $deployment >"$out/warmup.txt"
    wrk -t2 -c"$conns" -d5s -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/warmup.txt" 0 2 >/dev/null
    sign 1 status $deployment >"$out/check.txt"
    grep -qi replicas <(curl -s -X POST "http://127.0.0.1:$port/slack/commands" -H 'Content-Type: application/x-www-form-urlencoded' \
      -H "X-Slack-Request-Timestamp: $(cut -f1 "$out/check.txt")" -H "X-Slack-Signature: $(cut -f2 "$out/check.txt")" \
      --data "$(cut -f3 "$out/check.txt")") || { echo "status request not answered" >&2; exit 1; }
  fi
  for rate in max $rates; do
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

#!/usr/bin/env bash
# System calls per answered command (issue 19): on a VM whose speed moves by a third between runs, the count of
# reads, writes, syncs, locks and yields per command is what stays put, so a store or scheduling change can be judged.
# The bot on BOT_CPUS, wrk on LOAD_CPUS; COMMAND (help) at saturation, 16 connections; perf counts the syscall
# tracepoints of the bot's process over MEASURE seconds (8) of a 10 s run, divided by the requests answered meanwhile.
# Needs: perf (Debian linux-perf) with tracepoints, wrk, python3, curl, a Release build (or BOT_DLL).
# Output: "requests/sec N" and one "SYSCALL name per_request" line per counted call.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-18702}; secret=bench-signing-secret; team=T-BENCH; user=U-BENCH; command=${COMMAND:-help}
bot_dll=${BOT_DLL:-src/ChatOps.Bot/bin/Release/net10.0/ChatOps.Bot.dll}; measure=${MEASURE:-8}
[ -f "$bot_dll" ] || { echo "build first: dotnet build ChatOps.sln -c Release" >&2; exit 2; }
export ChatOps__Slack__SigningSecret=$secret ChatOps__Slack__AllowedTeamIds__0=$team Serilog__MinimumLevel__Default=Warning
export ChatOps__RateLimits__PerUser__PermitLimit=100000 ChatOps__RateLimits__PerUser__Window=00:00:01
export ChatOps__Roles__Bindings__10__Subject=slack:$user ChatOps__Roles__Bindings__10__Role=viewer
out=$(mktemp -d /tmp/chatops-syscalls.XXXXXX)
export ChatOps__Store__ConnectionString="Data Source=$out/chatops.db"
taskset -c "${BOT_CPUS:-0}" dotnet "$bot_dll" --urls "http://127.0.0.1:$port" >"$out/bot.log" 2>&1 &
bot=$!
trap 'kill $bot 2>/dev/null; wait 2>/dev/null; rm -rf "$out"' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.01; done
# Every signed request is sent once (replay protection): a fresh file for the warm-up and for the measured run.
python3 benchmarks/load/sign-requests.py $secret $team 20000 $user "$command" >"$out/warm.txt"
python3 benchmarks/load/sign-requests.py $secret $team 80000 $user "$command" >"$out/run.txt"
taskset -c "${LOAD_CPUS:-1}" wrk -t1 -c16 -d3s -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/warm.txt" 0 1 >/dev/null
events=""
for call in pread64 pwrite64 fsync fdatasync fcntl sched_yield futex sendmsg recvfrom epoll_wait; do
  events="$events -e syscalls:sys_enter_$call"
done
taskset -c "${LOAD_CPUS:-1}" wrk -t1 -c16 -d10s -s benchmarks/slack/signed-help.lua "http://127.0.0.1:$port" -- "$out/run.txt" 0 1 >"$out/wrk.txt" &
load=$!
sleep 1
# shellcheck disable=SC2086
perf stat $events -p $bot -o "$out/stat.txt" -- sleep "$measure"
wait $load
grep -E "replay|Non-2xx" "$out/wrk.txt" || true
rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
echo "requests/sec $rps"
awk -v rps="$rps" -v s="$measure" '/syscalls:/ { gsub(",", "", $1); sub("syscalls:sys_enter_", "", $2); printf "SYSCALL %-12s %7.2f\n", $2, $1 / (rps * s) }' "$out/stat.txt"

#!/usr/bin/env bash
# The fault tests (tests/ChatOps.IntegrationTests/Faults), run REPEAT times in a row to catch flakiness, with a
# pass/fail count per round. They need no shared service: each PostgreSQL fault test starts and stops a throwaway
# cluster of its own (PostgreSQL 15 binaries from scripts/services.sh), the Kubernetes API and Slack are loopback
# test servers, and the kill/terminate tests run the bot as its own process.
# Env: REPEAT (5). Needs a Release build: dotnet build ChatOps.sln -c Release.
set -uo pipefail
cd "$(dirname "$0")/../.."
repeat=${REPEAT:-5}
source scripts/services.sh
[ -x "$PG_BIN/initdb" ] || apt_install postgresql-15
export CHATOPS_TEST_PG_BIN=$PG_BIN
failed=0
for i in $(seq 1 "$repeat"); do
  start=$(date +%s)
  line=$(dotnet test tests/ChatOps.IntegrationTests -c Release --no-build --filter "FullyQualifiedName~ChatOps.IntegrationTests.Faults" 2>&1 \
    | tee "/tmp/chatops-faults-$i.log" | grep -E "^(Passed|Failed)!")
  echo "round $i ($(( $(date +%s) - start )) s): $line"
  case "$line" in Passed!*) ;; *) failed=$((failed + 1)); echo "  log: /tmp/chatops-faults-$i.log" ;; esac
done
echo "$((repeat - failed)) of $repeat rounds passed"
[ "$failed" = 0 ]

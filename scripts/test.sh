#!/usr/bin/env bash
# Runs every test. Installs and starts, on 127.0.0.1 only, the real servers the integration tests use, exports
# where they are (CHATOPS_TEST_*), runs `dotnet test` for the solution and ends with "N passed, N failed".
# Arguments go to `dotnet test`: `bash scripts/test.sh --filter Category=Adversarial` re-runs the adversarial-input
# tests of docs/reliability.md against the same servers.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
state="$root/.ci-state"
mkdir -p "$state"

# shellcheck source=scripts/services.sh
source "$root/scripts/services.sh"
trap services_stop EXIT
services_start "$state" || { echo "a test server did not start (its log is above); no test was run" >&2; exit 1; }

results="$state/test-output.txt"
set +e
dotnet test ChatOps.sln -c Release --nologo "$@" 2>&1 | tee "$results"
status=${PIPESTATUS[0]}
set -e

# vstest prints one summary line per test project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ...".
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$results")

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before tests could report: count it as a failure, never as a pass.
  failed=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$status" -eq 0 ]

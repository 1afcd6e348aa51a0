#!/usr/bin/env bash
# Re-runs the adversarial-input tests (docs/reliability.md, "Adversarial inputs"): every test tagged
# [Trait("Category", "Adversarial")], against the same real servers scripts/test.sh starts on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
state="$root/.ci-state"
mkdir -p "$state"

# shellcheck source=scripts/services.sh
source "$root/scripts/services.sh"
trap services_stop EXIT
services_start "$state"

dotnet test ChatOps.sln -c Release --nologo --filter "Category=Adversarial" \
  --logger "console;verbosity=normal" 2>&1 | tee "$state/adversarial-output.txt"

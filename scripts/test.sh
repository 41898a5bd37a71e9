#!/usr/bin/env bash
# Runs the whole test suite. Installs what a fresh Debian/Ubuntu machine with the .NET SDK lacks
# (redis-server; librdkafka-dev for Confluent.Kafka and kcat as an outside Kafka client); the tests start
# and stop their own Redis and embedded Kafka broker on free loopback ports.
# Ends with a line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
ensure_packages redis-server librdkafka-dev kcat

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test MultiAgent.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Sum the runner's per-assembly summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12").
read -r passed failed skipped < <(grep -E "(Passed|Failed)! +- +Failed:" "$log" | awk -F'[:,]' '
  { f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }')
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then
  failed=1 # the build or the runner itself failed
fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"

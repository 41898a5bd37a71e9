#!/usr/bin/env bash
# The main job on embedded defaults: installs what is missing, then runs a silo with memory
# storage and its health endpoint. Later issues grow this into the full fleet (Redis, the
# embedded Kafka broker, two silos, simulated robots, an order producer).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
ensure_packages redis-server

url="${MULTIAGENT_URL:-http://127.0.0.1:8080}"
echo "Starting a MultiAgent silo; health at $url/healthz (Ctrl-C stops it gracefully)."
exec dotnet run -c Release --project Silo -- --urls "$url" "$@"

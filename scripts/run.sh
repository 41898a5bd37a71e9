#!/usr/bin/env bash
# The main job on embedded defaults. Installs what a fresh Debian/Ubuntu machine lacks, then starts, each in a
# process of its own: Redis (membership, grain state), the embedded Kafka broker (librdkafka's mock cluster, real
# Kafka protocol) and a cluster of two silos; then `client fleet demo` configures a warehouse, spawns simulated
# robots, produces orders to Kafka with live progress and prints a summary when they have drained (or on Ctrl-C).
# After a finished run the cluster stays up for kcat until Ctrl-C (MULTIAGENT_AFTER_DEMO=stay, the default on a
# terminal) or stops at once (=exit, the default otherwise). Stopping: silos gracefully first (grains persist to
# Redis), then Kafka, then Redis.
#
# Settings (environment): MULTIAGENT_ROBOTS (200), MULTIAGENT_ORDERS (1500), MULTIAGENT_RATE (30 orders/s),
# MULTIAGENT_TIME_SCALE (20), MULTIAGENT_WAREHOUSE (wh-1), MULTIAGENT_AFTER_DEMO (stay|exit),
# MULTIAGENT_REDIS_PORT (6391), MULTIAGENT_CLUSTER (dev).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
source scripts/lib/processes.sh
source scripts/lib/main-job-help.sh
ensure_packages redis-server librdkafka-dev kcat

run_dir="$PWD/.run"
mkdir -p "$run_dir"
redis_port="${MULTIAGENT_REDIS_PORT:-6391}"
cluster_id="${MULTIAGENT_CLUSTER:-dev}"
warehouse="${MULTIAGENT_WAREHOUSE:-wh-1}"
grid_width=40
grid_height=25
if [ -t 0 ] && [ -t 1 ]; then after_demo="${MULTIAGENT_AFTER_DEMO:-stay}"; else after_demo="${MULTIAGENT_AFTER_DEMO:-exit}"; fi
case "$after_demo" in
  stay|exit) ;;
  *) echo "error: MULTIAGENT_AFTER_DEMO must be 'stay' or 'exit', got '$after_demo'." >&2; exit 2 ;;
esac

silo_pids=()
kafka_pid=""
redis_pid=""
demo_pid=""

cleanup() {
  trap '' INT TERM # a second Ctrl-C must not cut the graceful stop short; each step below is bounded
  if [ -n "$demo_pid" ]; then stop_processes 25 "$demo_pid"; fi
  [ -z "$redis_pid" ] && return 0 # nothing was started
  echo
  echo "Stopping: silos first (graceful: grains deactivate and persist), then Kafka and Redis."
  stop_processes 40 "${silo_pids[@]}"
  if [ -n "$kafka_pid" ]; then stop_processes 10 "$kafka_pid"; fi
  if [ -n "$redis_pid" ]; then stop_processes 10 "$redis_pid"; fi
  echo "Stopped."
}

# Ctrl-C reaches this script (the services run in sessions of their own; the demo, started in the background,
# ignores SIGINT): the demo gets SIGTERM, which it handles like
# Ctrl-C — it stops producing and prints the summary — and then everything stops.
on_signal() {
  if [ -n "$demo_pid" ]; then
    kill -TERM "$demo_pid" 2>/dev/null || true
    wait "$demo_pid" 2>/dev/null || true
    demo_pid=""
  fi
  exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

echo "Building (Release)…"
dotnet build -c Release Silo/Silo.csproj -v quiet -nologo >/dev/null
dotnet build -c Release Client/Client.csproj -v quiet -nologo >/dev/null
silo_dll="Silo/bin/Release/net10.0/MultiAgent.Silo.dll"
client_dll="Client/bin/Release/net10.0/MultiAgent.Client.dll"

demo_args=(fleet demo --warehouse "$warehouse" --width "$grid_width" --height "$grid_height"
  --robots "${MULTIAGENT_ROBOTS:-200}" --orders "${MULTIAGENT_ORDERS:-1500}"
  --rate "${MULTIAGENT_RATE:-30}" --time-scale "${MULTIAGENT_TIME_SCALE:-20}")
# Check the demo's settings before starting anything: a bad MULTIAGENT_* value fails here, naming its option.
if ! dotnet "$client_dll" "${demo_args[@]}" --kafka 127.0.0.1:9092 --dry-run >"$run_dir/plan.out" 2>"$run_dir/plan.err"; then
  { sed -n '/^Description:/q;p' "$run_dir/plan.out"; cat "$run_dir/plan.err"; } >&2 # the errors, without the usage text
  echo "error: fix the setting behind the option named above: --robots MULTIAGENT_ROBOTS, --orders MULTIAGENT_ORDERS," \
    "--rate MULTIAGENT_RATE, --time-scale MULTIAGENT_TIME_SCALE, --warehouse MULTIAGENT_WAREHOUSE." >&2
  exit 2
fi

# setsid: in a session of their own, so a Ctrl-C in the terminal reaches only this script, which stops them in order.
setsid redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$run_dir" \
  >"$run_dir/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$redis_port" ping >/dev/null 2>&1 || { echo "error: Redis did not start on port $redis_port; see .run/redis.log." >&2; exit 1; }

rm -f "$run_dir/kafka.bootstrap"
setsid dotnet "$client_dll" kafka-dev --port-file "$run_dir/kafka.bootstrap" >"$run_dir/kafka.log" 2>&1 &
kafka_pid=$!
for _ in $(seq 1 100); do [ -s "$run_dir/kafka.bootstrap" ] && break; sleep 0.1; done
[ -s "$run_dir/kafka.bootstrap" ] || { echo "error: the embedded Kafka broker did not start; see .run/kafka.log." >&2; exit 1; }
bootstrap="$(cat "$run_dir/kafka.bootstrap")"

for i in 1 2; do
  MULTIAGENT__SILO__CLUSTERID="$cluster_id" \
  MULTIAGENT__MEMBERSHIP__CONNECTIONSTRING="127.0.0.1:$redis_port" \
  MULTIAGENT__STORAGE__DEFAULT__PROVIDER=Redis \
  MULTIAGENT__STORAGE__DEFAULT__CONNECTIONSTRING="127.0.0.1:$redis_port" \
  MULTIAGENT__KAFKA__BOOTSTRAPSERVERS="$bootstrap" \
  setsid dotnet "$silo_dll" --contentRoot "$PWD/Silo/bin/Release/net10.0" --urls "http://127.0.0.1:808$i" \
    --MultiAgent:Silo:SiloName "silo$i" \
    --MultiAgent:Endpoints:SiloPort "1111$i" --MultiAgent:Endpoints:GatewayPort "3000$i" \
    >"$run_dir/silo$i.log" 2>&1 &
  silo_pids+=($!)
done
# Healthy, and each sees both: until their views agree, a grain may briefly be placed on both silos.
for i in 1 2; do
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:808$i/healthz" 2>/dev/null | grep -q '"activeSilos":2[,}]' && break
    sleep 0.2
  done
  curl -fs "http://127.0.0.1:808$i/healthz" 2>/dev/null | grep -q '"activeSilos":2[,}]' \
    || { echo "error: silo$i is not healthy in a cluster of two; see .run/silo$i.log." >&2; exit 1; }
done
# Orders produced before both silos' Kafka consumers own their partitions wait out the consumer group's rebalance
# (seconds). The silos log when they own partitions; wait for that, but only as long as a rebalance takes.
for _ in $(seq 1 100); do
  grep -q "now owns [1-9]" "$run_dir/silo1.log" && grep -q "now owns [1-9]" "$run_dir/silo2.log" && break
  sleep 0.2
done

print_endpoints
print_kcat_help
echo
# In the background so that this script, not the demo, receives Ctrl-C (see on_signal); stdin stays the terminal.
dotnet "$client_dll" --redis "127.0.0.1:$redis_port" --cluster "$cluster_id" "${demo_args[@]}" --kafka "$bootstrap" <&0 &
demo_pid=$!
demo_status=0
wait "$demo_pid" || demo_status=$?
demo_pid=""
if [ "$demo_status" -ne 0 ]; then
  echo "The demo failed (exit code $demo_status); see above and .run/*.log." >&2
  exit "$demo_status"
fi
if [ "$after_demo" = exit ]; then
  exit 0
fi

print_kcat_help
echo
echo "The cluster stays up for the commands above (MULTIAGENT_AFTER_DEMO=exit stops after the summary). Ctrl-C stops everything."
wait -n "${silo_pids[@]}" "$kafka_pid" "$redis_pid" || true
echo "A process of the main job exited; see .run/*.log." >&2
exit 1

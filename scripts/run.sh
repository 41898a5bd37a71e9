#!/usr/bin/env bash
# The main job on embedded defaults. Installs what a fresh Debian/Ubuntu machine lacks, then starts,
# each in a process of its own: Redis (membership, grain state), the embedded Kafka broker (librdkafka's
# mock cluster, real Kafka protocol) and a cluster of two silos consuming Kafka streams; prints where to
# look, and on Ctrl-C stops the silos gracefully (grains persist) and everything else.
# The simulated fleet (robots, scheduler, order producer, summary) joins this with the fleet issue.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
ensure_packages redis-server librdkafka-dev kcat

run_dir="$PWD/.run"
mkdir -p "$run_dir"
redis_port="${MULTIAGENT_REDIS_PORT:-6391}"
cluster_id="${MULTIAGENT_CLUSTER:-dev}"
pids=()

cleanup() {
  echo
  echo "Stopping: silos first (graceful: grains deactivate and persist), then Kafka and Redis."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

echo "Building (Release)…"
dotnet build -c Release Silo/Silo.csproj -v quiet -nologo >/dev/null
dotnet build -c Release Client/Client.csproj -v quiet -nologo >/dev/null
silo_dll="Silo/bin/Release/net10.0/MultiAgent.Silo.dll"
client_dll="Client/bin/Release/net10.0/MultiAgent.Client.dll"

redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$run_dir" \
  >"$run_dir/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

rm -f "$run_dir/kafka.bootstrap"
dotnet "$client_dll" kafka-dev --port-file "$run_dir/kafka.bootstrap" >"$run_dir/kafka.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$run_dir/kafka.bootstrap" ] && break; sleep 0.1; done
bootstrap="$(cat "$run_dir/kafka.bootstrap")"

for i in 1 2; do
  MULTIAGENT__SILO__CLUSTERID="$cluster_id" \
  MULTIAGENT__MEMBERSHIP__CONNECTIONSTRING="127.0.0.1:$redis_port" \
  MULTIAGENT__STORAGE__DEFAULT__PROVIDER=Redis \
  MULTIAGENT__STORAGE__DEFAULT__CONNECTIONSTRING="127.0.0.1:$redis_port" \
  MULTIAGENT__KAFKA__BOOTSTRAPSERVERS="$bootstrap" \
  dotnet "$silo_dll" --urls "http://127.0.0.1:808$i" \
    --MultiAgent:Silo:SiloName "silo$i" \
    --MultiAgent:Endpoints:SiloPort "1111$i" --MultiAgent:Endpoints:GatewayPort "3000$i" \
    >"$run_dir/silo$i.log" 2>&1 &
  pids+=($!)
done
for i in 1 2; do
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:808$i/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
done

cat <<EOF

MultiAgent is running (cluster '$cluster_id'; logs in .run/):
  silos        http://127.0.0.1:8081/healthz   http://127.0.0.1:8082/healthz
  gateways     127.0.0.1:30001  127.0.0.1:30002
  Redis        127.0.0.1:$redis_port   (membership table, grain state)
  Kafka        $bootstrap   (embedded broker; any Kafka client works)

Try:
  dotnet $client_dll cluster status --redis 127.0.0.1:$redis_port
  dotnet $client_dll ping robot-7 --redis 127.0.0.1:$redis_port -n 3
  kcat -b $bootstrap -L
  echo 'wh-1:{"orderId":"o-1","warehouseId":"wh-1","sku":"SKU-123","pickLocation":{"x":4,"y":7},"dropLocation":{"x":0,"y":12},"priority":5}' \\
    | kcat -b $bootstrap -t orders -P -K:
The dashboard will be served by the silos (http://127.0.0.1:8081/) once it lands.
Ctrl-C stops everything.
EOF
wait -n "${pids[@]}"
echo "A process of the main job exited; see .run/*.log."

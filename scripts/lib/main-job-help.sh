# What the main job prints about where to look and how to talk to it. Sourced by scripts/run.sh, which sets
# bootstrap, redis_port, cluster_id, warehouse, grid_width, grid_height and client_dll.

print_endpoints() {
  cat <<TEXT

MultiAgent is running (cluster '$cluster_id'; logs in .run/):
  silos        http://127.0.0.1:8081/healthz   http://127.0.0.1:8082/healthz
  gateways     127.0.0.1:30001  127.0.0.1:30002
  Redis        127.0.0.1:$redis_port   (membership table, grain state)
  Kafka        $bootstrap   (embedded broker, real Kafka protocol; topics orders, task-completions, orders.dlq)
  dashboard    http://127.0.0.1:8081/ — not yet: the dashboard is a later issue; today the silos serve /healthz
TEXT
}

print_kcat_help() {
  local client="dotnet $client_dll --redis 127.0.0.1:$redis_port --cluster $cluster_id"
  cat <<TEXT

Feed it orders from kcat (key = warehouse id; pick and drop anywhere on the $grid_width × $grid_height grid; an order id is
executed once, so change it for the next order):
  echo '$warehouse:{"orderId":"kcat-1","warehouseId":"$warehouse","sku":"SKU-123","pickLocation":{"x":4,"y":0},"dropLocation":{"x":9,"y":$((grid_height - 1))},"priority":5}' \\
    | kcat -b $bootstrap -t orders -P -K:
  $client orders status kcat-1 --warehouse $warehouse
Watch completions, and the dead-letter topic (try an order with "priority":0 or "x":999):
  kcat -b $bootstrap -C -t task-completions -o end -u -f '%k %s\n'
  kcat -b $bootstrap -C -t orders.dlq -o beginning -u -f '%h\n%s\n\n'
Watch the fleet:
  $client fleet watch --warehouse $warehouse
TEXT
}

# Stopping the background processes a script started. Sourced by the project's scripts.

# True while PID runs (an exited child that was not reaped yet is a zombie: not running).
is_running() {
  local stat
  stat="$(ps -o stat= -p "$1" 2>/dev/null)" && [[ "$stat" != Z* ]]
}

# stop_processes SECONDS PID...: SIGTERM, then up to SECONDS for them to exit, then SIGKILL what is left.
stop_processes() {
  local seconds="$1"; shift
  [ $# -eq 0 ] && return 0
  kill -TERM "$@" 2>/dev/null || true
  local deadline=$((SECONDS + seconds)) pid running
  while :; do
    running=()
    for pid in "$@"; do is_running "$pid" && running+=("$pid"); done
    [ ${#running[@]} -eq 0 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "Still running after ${seconds}s, killing: ${running[*]}"
      kill -KILL "${running[@]}" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  wait "$@" 2>/dev/null || true
}

# Shared helpers of the bench scripts (sourced, not run). Everything a script starts is recorded here and stopped by
# `cleanup` (the scripts trap EXIT). Only 127.0.0.1 is used; a private redis-server on a free port, never :6379.

JAR=${JAR:-target/service-fat.jar}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/courier-bench.XXXXXX")
JVM_PIDS=()
REDIS_PIDFILE=""

cleanup() {
  local pid
  for pid in "${JVM_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${JVM_PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$REDIS_PIDFILE" ] && [ -f "$REDIS_PIDFILE" ]; then
    kill "$(cat "$REDIS_PIDFILE")" 2>/dev/null || true
    for _ in $(seq 50); do [ -f "$REDIS_PIDFILE" ] || break; sleep 0.1; done
  fi
  if [ -n "${KEEP_TMP:-}" ]; then echo "logs kept in $TMP"; else rm -rf "$TMP"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

ensure_jar() {
  [ -f "$JAR" ] || mvn -B -q package -DskipTests
}

# start_redis: sets REDIS_PORT and REDIS_URL
start_redis() {
  REDIS_PORT=$(free_port)
  REDIS_PIDFILE="$TMP/redis.pid"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$TMP" \
    --daemonize yes --pidfile "$REDIS_PIDFILE" --logfile "$TMP/redis.log" >/dev/null
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  for _ in $(seq 100); do
    redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.05
  done
  echo "private redis did not start" >&2
  return 1
}

# wait_ready PORT PID LOG: until GET /health/ready answers 200 (at most 60 s)
wait_ready() {
  local port=$1 pid=$2 log=$3
  for _ in $(seq 600); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "node exited:" >&2; tail -20 "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "node on :$port not ready after 60 s" >&2
  return 1
}

# wait_started PID LOG: until the node logs "courier node started" (worker nodes have no HTTP; at most 60 s)
wait_started() {
  local pid=$1 log=$2
  for _ in $(seq 600); do
    grep -q '"courier node started"' "$log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "node exited:" >&2; tail -20 "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "node $pid did not start in 60 s" >&2
  return 1
}

mint() {
  COURIER_REDIS_URL="$REDIS_URL" java -cp "$JAR" dev.courier.launch.MintToken -conf conf/config.json --sub "$1"
}

redis_memory() {
  redis-cli -p "$REDIS_PORT" info memory | tr -d '\r' | grep -E '^used_memory_human:'
}

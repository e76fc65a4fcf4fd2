#!/usr/bin/env bash
# Start-up time of a node: from `java -jar target/service-fat.jar -conf conf/config.json` to the first 200 of
# GET /health/live, over RUNS runs (default 5). Needs Redis where conf/config.json points (or COURIER_REDIS_URL).
# Prints one line per run and the median. Usage: bench/startup.sh   (PORT, RUNS and CONF may be set)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/service-fat.jar
RUNS=${RUNS:-5}
PORT=${PORT:-18080}
CONF=${CONF:-conf/config.json}
[ -f "$JAR" ] || mvn -B -q package -DskipTests
log=$(mktemp)
times=()
for i in $(seq "$RUNS"); do
  start=$(date +%s%N)
  COURIER_HTTP_PORT=$PORT java -jar "$JAR" -conf "$CONF" >"$log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$PORT/health/live" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "node exited:"; cat "$log"; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms to first 200 of /health/live ($(grep -o '"startup_ms":[0-9]*' "$log" | head -1))"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median: ${median} ms over $RUNS runs ($(java -version 2>&1 | head -1), $(nproc) cores)"
rm -f "$log"

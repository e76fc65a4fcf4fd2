#!/usr/bin/env bash
# How precisely delayed tasks fire. Private redis-server on a free port, one node (role all) from the fat jar on a
# free port; once it is ready and idle, N e-mails (default 30) with delay_seconds 1..5 are posted one at a time
# (SPACING s apart, default 0.25), and after they all succeeded N more with delay 0. For each task GET /v1/tasks/{id}
# gives due_at and started_at (when a worker began the run); lateness = started_at - due_at in ms.
# Usage: bench/delay-precision.sh   (N, SPACING, WAIT, KEEP_TMP=1 may be set)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
trap cleanup EXIT

N=${N:-30}
SPACING=${SPACING:-0.25}
WAIT=${WAIT:-60}
ensure_jar
start_redis
PORT=$(free_port)
COURIER_ROLE=all COURIER_HTTP_HOST=127.0.0.1 COURIER_HTTP_PORT=$PORT COURIER_REDIS_URL=$REDIS_URL \
  java -jar "$JAR" -conf conf/config.json >"$TMP/node.log" 2>&1 &
JVM_PIDS+=($!)
wait_ready "$PORT" "${JVM_PIDS[0]}" "$TMP/node.log"
TOKEN=$(mint bench-delay)
sleep 2 # idle: let start-up work settle
echo "node :$PORT (role all, pid ${JVM_PIDS[0]}), redis :$REDIS_PORT; N=$N spacing=${SPACING}s; $(nproc) cores"
python3 bench/delay_precision.py "$PORT" "$TOKEN" "$N" "$SPACING" "$WAIT"
redis_memory

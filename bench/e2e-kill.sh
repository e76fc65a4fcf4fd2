#!/usr/bin/env bash
# Acceptance run: nothing lost, nothing doubled, nothing misattributed when a worker node is killed with SIGKILL
# mid-load. Private redis-server on a free port; node A = role all (API + workers) on a free port, node B = role
# worker (conf/worker.json); both with a 5 s lease. Two subjects send TOTAL (default 10000) POST /v1/emails from
# THREADS (default 24) threads, about half immediate and half delayed 1..5 s. When half have been answered node B is
# killed with kill -9 and RESTART_AFTER (default 3) s later started again with the same command. Then the client
# waits (at most WAIT s, default 180) until both outboxes hold every accepted task id and verifies them.
# Usage: bench/e2e-kill.sh   (TOTAL, THREADS, RESTART_AFTER, WAIT, SAMPLE (0 = all), LEASE, KEEP_TMP=1 may be set)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
trap cleanup EXIT

TOTAL=${TOTAL:-10000}
THREADS=${THREADS:-24}
RESTART_AFTER=${RESTART_AFTER:-3}
WAIT=${WAIT:-180}
SAMPLE=${SAMPLE:-0}
LEASE=${LEASE:-5}
ensure_jar
start_redis
PORT=$(free_port)
run_start=$(date +%s%N)

COURIER_ROLE=all COURIER_HTTP_HOST=127.0.0.1 COURIER_HTTP_PORT=$PORT COURIER_REDIS_URL=$REDIS_URL \
  COURIER_TASKS_LEASE_SECONDS=$LEASE java -jar "$JAR" -conf conf/config.json >"$TMP/node-a.log" 2>&1 &
A_PID=$!
JVM_PIDS+=("$A_PID")

start_b() { # node B, role worker: no HTTP (its http.* settings are unused; the port is set anyway, away from 8080)
  COURIER_HTTP_HOST=127.0.0.1 COURIER_HTTP_PORT=$(free_port) COURIER_REDIS_URL=$REDIS_URL \
    COURIER_TASKS_LEASE_SECONDS=$LEASE java -jar "$JAR" -conf conf/worker.json >>"$TMP/node-b.log" 2>&1 &
  B_PID=$!
  JVM_PIDS+=("$B_PID")
}
start_b
wait_ready "$PORT" "$A_PID" "$TMP/node-a.log"
wait_started "$B_PID" "$TMP/node-b.log"
TOKEN_A=$(mint alice)
TOKEN_B=$(mint bob)
echo "redis :$REDIS_PORT; node A (all) :$PORT pid $A_PID; node B (worker) pid $B_PID; lease ${LEASE}s;" \
  "TOTAL=$TOTAL THREADS=$THREADS; $(nproc) cores"

MARKER="$TMP/half-sent"
python3 bench/e2e_client.py "$PORT" alice "$TOKEN_A" bob "$TOKEN_B" "$TOTAL" "$THREADS" "$MARKER" "$WAIT" \
  "$SAMPLE" &
CLIENT=$!
for _ in $(seq 6000); do # at most 10 minutes
  [ -f "$MARKER" ] && break
  kill -0 "$CLIENT" 2>/dev/null || break
  sleep 0.05
done
if [ -f "$MARKER" ]; then
  kill -9 "$B_PID"
  wait "$B_PID" 2>/dev/null || true
  JVM_PIDS=("$A_PID")
  echo "half sent: node B (pid $B_PID) killed with SIGKILL; restarting in ${RESTART_AFTER}s"
  sleep "$RESTART_AFTER"
  start_b
  wait_started "$B_PID" "$TMP/node-b.log"
  echo "node B restarted (pid $B_PID)"
else
  echo "the client ended before half were sent" >&2
fi
rc=0
wait "$CLIENT" || rc=$?
redis_memory
requeued() { grep -o 're-queued [0-9]*' "$1" | awk '{n += $2} END {print n + 0}'; }
levels() { grep -cE '"level":"(WARN|ERROR)"' "$1" || true; }
echo "deliveries re-queued by the lease recoverer (from the logs): node A $(requeued "$TMP/node-a.log")," \
  "node B $(requeued "$TMP/node-b.log"); WARN/ERROR log lines: node A $(levels "$TMP/node-a.log")," \
  "node B $(levels "$TMP/node-b.log")"
grep -hE '"level":"(WARN|ERROR)"' "$TMP/node-a.log" "$TMP/node-b.log" | head -5 | cut -c1-300 || true
echo "run took $(( ($(date +%s%N) - run_start) / 1000000000 )) s (client exit $rc)"
exit "$rc"

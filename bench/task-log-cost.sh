#!/usr/bin/env bash
# What the task lines cost the worker's hot path: scenario A of the peer harness (N no-op tasks queued, then a fresh
# worker JVM drains them: role worker, tasks.workers 1, tasks.concurrency 16, default JVM flags), with
# COURIER_LOG_LEVEL=INFO and tasks.logOutcomes true (one line per task, written to a file as a log shipper would
# read it) against false, interleaved. BASE_JAR=<a fat jar> adds the same drain on that build (e.g. one from before
# the lines existed). Private redis-server on a free port; the adapter of bench/peer (built first unless SKIP_BUILD=1).
# Usage: bench/task-log-cost.sh      (N=20000, ROUNDS=3, BASE_JAR, SKIP_BUILD=1, KEEP_TMP=1 may be set)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
trap cleanup EXIT

N=${N:-20000}
ROUNDS=${ROUNDS:-3}
[ -n "${SKIP_BUILD:-}" ] || bench/peer/build.sh
start_redis
echo "redis :$REDIS_PORT; N=$N, $ROUNDS interleaved rounds; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "built: $(cat bench/peer/build/courier-commit.txt)"
python3 bench/task_log_cost.py "$REDIS_PORT" "$N" "$ROUNDS" "$TMP" "${BASE_JAR:-}"

#!/usr/bin/env bash
# Worker drain (scenario A of the peer harness, Courier alone): 20,000 no-op tasks queued, then a fresh worker JVM
# drains them; drain rate, worker CPU per 1,000 tasks, Redis commands per task; median of RUNS (3) runs.
# Usage: bench/drain.sh                                   this checkout (bench/peer, built by bench/peer/build.sh)
#        bench/drain.sh before=/tmp/old/bench/peer after=bench/peer   variants alternate within each run
# Each variant is a bench/peer folder already built (SKIP_BUILD=1 skips building this checkout's). Env: RUNS (3),
# TASKS (20000). A private redis-server on a free port; everything started is stopped. The raw JSON goes to
# bench/results/<date>-drain/ (KEEP_TMP=1 keeps the workers' logs).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
trap cleanup EXIT
command -v redis-server >/dev/null && /usr/bin/python3 -c 'import redis' 2>/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server python3-redis
}
variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then
  [ -n "${SKIP_BUILD:-}" ] || bench/peer/build.sh
  variants=("this=bench/peer")
fi
start_redis
out="bench/results/$(date +%Y-%m-%d-%H%M)-drain"
/usr/bin/python3 bench/drain.py --redis-port "$REDIS_PORT" --runs "${RUNS:-3}" --tasks "${TASKS:-20000}" \
  --out "$out" --logs "$TMP" "${variants[@]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; raw results in $out"

#!/usr/bin/env bash
# Where POST /v1/emails spends its CPU: starts a role-api node of the example service (no workers, so every 202 leaves
# a task queued) on a private redis-server, warms it up with wrk, then over one measured wrk run prints the CPU each
# busy thread ran and waited for a core (/proc/.../schedstat), per request, and, when async-profiler's library is
# given, the event loop's samples by owner (bench/profile_owners.py). See docs/perf-http.md.
# Usage: bench/http-profile.sh   (LEVEL=INFO|WARN, default WARN; SECS default 15; ASPROF=path/to/libasyncProfiler.so)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
trap cleanup EXIT
LEVEL=${LEVEL:-WARN}
SECS=${SECS:-15}
ensure_jar
start_redis
PORT=$(free_port)
CONF=conf/config.json
export COURIER_REDIS_URL=$REDIS_URL COURIER_HTTP_PORT=$PORT COURIER_HTTP_HOST=127.0.0.1 COURIER_ROLE=api
TOKEN=$(COURIER_LOG_LEVEL=WARN java -cp "$JAR" dev.courier.launch.MintToken -conf "$CONF" --sub bench --ttl 86400 \
  | tail -1)
cat >"$TMP/req.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"to":"bob@example.org","subject":"Hi","body":"Hello Bob"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
COURIER_LOG_LEVEL=$LEVEL java -jar "$JAR" -conf "$CONF" >"$TMP/node.log" 2>&1 &
JPID=$!
JVM_PIDS+=("$JPID")
wait_ready "$PORT" "$JPID" "$TMP/node.log"
URL="http://127.0.0.1:$PORT/v1/emails"
echo "warm-up: $(wrk -t1 -c64 -d8s -s "$TMP/req.lua" "$URL" | grep Requests/sec)"
snap() {
  for t in /proc/"$JPID"/task/* /proc/"$(cat "$REDIS_PIDFILE")"/task/*; do
    echo "$(basename "$t"):$(tr ' ' _ <"$t/comm")|$(tr ' ' '|' <"$t/schedstat")"
  done
}
# the jcmd options need their own quotes, or jcmd splits them at '='
[ -n "${ASPROF:-}" ] && jcmd "$JPID" JVMTI.agent_load "$ASPROF" '"start,event=itimer,interval=1ms,threads"' >/dev/null
snap >"$TMP/before"
wrk -t1 -c64 -d"${SECS}s" --latency -s "$TMP/req.lua" "$URL" >"$TMP/wrk.out"
snap >"$TMP/after"
[ -n "${ASPROF:-}" ] && jcmd "$JPID" JVMTI.agent_load "$ASPROF" "\"stop,file=$TMP/out.collapsed,collapsed\"" >/dev/null
grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx" "$TMP/wrk.out"
requests=$(grep -o '[0-9]* requests in' "$TMP/wrk.out" | awk '{print $1}')
echo "per thread over ${SECS} s ($requests requests): run ms, waiting-for-a-core ms, run µs per request"
join -t'|' <(sort "$TMP/before") <(sort "$TMP/after") | awk -F'|' -v n="$requests" \
  '{r=($5-$2)/1e6; w=($6-$3)/1e6; if (r > 50) printf "%7d %7d %7.1f  %s\n", r, w, r*1000/n, $1}' | sort -rn
if [ -n "${ASPROF:-}" ]; then
  python3 bench/profile_owners.py "$TMP/out.collapsed"
  cp "$TMP/out.collapsed" "${OUT:-/tmp/courier-http-$LEVEL.collapsed}"
fi

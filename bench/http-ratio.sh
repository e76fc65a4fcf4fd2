#!/usr/bin/env bash
# HTTP ingestion: POST /v1/emails on a Courier API node vs a bare Vert.x server, with wrk (bench/peer/http_ratio.py:
# 3 interleaved alternations, each a fresh JVM, 5 s warm-up, 15 s measured; about 3 min). Its Redis helpers come from
# the peer harness, so it runs beside a temporary copy of ../shared/bench-peers, like bench/peers.sh.
# Usage: bench/http-ratio.sh [--alternations 3] [--duration 15] [--warmup 5] [--conns 64]   (options of http_ratio.py)
#        bench/http-ratio.sh --jar before=/tmp/old.jar --jar after=target/service-fat.jar --log-level WARN   (an A/B)
#        Redis on 127.0.0.1:6398 and HTTP on 18080 by default; --port and --http-port move them (a shared machine).
# Env: PEERS_SRC (default ../shared/bench-peers), SKIP_BUILD=1 (reuse bench/peer/build), KEEP_TMP=1.
# Installs wrk and python3-redis if missing. Copies the raw JSON to bench/results/<date>-http-ratio/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PEERS_SRC=${PEERS_SRC:-$ROOT/../shared/bench-peers}
PY=/usr/bin/python3   # Debian's, with python3-redis

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v redis-server >/dev/null || need+=(redis-server)
"$PY" -c 'import redis' 2>/dev/null || need+=(python3-redis)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
[ -n "${SKIP_BUILD:-}" ] || bench/peer/build.sh
P=$(mktemp -d "${TMPDIR:-/tmp}/courier-peers.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] && echo "temporary copy kept in $P" >&2 || rm -rf "$P"' EXIT
cp -r "$PEERS_SRC" "$P/peers"
chmod -R u+w "$P/peers"

BENCH_PEERS="$P/peers" "$PY" bench/peer/http_ratio.py "$@"
out="$ROOT/bench/results/$(date +%Y-%m-%d-%H%M)-http-ratio"
mkdir -p "$out"
cp "$P/peers/results/raw/courier/http-ratio.json" "$out/"
echo "courier: $(cat bench/peer/build/courier-commit.txt); load average: $(cut -d' ' -f1-3 /proc/loadavg)" > "$out/run.txt"
echo "copied to ${out#"$ROOT"/}"

#!/usr/bin/env bash
# The peer benchmark of issue 6: Courier beside BullMQ and Sidekiq on this machine. Runs the shared harness
# (../shared/bench-peers, read-only, so from a temporary copy) with this project's adapter, bench/peer:
#   P=$(mktemp -d) && cp -r ../shared/bench-peers "$P/peers" && cd "$P/peers" &&
#   COURIER_PEER_DIR=<project>/bench/peer python3 harness.py courier bullmq sidekiq --runs 3 && python3 summarize.py
# Usage: bench/peers.sh            the full run: 3 interleaved runs (run it on a quiet machine)
#        bench/peers.sh --quick    smoke test: 1 run, 1/10 of the job counts (the harness part took 67 s on 2 busy
#                                  cores, after the builds and installs; it proves the set-up, its figures mean nothing)
# Env: PEERS_SRC (default ../shared/bench-peers from the project root), RUNS (3), SKIP_BUILD=1 (reuse bench/peer/build),
#      PORT (the harness's own redis-server, 6399), KEEP_TMP=1 (keep the temporary copy, workers' logs in run/logs).
# First installs what the peers need and is missing, as run-all.sh's DEPS_ONLY=1 does (apt-get: ruby-sidekiq, nodejs,
# npm, wrk, python3-redis, ...; npm install in bullmq/). Prints results/summary.md and copies it, versions.json and the
# raw JSON to bench/results/<date>/ (<date>-quick/ for a smoke run, git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PEERS_SRC=${PEERS_SRC:-$ROOT/../shared/bench-peers}
RUNS=${RUNS:-3}
PY=/usr/bin/python3   # Debian's: the one apt-get gives python3-redis (a pyenv/venv python3 may come first in PATH)
quick=()
tag=$(date +%Y-%m-%d-%H%M)
if [ "${1:-}" = "--quick" ]; then
  quick=(--quick); RUNS=1; tag="$tag-quick"
fi

[ -n "${SKIP_BUILD:-}" ] || bench/peer/build.sh
P=$(mktemp -d "${TMPDIR:-/tmp}/courier-peers.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] && echo "temporary copy kept in $P" >&2 || rm -rf "$P"' EXIT
cp -r "$PEERS_SRC" "$P/peers"
chmod -R u+w "$P/peers"
cd "$P/peers"
# Our adapter's build stands in for the shared adapter's: run-all.sh then builds nothing (it would clone another
# checkout), and summarize.py reports the commit bench/peer/build.sh built.
rm -rf courier/build && ln -s "$ROOT/bench/peer/build" courier/build
# The reference run's tables must not pass for this run's: summarize.py would fold them into the new summary.
rm -rf results/summary.md results/versions.json results/redis-benchmark.json results/raw
DEPS_ONLY=1 PY=$PY ./run-all.sh
# The shared harness predates Courier's bulk fire (TaskCall.fireAll): ask the courier variant for its bulk row too,
# with the same 1000 per call as BullMQ's addBulk and Sidekiq's push_bulk. Nothing else in the harness changes.
sed -i 's/enq_extra=\[("conc", 50)\], scen="ABC",$/enq_extra=[("conc", 50), ("bulk", 1000)], scen="ABC",/' harness.py
[ "$(grep -c 'enq_extra=\[("conc", 50), ("bulk", 1000)\], scen="ABC",$' harness.py)" = 2 ] \
  || { echo "peers.sh: could not add the courier bulk row to harness.py" >&2; exit 1; }

COURIER_PEER_DIR="$ROOT/bench/peer" "$PY" harness.py courier bullmq sidekiq --runs "$RUNS" --port "${PORT:-6399}" \
  "${quick[@]}"
# --quick writes run/quick/ instead of results/raw/; summarize.py reads only the latter
[ ${#quick[@]} -eq 0 ] || { mkdir -p results/raw && cp -r run/quick/. results/raw/; }
"$PY" summarize.py >/dev/null

out="$ROOT/bench/results/$tag"
mkdir -p "$out"
cp -r results/summary.md results/versions.json results/raw "$out/"
{
  echo "command: bench/peers.sh ${quick[*]} (harness.py courier bullmq sidekiq --runs $RUNS ${quick[*]})"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "courier: $(cat "$ROOT/bench/peer/build/courier-commit.txt")"
  echo "machine: $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  [ ${#quick[@]} -eq 0 ] || echo "smoke run: 1/10 of the job counts the table headings name (2,000 / 200 / 50)"
} > "$out/run.txt"
cat results/summary.md
echo
echo "copied to ${out#"$ROOT"/}"

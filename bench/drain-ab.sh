#!/usr/bin/env bash
# Drain A/B: scenario A of the peer harness for Courier alone (20,000 no-op tasks enqueued, then drained by one fresh
# worker JVM: role worker, tasks.workers 1, tasks.concurrency 16), for two builds in turn, interleaved on one
# redis-server of its own, so that load from elsewhere falls on both alike. For a change on the worker's hot path.
#   base: the fat jar BASE_JAR (e.g. main's, built in a clone: mvn -q package -DskipTests)
#   this: this checkout, as bench/peer/build.sh builds it
# Usage: bench/drain-ab.sh BASE_JAR [RUNS]    RUNS default 5; env PORT (6397), N (20000), PEERS_SRC, SKIP_BUILD=1,
#        B=1 (scenario B too: fire->start latency at the harness's rate, after each drain)
# Prints a line per drain and the medians: drain tasks/s, Redis commands per task, worker CPU ms per 1,000 tasks.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BASE_JAR=$(realpath "${1:?usage: bench/drain-ab.sh BASE_JAR [RUNS]}")
RUNS=${2:-5}
PEERS_SRC=${PEERS_SRC:-$ROOT/../shared/bench-peers}
PY=/usr/bin/python3   # Debian's, with python3-redis (bench/peers.sh installs it)

[ -n "${SKIP_BUILD:-}" ] || bench/peer/build.sh
T=$(mktemp -d "${TMPDIR:-/tmp}/courier-drain-ab.XXXXXX")
trap 'rm -rf "$T"' EXIT
cp -r "$PEERS_SRC" "$T/peers" && chmod -R u+w "$T/peers"
mkdir -p "$T/base/build/classes"
cp "$BASE_JAR" "$T/base/build/service-fat.jar"
cp -r bench/peer/conf "$T/base/"
javac --release 17 -parameters -cp "$T/base/build/service-fat.jar" -d "$T/base/build/classes" bench/peer/src/peer/*.java
cp bench/peer/resources/peer-contract.yaml "$T/base/build/classes/"

cd "$T/peers"
"$PY" - "$T/base" "$ROOT/bench/peer" "$RUNS" "${PORT:-6397}" "${N:-20000}" "${B:-0}" <<'PYEOF'
import statistics, sys
import harness
base, this, runs, port, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
with_b = sys.argv[6] == "1"  # scenario B too: fire->start latency at the harness's rate, a fresh worker per run
harness.N_THR = n
builds = {"base": base, "this": this}
for name, folder in builds.items():
    harness.VARIANTS[name] = dict(harness.VARIANTS["courier"], cwd=folder, enq_extra=[])
results = {name: [] for name in builds}
srv = harness.RedisServer(port)
srv.start()
try:
    for run in range(1, runs + 1):
        for name in builds:
            a = harness.scen_a(harness.Peer(name, port, run))
            if with_b:
                b = harness.scen_bc(harness.Peer(name, port, run), "B")
                a["lat_p50_ms"], a["lat_p99_ms"] = b["lat"]["p50"], b["lat"]["p99"]  # the harness records ms
            results[name].append(a)
            print(f"run {run} {name}: drain {a['drain_rate']:.0f} tasks/s, {a['redis_cmds_per_job']:.2f} Redis "
                  f"commands/task, worker {a['worker_cpu_ms_per_1k']:.0f} CPU ms/1000 tasks"
                  + (f", B fire->start p50 {a['lat_p50_ms']:.1f} ms p99 {a['lat_p99_ms']:.1f} ms" if with_b else ""),
                  flush=True)
finally:
    srv.stop()
for name, rs in results.items():
    med = lambda k: statistics.median(r[k] for r in rs)
    lo = lambda k: min(r[k] for r in rs)
    hi = lambda k: max(r[k] for r in rs)
    print(f"{name}: median of {len(rs)}: drain {med('drain_rate'):.0f} tasks/s [{lo('drain_rate'):.0f}-"
          f"{hi('drain_rate'):.0f}], {med('redis_cmds_per_job'):.2f} Redis commands/task, worker "
          f"{med('worker_cpu_ms_per_1k'):.0f} CPU ms/1000 tasks"
          + (f", B p50 {med('lat_p50_ms'):.1f} ms, p99 {med('lat_p99_ms'):.1f} ms [{lo('lat_p99_ms'):.1f}-"
             f"{hi('lat_p99_ms'):.1f}]" if with_b else ""))
PYEOF

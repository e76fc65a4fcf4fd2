#!/usr/bin/env bash
# Start-up time of a node: from `java -jar target/service-fat.jar -conf conf/config.json` to the first 200 of
# GET /health/live and of GET /health/ready (Redis answering), for role all and role api, median [min-max] of RUNS
# runs (default 5), roles interleaved. A private redis-server on a free port stands in for the config's Redis.
# Usage: bench/startup.sh                      RUNS=9 ROLES=all,api CONF=conf/config.json may be set
#        bench/startup.sh --variant old=/tmp/old.jar --variant new=target/service-fat.jar    (before/after, interleaved)
#        bench/startup.sh --variant "cds=target/service-fat.jar -XX:SharedArchiveFile=target/service-fat.jsa"
# Every further argument goes to bench/startup.py (one line per run, then the table).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
trap cleanup EXIT
ensure_jar
start_redis
python3 bench/startup.py --redis-url "$REDIS_URL" --runs "${RUNS:-5}" --role "${ROLES:-all,api}" \
  --conf "${CONF:-conf/config.json}" "$@"
echo "($(java -version 2>&1 | head -1), $(nproc) cores)"

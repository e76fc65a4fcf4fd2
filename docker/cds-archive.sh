#!/bin/sh
# Writes an AppCDS archive of the classes a Courier node loads while it starts, so that later starts map them from
# the archive instead of reading, verifying and linking them from the jar (docs/perf-startup.md: CPU to ready -40 %).
# Usage: cds-archive.sh JAR ARCHIVE [CONF]        then: java -XX:SharedArchiveFile=ARCHIVE -jar JAR ...
# The archive holds only for that JAR at that same path, run by the same JDK: the JVM checks both and otherwise
# starts without it. For a jar run outside a container: the image makes its own archive the same way without a shell
# (dev.courier.internal.launch.StartupTraining). JDK 17 reads no JVM flags from a jar, so a plain `java -jar` never
# uses an archive unless told to (the flag, or JDK_JAVA_OPTIONS).
# The training node runs role api, HTTP on a free loopback port, Redis at a closed port (nothing to reach at image
# build: an API node starts without Redis, only readiness waits for it); its exit on SIGTERM writes the archive.
set -eu
jar=$1
archive=$2
conf=${3:-conf/config.json}
log=$(mktemp)
COURIER_ROLE=api COURIER_HTTP_HOST=127.0.0.1 COURIER_HTTP_PORT=0 COURIER_REDIS_URL=redis://127.0.0.1:1/0 \
  java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -jar "$jar" -conf "$conf" >"$log" 2>&1 &
pid=$!
tries=0
until grep -q '"courier node started"' "$log"; do
  if ! kill -0 "$pid" 2>/dev/null || [ "$tries" -ge 1200 ]; then
    echo "cds-archive: the training node did not start:" >&2
    cat "$log" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  tries=$((tries + 1))
  sleep 0.1
done
kill -TERM "$pid"
wait "$pid" || true
rm -f "$log"
[ -s "$archive" ] || { echo "cds-archive: no archive written" >&2; exit 1; }
echo "cds-archive: wrote $archive ($(du -k "$archive" | cut -f1) KiB) for $jar"

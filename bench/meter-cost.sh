#!/usr/bin/env bash
# What Courier's meters cost per request and per task attempt, in ns, on one thread of a warm JVM (bench/MeterCost.java:
# 2,000,000 calls per round, a warm-up round, then ROUNDS rounds). Needs the compiled library (mvn -B -q compile and
# the runtime class path that mvn generate-test-resources writes to target/runtime-classpath.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/runtime-classpath.txt ] && [ -d target/classes ] || mvn -B -q generate-test-resources
CP="target/classes:$(cat target/runtime-classpath.txt)"
java -cp "$CP" bench/MeterCost.java "${ROUNDS:-5}"
echo "($(java -version 2>&1 | head -1), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"

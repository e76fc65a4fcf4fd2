#!/usr/bin/env python3
"""Start-up time of a node: from spawning `java [FLAGS] -jar JAR -conf CONF` to the first 200 of GET /health/live
and of GET /health/ready, plus the node's own "startup_ms" (main() to "courier node started") and the CPU time
(user+sys, all threads) the JVM had used when ready answered 200.

Usage (bench/startup.sh runs it with a private redis-server):
    startup.py --redis-url URL [--runs 5] [--role all,api] [--conf conf/config.json]
               [--variant NAME=JAR[ JVM-FLAGS...]] ...
Several variants (e.g. two jars, or one jar with and without a CDS archive) and roles are measured interleaved, run
1 of each then run 2 of each..., so that the machine's noise spreads across them. One line per run, then per
variant and role the median [min-max] of each figure. Polls every 5 ms from this one process (no curl per poll:
forking competes with the starting JVM for the cores).
"""
import argparse
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def status(port, path):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        c.request("GET", path)
        code = c.getresponse().status
        c.close()
        return code
    except OSError:
        return None


CLK = os.sysconf("SC_CLK_TCK")


def cpu_ms(pid):
    """user+sys CPU of the process so far: on a busy machine, a steadier figure of start-up work than wall time."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / CLK


def one_run(argv, env, port, log, timeout=60):
    """Spawns the node; returns (ms to live 200, ms to ready 200, the node's own startup_ms or None, CPU ms at
    ready)."""
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    live = ready = None
    try:
        while ready is None:
            if proc.poll() is not None:
                raise RuntimeError(f"node exited with {proc.returncode}; log: {log.name}")
            if time.monotonic() - t0 > timeout:
                raise TimeoutError(f"not ready after {timeout} s; log: {log.name}")
            if live is None and status(port, "/health/live") == 200:
                live = (time.monotonic() - t0) * 1000
            if live is not None and status(port, "/health/ready") == 200:
                ready = (time.monotonic() - t0) * 1000
                cpu = cpu_ms(proc.pid)
            else:
                time.sleep(0.005)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    log.flush()
    with open(log.name) as f:
        m = re.search(r'"startup_ms":\s*(\d+)', f.read())
    return live, ready, int(m.group(1)) if m else None, cpu


def cell(values):
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    return f"{statistics.median(values):.0f} [{min(values):.0f}-{max(values):.0f}]"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--redis-url", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--role", default="all", help="comma-separated roles, e.g. all,api")
    ap.add_argument("--conf", default="conf/config.json")
    ap.add_argument("--variant", action="append", help="NAME=JAR[ JVM-FLAGS...] (default: now=target/service-fat.jar)")
    a = ap.parse_args()
    variants = []
    for spec in a.variant or ["now=target/service-fat.jar"]:
        name, rest = spec.split("=", 1)
        words = rest.split()
        variants.append((name, words[0], words[1:]))
    roles = a.role.split(",")
    results = {(v[0], r): [] for v in variants for r in roles}
    logdir = tempfile.mkdtemp(prefix="courier-startup.")
    for run in range(1, a.runs + 1):
        for name, jar, flags in variants:
            for role in roles:
                port = free_port()
                env = dict(os.environ, COURIER_HTTP_PORT=str(port), COURIER_HTTP_HOST="127.0.0.1",
                           COURIER_REDIS_URL=a.redis_url, COURIER_ROLE=role)
                with open(os.path.join(logdir, f"{name}-{role}-{run}.log"), "w") as log:
                    r = one_run(["java", *flags, "-jar", jar, "-conf", a.conf], env, port, log)
                results[(name, role)].append(r)
                print(f"run {run} {name} role {role}: live {r[0]:.0f} ms, ready {r[1]:.0f} ms "
                      f"(node's own startup_ms {r[2]}; CPU {r[3]:.0f} ms)", flush=True)
    load = open("/proc/loadavg").read().split()[:3]
    print(f"\nmedian [min-max] ms over {a.runs} runs; {os.cpu_count()} cores, load average {' '.join(load)}")
    print("| variant | role | to /health/live 200 | to /health/ready 200 | node's startup_ms | JVM CPU at ready |")
    print("|---|---|---|---|---|---|")
    for (name, role), rs in results.items():
        print(f"| {name} | {role} | {cell([r[0] for r in rs])} | {cell([r[1] for r in rs])} | "
              f"{cell([r[2] for r in rs])} | {cell([r[3] for r in rs])} |")
    for name, jar, flags in variants:
        print(f"{name}: java {' '.join(flags + ['-jar', jar, '-conf', a.conf])}")
    for f in os.listdir(logdir):
        os.remove(os.path.join(logdir, f))
    os.rmdir(logdir)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Worker drain, variant against variant: N no-op tasks queued, then a fresh worker JVM drains them.

Usage: python3 bench/drain.py --redis-port P --out DIR --logs DIR [--runs 3] [--tasks 20000] [--conc 16]
                              NAME=ADAPTER_DIR ...
Each ADAPTER_DIR is a bench/peer folder built with its build.sh (build/service-fat.jar, build/classes, conf/).
Every run queues N tasks with `peer.Peer enqueue conc N 50` (a producer JVM), then starts `peer.Peer worker`
(role worker, tasks.workers 1, tasks.concurrency --conc, COURIER_LOG_LEVEL=WARN) and times it between the first
task's start and the last task's end (bench:t_first, bench:t_last), as scenario A of the peer harness does:
drain rate, the worker's CPU per 1,000 tasks (its /proc/<pid>/stat between those two points, so JVM start-up is
out and the JIT is in), and Redis commands per task. Variants alternate within each run, so machine noise spreads
over all of them. Prints one line per run and the medians; writes the raw JSON to --out, the workers' logs to --logs.
"""
import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time

import redis

CLK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def one_drain(name, adapter, url, r, n, conc, log_dir):
    java = ["java", "-cp", "build/service-fat.jar:build/classes", "peer.Peer"]
    env = dict(os.environ, BENCH_REDIS_URL=url, COURIER_LOG_LEVEL="WARN", COURIER_TASKS_WORKERS="1",
               COURIER_TASKS_CONCURRENCY=str(conc))
    r.flushall()
    r.config_resetstat()
    subprocess.run(java + ["enqueue", "conc", str(n), "50"], cwd=adapter, env=env, check=True,
                   capture_output=True, timeout=600)
    log = open(os.path.join(log_dir, f"{name}-{time.time():.0f}.log"), "w")
    worker = subprocess.Popen(java + ["worker"], cwd=adapter, env=dict(env, BENCH_N=str(n)), stdout=log,
                              stderr=subprocess.STDOUT)
    polls = 0
    try:
        def wait(key, limit):
            nonlocal polls
            end = time.time() + limit
            while time.time() < end:
                polls += 1
                v = r.get(key)
                if v:
                    return float(v)
                if worker.poll() is not None:
                    raise RuntimeError(f"{name}: worker exited before {key}")
                time.sleep(0.005)
            raise TimeoutError(f"{name}: no {key} within {limit} s")

        first = wait("bench:t_first", 120)
        cpu0, cmds0, polls0 = cpu_seconds(worker.pid), r.info("stats")["total_commands_processed"], polls
        last = wait("bench:t_last", 600)
        cpu1, cmds1, polls1 = cpu_seconds(worker.pid), r.info("stats")["total_commands_processed"], polls
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()
    return {"variant": name, "drain_rate": n / (last - first), "cpu_ms_per_1k": (cpu1 - cpu0) * 1e6 / n,
            # the INFO calls and this script's own polls are Redis commands too
            "redis_cmds_per_task": (cmds1 - cmds0 - (polls1 - polls0) - 1) / n}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("variants", nargs="+", help="NAME=ADAPTER_DIR")
    ap.add_argument("--redis-port", type=int, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tasks", type=int, default=20000)
    ap.add_argument("--conc", type=int, default=16)
    ap.add_argument("--out", required=True)
    ap.add_argument("--logs", required=True, help="where the workers' output goes")
    a = ap.parse_args()
    variants = [v.split("=", 1) for v in a.variants]
    url = f"redis://127.0.0.1:{a.redis_port}/0"
    r = redis.Redis(port=a.redis_port)
    os.makedirs(a.out, exist_ok=True)
    runs = []
    for run in range(1, a.runs + 1):
        for name, adapter in variants:
            res = one_drain(name, os.path.abspath(adapter), url, r, a.tasks, a.conc, a.logs)
            res["run"] = run
            runs.append(res)
            print(f"run {run} {name}: {res['drain_rate']:,.0f} tasks/s, {res['cpu_ms_per_1k']:.0f} ms CPU per 1,000, "
                  f"{res['redis_cmds_per_task']:.2f} Redis commands per task", flush=True)
    summary = {}
    for name, _ in variants:
        mine = [x for x in runs if x["variant"] == name]
        summary[name] = {k: {"median": statistics.median(x[k] for x in mine), "min": min(x[k] for x in mine),
                             "max": max(x[k] for x in mine)}
                         for k in ("drain_rate", "cpu_ms_per_1k", "redis_cmds_per_task")}
        s = summary[name]
        print(f"{name}: median {s['drain_rate']['median']:,.0f} tasks/s [{s['drain_rate']['min']:,.0f}-"
              f"{s['drain_rate']['max']:,.0f}], {s['cpu_ms_per_1k']['median']:.0f} ms CPU per 1,000 "
              f"[{s['cpu_ms_per_1k']['min']:.0f}-{s['cpu_ms_per_1k']['max']:.0f}], "
              f"{s['redis_cmds_per_task']['median']:.2f} commands per task")
    with open(os.path.join(a.out, "drain.json"), "w") as f:
        json.dump({"tasks": a.tasks, "conc": a.conc, "runs": runs, "summary": summary,
                   "load_average": os.getloadavg()}, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())

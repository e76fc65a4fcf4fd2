"""Drives bench/task-log-cost.sh: per round, for each variant, queue N no-op tasks, start a fresh worker JVM that
drains them, and report the drain rate between the first task's start and the last one's end (bench:t_first,
bench:t_last, written by the adapter's task), the worker's CPU per 1,000 tasks over the same window plus the second
after it (so the log writer thread's catch-up is counted), the lines the worker wrote and any it dropped."""
import os
import subprocess
import sys
import time

PORT, N, ROUNDS, TMP = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
BASE_JAR = sys.argv[5] if len(sys.argv) > 5 else ""
PEER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peer")
TICKS = os.sysconf("SC_CLK_TCK")
OWN_CP = "build/service-fat.jar:build/classes"

VARIANTS = [("logOutcomes=true", OWN_CP, {"COURIER_TASKS_LOG_OUTCOMES": "true"}),
            ("logOutcomes=false", OWN_CP, {"COURIER_TASKS_LOG_OUTCOMES": "false"})]
if BASE_JAR:
    VARIANTS.append(("base jar", os.path.abspath(BASE_JAR) + ":build/classes", {}))


def redis(*args):
    return subprocess.run(["redis-cli", "-p", PORT, *args], capture_output=True, text=True, check=True).stdout.strip()


def env(extra):
    e = {k: v for k, v in os.environ.items() if not k.startswith("COURIER_")}
    e.update(BENCH_REDIS_URL=f"redis://127.0.0.1:{PORT}/0", **extra)
    return e


def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / TICKS  # utime + stime of every thread of the JVM


def drain(label, classpath, extra, round_no):
    redis("FLUSHALL")
    subprocess.run(["java", "-cp", classpath, "peer.Peer", "enqueue", "conc", str(N), "50"], cwd=PEER,
                   env=env({"COURIER_LOG_LEVEL": "WARN"}), check=True, capture_output=True)
    commands_before = int(redis("INFO", "stats").split("total_commands_processed:")[1].split()[0])
    log_path = os.path.join(TMP, f"worker-{round_no}-{label.replace('=', '-').replace(' ', '-')}.log")
    with open(log_path, "w") as log:
        worker = subprocess.Popen(["java", "-cp", classpath, "peer.Peer", "worker"], cwd=PEER, stdout=log,
                                  stderr=subprocess.STDOUT,
                                  env=env({"COURIER_LOG_LEVEL": "INFO", "BENCH_N": str(N), **extra}))
    try:
        deadline = time.time() + 300
        cpu_first = None
        while time.time() < deadline:
            if cpu_first is None and redis("EXISTS", "bench:t_first") == "1":
                cpu_first = cpu_ms(worker.pid)
            if redis("EXISTS", "bench:t_last") == "1":
                break
            if worker.poll() is not None:
                raise SystemExit(f"worker exited early, see {log_path}")
            time.sleep(0.02)
        else:
            raise SystemExit(f"drain not finished in 300 s, see {log_path}")
        commands = int(redis("INFO", "stats").split("total_commands_processed:")[1].split()[0]) - commands_before
        time.sleep(1.0)  # the log writer catches up (it writes at most 20 ms after a line, in batches)
        cpu_last = cpu_ms(worker.pid)
        secs = float(redis("GET", "bench:t_last")) - float(redis("GET", "bench:t_first"))
    finally:
        worker.terminate()
        worker.wait(60)
    with open(log_path) as log:
        lines = log.read().splitlines()
    outcome_lines = sum(1 for l in lines if '"outcome":"succeeded"' in l)
    dropped = sum(int(l.split('"dropped":')[1].split(",")[0]) for l in lines if '"dropped":' in l)
    return {"variant": label, "round": round_no, "rate": N / secs, "cpu_ms_per_1k": (cpu_last - cpu_first) / N * 1000,
            "cmds_per_task": commands / N, "outcome_lines": outcome_lines, "dropped": dropped}


def main():
    results = []
    for r in range(1, ROUNDS + 1):
        order = VARIANTS if r % 2 else list(reversed(VARIANTS))  # alternate which variant goes first
        for label, classpath, extra in order:
            res = drain(label, classpath, extra, r)
            results.append(res)
            print(f"round {r} {label:18} {res['rate']:8.0f} tasks/s  {res['cpu_ms_per_1k']:6.1f} cpu ms/1k  "
                  f"{res['cmds_per_task']:.2f} cmds/task  {res['outcome_lines']} outcome lines  "
                  f"{res['dropped']} dropped", flush=True)
    print("\n| variant | drain tasks/s, median [min-max] | worker CPU ms per 1,000 tasks, median [min-max] |")
    print("|---|---|---|")
    for label, _, _ in VARIANTS:
        rates = sorted(x["rate"] for x in results if x["variant"] == label)
        cpus = sorted(x["cpu_ms_per_1k"] for x in results if x["variant"] == label)
        mid = len(rates) // 2
        print(f"| {label} | {rates[mid]:,.0f} [{rates[0]:,.0f}-{rates[-1]:,.0f}] | "
              f"{cpus[mid]:.0f} [{cpus[0]:.0f}-{cpus[-1]:.0f}] |")
    # on a shared machine the load moves between rounds: the difference within a round says more than the medians
    labels = [label for label, _, _ in VARIANTS]
    for a, b in zip(labels, labels[1:]):
        diffs = sorted(next(x["cpu_ms_per_1k"] for x in results if x["variant"] == a and x["round"] == r)
                       - next(x["cpu_ms_per_1k"] for x in results if x["variant"] == b and x["round"] == r)
                       for r in range(1, ROUNDS + 1))
        print(f"\nCPU ms per 1,000 tasks, {a} minus {b}, within each round: "
              + ", ".join(f"{d:+.0f}" for d in diffs) + f" (median {diffs[len(diffs) // 2]:+.0f})")


main()

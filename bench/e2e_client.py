"""Client of bench/e2e-kill.sh: sends TOTAL POST /v1/emails from THREADS threads, alternating two subjects, about
half immediate and half delayed 1..5 s, each with its own X-Request-Id. Touches MARKER once half have been answered
(the script then kills a worker node). Then waits until both outboxes hold every accepted task id, verifies them, and
reads GET /v1/tasks/{id} for up to SAMPLE ids (0 = all) to count tasks that ran more than once.

usage: e2e_client.py PORT SUB_A TOKEN_A SUB_B TOKEN_B TOTAL THREADS MARKER WAIT_SECONDS SAMPLE
Exit 0 only if nothing is missing, duplicated, misattributed, and every POST answered 202.
"""
import random
import sys
import threading
import time
from collections import Counter

from benchlib import Client


def main():
    (port, sub_a, tok_a, sub_b, tok_b, total, threads, marker, wait_seconds, sample) = (
        int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7]),
        sys.argv[8], int(sys.argv[9]), int(sys.argv[10]))
    subjects = [(sub_a, tok_a), (sub_b, tok_b)]
    rng = random.Random(20261122)
    plan = [0 if rng.random() < 0.5 else rng.randint(1, 5) for _ in range(total)]

    lock = threading.Lock()
    state = {"next": 0, "answered": 0, "marked": False, "last_post": 0.0}
    accepted = {sub_a: {}, sub_b: {}}  # subject -> task_id -> request id sent
    dup_ids = Counter()
    errors = []

    def sender():
        client = Client(port)
        while True:
            with lock:
                i = state["next"]
                if i >= total:
                    break
                state["next"] = i + 1
            sub, tok = subjects[i % 2]
            rid = "bench-%s-%06d" % (sub, i)
            body = {"to": "user%d@example.com" % i, "subject": "e2e #%d" % i, "body": "hello %d" % i}
            if plan[i]:
                body["delay_seconds"] = plan[i]
            try:
                status, resp, _ = client.request("POST", "/v1/emails", body, token=tok,
                                                 headers={"X-Request-Id": rid})
            except Exception as e:  # noqa: BLE001 - every failure is an error to report
                status, resp = None, repr(e)
            with lock:
                state["answered"] += 1
                state["last_post"] = time.monotonic()
                if status == 202 and isinstance(resp, dict) and resp.get("task_id"):
                    tid = resp["task_id"]
                    if tid in accepted[sub_a] or tid in accepted[sub_b]:
                        dup_ids[tid] += 1
                    accepted[sub][tid] = rid
                else:
                    errors.append((i, sub, status, str(resp)[:300]))
                if not state["marked"] and state["answered"] >= total // 2:
                    state["marked"] = True
                    open(marker, "w").close()
        client.close()

    t0 = time.monotonic()
    pool = [threading.Thread(target=sender, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    send_s = state["last_post"] - t0
    n_ok = len(accepted[sub_a]) + len(accepted[sub_b])
    print("sent %d POST /v1/emails in %.2f s = %.0f req/s (%d threads); 202: %d, errors: %d; immediate %d, delayed %d"
          % (total, send_s, total / send_s, threads, n_ok, len(errors), plan.count(0), total - plan.count(0)),
          flush=True)
    for e in errors[:20]:
        print("  ERROR post #%d (%s): status %s: %s" % e)
    if dup_ids:
        print("  ERROR: the API answered the same task_id twice for %d ids" % len(dup_ids))

    # Wait until each outbox holds every task id its subject was given.
    client = Client(port)
    deadline = time.monotonic() + wait_seconds
    outbox = {}
    while True:
        complete = True
        for sub, tok in subjects:
            status, resp, _ = client.request("GET", "/v1/outbox", token=tok)
            if status != 200:
                raise SystemExit("GET /v1/outbox for %s answered %s: %s" % (sub, status, resp))
            outbox[sub] = resp["emails"]
            have = {e["task_id"] for e in outbox[sub]}
            if not set(accepted[sub]) <= have:
                complete = False
        if complete or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    delivered_s = time.monotonic() - state["last_post"]
    print("all delivered %.2f s after the last POST" % delivered_s if complete
          else "NOT all delivered %d s after the last POST" % wait_seconds)

    failed = bool(errors) or bool(dup_ids) or not complete
    bad_sent_by = 0
    bad_request_id = 0
    missing_request_id = 0
    print("%-14s %9s %9s %10s %8s %9s %8s" % ("subject", "accepted", "in outbox", "duplicates", "missing", "strangers",
                                           "unknown"))
    for sub, _ in subjects:
        other = sub_b if sub == sub_a else sub_a
        ids = Counter(e["task_id"] for e in outbox[sub])
        dups = sum(c - 1 for c in ids.values() if c > 1)
        missing = sum(1 for tid in accepted[sub] if tid not in ids)
        strangers = sum(1 for e in outbox[sub] if e["task_id"] in accepted[other])
        unknown = sum(1 for e in outbox[sub] if e["task_id"] not in accepted[sub] and e["task_id"] not in accepted[other])
        print("%-14s %9d %9d %10d %8d %9d %8d" % (sub, len(accepted[sub]), len(outbox[sub]), dups, missing, strangers,
                                                  unknown))
        for e in outbox[sub]:
            if e.get("sent_by") != sub:
                bad_sent_by += 1
            if not e.get("request_id"):
                missing_request_id += 1
            elif e["task_id"] in accepted[sub] and e["request_id"] != accepted[sub][e["task_id"]]:
                bad_request_id += 1
        failed = failed or dups or missing or strangers or unknown
    print("emails with sent_by != subject: %d; request_id missing: %d; request_id != the POST's X-Request-Id: %d"
          % (bad_sent_by, missing_request_id, bad_request_id))
    failed = failed or bad_sent_by or missing_request_id or bad_request_id

    # Attempts, through GET /v1/tasks/{id} with the subject's own token.
    todo = [(tid, tok) for sub, tok in subjects for tid in accepted[sub]]
    todo.sort()
    if 0 < sample < len(todo):
        todo = random.Random(7).sample(todo, sample)
    states = Counter()
    attempts = Counter()
    redelivered = []
    read_errors = []
    pos = {"i": 0}
    t_read = time.monotonic()
    read_deadline = t_read + 120

    def reader():
        c = Client(port)
        while time.monotonic() < read_deadline:
            with lock:
                i = pos["i"]
                if i >= len(todo):
                    break
                pos["i"] = i + 1
            tid, tok = todo[i]
            try:
                status, resp, _ = c.request("GET", "/v1/tasks/" + tid, token=tok)
            except Exception as e:  # noqa: BLE001
                status, resp = None, repr(e)
            with lock:
                if status != 200:
                    read_errors.append((tid, status, str(resp)[:200]))
                    continue
                states[resp["state"]] += 1
                attempts[resp["attempts"]] += 1
                if resp["attempts"] > 1:
                    redelivered.append(tid)
        c.close()

    pool = [threading.Thread(target=reader, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    read = sum(states.values())
    print("task status read for %d of %d tasks in %.1f s: states %s; attempts %s; attempts > 1: %d; read errors: %d"
          % (read, n_ok, time.monotonic() - t_read, dict(states), dict(sorted(attempts.items())), len(redelivered),
             len(read_errors)))
    for e in read_errors[:5]:
        print("  read error %s: %s %s" % e)
    print("RESULT: %s" % ("FAIL" if failed else "PASS"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

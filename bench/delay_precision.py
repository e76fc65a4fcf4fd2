"""Client of bench/delay-precision.sh: fires e-mails one at a time, waits until every task succeeded, and prints
lateness = started_at - due_at (ms) of the delayed ones and of the immediate ones (queue-to-start latency).

usage: delay_precision.py PORT TOKEN N SPACING_SECONDS WAIT_SECONDS
"""
import sys
import time

from benchlib import Client, iso_ms, median, percentile


def fire(client, n, delays, spacing):
    ids = []
    for i in range(n):
        delay = delays(i)
        started = time.monotonic()
        status, body, _ = client.request("POST", "/v1/emails", {
            "to": "bench%d@example.com" % i, "subject": "delay %d #%d" % (delay, i), "body": "precision",
            "delay_seconds": delay})
        if status != 202:
            raise SystemExit("POST /v1/emails answered %s: %s" % (status, body))
        ids.append((body["task_id"], delay))
        time.sleep(max(0.0, spacing - (time.monotonic() - started)))
    return ids


def await_succeeded(client, ids, wait_seconds):
    deadline = time.monotonic() + wait_seconds
    done = {}
    while True:
        for task_id, delay in ids:
            if task_id in done:
                continue
            status, body, _ = client.request("GET", "/v1/tasks/" + task_id)
            if status == 200 and body["state"] in ("succeeded", "dead"):
                done[task_id] = body
        if len(done) == len(ids):
            return done
        if time.monotonic() > deadline:
            raise SystemExit("%d of %d tasks not finished after %d s" % (len(ids) - len(done), len(ids), wait_seconds))
        time.sleep(0.25)


def table(title, ids, done):
    late = []
    not_ok = 0
    for task_id, _ in ids:
        st = done[task_id]
        if st["state"] != "succeeded":
            not_ok += 1
            continue
        late.append(iso_ms(st["started_at"]) - iso_ms(st["due_at"]))
    late.sort()
    print(title)
    print("  count            %d (not succeeded: %d)" % (len(late), not_ok))
    if late:
        print("  min              %d ms" % late[0])
        print("  median           %s ms" % median(late))
        print("  p95              %d ms" % percentile(late, 95))
        print("  p99              %d ms" % percentile(late, 99))
        print("  max              %d ms" % late[-1])
        print("  within 100 ms    %d of %d" % (sum(1 for x in late if 0 <= x <= 100), len(late)))
        early = sum(1 for x in late if x < 0)
        if early:
            print("  EARLY (started before due_at): %d" % early)
    return not_ok == 0 and all(x >= 0 for x in late)


def main():
    port, token, n, spacing, wait_seconds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(
        sys.argv[4]), int(sys.argv[5])
    client = Client(port, token)
    t0 = time.monotonic()
    delayed = fire(client, n, lambda i: 1 + i % 5, spacing)
    done = await_succeeded(client, delayed, wait_seconds)
    ok = table("delay_seconds 1..5: lateness = started_at - due_at", delayed, done)
    immediate = fire(client, n, lambda i: 0, spacing)
    done0 = await_succeeded(client, immediate, wait_seconds)
    ok = table("delay_seconds 0: queue-to-start = started_at - due_at", immediate, done0) and ok
    print("client time %.1f s (%d + %d tasks, %.2f s apart)" % (time.monotonic() - t0, n, n, spacing))
    client.close()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

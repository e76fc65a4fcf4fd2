"""Stdlib helpers of the bench clients: a keep-alive HTTP client (one per thread), ISO-8601 times, percentiles."""
import http.client
import json
import math
from datetime import datetime


class Client:
    """One keep-alive connection to 127.0.0.1:port; reconnects once on a broken connection."""

    def __init__(self, port, token=None, timeout=30):
        self.port = port
        self.token = token
        self.timeout = timeout
        self.conn = None

    def _connect(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)

    def request(self, method, path, body=None, token=None, headers=None):
        """Returns (status, parsed JSON or raw text, response headers). Raises on a second connection failure."""
        hdrs = {"Accept": "application/json"}
        tok = token or self.token
        if tok:
            hdrs["Authorization"] = "Bearer " + tok
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        if headers:
            hdrs.update(headers)
        for attempt in (0, 1):
            if self.conn is None:
                self._connect()
            try:
                self.conn.request(method, path, body=data, headers=hdrs)
                resp = self.conn.getresponse()
                raw = resp.read()
                if resp.getheader("Connection", "").lower() == "close":
                    self.close()
                try:
                    parsed = json.loads(raw) if raw else None
                except ValueError:
                    parsed = raw.decode(errors="replace")
                return resp.status, parsed, dict(resp.getheaders())
            except (http.client.HTTPException, ConnectionError, OSError):
                self.close()
                # Only a request that may not have reached the server is retried: a POST is not (it is not
                # idempotent); the caller counts the exception as an error.
                if attempt == 1 or method != "GET":
                    raise

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
            self.conn = None


def iso_ms(text):
    """Epoch milliseconds of an ISO-8601 instant such as 2026-01-02T03:04:05.678Z (None stays None)."""
    if text is None:
        return None
    return round(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list (p in 0..100)."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def median(sorted_values):
    n = len(sorted_values)
    if n == 0:
        return None
    mid = n // 2
    return sorted_values[mid] if n % 2 else (sorted_values[mid - 1] + sorted_values[mid]) / 2

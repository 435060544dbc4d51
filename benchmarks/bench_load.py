"""Load test of ``fwgraph serve``: many clients, some of them sending queries that time out.

Run by hand (loopback only; it starts and stops its own server)::

    python benchmarks/bench_load.py [--clients 20] [--slow 2] [--seconds 30] [--timeout 2]

Starts ``fwgraph serve`` on a free 127.0.0.1 port with ``--timeout``, then runs
``--clients`` threads for ``--seconds``: ``--slow`` of them send a cartesian
product that must be stopped by the timeout, the others a mix of fast queries.
Reports, for the fast and the slow queries apart: requests, throughput, p50 and
p99 latency and errors (any status but 200 for a fast query; any status but 503
for a slow one). The promise is zero errors for the fast queries.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

FAST = [
    "SELECT ?b WHERE { fwd:keras fw:builtOn ?b }",
    "SELECT ?f WHERE { ?f fw:implementedIn fwd:rust }",
    "SELECT ?s (COUNT(?f) AS ?n) WHERE { ?f fw:status ?s } GROUP BY ?s",
    'SELECT ?f WHERE { ?f rdfs:label "PyTorch"@en }',
    "ASK { fwd:pytorch fw:derivedFrom fwd:torch }",
]
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(port: int, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("fwgraph serve did not start")


def _client(
    port: int, queries: list[str], until: float, out: list[tuple[float, int]], timeout: float
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout + 30)
    i = 0
    while time.monotonic() < until:
        body = urllib.parse.urlencode({"query": queries[i % len(queries)]})
        i += 1
        start = time.perf_counter()
        try:
            conn.request(
                "POST",
                "/query",
                body=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/sparql-results+json",
                },
            )
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout + 30)
            status = 0
        out.append((time.perf_counter() - start, status))
    conn.close()


def _report(name: str, results: list[tuple[float, int]], ok: int, seconds: float) -> None:
    times = sorted(t for t, _ in results)
    errors = sum(1 for _, s in results if s != ok)
    if not times:
        print(f"{name}: no requests")
        return
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(
        f"{name:5} requests {len(times):6}  {len(times) / seconds:8.1f}/s  "
        f"p50 {statistics.median(times) * 1000:8.1f} ms  p99 {p99 * 1000:8.1f} ms  "
        f"errors {errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--slow", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=2.0)
    args = parser.parse_args()
    port = _free_port()
    exe = shutil.which("fwgraph") or str(Path(sys.executable).with_name("fwgraph"))
    server = subprocess.Popen(
        [exe, "serve", "--port", str(port), "--timeout", str(args.timeout), "-q"],
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(port)
        until = time.monotonic() + args.seconds
        fast: list[tuple[float, int]] = []
        slow: list[tuple[float, int]] = []
        threads = [
            threading.Thread(
                target=_client,
                args=(
                    port,
                    [SLOW] if i < args.slow else FAST,
                    until,
                    slow if i < args.slow else fast,
                    args.timeout,
                ),
            )
            for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(30)
    print(
        f"fwgraph serve, {args.clients} clients ({args.slow} sending a cartesian product), "
        f"{args.seconds:g} s, timeout {args.timeout:g} s"
    )
    _report("fast", fast, 200, args.seconds)
    _report("slow", slow, 503, args.seconds)


if __name__ == "__main__":
    main()

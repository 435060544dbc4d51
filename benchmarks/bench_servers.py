"""fwgraph against an Oxigraph server on the packaged graph, in one run.

Run by hand (needs the ``oxigraph`` server CLI, from ``fwgraph[server]``; timings on
shared 2-core machines are noisy)::

    python benchmarks/bench_servers.py [--calls 5] [--seconds 20] [--clients 4]

a. The endpoint engine against the memory engine: starts ``oxigraph serve`` on a
   loopback port, fills it with ``fwgraph push …/query -q``, and times
   ``kg.frameworks()``, ``kg.lineage("keras")`` and ``kg.stats()``, each call on a
   fresh ``fwgraph.load(url)`` (nothing cached), against the same calls on a fresh
   ``KnowledgeGraph(MemoryEngine(packaged_graph()))`` each time (no disk cache of
   answers; the parsed graph itself is shared). Medians of ``--calls``, and the ratio.
b. ``fwgraph serve`` against ``oxigraph serve-read-only`` on the same triples
   (``fwgraph export --format nt`` loaded with ``oxigraph load``): ``--clients``
   threads on keep-alive ``http.client`` connections send a mix of five SELECT
   queries (with full PREFIX declarations, the same text to both) for
   ``--seconds`` each; reports queries/s, p50/p99 latency, errors and the ratio,
   once with the five texts repeated (fwgraph serve answers repeats from its cache)
   and once with a new text each request (a numbered comment: no cache can help).

Every server binds to 127.0.0.1 and is stopped at the end.
"""

# Last run (2 December 2026, main, two cores, nothing else running; defaults):
#   a. endpoint / memory: frameworks() 0.63x, lineage("keras") 0.58x, stats() 0.43x
#   b. fwgraph serve / oxigraph serve-read-only, queries per second:
#      repeated texts 1.25x (4524.5 / 3624.4), a new text each time 0.49x (1771.1 / 3618.8)
# docs/performance.rst says where the CPU of a new text goes.

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
PREFIXES = (
    "PREFIX fw: <https://w3id.org/fwgraph/ns#>\n"
    "PREFIX fwd: <https://w3id.org/fwgraph/id/>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)
QUERIES = {
    "keras back ends": """SELECT ?b ?label WHERE {
  fwd:keras fw:builtOn ?b . ?b rdfs:label ?label FILTER(lang(?label) = "en")
} ORDER BY ?label""",
    "by language": """SELECT ?f ?label WHERE {
  ?f a fw:Framework ; fw:implementedIn fwd:python ; rdfs:label ?label
  FILTER(lang(?label) = "en")
} ORDER BY ?label""",
    "builtOn edges": """SELECT ?a ?al ?b ?bl WHERE {
  ?a fw:builtOn ?b . ?a rdfs:label ?al . ?b rdfs:label ?bl
  FILTER(lang(?al) = "en" && lang(?bl) = "en")
} ORDER BY ?al ?bl""",
    "count per status": """SELECT ?status (COUNT(?f) AS ?n) WHERE {
  ?f a fw:Framework ; fw:status ?status
} GROUP BY ?status ORDER BY DESC(?n)""",
    "label lookup": """SELECT ?f WHERE { ?f rdfs:label "PyTorch"@en }""",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[Any], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            msg = f"the server exited with {process.returncode}: {process.args}"
            raise RuntimeError(msg)
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                msg = f"nothing listens on {HOST}:{port} after {seconds:.0f} s"
                raise RuntimeError(msg) from None
            time.sleep(0.05)


@contextmanager
def running(cmd: list[str], port: int) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server, wait for its port, and stop it and its children afterwards.

    The server gets its own process group. It is stopped with SIGINT first
    (``fwgraph serve`` then ends its Oxigraph processes itself), and whatever is
    left of its group with SIGTERM, then SIGKILL.
    """
    process = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        wait_for_port(port, process)
        yield process
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if process.poll() is None:
                process.send_signal(sig)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(10)
        for sig in (signal.SIGTERM, signal.SIGKILL):  # children left in its group
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
                time.sleep(0.5)


def executable(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        msg = f"{name} not found (install fwgraph[server])"
        raise SystemExit(msg)
    return found


def _cell(values: list[float], unit: str = "") -> str:
    return f"{statistics.median(values):.4g}{unit} ({min(values):.3g}-{max(values):.3g})"


# ---------------------------------------------------------------- a. endpoint vs memory


def bench_endpoint(url: str, calls: int) -> None:
    import fwgraph  # noqa: PLC0415 - after the servers are up
    from fwgraph.engines.files import packaged_graph  # noqa: PLC0415
    from fwgraph.engines.memory import MemoryEngine  # noqa: PLC0415

    packaged_graph()  # parsed once, shared: the memory side measures querying, not parsing

    def memory() -> Any:
        return fwgraph.KnowledgeGraph(MemoryEngine(packaged_graph()))

    def endpoint() -> Any:
        return fwgraph.load(url)

    cases: dict[str, Callable[[Any], Any]] = {
        "frameworks()": lambda kg: len(kg.frameworks()),
        'lineage("keras")': lambda kg: len(kg.lineage("keras").nodes),
        "stats()": lambda kg: kg.stats(),
    }
    print(f"\na. endpoint engine ({url}) against memory engine, fresh graph per call")
    print(f"   {'call':<20}{'memory s':>26}{'endpoint s':>26}{'ratio':>8}  result")
    for name, call in cases.items():
        times: dict[str, list[float]] = {"memory": [], "endpoint": []}
        results: dict[str, str] = {}
        for _ in range(calls):  # interleaved, so that load on the machine hits both alike
            for side, make in (("memory", memory), ("endpoint", endpoint)):
                kg = make()
                start = time.perf_counter()
                value = call(kg)
                times[side].append(time.perf_counter() - start)
                kg.close()
                results[side] = _summary(value)
        ratio = statistics.median(times["endpoint"]) / statistics.median(times["memory"])
        same = "same" if results["memory"] == results["endpoint"] else "DIFFERENT"
        print(
            f"   {name:<20}{_cell(times['memory']):>26}{_cell(times['endpoint']):>26}"
            f"{ratio:>7.2f}x  {results['endpoint']} ({same})"
        )
    print(f"   medians (min-max) of {calls} calls; ratio = endpoint / memory")


def _summary(value: Any) -> str:
    if isinstance(value, int):
        return str(value)
    triples = getattr(value, "triples", None)
    return f"stats, {triples} triples" if triples is not None else type(value).__name__


# ---------------------------------------------------------------- b. throughput


def load_test(port: int, clients: int, seconds: float, *, unique: bool = False) -> dict[str, Any]:
    """``clients`` threads on keep-alive connections send the query mix for ``seconds``.

    With ``unique``, every request carries a new text (a numbered comment at its end),
    so that no answer can come from a cache: what the engine itself sustains.
    """
    texts = [(PREFIXES + q).encode("utf-8") for q in QUERIES.values()]
    serial = itertools.count()
    headers = {
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json",
    }
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[list[str]] = [[] for _ in range(clients)]
    start_gate = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(n: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        mix = itertools.cycle(texts[n % len(texts) :] + texts[: n % len(texts)])
        start_gate.wait()
        while time.perf_counter() < stop_at[0]:
            body = next(mix)
            if unique:
                body += f"\n# request {next(serial)}".encode()
            start = time.perf_counter()
            try:
                conn.request("POST", "/query", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[n].append(f"HTTP {response.status}")
                    continue
            except (OSError, http.client.HTTPException) as exc:
                errors[n].append(type(exc).__name__)
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                continue
            latencies[n].append(time.perf_counter() - start)
        conn.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    stop_at[0] = time.perf_counter() + seconds
    began = time.perf_counter()
    start_gate.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    done = sorted(x for per in latencies for x in per)
    failed = [e for per in errors for e in per]
    return {
        "qps": len(done) / elapsed,
        "ok": len(done),
        "errors": len(failed),
        "error_kinds": sorted(set(failed)),
        "p50_ms": statistics.median(done) * 1e3 if done else float("nan"),
        "p99_ms": done[min(len(done) - 1, int(len(done) * 0.99))] * 1e3 if done else float("nan"),
    }


def check_answers(port: int) -> dict[str, int]:
    """Rows per query (sanity: both servers must answer alike)."""
    import json  # noqa: PLC0415

    rows = {}
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        for name, query in QUERIES.items():
            conn.request(
                "POST",
                "/query",
                body=(PREFIXES + query).encode("utf-8"),
                headers={
                    "Content-Type": "application/sparql-query",
                    "Accept": "application/sparql-results+json",
                },
            )
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                msg = f"{name}: HTTP {response.status}: {body[:300]!r}"
                raise RuntimeError(msg)
            rows[name] = len(json.loads(body)["results"]["bindings"])
    finally:
        conn.close()
    return rows


def bench_throughput(tmp: Path, clients: int, seconds: float) -> None:
    fwgraph_cli, oxigraph = executable("fwgraph"), executable("oxigraph")
    data = tmp / "data.nt"
    subprocess.run([fwgraph_cli, "export", "--format", "nt", "-o", str(data)], check=True)
    store = tmp / "readonly-store"
    subprocess.run(
        [oxigraph, "load", "--location", str(store), "--file", str(data)],
        check=True,
        capture_output=True,
    )
    triples = sum(1 for _ in data.open(encoding="utf-8"))
    print(
        f"\nb. fwgraph serve against oxigraph serve-read-only: {triples} triples, "
        f"{clients} keep-alive clients, {seconds:.0f} s each, {len(QUERIES)} queries in turn"
    )
    results: dict[str, dict[str, Any]] = {}
    answers: dict[str, dict[str, int]] = {}
    port = free_port()
    servers = {
        "oxigraph serve-read-only": [
            oxigraph,
            "serve-read-only",
            "--location",
            str(store),
            "--bind",
            f"{HOST}:{port}",
        ],
        "fwgraph serve": [fwgraph_cli, "serve", "--host", HOST, "--port", str(port)],
    }
    modes = {"repeated texts": False, "a new text each time": True}
    for name, cmd in servers.items():
        with running(cmd, port):
            answers[name] = check_answers(port)
            load_test(port, clients, 2)  # warm-up, not reported
            for mode, unique in modes.items():
                results[f"{name}|{mode}"] = load_test(port, clients, seconds, unique=unique)
    for mode in modes:
        print(f"   {mode}:")
        print(f"   {'server':<26}{'q/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ok':>8}{'errors':>8}")
        for name in servers:
            r = results[f"{name}|{mode}"]
            kinds = f"  {', '.join(r['error_kinds'])}" if r["errors"] else ""
            print(
                f"   {name:<26}{r['qps']:>9.1f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}"
                f"{r['ok']:>8}{r['errors']:>8}{kinds}"
            )
        ours = results[f"fwgraph serve|{mode}"]
        theirs = results[f"oxigraph serve-read-only|{mode}"]
        ratios = {k: ours[k] / theirs[k] for k in ("qps", "p50_ms", "p99_ms")}
        print(
            f"   ratio fwgraph/oxigraph: q/s {ratios['qps']:.2f}x, "
            f"p50 {ratios['p50_ms']:.2f}x, p99 {ratios['p99_ms']:.2f}x"
        )
    same = answers["fwgraph serve"] == answers["oxigraph serve-read-only"]
    rows = ", ".join(f"{k}: {v}" for k, v in answers["fwgraph serve"].items())
    print(f"   rows per query ({'same on both' if same else 'DIFFERENT'}): {rows}")
    if not same:
        print(f"   oxigraph: {answers['oxigraph serve-read-only']}")


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=5, help="calls per case in part a")
    parser.add_argument("--seconds", type=float, default=20.0, help="load test length per server")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients in part b")
    parser.add_argument("--skip-a", action="store_true", help="only the throughput test")
    parser.add_argument("--skip-b", action="store_true", help="only the engine comparison")
    args = parser.parse_args()
    oxigraph, fwgraph_cli = executable("oxigraph"), executable("fwgraph")
    version = subprocess.run([oxigraph, "--version"], capture_output=True, text=True, check=True)
    print(f"{version.stdout.strip()}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="fwgraph-bench-servers-") as name:
        tmp = Path(name)
        if not args.skip_a:
            port = free_port()
            cmd = [oxigraph, "serve", "--location", str(tmp / "store"), "--bind", f"{HOST}:{port}"]
            with running(cmd, port):
                url = f"http://{HOST}:{port}/query"
                start = time.perf_counter()
                subprocess.run([fwgraph_cli, "push", url, "-q"], check=True)
                print(f"pushed the packaged graph to {url} in {time.perf_counter() - start:.1f} s")
                bench_endpoint(url, args.calls)
        if not args.skip_b:
            bench_throughput(tmp, args.clients, args.seconds)


if __name__ == "__main__":
    main()

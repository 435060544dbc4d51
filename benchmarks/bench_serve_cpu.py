"""Where the CPU of a query goes: ``fwgraph serve`` against ``oxigraph serve-read-only``.

Run by hand (needs the ``oxigraph`` server CLI, from ``fwgraph[server]``)::

    python benchmarks/bench_serve_cpu.py [--seconds 10] [--clients 4]

The load test of ``bench_servers.py`` (``--clients`` keep-alive clients, the same
five queries, a new text on every request so that no cache helps) against

a. ``oxigraph serve-read-only`` alone;
b. the same with ``--timeout-s 10`` (what ``fwgraph serve`` passed to its
   Oxigraph processes before it ended overlong queries only by killing them);
c. ``fwgraph serve`` (its gate and the Oxigraph processes behind it).

For each it prints the queries per second and the CPU time per answered query,
read from ``/proc/<pid>/stat`` before and after: of the server process, of
the Oxigraph processes behind fwgraph's gate, and of this load generator
itself. On a machine where all of them share the cores, the sum sets the rate.
"""

# Last run (2 December 2026, main, two cores, nothing else running; defaults):
#   server                                q/s   server us  behind us  client us
#   oxigraph serve-read-only           3444.9       440.6          -      132.0
#   oxigraph serve-read-only -t 10     1074.2       583.6          -      805.8  (59448 errors:
#       ConnectionRefusedError, ConnectionResetError, HTTP 500, RemoteDisconnected)
#   fwgraph serve                      1958.7       255.2      472.7      163.9
# With --timeout-s, Oxigraph's log said "Internal server error: Resource temporarily
# unavailable (os error 11)" for each HTTP 500: it could not start another thread.

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_servers import (  # the sibling script's load test (its folder is on sys.path)
    HOST,
    executable,
    free_port,
    load_test,
    running,
)


def _cpu_s(pid: int) -> float:
    """User and system CPU seconds of one process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (fwgraph serve's Oxigraph processes)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def measure(cmd: list[str], port: int, clients: int, seconds: float) -> dict[str, Any]:
    """Queries per second and CPU microseconds per answered query, by process."""
    with running(cmd, port) as process:
        load_test(port, clients, 2, unique=True)  # warm-up, not reported
        behind = _children(process.pid)
        server0, behind0 = _cpu_s(process.pid), sum(_cpu_s(p) for p in behind)
        client0 = time.process_time()
        result = load_test(port, clients, seconds, unique=True)
        client1 = time.process_time()
        server1, behind1 = _cpu_s(process.pid), sum(_cpu_s(p) for p in behind)
    done = max(result["ok"], 1)
    return {
        "qps": result["qps"],
        "errors": result["errors"],
        "kinds": result["error_kinds"],
        "server_us": (server1 - server0) / done * 1e6,
        "behind_us": (behind1 - behind0) / done * 1e6 if behind else None,
        "client_us": (client1 - client0) / done * 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    fwgraph_cli, oxigraph = executable("fwgraph"), executable("oxigraph")
    with tempfile.TemporaryDirectory(prefix="fwgraph-bench-cpu-") as tmp:
        data, store = Path(tmp) / "data.nt", Path(tmp) / "store"
        subprocess.run([fwgraph_cli, "export", "--format", "nt", "-o", str(data)], check=True)
        subprocess.run(
            [oxigraph, "load", "--location", str(store), "--file", str(data)],
            check=True,
            capture_output=True,
        )
        alone = [oxigraph, "serve-read-only", "--location", str(store), "--bind"]
        servers = {  # each server on a port of its own: no wait for the last one's to free
            "oxigraph serve-read-only": lambda port: [*alone, f"{HOST}:{port}"],
            "oxigraph serve-read-only -t 10": lambda port: [
                *alone,
                f"{HOST}:{port}",
                "--timeout-s",
                "10",
            ],
            "fwgraph serve": lambda port: [
                fwgraph_cli,
                "serve",
                "--host",
                HOST,
                "--port",
                str(port),
            ],
        }
        print(
            f"{args.clients} keep-alive clients, {args.seconds:.0f} s each, a new query text "
            "on every request; CPU microseconds per answered query"
        )
        print(f"  {'server':<32}{'q/s':>9}{'server us':>12}{'behind us':>11}{'client us':>11}")
        for name, command in servers.items():
            port = free_port()
            r = measure(command(port), port, args.clients, args.seconds)
            behind = f"{r['behind_us']:.1f}" if r["behind_us"] is not None else "-"
            errors = f"  ({r['errors']} errors: {', '.join(r['kinds'])})" if r["errors"] else ""
            print(
                f"  {name:<32}{r['qps']:>9.1f}{r['server_us']:>12.1f}{behind:>11}"
                f"{r['client_us']:>11.1f}{errors}"
            )


if __name__ == "__main__":
    main()

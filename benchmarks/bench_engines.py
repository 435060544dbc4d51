"""fwgraph's engines against the raw libraries underneath, size by size, in one run.

Run by hand (not a test; timings on shared 2-core machines are noisy)::

    python benchmarks/bench_engines.py                          # 10^4, 10^5, 10^6 triples
    python benchmarks/bench_engines.py --sizes 10000 100000 --repeat 3

For each size it writes a synthetic, fwgraph-shaped Turtle file (the generator
of the first release's ``bench_oxigraph.py``, which this script replaces:
frameworks in ``fw:builtOn`` chains of 50, each edge with an ``rdf:Statement``
citing a source) and compares, every measurement in
a fresh interpreter (so that peak RSS is its own), raw and fwgraph alike:

a. Oxigraph load: ``pyoxigraph.Store().load(path=…)`` against
   ``fwgraph.load("oxigraph", extra=[…], packaged=False, validate=False)``;
b. 200 trivial queries, each with a new text (a label lookup), per query;
c. a join (``?f fw:builtOn ?b . ?b rdfs:label ?l``, ``LIMIT 1000``) and a
   transitive query (``fw:builtOn+`` from the deepest leaf), same text, five
   times a process: the median, and the first run alone (fwgraph converts each
   pyoxigraph term to an rdflib term once, then remembers it);
d. ``len(store)`` against ``len(kg)``;
e. Oxigraph load with validation (SHACL) against the raw load above;
f. memory engine: ``rdflib.Graph().parse`` against ``fwgraph.load(extra=[…],
   packaged=False, validate=False)``, and the first and second join query; the
   first query of a process also pays rdflib's one-time SPARQL set-up (imports,
   grammar), so the file is loaded a second time at the end and the first and
   second query timed again: a load that left work behind (garbage for the next
   collection, an index to build) would show in that first query;
g. ``rdflib_to_networkx_multidigraph`` on the parsed rdflib graph against
   ``kg.to_networkx("full")`` on the memory and on the Oxigraph engine.

Medians over repeats, with min-max, and the ratio fwgraph / raw of the medians.
Slow cases (rdflib parsing, networkx, validation) are repeated fewer times at
large sizes, and validation is skipped when the previous size says it would
take over ``--validate-budget`` seconds; the report says so.
"""

# Last run (2 December 2026, main, two cores, nothing else running):
# `python benchmarks/bench_engines.py --repeat 5 --slow-repeat 3 --validate-budget 0`,
# pyoxigraph 0.5.13, rdflib 7.6.0, Python 3.11.7. Ratios fwgraph / raw of the medians.
#
#                                      10^4     10^5     10^6
# a. Oxigraph load                     1.00x    1.02x    1.02x
#    peak RSS after load               1.17x    1.26x    1.04x
# b. trivial query, new text           1.25x    1.28x    1.26x
# c. join LIMIT 1000, median           0.96x    0.98x    1.05x
#    first run of the text             1.79x    1.53x    1.39x
# c. builtOn+, median                  1.08x    0.96x    1.05x
#    first run of the text             1.12x    1.33x    1.33x
# d. len                               0.99x    1.02x    1.03x
# f. memory engine load                1.06x    1.01x    1.00x
#    peak RSS after load               1.05x    1.01x    1.00x
#    1st / 2nd query after a 2nd load  1.00     0.99     1.20 (rdflib's own: 1.03, 1.04, 1.20)
# g. to_networkx('full'), memory       1.13x    0.88x    0.85x
#    to_networkx('full'), oxigraph     0.82x    0.61x    0.53x
#    peak RSS memory / oxigraph        0.98/0.95x  0.92/0.59x  0.90/0.44x
#
# The first run of a join converts each of its ~2000 terms to an rdflib term
# (~0.3-0.7 us each, remembered afterwards), which raw pyoxigraph does not do.
# Load with validation: benchmarks/bench_load_validation.py. docs/performance.rst
# explains each line.

from __future__ import annotations

import argparse
import functools
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PREFIXES = {
    "fw": "https://w3id.org/fwgraph/ns#",
    "fwd": "https://w3id.org/fwgraph/id/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
PREFIX_BLOCK = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
TRIVIAL = "SELECT ?l WHERE {{ fwd:fw-{i} rdfs:label ?l }}"
JOIN = "SELECT ?f ?l WHERE { ?f fw:builtOn ?b . ?b rdfs:label ?l } LIMIT 1000"
TRANSITIVE = "SELECT ?a WHERE {{ fwd:fw-{leaf} fw:builtOn+ ?a }}"
N_TRIVIAL = 200
IN_PROCESS = 5  # runs of the join / transitive query / len inside one process


# ---------------------------------------------------------------- data


def write_graph(path: Path, triples: int) -> tuple[int, int]:
    """Write about ``triples`` triples; return (frameworks, deepest leaf index).

    Written as the removed ``bench_oxigraph.py`` wrote it, so figures stay comparable.
    """
    per_framework = 13
    count = max(2, triples // per_framework)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            "@prefix fw: <https://w3id.org/fwgraph/ns#> .\n"
            "@prefix fwd: <https://w3id.org/fwgraph/id/> .\n"
            "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
            "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
            'fwd:src-bench a fw:Source ; rdfs:label "benchmark"@en .\n'
        )
        for i in range(count):
            year = 2000 + i % 25
            out.write(
                f'fwd:fw-{i} a fw:Framework ; rdfs:label "Framework {i}"@en ; '
                f'rdfs:comment "Synthetic framework {i}."@en ; '
                f'fw:firstReleased "{year}"^^xsd:gYear ; fw:status fw:Active ; '
                f"fw:license <http://spdx.org/licenses/MIT>"
            )
            if i % 50:
                out.write(f" ; fw:builtOn fwd:fw-{i - 1} .\n")
                out.write(
                    f"[] a rdf:Statement ; rdf:subject fwd:fw-{i} ; rdf:predicate fw:builtOn ; "
                    f'rdf:object fwd:fw-{i - 1} ; fw:validFrom "{year}"^^xsd:gYear ; '
                    "prov:wasDerivedFrom fwd:src-bench .\n"
                )
            else:
                out.write(" .\n")
    leaf = (count - 1) // 50 * 50 + 49 if count >= 50 else count - 1
    return count, min(leaf, count - 1)


# ---------------------------------------------------------------- workers (fresh processes)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _clock(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _median_of(fn: Callable[[], Any], runs: int = IN_PROCESS) -> tuple[float, Any]:
    times, value = _times(fn, runs)
    return statistics.median(times), value


def _times(fn: Callable[[], Any], runs: int = IN_PROCESS) -> tuple[list[float], Any]:
    """Every run's time (the first one included: nothing converted or cached yet)."""
    times, value = [], None
    for _ in range(runs):
        elapsed, value = _clock(fn)
        times.append(elapsed)
    return times, value


def _trivial_texts(count: int) -> list[str]:
    return [TRIVIAL.format(i=k * count // N_TRIVIAL) for k in range(N_TRIVIAL)]


def _queries(run: Callable[[str], int], count: int, leaf: int) -> dict[str, Any]:
    """Time b-d-style queries with ``run(text) -> rows`` (text without PREFIX lines)."""
    trivial = []
    for text in _trivial_texts(count):
        elapsed, _ = _clock(functools.partial(run, text))
        trivial.append(elapsed)
    join, join_rows = _times(lambda: run(JOIN))
    transitive_text = TRANSITIVE.format(leaf=leaf)
    transitive, transitive_rows = _times(lambda: run(transitive_text))
    return {
        "trivial_ms": statistics.median(trivial) * 1e3,
        "join_ms": statistics.median(join) * 1e3,
        "join_first_ms": join[0] * 1e3,
        "join_rows": join_rows,
        "transitive_ms": statistics.median(transitive) * 1e3,
        "transitive_first_ms": transitive[0] * 1e3,
        "transitive_rows": transitive_rows,
    }


def worker_ox_raw(path: str, count: int, leaf: int, _nx: bool) -> dict[str, Any]:
    start = time.perf_counter()
    import pyoxigraph as ox  # noqa: PLC0415 - measured in a fresh process

    imported = time.perf_counter() - start
    store = ox.Store()
    load, _ = _clock(lambda: store.load(path=path, format=ox.RdfFormat.TURTLE))
    out: dict[str, Any] = {"import_s": imported, "load_s": load, "rss_mb": _rss_mb()}

    def run(text: str) -> int:
        solutions: Any = store.query(text, prefixes=PREFIXES)
        return len([tuple(s) for s in solutions])

    out |= _queries(run, count, leaf)
    elapsed, out["len"] = _len(store)
    out["len_ms"] = elapsed * 1e3
    return out


def _len(obj: Any) -> tuple[float, int]:
    return _median_of(lambda: len(obj), 3)


def worker_ox_fw(path: str, count: int, leaf: int, nx: bool) -> dict[str, Any]:
    imported, load_fn = _clock(lambda: _import_load("oxigraph"))
    load, kg = _clock(lambda: load_fn("oxigraph", extra=[path], packaged=False, validate=False))
    out: dict[str, Any] = {"import_s": imported, "load_s": load, "rss_mb": _rss_mb()}
    out |= _queries(lambda text: len(kg.query(text).rows), count, leaf)
    elapsed, out["len"] = _len(kg)
    out["len_ms"] = elapsed * 1e3
    if nx:
        out["nx_s"], graph = _clock(lambda: kg.to_networkx("full"))
        out["nx_edges"] = graph.number_of_edges()
        out["nx_rss_mb"] = _rss_mb()
    return out


def _import_load(engine: str = "memory") -> Callable[..., Any]:
    """``fwgraph.load``, imported before the timed load, as the raw worker imports its library.

    ``fwgraph.load`` imports rdflib; the engine module and its library (for
    Oxigraph: ``pyoxigraph``, which the raw worker imports before its timed load
    too) are imported lazily by the first load, so they are imported here: both
    loads then run with their libraries imported, and the import row shows what
    the imports cost.
    """
    import importlib  # noqa: PLC0415

    import fwgraph  # noqa: PLC0415 - measured in a fresh process

    importlib.import_module(f"fwgraph.engines.{engine}")
    if engine == "oxigraph":
        importlib.import_module("pyoxigraph")
    return fwgraph.load


def worker_ox_validate(path: str, _count: int, _leaf: int, _nx: bool) -> dict[str, Any]:
    from fwgraph.errors import ValidationError  # noqa: PLC0415

    load = _import_load("oxigraph")
    start = time.perf_counter()
    out: dict[str, Any] = {}
    try:
        kg = load("oxigraph", extra=[path], packaged=False, validate=True)
        out["len"] = len(kg)
    except ValidationError as exc:
        report: Any = exc.report
        out["error"] = f"ValidationError: {len(report.violations)} violations"
    out["load_s"] = time.perf_counter() - start
    out["rss_mb"] = _rss_mb()
    return out


def worker_mem_raw(path: str, _count: int, _leaf: int, nx: bool) -> dict[str, Any]:
    from rdflib import Graph  # noqa: PLC0415 - measured in a fresh process

    graph = Graph()
    load, _ = _clock(lambda: graph.parse(path, format="turtle"))
    out: dict[str, Any] = {"load_s": load, "rss_mb": _rss_mb(), "len": len(graph)}
    text = PREFIX_BLOCK + JOIN
    out["q1_ms"] = _clock(lambda: len(list(graph.query(text))))[0] * 1e3
    out["q2_ms"] = _clock(lambda: len(list(graph.query(text))))[0] * 1e3
    if nx:
        from rdflib.extras.external_graph_libs import (  # noqa: PLC0415
            rdflib_to_networkx_multidigraph,
        )

        out["nx_s"], result = _clock(lambda: rdflib_to_networkx_multidigraph(graph))
        out["nx_edges"] = result.number_of_edges()
        out["nx_rss_mb"] = _rss_mb()
    again = Graph()
    again.parse(path, format="turtle")
    out["q1_again_ms"] = _clock(lambda: len(list(again.query(text))))[0] * 1e3
    out["q2_again_ms"] = _clock(lambda: len(list(again.query(text))))[0] * 1e3
    return out


def worker_mem_fw(path: str, _count: int, _leaf: int, nx: bool) -> dict[str, Any]:
    load_fn = _import_load()
    load, kg = _clock(lambda: load_fn(extra=[path], packaged=False, validate=False))
    out: dict[str, Any] = {"load_s": load, "rss_mb": _rss_mb(), "len": len(kg)}
    out["q1_ms"] = _clock(lambda: len(kg.query(JOIN).rows))[0] * 1e3
    out["q2_ms"] = _clock(lambda: len(kg.query(JOIN).rows))[0] * 1e3
    if nx:
        out["nx_s"], graph = _clock(lambda: kg.to_networkx("full"))
        out["nx_edges"] = graph.number_of_edges()
        out["nx_rss_mb"] = _rss_mb()
    again = load_fn(extra=[path], packaged=False, validate=False)
    out["q1_again_ms"] = _clock(lambda: len(again.query(JOIN).rows))[0] * 1e3
    out["q2_again_ms"] = _clock(lambda: len(again.query(JOIN).rows))[0] * 1e3
    return out


WORKERS: dict[str, Callable[[str, int, int, bool], dict[str, Any]]] = {
    "ox_raw": worker_ox_raw,
    "ox_fw": worker_ox_fw,
    "ox_validate": worker_ox_validate,
    "mem_raw": worker_mem_raw,
    "mem_fw": worker_mem_fw,
}


def spawn(
    name: str, path: Path, count: int, leaf: int, *, nx: bool = False, timeout: float | None = None
) -> dict[str, Any]:
    """Run one worker in a fresh interpreter; its JSON answer (``timeout`` → ``{"timeout": …}``)."""
    cmd = [sys.executable, __file__, "--worker", name, str(path), str(count), str(leaf)]
    if nx:
        cmd.append("--nx")
    start = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        msg = f"worker {name} failed:\n{done.stderr}"
        raise RuntimeError(msg)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - start
    return result


# ---------------------------------------------------------------- report


def _values(runs: list[dict[str, Any]], key: str) -> list[float]:
    return [float(r[key]) for r in runs if key in r]


def _cell(values: list[float]) -> str:
    if not values:
        return "-"
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.4g}"
    return f"{med:.4g} ({min(values):.3g}-{max(values):.3g})"


def _row(label: str, raw: list[float], ours: list[float], *, extra: str = "") -> None:
    ratio = (
        f"{statistics.median(ours) / statistics.median(raw):.2f}x"
        if raw and ours and statistics.median(raw) > 0
        else "-"
    )
    n = f"{len(raw)}/{len(ours)}"
    print(f"  {label:<30}{_cell(raw):>28}{_cell(ours):>28}{ratio:>9}{n:>6}  {extra}")


def _header(title: str, raw: str, ours: str) -> None:
    print(f" {title}")
    print(f"  {'':<30}{raw:>28}{ours:>28}{'ratio':>9}{'n':>6}")


def _same(runs: list[dict[str, Any]], key: str) -> str:
    seen = sorted({str(r[key]) for r in runs if key in r})
    return "/".join(seen) if seen else "-"


# ---------------------------------------------------------------- main


def measure(
    size: int, repeat: int, tmp: Path, args: argparse.Namespace, history: dict[str, float]
) -> dict[str, Any]:
    """Run every case at one size; the runs of each case and notes."""
    path = tmp / f"synthetic-{size}.ttl"
    count, leaf = write_graph(path, size)
    slow = repeat if size <= args.slow_above else min(repeat, args.slow_repeat)
    runs: dict[str, Any] = {k: [] for k in WORKERS}
    runs |= {"count": count, "leaf": leaf, "mb": path.stat().st_size / 2**20, "slow": slow}
    for r in range(repeat):  # interleaved so that load on the machine hits both alike
        runs["ox_raw"].append(spawn("ox_raw", path, count, leaf))
        runs["ox_fw"].append(spawn("ox_fw", path, count, leaf, nx=r < slow))

    runs["note"] = ""
    previous = history.get("validate_per_triple")
    estimate = previous * size if previous is not None else 0.0
    if args.validate_budget <= 0:
        runs["note"] = "skipped (--validate-budget 0)"
    elif previous is not None and estimate > args.validate_budget:
        runs["note"] = (
            f"skipped: the previous size took {previous * 1e6:.0f} us/triple, "
            f"~{estimate:.0f} s here (> {args.validate_budget:.0f} s budget)"
        )
    else:
        for _ in range(slow):
            result = spawn("ox_validate", path, count, leaf, timeout=args.validate_budget)
            if "timeout" in result:
                runs["note"] = f"stopped after {args.validate_budget:.0f} s (budget); not repeated"
                break
            runs["ox_validate"].append(result)
        done = _values(runs["ox_validate"], "load_s")
        history["validate_per_triple"] = (
            statistics.median(done) / size if done else args.validate_budget / size
        )

    for _ in range(slow):
        runs["mem_raw"].append(spawn("mem_raw", path, count, leaf, nx=True))
        runs["mem_fw"].append(spawn("mem_fw", path, count, leaf, nx=True))
    return runs


def report(size: int, repeat: int, runs: dict[str, Any], seconds: float) -> None:
    """Print the tables of one size."""
    ox_raw, ox_fw, validate = runs["ox_raw"], runs["ox_fw"], runs["ox_validate"]
    mem_raw, mem_fw = runs["mem_raw"], runs["mem_fw"]
    print(
        f"\n=== {size:,} triples requested: {runs['count']:,} frameworks, "
        f"leaf fw-{runs['leaf']}, {runs['mb']:.1f} MB of Turtle"
    )
    print(
        f"    loaded: {_same(ox_raw, 'len')} triples (pyoxigraph) / {_same(ox_fw, 'len')} "
        f"(fwgraph oxigraph) / {_same(mem_raw, 'len')} (rdflib) / "
        f"{_same(mem_fw, 'len')} (fwgraph memory)"
    )
    print(
        "    cells: median (min-max) over fresh processes; n = runs raw/fwgraph; "
        "ratio = fwgraph median / raw median"
    )
    _header("a-d. Oxigraph engine", "pyoxigraph", "fwgraph oxigraph")
    _row(
        "   import before load (s)",
        _values(ox_raw, "import_s"),
        _values(ox_fw, "import_s"),
        extra="not in the load time",
    )
    _row("a. load (s)", _values(ox_raw, "load_s"), _values(ox_fw, "load_s"))
    _row("a. peak RSS after load (MB)", _values(ox_raw, "rss_mb"), _values(ox_fw, "rss_mb"))
    _row(
        "b. trivial query, new text (ms)",
        _values(ox_raw, "trivial_ms"),
        _values(ox_fw, "trivial_ms"),
        extra=f"median of {N_TRIVIAL} texts per process",
    )
    for key, label in (("join", "c. join LIMIT 1000 (ms)"), ("transitive", "c. builtOn+ (ms)")):
        _row(
            label,
            _values(ox_raw, f"{key}_ms"),
            _values(ox_fw, f"{key}_ms"),
            extra=f"rows {_same(ox_raw, key + '_rows')}/{_same(ox_fw, key + '_rows')}, "
            f"median of {IN_PROCESS} per process",
        )
        _row(
            "   first run of the text (ms)",
            _values(ox_raw, f"{key}_first_ms"),
            _values(ox_fw, f"{key}_first_ms"),
            extra="no term converted yet",
        )
    _row("d. len (ms)", _values(ox_raw, "len_ms"), _values(ox_fw, "len_ms"))

    _header("e. Oxigraph load with validation", "pyoxigraph load", "fwgraph validate=True")
    if validate:
        errors = _same(validate, "error")
        _row(
            "e. load (s)",
            _values(ox_raw, "load_s"),
            _values(validate, "load_s"),
            extra="" if errors == "-" else f"ended in {errors}",
        )
        _row("e. peak RSS (MB)", _values(ox_raw, "rss_mb"), _values(validate, "rss_mb"))
    if runs["note"]:
        print(f"  e. {runs['note']}")

    _header("f. memory engine", "rdflib parse", "fwgraph memory")
    _row("f. load (s)", _values(mem_raw, "load_s"), _values(mem_fw, "load_s"))
    _row("f. peak RSS after load (MB)", _values(mem_raw, "rss_mb"), _values(mem_fw, "rss_mb"))
    _row("f. join, 1st query (ms)", _values(mem_raw, "q1_ms"), _values(mem_fw, "q1_ms"))
    _row("f. join, 2nd query (ms)", _values(mem_raw, "q2_ms"), _values(mem_fw, "q2_ms"))
    for key, label in (("q1_again_ms", "1st"), ("q2_again_ms", "2nd")):
        _row(
            f"f. {label} query, 2nd load (ms)",
            _values(mem_raw, key),
            _values(mem_fw, key),
            extra="the same file loaded again in the process: SPARQL already warm",
        )

    _header("g. networkx", "rdflib_to_nx_multidigraph", "kg.to_networkx('full')")
    for engine, runs_of in (("memory", mem_fw), ("oxigraph", ox_fw)):
        _row(
            f"g. {engine} engine (s)",
            _values(mem_raw, "nx_s"),
            _values(runs_of, "nx_s"),
            extra=f"edges {_same(mem_raw, 'nx_edges')}/{_same(runs_of, 'nx_edges')}",
        )
    for engine, runs_of in (("memory", mem_fw), ("oxigraph", ox_fw)):
        _row(
            f"g. peak RSS, {engine} (MB)",
            _values(mem_raw, "nx_rss_mb"),
            _values(runs_of, "nx_rss_mb"),
        )
    if runs["slow"] < repeat:
        print(f"  (e, f and g run {runs['slow']}x at this size, a-d {repeat}x: --slow-repeat)")
    print(f"  size done in {seconds:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes per case")
    parser.add_argument(
        "--slow-repeat",
        type=int,
        default=1,
        help="repeats of the slow cases (e, f, g) above --slow-above triples (default: 1)",
    )
    parser.add_argument("--slow-above", type=int, default=100_000)
    parser.add_argument(
        "--validate-budget",
        type=float,
        default=600.0,
        help="seconds a validated load may take (default: 600); 0 skips validation",
    )
    parser.add_argument("--worker", nargs=4, metavar=("NAME", "PATH", "COUNT", "LEAF"))
    parser.add_argument("--nx", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        name, path, count, leaf = args.worker
        print(json.dumps(WORKERS[name](path, int(count), int(leaf), args.nx)))
        return
    import compileall  # noqa: PLC0415

    import pyoxigraph  # noqa: PLC0415
    import rdflib  # noqa: PLC0415

    import fwgraph  # noqa: PLC0415

    # rdflib and pyoxigraph run from the bytecode pip wrote at install; an editable
    # fwgraph under PYTHONDONTWRITEBYTECODE=1 would recompile its modules in every
    # worker, inside the timed first load. Compile it as pip install does.
    compileall.compile_dir(Path(fwgraph.__file__).parent, quiet=1)

    print(
        f"fwgraph {fwgraph.__version__} ({Path(fwgraph.__file__).parent}), "
        f"pyoxigraph {pyoxigraph.__version__}, "
        f"rdflib {rdflib.__version__}, Python {sys.version.split()[0]}"
    )
    started = time.perf_counter()
    history: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="fwgraph-bench-") as tmp:
        for size in args.sizes:
            started_size = time.perf_counter()
            runs = measure(size, args.repeat, Path(tmp), args, history)
            report(size, args.repeat, runs, time.perf_counter() - started_size)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

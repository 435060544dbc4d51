"""Loading *with validation* on the Oxigraph engine against raw pyoxigraph, size by size.

Run by hand (not a test; timings on shared 2-core machines are noisy)::

    python benchmarks/bench_load_validation.py                   # 10^4, 10^5, 10^6 triples
    python benchmarks/bench_load_validation.py --sizes 10000 --repeat 9

For each size it writes a *valid*, self-contained, fwgraph-shaped Turtle file
(frameworks with every required fact, each fact with a statement node citing a
source; ``fw:builtOn`` chains of 50) and times, each run in a fresh interpreter
so that its peak RSS is its own, rounds interleaved so that load on the machine
hits both alike:

* raw: ``pyoxigraph.Store().load(path=…, format=RdfFormat.TURTLE)``, pyoxigraph
  imported before the clock starts;
* fwgraph: ``fwgraph.load("oxigraph", extra=[…], packaged=False, validate=True)``,
  fwgraph, its Oxigraph engine module and pyoxigraph imported (with rdflib)
  before the clock starts, the compiled shapes and the byte code already cached
  (as after a first run of an installed package);
* for reference, the same with ``validate=False``, and with validation of a
  file where one framework in a thousand lacks its license (the load is refused).

It prints medians with (min-max) and the ratios fwgraph / raw of the medians,
for time and for peak RSS (the whole process: fwgraph's imports included), and
the ratio of the fastest runs, which other work on a shared machine disturbs least.

What it printed on 2 December 2026 (two cores, nothing else running), the
defaults (5 rounds, 3 at 10^6)::

    fwgraph 0.1.0, pyoxigraph 0.5.13, rdflib 7.6.0, Python 3.11.7
    (/work/main/src/fwgraph); cells: median (min-max) of fresh processes

    10,000 triples asked: 256 frameworks, 0.3 MB of Turtle
      loaded 9,960 triples (raw), 9960 (validated)
                                                     time (s)       RSS (MB)  ratio t    RSS
      raw pyoxigraph Store.load        0.0166 (0.0164-0.0277)     40 (40-40)    1.00x  1.00x
      fwgraph load, validate=True      0.0469 (0.0456-0.0477)     49 (48-49)    2.83x  1.22x
      fwgraph load, validate=False     0.0171 (0.0166-0.0178)     47 (47-47)    1.03x  1.17x
      validate=True, 1/1000 broken     0.0474 (0.0466-0.0499)     49 (48-49)    2.86x  1.23x
      (the broken file was refused with 1 violation(s))
      RSS before the load: raw 40 (40-40) MB, fwgraph 41 (41-41) MB
      => load with validation / raw pyoxigraph load: time 2.83x (fastest runs 2.78x), peak RSS 1.22x

    100,000 triples asked: 2,564 frameworks, 2.8 MB of Turtle
      loaded 99,696 triples (raw), 99696 (validated)
                                                     time (s)       RSS (MB)  ratio t    RSS
      raw pyoxigraph Store.load           0.184 (0.178-0.186)     63 (63-63)    1.00x  1.00x
      fwgraph load, validate=True          0.475 (0.47-0.491)     80 (80-80)    2.59x  1.27x
      fwgraph load, validate=False        0.186 (0.182-0.188)     79 (79-79)    1.01x  1.26x
      validate=True, 1/1000 broken        0.497 (0.489-0.532)     80 (80-80)    2.71x  1.27x
      (the broken file was refused with 3 violation(s))
      RSS before the load: raw 40 (40-40) MB, fwgraph 41 (41-41) MB
      => load with validation / raw pyoxigraph load: time 2.59x (fastest runs 2.64x), peak RSS 1.27x

    1,000,000 triples asked: 25,641 frameworks, 28.3 MB of Turtle
      loaded 996,933 triples (raw), 996933 (validated)
                                                     time (s)       RSS (MB)  ratio t    RSS
      raw pyoxigraph Store.load              2.26 (2.19-2.26)  381 (381-381)    1.00x  1.00x
      fwgraph load, validate=True             5.45 (5.38-5.5)  397 (397-397)    2.41x  1.04x
      fwgraph load, validate=False           2.19 (2.16-2.23)  397 (397-397)    0.97x  1.04x
      validate=True, 1/1000 broken           5.74 (5.66-5.81)  397 (397-397)    2.54x  1.04x
      (the broken file was refused with 26 violation(s))
      RSS before the load: raw 40 (40-40) MB, fwgraph 41 (41-41) MB
      => load with validation / raw pyoxigraph load: time 2.41x (fastest runs 2.46x), peak RSS 1.04x
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HEAD = """@prefix fw: <https://w3id.org/fwgraph/ns#> .
@prefix fwd: <https://w3id.org/fwgraph/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
fwd:src-bench a fw:Source ; rdfs:label "benchmark"@en ; rdfs:comment "Synthetic source."@en ;
    fw:sourceKind "readme" ; fw:language "en" ; fw:accessed "2026-01-01"^^xsd:date .
fwd:org-bench a fw:Organization ; rdfs:label "Bench Org"@en ; rdfs:comment "Synthetic."@en .
fwd:lang-bench a fw:ProgrammingLanguage ; rdfs:label "Bench"@en ; rdfs:comment "Synthetic."@en .
"""
PER_FRAMEWORK = 39  # triples, with its statement nodes


def write_graph(path: Path, triples: int, *, broken_every: int = 0) -> int:
    """Write about ``triples`` valid triples (but for every ``broken_every``-th license)."""
    count = max(2, triples // PER_FRAMEWORK)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for i in range(count):
            facts = [
                ("fw:developedBy", "fwd:org-bench"),
                ("fw:implementedIn", "fwd:lang-bench"),
                ("fw:firstReleased", f'"{2000 + i % 25}"^^xsd:gYear'),
                ("fw:status", "fw:Active"),
                ("fw:license", "<http://spdx.org/licenses/MIT>"),
            ]
            if i % 50:
                facts.append(("fw:builtOn", f"fwd:fw-{i - 1}"))
            if broken_every and i % broken_every == min(broken_every, count) // 2:
                facts = [f for f in facts if f[0] != "fw:license"]
            out.write(
                f'fwd:fw-{i} a fw:Framework ; rdfs:label "Framework {i}"@en ; '
                f'rdfs:comment "Synthetic framework {i}."@en'
            )
            out.write("".join(f" ; {p} {o}" for p, o in facts) + " .\n")
            for p, o in facts:
                out.write(
                    f"[] a rdf:Statement ; rdf:subject fwd:fw-{i} ; rdf:predicate {p} ; "
                    f"rdf:object {o} ; prov:wasDerivedFrom fwd:src-bench .\n"
                )
    return count


# ---------------------------------------------------------------- workers (fresh processes)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(name: str, path: str) -> dict[str, Any]:
    """One measured load; its time, peak RSS and triple count (or the refusal)."""
    if name == "raw":
        import pyoxigraph as ox  # noqa: PLC0415 - measured in a fresh process

        before = _rss_mb()
        start = time.perf_counter()
        store = ox.Store()
        store.load(path=path, format=ox.RdfFormat.TURTLE)
        elapsed = time.perf_counter() - start
        return {"s": elapsed, "rss": _rss_mb(), "base": before, "len": len(store)}
    import pyoxigraph  # noqa: PLC0415, F401 - imported before the clock, as for raw

    import fwgraph  # noqa: PLC0415 - measured in a fresh process
    import fwgraph.engines.oxigraph  # noqa: PLC0415 - the engine module load() imports
    from fwgraph.errors import ValidationError  # noqa: PLC0415

    load = fwgraph.load
    before = _rss_mb()
    out: dict[str, Any] = {}
    start = time.perf_counter()
    try:
        kg = load("oxigraph", extra=[path], packaged=False, validate=name != "novalidate")
    except ValidationError as exc:
        out["refused"] = len(exc.report.violations)
    else:
        out["len"] = -1  # counted after the clock stops, as for raw
    out |= {"s": time.perf_counter() - start, "rss": _rss_mb(), "base": before}
    if "len" in out:
        out["len"] = len(kg)
    return out


def spawn(name: str, path: Path, env: dict[str, str]) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--worker", name, str(path)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        msg = f"worker {name} failed:\n{done.stderr}"
        raise RuntimeError(msg)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------- report


def _cell(values: list[float], digits: str = ".3g") -> str:
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:{digits}}"
    return f"{med:{digits}} ({min(values):{digits}}-{max(values):{digits}})"


def _ratio(ours: list[float], raw: list[float]) -> str:
    return f"{statistics.median(ours) / statistics.median(raw):.2f}x"


def report(size: int, count: int, mb: float, runs: dict[str, list[dict[str, Any]]]) -> None:
    raw = runs["raw"]
    lengths = sorted({str(r.get("len", r.get("refused"))) for r in runs["validate"]})
    print(f"\n{size:,} triples asked: {count:,} frameworks, {mb:.1f} MB of Turtle")
    print(f"  loaded {raw[0]['len']:,} triples (raw), {'/'.join(lengths)} (validated)")
    print(f"  {'':<32}{'time (s)':>23}{'RSS (MB)':>15}{'ratio t':>9}{'RSS':>7}")
    rows = [
        ("raw pyoxigraph Store.load", "raw"),
        ("fwgraph load, validate=True", "validate"),
        ("fwgraph load, validate=False", "novalidate"),
        ("validate=True, 1/1000 broken", "broken"),
    ]
    raw_s, raw_rss = [r["s"] for r in raw], [r["rss"] for r in raw]
    for label, key in rows:
        s = [r["s"] for r in runs[key]]
        rss = [r["rss"] for r in runs[key]]
        print(
            f"  {label:<32}{_cell(s):>23}{_cell(rss, '.0f'):>15}"
            f"{_ratio(s, raw_s):>9}{_ratio(rss, raw_rss):>7}"
        )
    refused = sorted({r.get("refused", 0) for r in runs["broken"]})
    print(f"  (the broken file was refused with {'/'.join(map(str, refused))} violation(s))")
    base = [r["base"] for r in runs["validate"]]
    print(
        f"  RSS before the load: raw {_cell([r['base'] for r in raw], '.0f')} MB, "
        f"fwgraph {_cell(base, '.0f')} MB"
    )
    ours_s = [r["s"] for r in runs["validate"]]
    print(
        f"  => load with validation / raw pyoxigraph load: time {_ratio(ours_s, raw_s)}"
        f" (fastest runs {min(ours_s) / min(raw_s):.2f}x),"
        f" peak RSS {_ratio([r['rss'] for r in runs['validate']], raw_rss)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5, help="rounds (fresh processes) per size")
    parser.add_argument("--large-repeat", type=int, default=3, help="rounds at 10^6 and above")
    parser.add_argument("--worker", nargs=2, metavar=("NAME", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return
    import pyoxigraph  # noqa: PLC0415
    import rdflib  # noqa: PLC0415

    import fwgraph  # noqa: PLC0415

    print(
        f"fwgraph {fwgraph.__version__}, pyoxigraph {pyoxigraph.__version__}, "
        f"rdflib {rdflib.__version__}, Python {sys.version.split()[0]}"
    )
    print(f"({Path(fwgraph.__file__).parent}); cells: median (min-max) of fresh processes")
    with tempfile.TemporaryDirectory(prefix="fwgraph-bench-") as tmp:
        # Byte code cached as an installed package has it (pip writes .pyc files),
        # and the compiled shapes cached as after a first load.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"FWGRAPH_CACHE_DIR": f"{tmp}/cache", "PYTHONPYCACHEPREFIX": f"{tmp}/pyc"}
        for size in args.sizes:
            path, broken = Path(tmp) / f"valid-{size}.ttl", Path(tmp) / f"broken-{size}.ttl"
            count = write_graph(path, size)
            write_graph(broken, size, broken_every=1000)
            spawn("validate", path, env)  # fills both caches
            spawn("novalidate", path, env)
            runs: dict[str, list[dict[str, Any]]] = {
                k: [] for k in ("raw", "validate", "novalidate", "broken")
            }
            rounds = args.repeat if size < 1_000_000 else args.large_repeat
            for _ in range(rounds):
                runs["raw"].append(spawn("raw", path, env))
                runs["validate"].append(spawn("validate", path, env))
                runs["novalidate"].append(spawn("novalidate", path, env))
                runs["broken"].append(spawn("validate", broken, env))
            report(size, count, path.stat().st_size / 2**20, runs)


if __name__ == "__main__":
    main()

"""A large user graph on the Oxigraph store against raw pyoxigraph, in one run.

Run by hand::

    python benchmarks/bench_oxigraph.py [--triples 1000000]

Writes a synthetic, fwgraph-shaped Turtle file (frameworks in families whose
``fw:builtOn`` chains are 50 long, each edge with a statement node citing a
source), then, each in a fresh process so that peak memory is its own:

* raw pyoxigraph: ``Store().load(path=…)`` and the transitive query;
* fwgraph: ``fwgraph.load("oxigraph", extra=[…], packaged=False, validate=False)``
  and ``kg.query`` with the same text (prefixes bound, safety-checked).

Reports load time, query time, peak RSS and the ratios (target: within 1.5x).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

QUERY = "SELECT ?a WHERE { fwd:fw-{leaf} fw:builtOn+ ?a }"
PREFIXES = "PREFIX fw: <https://w3id.org/fwgraph/ns#>\nPREFIX fwd: <https://w3id.org/fwgraph/id/>\n"

RAW = """
import json, resource, sys, time
import pyoxigraph as ox
path, query = sys.argv[1], sys.argv[2]
t = time.perf_counter(); store = ox.Store(); store.load(path=path, format=ox.RdfFormat.TURTLE)
load = time.perf_counter() - t
t = time.perf_counter(); rows = list(store.query(query)); q = time.perf_counter() - t
print(json.dumps({"load": load, "query": q, "rows": len(rows), "triples": len(store),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

FWGRAPH = """
import json, resource, sys, time
import fwgraph
path, query = sys.argv[1], sys.argv[2]
t = time.perf_counter()
kg = fwgraph.load("oxigraph", extra=[path], packaged=False, validate=False)
load = time.perf_counter() - t
t = time.perf_counter(); rows = kg.query(query).rows; q = time.perf_counter() - t
print(json.dumps({"load": load, "query": q, "rows": len(rows), "triples": len(kg.graph),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def write_graph(path: Path, triples: int) -> tuple[int, int]:
    """Write about ``triples`` triples; return (frameworks, deepest leaf index)."""
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


def run(code: str, path: Path, query: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, str(path), query], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triples", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.ttl"
        frameworks, leaf = write_graph(path, args.triples)
        query = QUERY.replace("{leaf}", str(leaf))
        raw = run(RAW, path, PREFIXES + query)
        ours = run(FWGRAPH, path, query)
    print(f"synthetic graph: {raw['triples']:.0f} triples, {frameworks} frameworks")
    print(f"transitive query: {query}  ->  {raw['rows']:.0f} rows (fwgraph: {ours['rows']:.0f})")
    print(f"{'':12}{'pyoxigraph':>12}{'fwgraph':>12}{'ratio':>8}")
    for key, unit in (("load", "s"), ("query", "s"), ("rss_mb", "MB")):
        ratio = ours[key] / raw[key]
        print(f"{key + ' (' + unit + ')':12}{raw[key]:12.3f}{ours[key]:12.3f}{ratio:8.2f}")


if __name__ == "__main__":
    main()

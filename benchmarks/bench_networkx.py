"""Time networkx export and drawing against rdflib's own networkx conversion.

Run by hand::

    python benchmarks/bench_networkx.py            # 10^3, 10^4, 10^5 triples
    python benchmarks/bench_networkx.py --max 4    # stop at 10^4

For the packaged graph and for synthetic fwgraph-shaped graphs (frameworks
with labels, release years and ``builtOn`` edges, each with a statement node
citing a source), it times ``KnowledgeGraph.to_networkx("lineage")`` and
``("full")``, ``fwgraph.draw.draw(..., "lineage")`` and, on the same rdflib graph,
``rdflib.extras.external_graph_libs.rdflib_to_networkx_multidigraph`` (which
turns every triple into an edge, literals included), and prints the ratio.
"""

# Last run (branch work-p, 2 shared cores under other work):
# graph          triples  lineage s    ratio     full s    ratio   rdflib s     draw s
# packaged        32,231      3.200   10.54x      0.275    0.90x      0.304      4.117
# synth 1e3          884      0.080   24.77x      0.003    0.95x      0.003      0.335
# synth 1e4        9,061      1.218   15.01x      0.057    0.70x      0.081        nan
# synth 1e5       90,879     13.232   12.74x      0.619    0.60x      1.039        nan
# The lineage view reads named queries (rdflib's SPARQL on the memory engine, answer
# cache emptied before each run); the full view one scan of every triple.

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

from rdflib import BNode, Graph, Literal
from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph
from rdflib.namespace import PROV, RDF, RDFS, XSD

import fwgraph
from fwgraph.draw import draw
from fwgraph.graph import KnowledgeGraph
from fwgraph.namespace import FW, FWD

# Triples per framework: type, 2 labels, comment, year, status, source node (type + label),
# and per builtOn edge: 1 truthy + 6 on the statement node.
_PER_FRAMEWORK = 8
_PER_EDGE = 7


def synthetic(triples: int, seed: int = 7) -> Graph:
    """An fwgraph-shaped graph of about ``triples`` triples."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    frameworks = max(triples // (_PER_FRAMEWORK + 2 * _PER_EDGE), 2)
    g = Graph()
    source = FWD["src-synthetic"]
    g.add((source, RDF.type, FW.Source))
    g.add((source, RDFS.label, Literal("synthetic benchmark source", lang="en")))
    for i in range(frameworks):
        f = FWD[f"fw-{i:06d}"]
        g.add((f, RDF.type, FW.Framework))
        g.add((f, RDFS.label, Literal(f"Framework {i}", lang="en")))
        g.add((f, RDFS.label, Literal(f"프레임워크 {i}", lang="ko")))
        g.add((f, RDFS.comment, Literal("A synthetic framework.", lang="en")))
        g.add((f, FW.firstReleased, Literal(str(2000 + i % 25), datatype=XSD.gYear)))
        g.add((f, FW.status, FW.Active))
        for _ in range(2 if i else 0):
            parent = FWD[f"fw-{rng.randrange(i):06d}"]
            g.add((f, FW.builtOn, parent))
            st = BNode()
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, f))
            g.add((st, RDF.predicate, FW.builtOn))
            g.add((st, RDF.object, parent))
            g.add((st, FW.validFrom, Literal(str(2000 + i % 25), datatype=XSD.gYear)))
            g.add((st, PROV.wasDerivedFrom, source))
    return g


def timed(fn: Callable[[], Any], repeat: int = 1, setup: Callable[[], Any] | None = None) -> float:
    """The best of ``repeat`` runs; ``setup`` (untimed) before each."""
    best = float("inf")
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def row(name: str, kg: KnowledgeGraph, *, with_draw: bool) -> None:
    n = len(kg.graph)
    repeat = 3 if n < 20_000 else 1
    forget = kg.engine.cache.clear  # every run reads the graph: no cached answer
    lineage = timed(lambda: kg.to_networkx("lineage"), repeat, forget)
    full = timed(lambda: kg.to_networkx("full"), repeat, forget)
    theirs = timed(lambda: rdflib_to_networkx_multidigraph(kg.graph), repeat)
    drawing = timed(lambda: draw(kg, "lineage"), 1, forget) if with_draw else float("nan")
    print(
        f"{name:<12} {n:>9,} {lineage:>10.3f} {lineage / theirs:>7.2f}x {full:>10.3f} "
        f"{full / theirs:>7.2f}x {theirs:>10.3f} {drawing:>10.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=5, help="largest size as a power of ten")
    parser.add_argument("--draw-max", type=int, default=3, help="draw up to 10^N triples")
    args = parser.parse_args()
    print(
        f"{'graph':<12} {'triples':>9} {'lineage s':>10} {'ratio':>8} {'full s':>10} "
        f"{'ratio':>8} {'rdflib s':>10} {'draw s':>10}"
    )
    row("packaged", fwgraph.load(), with_draw=True)
    for power in range(3, args.max + 1):
        graph = synthetic(10**power)
        row(f"synth 1e{power}", KnowledgeGraph(graph), with_draw=power <= args.draw_max)
    print("ratio = fwgraph to_networkx(view) / rdflib_to_networkx_multidigraph, same graph, same")
    print("run, best of 3 below 20,000 triples (1 above); fwgraph's answer cache emptied before")
    print("each run. rdflib's converter makes one edge per triple and keeps no labels, years or")
    print(
        "qualifiers; the lineage view reads named queries, the full view one scan of the triples."
    )


if __name__ == "__main__":
    main()

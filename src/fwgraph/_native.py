"""Native (triple-pattern) answers to the hot named queries, for local stores.

rdflib's SPARQL engine spends most of a cold ``fwgraph show`` evaluating
OPTIONAL joins. For stores in this process (memory, Oxigraph) the same rows
come straight from the graph's indexes. Each function returns exactly the rows
of the ``.rq`` file of the same name; ``tests/test_graph.py`` checks that the
two agree on the packaged data.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS
from rdflib.term import Node

from fwgraph.namespace import FW

__all__ = ["NATIVE"]

Row = dict[str, Node]


def _labels(graph: Graph, node: Node) -> Row:
    row: Row = {}
    for label in graph.objects(node, RDFS.label):
        if isinstance(label, Literal):
            lang = (label.language or "").lower()
            if lang.startswith("en") and "label_en" not in row:
                row["label_en"] = label
            elif lang.startswith("ko") and "label_ko" not in row:
                row["label_ko"] = label
    return row


def _first(graph: Graph, node: Node, prop: Node) -> Node | None:
    return next(iter(graph.objects(node, prop)), None)


def outgoing(graph: Graph, s: Node) -> list[Row]:
    """Rows of ``outgoing.rq``."""
    rows = []
    for p, o in graph.predicate_objects(s):
        row: Row = {"p": p, "o": o}
        row.update(_labels(graph, o))
        rows.append(row)
    return rows


def statements(graph: Graph, s: Node) -> list[Row]:
    """Rows of ``statements.rq``."""
    rows = []
    for st in graph.subjects(RDF.subject, s):
        p = _first(graph, st, RDF.predicate)
        o = _first(graph, st, RDF.object)
        if p is None or o is None:
            continue
        base: Row = {"st": st, "p": p, "o": o}
        for key, prop in (
            ("from", FW.validFrom),
            ("until", FW.validUntil),
            ("asof", FW.asOf),
            ("note", FW.note),
        ):
            value = _first(graph, st, prop)
            if value is not None:
                base[key] = value
        sources = list(graph.objects(st, PROV.wasDerivedFrom))
        if not sources:
            rows.append(base)
        for src in sources:
            row = dict(base, src=src)
            for key, prop in (("title", RDFS.label), ("url", FW.url), ("kind", FW.sourceKind)):
                value = _first(graph, src, prop)
                if value is not None:
                    row[key] = value
            rows.append(row)
    return rows


def claims(graph: Graph, f: Node | None = None) -> list[Row]:
    """Rows of ``claims.rq``."""
    rows = []
    pairs = (
        [(f, c) for c in graph.objects(f, FW.hasClaim)]
        if f is not None
        else list(graph.subject_objects(FW.hasClaim))
    )
    for framework, claim in pairs:
        for p, o in graph.predicate_objects(claim):
            row: Row = {"f": framework, "c": claim, "p": p, "o": o}
            row.update(_labels(graph, o))
            url = _first(graph, o, FW.url)
            if url is not None:
                row["url"] = url
            kind = _first(graph, o, FW.sourceKind)
            if kind is not None:
                row["kind"] = kind
            rows.append(row)
    return rows


NATIVE: dict[str, Callable[..., list[Row]]] = {
    "outgoing": outgoing,
    "statements": statements,
    "claims": claims,
}

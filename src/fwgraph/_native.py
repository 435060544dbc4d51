"""Native (triple-pattern) answers to the hot named queries, for local stores.

rdflib's SPARQL engine spends most of a cold ``fwgraph show`` evaluating
OPTIONAL joins. For stores in this process (memory, Oxigraph) the same rows
come straight from the graph's indexes. Each function returns exactly the rows
of the ``.rq`` file of the same name; ``tests/test_graph.py`` checks that the
two agree on the packaged data.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph, Literal, URIRef
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


def _put_first(graph: Graph, node: Node, row: Row, pairs: tuple[tuple[str, Node], ...]) -> None:
    """Set ``row[key]`` to the first value of each property, where there is one."""
    for key, prop in pairs:
        value = _first(graph, node, prop)
        if value is not None:
            row[key] = value


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
        _put_first(
            graph,
            st,
            base,
            (
                ("from", FW.validFrom),
                ("until", FW.validUntil),
                ("asof", FW.asOf),
                ("note", FW.note),
            ),
        )
        sources = list(graph.objects(st, PROV.wasDerivedFrom))
        if not sources:
            rows.append(base)
        for src in sources:
            row = dict(base, src=src)
            _put_first(
                graph, src, row, (("title", RDFS.label), ("url", FW.url), ("kind", FW.sourceKind))
            )
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


def _qualifiers(graph: Graph, s: Node, p: Node, o: Node) -> list[Row]:
    """Statement nodes of one triple, one row per source (the OPTIONAL block of the views)."""
    rows: list[Row] = []
    for st in graph.subjects(RDF.subject, s):
        if (st, RDF.predicate, p) not in graph or (st, RDF.object, o) not in graph:
            continue
        base: Row = {"st": st}
        _put_first(graph, st, base, (("from", FW.validFrom), ("until", FW.validUntil)))
        sources = list(graph.objects(st, PROV.wasDerivedFrom))
        rows.extend([dict(base, src=src) for src in sources] or [base])
    return rows or [{}]


def view_edges(graph: Graph, p: Node) -> list[Row]:
    """Rows of ``view_edges.rq``."""
    rows: list[Row] = []
    for s, o in graph.subject_objects(p):
        if isinstance(o, URIRef):
            rows.extend(dict(q, s=s, o=o) for q in _qualifiers(graph, s, p, o))
    return rows


def lineage_edges(graph: Graph) -> list[Row]:
    """Rows of ``lineage_edges.rq``."""
    rows: list[Row] = []
    for p in graph.subjects(RDFS.subPropertyOf, FW.lineage):
        for s, o in graph.subject_objects(p):
            rows.extend(dict(q, s=s, p=p, o=o) for q in _qualifiers(graph, s, p, o))
    return rows


def _optional(graph: Graph, node: Node, prop: Node) -> list[Node | None]:
    return list(graph.objects(node, prop)) or [None]


def view_nodes(graph: Graph) -> list[Row]:
    """Rows of ``view_nodes.rq``."""
    rows = []
    ns = str(FW._NS)
    for s, kind in graph.subject_objects(RDF.type):
        if not str(kind).startswith(ns):
            continue
        base: Row = {"s": s, "type": kind}
        base.update(_labels(graph, s))
        for label in graph.objects(s, RDFS.comment):
            if isinstance(label, Literal) and (label.language or "").lower().startswith("en"):
                base["comment"] = label
                break
        for released in _optional(graph, s, FW.firstReleased):
            for status in _optional(graph, s, FW.status):
                for ended in _optional(graph, s, FW.discontinued):
                    for license_ in _optional(graph, s, FW.license):
                        row = dict(base)
                        for key, value in (
                            ("released", released),
                            ("status", status),
                            ("ended", ended),
                            ("license", license_),
                        ):
                            if value is not None:
                                row[key] = value
                        rows.append(row)
    return rows


def summaries(graph: Graph) -> list[Row]:
    """Rows of ``summaries.rq``."""
    rows = []
    for f in graph.subjects(RDF.type, FW.Framework):
        base: Row = {"f": f}
        labels = _labels(graph, f)
        if "label_en" in labels:
            base["label"] = labels["label_en"]
        if "label_ko" in labels:
            base["label_ko"] = labels["label_ko"]
        _put_first(
            graph,
            f,
            base,
            (
                ("released", FW.firstReleased),
                ("status", FW.status),
                ("ended", FW.discontinued),
            ),
        )
        devs = list(graph.objects(f, FW.developedBy))
        for dev in devs:
            row = dict(base, dev=dev)
            label = _labels(graph, dev).get("label_en")
            if label is not None:
                row["dev_label"] = label
            rows.append(row)
        if not devs:
            rows.append(base)
    return rows


NATIVE: dict[str, Callable[..., list[Row]]] = {
    "claims": claims,
    "lineage_edges": lineage_edges,
    "outgoing": outgoing,
    "statements": statements,
    "summaries": summaries,
    "view_edges": view_edges,
    "view_nodes": view_nodes,
}

"""Which facts have a statement node citing a source: shared by stats and validation."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from fwgraph.namespace import FW

__all__ = ["Triple", "sourced_statements", "truthy_facts", "unsourced_facts"]

Triple = tuple[Node, Node, Node]


def truthy_facts(graph: Graph, subjects_of: Node | None = None) -> set[Triple]:
    """Every truthy triple whose predicate must be sourced.

    Parameters
    ----------
    graph : rdflib.Graph
    subjects_of : rdflib term, optional
        Only facts whose subject is an instance of this class.
    """
    facts: set[Triple] = set()
    for prop in set(graph.subjects(FW.needsSource, None)):
        for s, o in graph.subject_objects(prop):
            if subjects_of is None or (s, RDF.type, subjects_of) in graph:
                facts.add((s, prop, o))
    return facts


def sourced_statements(graph: Graph) -> tuple[set[Triple], set[Triple]]:
    """``(every reified triple, the reified triples with a fw:Source)``."""
    reified: set[Triple] = set()
    sourced: set[Triple] = set()
    for st in graph.subjects(RDF.type, RDF.Statement):
        s = graph.value(st, RDF.subject)
        p = graph.value(st, RDF.predicate)
        o = graph.value(st, RDF.object)
        if s is None or p is None or o is None:
            continue
        reified.add((s, p, o))
        if any(
            (src, RDF.type, FW.Source) in graph for src in graph.objects(st, PROV.wasDerivedFrom)
        ):
            sourced.add((s, p, o))
    return reified, sourced


def unsourced_facts(graph: Graph, subjects_of: Node | None = None) -> set[Triple]:
    """Facts with no statement node that cites a ``fw:Source``."""
    _, sourced = sourced_statements(graph)
    return truthy_facts(graph, subjects_of) - sourced

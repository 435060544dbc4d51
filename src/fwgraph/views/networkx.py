"""Views of the graph as networkx graphs, and back to RDF.

A view is a :class:`networkx.MultiDiGraph` whose node ids are slugs and whose
edges are keyed by relation. Literals become attributes, never nodes. Nodes
and edges are inserted in sorted order, so the same data gives the same graph
(and the same pictures) every time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD
from rdflib.term import BNode, Node

from fwgraph.analysis.facts import attributes, current_status, labels, qualifiers
from fwgraph.analysis.names import resolve
from fwgraph.analysis.vocabulary import lineage_relations, local_name, vocabulary_rows
from fwgraph.engines import Engine, select
from fwgraph.errors import MissingDependencyError
from fwgraph.model import holds_in
from fwgraph.namespace import FW, FWD, PREFIXES, SPDX, slug_of

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["VIEWS", "from_networkx", "to_networkx", "view_relations"]

#: The relations each view draws, besides the lineage relations, which are read
#: from the ontology (every sub-property of ``fw:lineage``) by :func:`view_relations`.
VIEWS: dict[str, tuple[str, ...]] = {
    "lineage": (),
    "organizations": ("developedBy", "createdBy", "partOf", "affiliation"),
    "languages": ("implementedIn", "apiLanguage"),
    "full": (
        "developedBy",
        "createdBy",
        "partOf",
        "affiliation",
        "implementedIn",
        "apiLanguage",
        "supports",
        "platform",
        "hardware",
        "specializesIn",
        "hasClaim",
    ),
}
VIEWS["ego"] = VIEWS["full"]


def view_relations(engine: Engine, view: str) -> tuple[str, ...]:
    """The relations a view draws (lineage relations as the ontology lists them)."""
    lineage = tuple(lineage_relations(engine)) if view in {"lineage", "full", "ego"} else ()
    return lineage + VIEWS[view]


def _property_labels(engine: Engine) -> dict[str, tuple[str, str]]:
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in vocabulary_rows(engine, "property_labels"):
        label = row["label"]
        lang = label.language if isinstance(label, Literal) else None
        labels[local_name(row["p"])].setdefault(lang or "en", str(label))
    return {k: (v.get("en", k), v.get("ko", v.get("en", k))) for k, v in labels.items()}


def _require_networkx() -> Any:
    try:
        import networkx  # noqa: PLC0415 - optional at import time
    except ImportError as exc:
        raise MissingDependencyError("networkx", "networkx", "networkx export") from exc
    return networkx


def _nodes(engine: Engine, lang: str) -> dict[str, dict[str, Any]]:
    names = labels(engine)
    attrs = attributes(engine)
    quals = qualifiers(engine)
    nodes: dict[str, dict[str, Any]] = {}
    for row in select(engine, "view_nodes"):
        subject = row["s"]
        if not isinstance(subject, URIRef) or not subject.startswith(str(FWD)):
            continue
        slug = slug_of(subject)
        kind = local_name(row["type"]).lower()
        if kind == "programminglanguage":
            kind = "language"
        label_en = names.get(subject, {}).get("en", slug)
        label_ko = names.get(subject, {}).get("ko")
        node = nodes.setdefault(
            slug,
            {
                "label": label_ko if lang == "ko" and label_ko else label_en,
                "label_en": label_en,
                "kind": kind,
                "iri": str(subject),
            },
        )
        if label_ko:
            node["label_ko"] = label_ko
        mine = attrs.get(subject, {})
        comments = [c for c in mine.get("comment", []) if getattr(c, "language", None) == "en"]
        if comments:
            node["comment"] = str(comments[0])
        if mine.get("released"):
            node["released"] = str(mine["released"][0])
            node["year"] = int(str(mine["released"][0])[:4])
        status = current_status(subject, mine.get("status", []), quals)
        if status is not None:
            node["status"] = local_name(status).lower()
        if mine.get("ended"):
            node["discontinued"] = int(str(mine["ended"][0])[:4])
        if mine.get("license"):
            node["license"] = ", ".join(sorted({slug_of(x) for x in mine["license"]}))
    return nodes


def _edge_statements(
    engine: Engine, relation: str
) -> dict[tuple[Node, Node], dict[Node | str, dict[str, Any]]]:
    """Each truthy edge of a relation with the periods and sources of its statement nodes."""
    prop = URIRef(f"{FW._NS}{relation}")
    grouped: dict[tuple[Node, Node], dict[Node | str, dict[str, Any]]] = {
        (row["s"], row["o"]): {} for row in select(engine, "view_edges", p=prop)
    }
    for row in select(engine, "predicate_statements", p=prop):
        statements = grouped.get((row["s"], row["o"]))
        if statements is None:
            continue  # a statement node without its truthy triple
        entry = statements.setdefault(row["st"], {"from": None, "until": None, "sources": set()})
        q = row["q"]
        if q == FW.validFrom:
            entry["from"] = row["v"]
        elif q == FW.validUntil:
            entry["until"] = row["v"]
        elif q == PROV.wasDerivedFrom:
            entry["sources"].add(slug_of(row["v"]))
    for statements in grouped.values():
        if not statements:
            statements[""] = {"from": None, "until": None, "sources": set()}
    return grouped


def _edges(
    engine: Engine, relations: tuple[str, ...], lang: str, as_of: int | dt.date | None
) -> list[tuple[str, str, str, dict[str, Any]]]:
    edges = []
    labels = _property_labels(engine)
    newer = {name for name, rel in lineage_relations(engine).items() if rel.to_newer}
    for relation in relations:
        grouped = _edge_statements(engine, relation)
        en, ko = labels.get(relation, (relation, relation))
        for (s, o), statements in grouped.items():
            if not (str(s).startswith(str(FWD)) and str(o).startswith(str(FWD))):
                continue
            periods = sorted(
                {(_text(e["from"]), _text(e["until"])) for e in statements.values()},
                key=lambda p: (p[0] or "", p[1] or ""),
            )
            if as_of is not None and not any(holds_in(a, b, as_of) for a, b in periods):
                continue
            attrs: dict[str, Any] = {
                "relation": relation,
                "label": ko if lang == "ko" else en,
                "to_newer": relation in newer,
                "sources": ";".join(sorted({x for e in statements.values() for x in e["sources"]})),
            }
            starts = [p[0] for p in periods if p[0]]
            ends = [p[1] for p in periods if p[1]]
            if starts and len(starts) == len(periods):
                attrs["valid_from"] = min(starts)
            if ends and len(ends) == len(periods):
                attrs["valid_until"] = max(ends)
            if len(periods) > 1:
                attrs["periods"] = ";".join(f"{a or ''}/{b or ''}" for a, b in periods)
            edges.append((slug_of(s), slug_of(o), relation, attrs))
    return sorted(edges, key=lambda e: (e[0], e[2], e[1]))


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def to_networkx(
    engine: Engine,
    view: str = "lineage",
    *,
    center: str | None = None,
    radius: int = 1,
    lang: str = "en",
    as_of: int | dt.date | None = None,
    isolated: bool = True,
) -> nx.MultiDiGraph[str]:
    """Export a view of the graph as a networkx multigraph.

    Parameters
    ----------
    engine : Engine
    view : {"lineage", "organizations", "languages", "full", "ego"}
        ``lineage``: frameworks and the relations between them;
        ``organizations``: who builds what; ``languages``: implementation and
        API languages; ``full``: every relation between named resources;
        ``ego``: the ``full`` neighbourhood of ``center`` within ``radius`` steps.
    center : str, optional
        The framework at the middle of an ``ego`` view.
    radius : int
        Steps from ``center`` in an ``ego`` view (edges followed both ways).
    lang : {"en", "ko"}
        Language of the ``label`` attributes (falls back to English).
    as_of : int or datetime.date, optional
        Keep only edges that held in that year or on that date.
    isolated : bool
        Keep nodes without edges (``lineage`` keeps every framework by default).

    Returns
    -------
    networkx.MultiDiGraph
        Node id = slug; attributes ``label``, ``label_en``, ``label_ko``,
        ``kind``, ``iri`` and, for frameworks, ``year``, ``released``,
        ``status``, ``discontinued``, ``license``. Edges are keyed by relation
        (``builtOn`` …) with ``relation``, ``label``, ``to_newer`` (the
        ontology's ``fw:pointsTo``: true when the edge points to the newer
        framework, as ``mergedInto`` does), ``sources`` and, where
        time-qualified, ``valid_from``, ``valid_until`` (and ``periods`` when
        a relation held in several periods). ``G.graph`` records the view.

    Raises
    ------
    ValueError
        For an unknown view, or an ``ego`` view without ``center``.

    Examples
    --------
    >>> import fwgraph
    >>> G = to_networkx(fwgraph.load().engine, "lineage", as_of=2018)
    >>> sorted(v for _, v, k in G.out_edges("keras", keys=True) if k == "builtOn")
    ['cntk', 'tensorflow', 'theano']
    >>> G.nodes["keras"]["kind"], G.nodes["keras"]["year"]
    ('framework', 2015)
    """
    networkx = _require_networkx()
    if view not in VIEWS:
        msg = f"unknown view {view!r}: use one of {', '.join(VIEWS)}"
        raise ValueError(msg)
    if view == "ego" and center is None:
        msg = "the ego view needs center='<framework>'"
        raise ValueError(msg)
    nodes = _nodes(engine, lang)
    relations = view_relations(engine, view)
    edges = [e for e in _edges(engine, relations, lang, as_of) if e[0] in nodes and e[1] in nodes]
    graph: nx.MultiDiGraph[str] = networkx.MultiDiGraph(
        view=view, lang=lang, as_of=str(as_of) if as_of else ""
    )
    if view == "lineage" and isolated:
        keep = sorted(s for s, a in nodes.items() if a["kind"] == "framework")
    elif view in {"organizations", "languages"} and isolated:
        kinds = {"organizations": {"organization", "person"}, "languages": {"language"}}[view]
        keep = sorted(s for s, a in nodes.items() if a["kind"] in kinds | {"framework"})
    else:
        keep = sorted({e[0] for e in edges} | {e[1] for e in edges})
    for slug in keep:
        graph.add_node(slug, **nodes[slug])
    for source, target, key, attrs in edges:
        graph.add_edge(source, target, key=key, **attrs)
    if view == "ego":
        root = slug_of(resolve(engine, center or "", kind=FW.Framework))
        ego = networkx.ego_graph(graph, root, radius=radius, undirected=True)
        out: nx.MultiDiGraph[str] = networkx.MultiDiGraph(**graph.graph, center=root, radius=radius)
        for slug in sorted(ego.nodes):
            out.add_node(slug, **graph.nodes[slug])
        for source, target, key, attrs in sorted(
            ego.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])
        ):
            out.add_edge(source, target, key=key, **attrs)
        return out
    return graph


def from_networkx(graph: nx.MultiDiGraph[str]) -> Graph:  # noqa: PLR0912 - one branch per attribute
    """Turn a view made by :func:`to_networkx` back into RDF.

    Nodes become typed resources with their labels, first release, status,
    discontinuation year and licenses; edges become truthy triples, and their
    ``valid_from``/``valid_until``/``sources`` become statement nodes.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A view, possibly edited.

    Returns
    -------
    rdflib.Graph

    Examples
    --------
    >>> import fwgraph
    >>> from fwgraph.views.networkx import from_networkx
    >>> rdf = from_networkx(fwgraph.load().to_networkx("lineage"))
    >>> from fwgraph import FW, FWD
    >>> (FWD.pytorch, FW.derivedFrom, FWD.torch) in rdf
    True
    """
    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    classes = {
        "language": FW.ProgrammingLanguage,
        "organization": FW.Organization,
        "person": FW.Person,
        "framework": FW.Framework,
        "feature": FW.Feature,
        "platform": FW.Platform,
        "hardware": FW.Hardware,
        "domain": FW.Domain,
        "claim": FW.Claim,
    }
    for slug, attrs in graph.nodes(data=True):
        node = FWD[slug]
        if attrs.get("kind") in classes:
            out.add((node, RDF.type, classes[attrs["kind"]]))
        out.add((node, RDFS.label, Literal(attrs.get("label_en", slug), lang="en")))
        if attrs.get("label_ko"):
            out.add((node, RDFS.label, Literal(attrs["label_ko"], lang="ko")))
        if attrs.get("comment"):
            out.add((node, RDFS.comment, Literal(attrs["comment"], lang="en")))
        if attrs.get("released"):
            out.add((node, FW.firstReleased, _date_literal(attrs["released"])))
        if attrs.get("status"):
            out.add((node, FW.status, FW[attrs["status"].capitalize()]))
        if attrs.get("discontinued"):
            out.add(
                (node, FW.discontinued, Literal(str(attrs["discontinued"]), datatype=XSD.gYear))
            )
        for license_id in filter(None, (attrs.get("license") or "").split(", ")):
            out.add((node, FW.license, SPDX[license_id]))
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        predicate = URIRef(str(FW._NS) + str(attrs.get("relation", key)))
        s, o = FWD[source], FWD[target]
        out.add((s, predicate, o))
        periods = (
            [tuple(p.split("/")) for p in attrs["periods"].split(";")]
            if attrs.get("periods")
            else [(attrs.get("valid_from"), attrs.get("valid_until"))]
        )
        sources = [x for x in (attrs.get("sources") or "").split(";") if x]
        if not sources and all(not a and not b for a, b in periods):
            continue
        for start, end in periods:
            st = BNode()
            out.add((st, RDF.type, RDF.Statement))
            out.add((st, RDF.subject, s))
            out.add((st, RDF.predicate, predicate))
            out.add((st, RDF.object, o))
            if start:
                out.add((st, FW.validFrom, _date_literal(start)))
            if end:
                out.add((st, FW.validUntil, _date_literal(end)))
            for src in sources:
                out.add((st, PROV.wasDerivedFrom, FWD[src]))
    return out


def _date_literal(text: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(text), XSD.date)
    return Literal(text, datatype=datatype)

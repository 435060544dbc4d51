"""Views of the graph as networkx graphs, and back to RDF.

A view is a :class:`networkx.MultiDiGraph` whose node ids are slugs and whose
edges are keyed by relation. Literals become attributes, never nodes. Nodes
and edges are inserted in sorted order, so the same data gives the same graph
(and the same pictures) every time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD
from rdflib.term import BNode, Node

from fwgraph.analysis.facts import Qualifiers, attributes, current_status, labels, qualifiers
from fwgraph.analysis.names import resolve
from fwgraph.analysis.vocabulary import lineage_relations, local_name, vocabulary_rows
from fwgraph.engines import Engine, derived, select
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


_Statements = dict[Node | str, dict[str, Any]]
_Grouped = dict[tuple[Node, Node], _Statements]


class _Data(NamedTuple):
    """What a view is built from: read by named queries, or by one scan of every triple.

    Attributes
    ----------
    nodes : list of (resource, class)
        Every resource typed with an fwgraph class (``view_nodes``).
    labels, attributes
        As :func:`~fwgraph.analysis.facts.labels` and :func:`~.attributes` give them.
    qualifiers
        Statement nodes about frameworks' triples; the view reads ``valid_until``
        of ``fw:status`` statements only (:func:`~fwgraph.analysis.facts.current_status`).
    edges
        Per relation: each truthy edge to an IRI, with its statement nodes' periods
        and sources (``view_edges`` and ``predicate_statements``).
    """

    nodes: list[tuple[Node, Node]]
    labels: Mapping[Node, dict[str, str]]
    attributes: Mapping[Node, Mapping[str, list[Node]]]
    qualifiers: Mapping[tuple[Node, Node, Node], list[Qualifiers]]
    edges: Mapping[str, _Grouped]


def _by_queries(engine: Engine, relations: tuple[str, ...]) -> _Data:
    """The named queries' reading (each cached on its own)."""
    return _Data(
        nodes=[(row["s"], row["type"]) for row in select(engine, "view_nodes")],
        labels=labels(engine),
        attributes=attributes(engine),
        qualifiers=qualifiers(engine),
        edges={relation: _edge_statements(engine, relation) for relation in relations},
    )


def _by_scan(engine: Engine, relations: tuple[str, ...]) -> _Data:
    """The same reading from one pass over every triple (:meth:`Engine.triples`).

    The ``full`` and ``ego`` views read nearly the whole graph. Through the named
    queries that took 7-26x the time of rdflib's own ``rdflib_to_networkx_multidigraph``
    on the memory engine (rdflib's SPARQL costs tens of us a row) and 3-5x on
    Oxigraph (converting ~7 terms a triple). One bulk read, as export and
    validation do, took 0.83x (memory) and 0.58x (Oxigraph) at 10^6 triples
    (``benchmarks/bench_engines.py``, g, fresh processes).
    ``tests/test_export.py`` checks that both readings give the same view.
    """

    def build() -> _Data:
        return _scan(engine, relations)

    return derived(engine, "view scan " + " ".join(relations), build)


_TYPE, _LABEL, _ATTRIBUTE, _PART = range(4)


def _dispatch() -> dict[str, tuple[int, str]]:
    """What the scan does with a triple, by its predicate's IRI."""
    return {
        str(RDF.type): (_TYPE, ""),
        str(RDFS.label): (_LABEL, ""),
        str(FW.firstReleased): (_ATTRIBUTE, "released"),
        str(FW.status): (_ATTRIBUTE, "status"),
        str(FW.discontinued): (_ATTRIBUTE, "ended"),
        str(FW.license): (_ATTRIBUTE, "license"),
        str(RDFS.comment): (_ATTRIBUTE, "comment"),
        str(RDF.subject): (_PART, "s"),
        str(RDF.predicate): (_PART, "p"),
        str(RDF.object): (_PART, "o"),
        str(FW.validFrom): (_PART, "from"),
        str(FW.validUntil): (_PART, "until"),
        str(PROV.wasDerivedFrom): (_PART, "sources"),
    }


def _scan(engine: Engine, relations: tuple[str, ...]) -> _Data:  # noqa: PLR0912, PLR0915
    # One loop over every triple, so its body is kept lean (measured: ~1.5 us a triple
    # besides the engine's own iteration): predicates compared as exact ``str`` (rdflib's
    # ``URIRef.__eq__`` is Python code, and each triple has its own predicate object).
    # What outlives the loop is built in it: at 10^6 triples on the memory engine, the
    # same sets and dicts built after it made the collector's one full pass over the
    # freshly loaded graph take ~6 s instead of ~2 s (tested in fresh processes).
    fw, fwd, framework = str(FW._NS), str(FWD), str(FW.Framework)
    dispatch = _dispatch()
    relation_of = {f"{fw}{relation}": relation for relation in relations}
    edges: dict[str, _Grouped] = {relation: {} for relation in relations}
    nodes: list[tuple[Node, Node]] = []
    frameworks: set[Node] = set()
    tagged: dict[Node, dict[str, str]] = {}
    untagged: dict[Node, str] = {}
    attrs: dict[Node, dict[str, list[Node]]] = {}
    # Statement nodes: their qualifiers as the view shows them, and the triple they are
    # about (first value of each part; further ones, in data that breaks the shapes, aside).
    entries: dict[Node, dict[str, Any]] = {}
    first: dict[str, dict[Node, Node]] = {"s": {}, "p": {}, "o": {}}
    more: dict[tuple[Node, str], list[Node]] = {}
    for s, p, o in engine.triples():
        key = str(p)
        relation = relation_of.get(key)
        if relation is not None and isinstance(o, URIRef):
            edges[relation][(s, o)] = {}
        action = dispatch.get(key)
        if action is None:
            continue
        code, name = action
        if code == _PART:
            entry = entries.get(s)
            if entry is None:
                entry = entries[s] = {"from": None, "until": None, "sources": set()}
            if name == "sources":
                entry["sources"].add(slug_of(o))
            elif name in first:
                if first[name].setdefault(s, o) is not o:
                    more.setdefault((s, name), []).append(o)
            elif entry[name] is None:
                entry[name] = o
        elif code == _ATTRIBUTE:
            mine = attrs.get(s)
            if mine is None:
                attrs[s] = {name: [o]}
            elif name in mine:
                mine[name].append(o)
            else:
                mine[name] = [o]
        elif code == _TYPE:
            kind = str(o)
            if kind.startswith(fw):
                nodes.append((s, o))
                if kind == framework:
                    frameworks.add(s)
        elif str(s).startswith(fwd):
            lang = o.language if isinstance(o, Literal) else None
            if lang:
                tagged.setdefault(s, {}).setdefault(lang.lower(), str(o))
            else:
                untagged.setdefault(s, str(o))
    for node, text in untagged.items():
        tagged.setdefault(node, {}).setdefault("en", text)

    def values(statement: Node, role: str) -> list[Node]:
        head = first[role].get(statement)
        if head is None:
            return []
        return [head, *more.get((statement, role), ())]

    status = str(FW.status)
    quals: dict[tuple[Node, Node, Node], list[Qualifiers]] = {}
    for statement in first["p"]:
        entry = entries[statement]
        for p in values(statement, "p"):
            key = str(p)
            grouped = edges.get(relation_of.get(key, ""))
            for s in values(statement, "s"):
                for o in values(statement, "o"):
                    if key == status and s in frameworks:
                        end = entry["until"]
                        qualifier = Qualifiers(valid_until=None if end is None else str(end))
                        quals.setdefault((s, p, o), []).append(qualifier)
                    found = grouped.get((s, o)) if grouped is not None else None
                    if found is not None:  # else a statement node without its truthy triple
                        found[statement] = entry
    for grouped in edges.values():
        _unqualified(grouped)
    return _Data(nodes=nodes, labels=tagged, attributes=attrs, qualifiers=quals, edges=edges)


def _unqualified(grouped: _Grouped) -> None:
    """An edge without statement nodes gets one empty entry (no period, no source)."""
    for statements in grouped.values():
        if not statements:
            statements[""] = {"from": None, "until": None, "sources": set()}


def _nodes(data: _Data, lang: str) -> dict[str, dict[str, Any]]:
    names, attrs, quals = data.labels, data.attributes, data.qualifiers
    nodes: dict[str, dict[str, Any]] = {}
    for subject, type_ in data.nodes:
        if not isinstance(subject, URIRef) or not subject.startswith(str(FWD)):
            continue
        slug = slug_of(subject)
        kind = local_name(type_).lower()
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


def _edge_statements(engine: Engine, relation: str) -> _Grouped:
    """Each truthy edge of a relation with the periods and sources of its statement nodes."""
    prop = URIRef(f"{FW._NS}{relation}")
    grouped: _Grouped = {(row["s"], row["o"]): {} for row in select(engine, "view_edges", p=prop)}
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
    _unqualified(grouped)
    return grouped


def _edges(
    engine: Engine,
    data: _Data,
    relations: tuple[str, ...],
    lang: str,
    as_of: int | dt.date | None,
) -> list[tuple[str, str, str, dict[str, Any]]]:
    edges = []
    labels = _property_labels(engine)
    newer = {name for name, rel in lineage_relations(engine).items() if rel.to_newer}
    for relation in relations:
        grouped = data.edges[relation]
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
    relations = view_relations(engine, view)
    read = _by_scan if view in {"full", "ego"} else _by_queries
    data = read(engine, relations)
    graph = _graph(
        networkx, engine, data, relations, view, lang=lang, as_of=as_of, isolated=isolated
    )
    if view == "ego":
        return _ego(networkx, engine, graph, center or "", radius)
    return graph


def _graph(
    networkx: Any,
    engine: Engine,
    data: _Data,
    relations: tuple[str, ...],
    view: str,
    *,
    lang: str,
    as_of: int | dt.date | None,
    isolated: bool,
) -> nx.MultiDiGraph[str]:
    """The view's graph: nodes, then edges, each inserted in sorted order, in bulk."""
    nodes = _nodes(data, lang)
    edges = [
        e for e in _edges(engine, data, relations, lang, as_of) if e[0] in nodes and e[1] in nodes
    ]
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
    graph.add_nodes_from((slug, nodes[slug]) for slug in keep)
    graph.add_edges_from(edges)  # type: ignore[arg-type] # (u, v, key, data): not in the stubs
    return graph


def _ego(
    networkx: Any, engine: Engine, graph: nx.MultiDiGraph[str], center: str, radius: int
) -> nx.MultiDiGraph[str]:
    """The neighbourhood of ``center`` within ``radius`` steps (edges followed both ways)."""
    root = slug_of(resolve(engine, center, kind=FW.Framework))
    ego = networkx.ego_graph(graph, root, radius=radius, undirected=True)
    out: nx.MultiDiGraph[str] = networkx.MultiDiGraph(**graph.graph, center=root, radius=radius)
    out.add_nodes_from((slug, graph.nodes[slug]) for slug in sorted(ego.nodes))
    edges: list[Any] = sorted(ego.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1]))
    out.add_edges_from(edges)
    return out


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

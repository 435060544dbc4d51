"""Walking the lineage between frameworks, optionally as of a year.

Which way each lineage relation points, its labels and its inverse wording
are read from the ontology (``fw:pointsTo``, ``rdfs:label``,
``fw:inverseLabel``): ``keras fw:builtOn theano`` points to the older
framework, ``caffe2 fw:mergedInto pytorch`` to the newer one. A walk follows
*family* direction: the ancestors of PyTorch are Torch (derived from) and
Caffe2 (merged into it); the descendants of Theano include Keras, Aesara and
PyTensor. The walk itself is networkx's (``ancestors`` / ``descendants`` with
shortest-path depths).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Node

from fwgraph.analysis.facts import attributes, current_status, labels, qualifiers
from fwgraph.analysis.vocabulary import Relation, lineage_relations, local_name
from fwgraph.engines import Engine, derived, select
from fwgraph.model import holds_in
from fwgraph.namespace import FW, slug_of

__all__ = ["Lineage", "LineageEdge", "LineageNode", "lineage_edges", "summaries", "walk"]


@dataclass(frozen=True, order=True)
class LineageEdge:
    """One lineage relation as stated in the graph (subject → object).

    Attributes
    ----------
    source, target : str
        Slugs of the RDF subject and object (``keras`` → ``theano``).
    relation : str
        ``"builtOn"``, ``"derivedFrom"``, ``"mergedInto"`` or ``"influencedBy"``.
    periods : tuple of tuple
        ``(validFrom, validUntil)`` of each statement node, each a string or ``None``;
        ``((None, None),)`` when the relation is not time-qualified.
    sources : tuple of str
        Slugs of the cited sources.
    """

    source: str
    target: str
    relation: str
    periods: tuple[tuple[str | None, str | None], ...] = ((None, None),)
    sources: tuple[str, ...] = ()
    to_newer: bool = False

    @property
    def parent(self) -> str:
        """The older side of the family relation."""
        return self.source if self.to_newer else self.target

    @property
    def child(self) -> str:
        """The newer side of the family relation."""
        return self.target if self.to_newer else self.source

    def holds_in(self, when: int | dt.date | None) -> bool:
        """Whether any period of the relation covers ``when``."""
        return any(holds_in(start, end, when) for start, end in self.periods)

    @property
    def period(self) -> str:
        """The periods as people write them, such as ``"2015–2020"``, ``"2023–"`` or ``""``."""
        parts = []
        for start, end in self.periods:
            if start or end:
                parts.append(f"{(start or '')[:4]}–{(end or '')[:4]}")
        return ", ".join(parts)


@dataclass(frozen=True, order=True)
class LineageNode:
    """A framework in a lineage, with what is shown next to its name.

    Attributes
    ----------
    slug, label : str
    label_ko : str or None
    year : int or None
        Year of first release.
    status : str or None
        ``"active"``, ``"maintenance"``, ``"discontinued"``.
    discontinued : str or None
        Year development ended.
    developers : tuple of str
        English labels of ``fw:developedBy``.
    depth : int
        Steps from the root (0 for the root).
    """

    slug: str
    label: str
    label_ko: str | None = None
    year: int | None = None
    status: str | None = None
    discontinued: str | None = None
    developers: tuple[str, ...] = ()
    depth: int = 0

    def describe(self) -> str:
        """``"Keras (2015; Google; active)"``."""
        bits = []
        if self.year is not None:
            bits.append(str(self.year))
        if self.developers:
            bits.append(", ".join(self.developers))
        if self.status == "discontinued" and self.discontinued:
            bits.append(f"discontinued {self.discontinued[:4]}")
        elif self.status:
            bits.append(self.status)
        return f"{self.label} ({'; '.join(bits)})" if bits else self.label


@dataclass(frozen=True)
class Lineage:
    """The result of a lineage walk.

    Attributes
    ----------
    root : LineageNode
    direction : str
        ``"ancestors"``, ``"descendants"`` or ``"both"``.
    as_of : int or datetime.date or None
        The year or date the walk was restricted to.
    nodes : tuple of LineageNode
        Every framework reached, root first, then by depth and slug.
    edges : tuple of LineageEdge
        Every relation followed, sorted.
    """

    root: LineageNode
    direction: str
    as_of: int | dt.date | None
    nodes: tuple[LineageNode, ...]
    edges: tuple[LineageEdge, ...] = field(default=())
    relations: dict[str, Relation] = field(default_factory=dict, compare=False, repr=False)

    @property
    def slugs(self) -> list[str]:
        """Slugs of every framework reached, root excluded, sorted."""
        return sorted(n.slug for n in self.nodes if n.slug != self.root.slug)

    def node(self, slug: str) -> LineageNode:
        """The node for a slug."""
        for n in self.nodes:
            if n.slug == slug:
                return n
        raise KeyError(slug)

    def parents(self, slug: str) -> list[tuple[LineageEdge, str]]:
        """Edges to the older side of ``slug`` within this lineage."""
        return sorted((e, e.parent) for e in self.edges if e.child == slug)

    def children(self, slug: str) -> list[tuple[LineageEdge, str]]:
        """Edges to the newer side of ``slug`` within this lineage."""
        return sorted((e, e.child) for e in self.edges if e.parent == slug)

    def phrase(self, edge: LineageEdge, way: str, lang: str = "en") -> str:
        """How an edge reads along the family: ``"built on"`` going up, ``"runs it:"`` down.

        The wording is the ontology's (``rdfs:label`` and ``fw:inverseLabel``).
        """
        rel = self.relations.get(edge.relation)
        if rel is None:
            return edge.relation
        label = rel.label_ko if lang == "ko" else rel.label
        inverse = rel.inverse_ko if lang == "ko" else rel.inverse
        if way == "up":  # from the newer framework to the older one
            return inverse if edge.to_newer else label
        return (label if edge.to_newer else inverse) + ":"

    def to_text(self) -> str:
        """A family tree in text, one framework per line.

        Examples
        --------
        >>> import fwgraph
        >>> print(fwgraph.load().lineage("pytorch", relations=["derivedFrom"]).to_text())
        PyTorch (2017; Meta (Facebook), PyTorch Foundation; active)
        └── derived from Torch7 (2011; ...; discontinued 2017)
            └── derived from Torch3 (2002; Idiap Research Institute; discontinued 2004)
        """
        lines = [self.root.describe()]
        seen = {self.root.slug}
        sections = []
        if self.direction in ("ancestors", "both"):
            sections.append(("up", self.parents))
        if self.direction in ("descendants", "both"):
            sections.append(("down", self.children))
        for way, step in sections:
            if len(sections) > 1:
                lines.append("ancestors:" if way == "up" else "descendants:")
            self._tree(self.root.slug, step, way, "", seen=seen, lines=lines)
        return "\n".join(lines)

    def _tree(
        self,
        slug: str,
        step: Callable[[str], list[tuple[LineageEdge, str]]],
        way: str,
        prefix: str,
        *,
        seen: set[str],
        lines: list[str],
    ) -> None:
        items = step(slug)
        for i, (edge, other) in enumerate(items):
            last = i == len(items) - 1
            branch = "└── " if last else "├── "
            phrase = self.phrase(edge, way)
            when = f" [{edge.period}]" if edge.period else ""
            node = self.node(other)
            again = other in seen
            lines.append(
                f"{prefix}{branch}{phrase} {node.describe() if not again else node.label}{when}"
                + (" (see above)" if again and step(other) else "")
            )
            if not again:
                seen.add(other)
                branch_prefix = prefix + ("    " if last else "│   ")
                self._tree(other, step, way, branch_prefix, seen=seen, lines=lines)

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return {
            "root": self.root.slug,
            "direction": self.direction,
            "as_of": str(self.as_of) if self.as_of is not None else None,
            "nodes": [
                {
                    "slug": n.slug,
                    "label": n.label,
                    "year": n.year,
                    "status": n.status,
                    "developers": list(n.developers),
                    "depth": n.depth,
                }
                for n in self.nodes
            ],
            "edges": [
                {
                    "source": e.source,
                    "relation": e.relation,
                    "target": e.target,
                    "period": e.period,
                    "sources": list(e.sources),
                }
                for e in self.edges
            ],
        }

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(self.to_text())}</pre>"


def lineage_edges(engine: Engine) -> list[LineageEdge]:
    """Every lineage edge in the graph with its periods and sources, sorted."""
    relations = lineage_relations(engine)
    grouped: dict[tuple[Node, Node, Node], dict[Node, dict[str, object]]] = defaultdict(dict)
    for row in select(engine, "lineage_edges"):
        key = (row["s"], row["p"], row["o"])
        statement = row.get("st")
        entry = grouped[key].setdefault(
            statement if statement is not None else "",  # type: ignore[arg-type]
            {"from": row.get("from"), "until": row.get("until"), "sources": set()},
        )
        if row.get("src") is not None:
            entry["sources"].add(slug_of(row["src"]))  # type: ignore[attr-defined]
    edges = []
    for (s, p, o), statements in grouped.items():
        relation = relations.get(local_name(p))
        if relation is None:
            continue
        periods = sorted(
            {
                (_opt(e["from"]), _opt(e["until"]))  # type: ignore[arg-type]
                for e in statements.values()
            },
            key=lambda pair: (pair[0] or "", pair[1] or ""),
        )
        sources = sorted({src for e in statements.values() for src in e["sources"]})  # type: ignore[attr-defined]
        edges.append(
            LineageEdge(
                source=slug_of(s),
                target=slug_of(o),
                relation=relation.name,
                periods=tuple(periods),
                sources=tuple(sources),
                to_newer=relation.to_newer,
            )
        )
    return sorted(edges)


def _opt(node: Node | None) -> str | None:
    return None if node is None else str(node)


def summaries(engine: Engine) -> dict[str, LineageNode]:
    """Name, year, status and developers of every framework, by slug."""

    def build() -> dict[str, LineageNode]:
        names = labels(engine)
        attrs = attributes(engine)
        quals = qualifiers(engine)
        out = {}
        for row in select(engine, "view_nodes"):
            if row["type"] != FW.Framework:
                continue
            f = row["s"]
            mine = attrs.get(f, {})
            status = current_status(f, mine.get("status", []), quals)
            released = mine.get("released", [])
            ended = mine.get("ended", [])
            slug = slug_of(f)
            out[slug] = LineageNode(
                slug=slug,
                label=names.get(f, {}).get("en", slug),
                label_ko=names.get(f, {}).get("ko"),
                year=int(str(released[0])[:4]) if released else None,
                status=local_name(status).lower() if status is not None else None,
                discontinued=str(ended[0]) if ended else None,
                developers=tuple(
                    sorted(
                        names.get(d, {}).get("en", slug_of(d)) for d in mine.get("developer", [])
                    )
                ),
            )
        return out

    return derived(engine, "summaries", build)


def walk(
    engine: Engine,
    root: URIRef,
    *,
    direction: str = "ancestors",
    as_of: int | dt.date | None = None,
    relations: Iterable[str] | None = None,
    depth: int | None = None,
) -> Lineage:
    """Follow lineage relations from a framework.

    Parameters
    ----------
    engine : Engine
    root : rdflib.URIRef
        The framework to start from.
    direction : {"ancestors", "descendants", "both"}
        Towards older frameworks, newer ones, or both.
    as_of : int or datetime.date, optional
        Follow only relations that held in that year (or on that date):
        Keras in 2018 runs on Theano, TensorFlow and CNTK.
    relations : iterable of str, optional
        Restrict to some of the lineage relations of the ontology
        (``builtOn``, ``derivedFrom``, ``mergedInto``, ``influencedBy``, ``replacedBy``).
    depth : int, optional
        Stop after this many steps (default: no limit).

    Returns
    -------
    Lineage

    Raises
    ------
    ValueError
        For an unknown direction or relation, or a negative depth.

    Examples
    --------
    >>> import fwgraph
    >>> kg = fwgraph.load()
    >>> kg.lineage("keras", as_of=2018, depth=1, relations=["builtOn"]).slugs
    ['cntk', 'tensorflow', 'theano']
    >>> kg.lineage("keras", as_of=2022, depth=1, relations=["builtOn"]).slugs
    ['tensorflow']
    >>> "keras" in kg.lineage("theano", direction="descendants").slugs
    True
    """
    import networkx as nx  # noqa: PLC0415 - the walk is networkx's; keeps import fwgraph light

    if direction not in ("ancestors", "descendants", "both"):
        msg = f"direction must be 'ancestors', 'descendants' or 'both', not {direction!r}"
        raise ValueError(msg)
    if depth is not None and depth < 0:
        msg = f"depth must be 0 or more, not {depth}"
        raise ValueError(msg)
    known = lineage_relations(engine)
    wanted = set(known if relations is None else relations)
    unknown = wanted - set(known)
    if unknown:
        msg = f"unknown relation(s) {sorted(unknown)}: use {', '.join(known)}"
        raise ValueError(msg)
    edges = [e for e in lineage_edges(engine) if e.relation in wanted and e.holds_in(as_of)]
    family: nx.MultiDiGraph[str] = nx.MultiDiGraph()  # parent -> child
    for e in edges:
        family.add_edge(e.parent, e.child, key=(e.relation, e.source, e.target), edge=e)
    start = slug_of(root)
    family.add_node(start)
    depths: dict[str, int] = {start: 0}
    followed: set[LineageEdge] = set()
    views = []
    if direction in ("ancestors", "both"):
        views.append(family.reverse(copy=False))
    if direction in ("descendants", "both"):
        views.append(family)
    for view in views:
        reached = nx.single_source_shortest_path_length(view, start, cutoff=depth)
        for node, d in reached.items():
            depths[node] = min(depths.get(node, d), d)
        for u, v, data in view.edges(data=True):
            if u in reached and v in reached and (depth is None or reached[u] < depth):
                followed.add(data["edge"])
    info = summaries(engine)
    nodes = []
    for slug, d in sorted(depths.items(), key=lambda item: (item[1], item[0])):
        base = info.get(slug, LineageNode(slug=slug, label=slug))
        nodes.append(
            LineageNode(
                slug=slug,
                label=base.label,
                label_ko=base.label_ko,
                year=base.year,
                status=base.status,
                discontinued=base.discontinued,
                developers=base.developers,
                depth=d,
            )
        )
    return Lineage(
        root=nodes[0],
        direction=direction,
        as_of=as_of,
        nodes=tuple(nodes),
        edges=tuple(sorted(followed)),
        relations=known,
    )

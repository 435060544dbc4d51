"""Shared readings of the graph: labels, sources, statement qualifiers, node attributes.

Each is built once per content of the engine from one or two named queries
without ``OPTIONAL`` (rdflib's engine evaluates ``OPTIONAL`` row by row) and
joined here, then reused by frameworks, lineage, views and stats.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import NamedTuple

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDFS
from rdflib.term import Node

from fwgraph.engines import Engine, derived, select
from fwgraph.model import SourceRef
from fwgraph.namespace import FW, slug_of

__all__ = [
    "Qualifiers",
    "attributes",
    "current_status",
    "kinds",
    "labels",
    "qualifiers",
    "source_refs",
]


def labels(engine: Engine) -> dict[Node, dict[str, str]]:
    """``{resource: {"en": …, "ko": …}}``; an untagged label counts as English if none is."""

    def build() -> dict[Node, dict[str, str]]:
        out: dict[Node, dict[str, str]] = defaultdict(dict)
        untagged: dict[Node, str] = {}
        for row in select(engine, "names"):
            if str(row.get("via")) != "label":
                continue
            label = row["label"]
            lang = label.language if isinstance(label, Literal) else None
            if lang:
                out[row["s"]].setdefault(lang.lower(), str(label))
            else:
                untagged.setdefault(row["s"], str(label))
        for node, text in untagged.items():
            out[node].setdefault("en", text)
        return dict(out)

    return derived(engine, "labels", build)


def kinds(engine: Engine) -> dict[Node, str]:
    """The fwgraph class of every named resource, in lower case (``"framework"`` …)."""

    def build() -> dict[Node, str]:
        out: dict[Node, str] = {}
        for row in select(engine, "names"):
            kind = row.get("type")
            if kind is not None and str(kind).startswith(str(FW._NS)):
                out[row["s"]] = str(kind)[len(str(FW._NS)) :].lower()
        return out

    return derived(engine, "kinds", build)


def source_refs(engine: Engine) -> dict[Node, SourceRef]:
    """Every ``fw:Source`` as a :class:`SourceRef`."""

    def build() -> dict[Node, SourceRef]:
        props: dict[Node, dict[Node, str]] = defaultdict(dict)
        other_titles: dict[Node, str] = {}
        for row in select(engine, "sources"):
            value = row["v"]
            if row["q"] == RDFS.label and getattr(value, "language", None) not in (None, "en"):
                # an English (or untagged) title wins; a title only in Korean is still a title
                other_titles.setdefault(row["src"], str(value))
                continue
            props[row["src"]].setdefault(row["q"], str(value))
        for src, title in other_titles.items():
            props[src].setdefault(RDFS.label, title)
        return {
            src: SourceRef(
                slug=slug_of(src),
                title=values.get(RDFS.label, slug_of(src)),
                url=values.get(FW.url),
                kind=values.get(FW.sourceKind),
            )
            for src, values in props.items()
        }

    return derived(engine, "sources", build)


class Qualifiers(NamedTuple):
    """What one statement node says about its triple."""

    valid_from: str | None = None
    valid_until: str | None = None
    as_of: str | None = None
    note: str | None = None
    sources: tuple[SourceRef, ...] = ()


def qualifiers(
    engine: Engine, subject: URIRef | None = None
) -> dict[tuple[Node, Node, Node], list[Qualifiers]]:
    """Statement nodes about frameworks (or about one), by the triple they are about."""

    def build() -> dict[tuple[Node, Node, Node], list[Qualifiers]]:
        refs = source_refs(engine)
        nodes: dict[Node, dict[str, object]] = {}
        rows = select(engine, "statements", s=subject) if subject else select(engine, "statements")
        for row in rows:
            entry = nodes.setdefault(
                row["st"], {"triple": (row["s"], row["p"], row["o"]), "sources": []}
            )
            q, v = row["q"], row["v"]
            if q == FW.validFrom:
                entry["from"] = str(v)
            elif q == FW.validUntil:
                entry["until"] = str(v)
            elif q == FW.asOf:
                entry["asof"] = str(v)
            elif q == FW.note and (not isinstance(v, Literal) or v.language in (None, "en")):
                entry["note"] = str(v)
            elif q == PROV.wasDerivedFrom:
                ref = refs.get(v, SourceRef(slug=slug_of(v), title=slug_of(v)))
                entry["sources"].append(ref)  # type: ignore[attr-defined]
        out: dict[tuple[Node, Node, Node], list[Qualifiers]] = defaultdict(list)
        for entry in nodes.values():
            out[entry["triple"]].append(  # type: ignore[index]
                Qualifiers(
                    valid_from=entry.get("from"),  # type: ignore[arg-type]
                    valid_until=entry.get("until"),  # type: ignore[arg-type]
                    as_of=entry.get("asof"),  # type: ignore[arg-type]
                    note=entry.get("note"),  # type: ignore[arg-type]
                    sources=tuple(sorted(set(entry["sources"]))),  # type: ignore[call-overload]
                )
            )
        return dict(out)

    return derived(engine, f"qualifiers {subject or ''}", build)


def attributes(engine: Engine) -> dict[Node, dict[str, list[Node]]]:
    """The literal attributes of every resource (released, status, ended, license, …)."""

    def build() -> dict[Node, dict[str, list[Node]]]:
        out: dict[Node, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
        for row in select(engine, "node_attributes"):
            out[row["s"]][str(row["key"])].append(row["value"])
        return {k: dict(v) for k, v in out.items()}

    return derived(engine, "attributes", build)


def current_status(
    framework: Node,
    values: list[Node],
    quals: Mapping[tuple[Node, Node, Node], list[Qualifiers]],
) -> URIRef | None:
    """Today's status among ``values``: the one whose statement node has no ``fw:validUntil``."""
    for value in sorted(values, key=str):
        if not any(q.valid_until for q in quals.get((framework, FW.status, value), ())):
            return value  # type: ignore[return-value]
    return values[0] if values else None  # type: ignore[return-value]

"""Finding resources by slug, IRI, label or alias, with "did you mean" on a miss."""

from __future__ import annotations

import difflib
import re
from collections import OrderedDict
from typing import NamedTuple

from rdflib import URIRef

from fwgraph.analysis.facts import kinds
from fwgraph.engines import Engine, select
from fwgraph.errors import UnknownEntityError
from fwgraph.namespace import FW, FWD, slug_of

__all__ = ["NameIndex", "name_index", "resolve", "resolve_status"]


class NameIndex(NamedTuple):
    """Case-folded slug, label or alias → (IRI, its types); slugs win over labels."""

    entries: dict[str, tuple[URIRef, frozenset[URIRef]]]

    def candidates(self, kind: URIRef | None) -> list[str]:
        """Slugs of every resource (of ``kind``), sorted."""
        return sorted(
            {slug_of(iri) for iri, types in self.entries.values() if kind is None or kind in types}
        )


_INDEXES: OrderedDict[str, NameIndex] = OrderedDict()
_SLUG = re.compile(r"[a-z0-9][a-z0-9.+_-]*")


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


def name_index(engine: Engine) -> NameIndex:
    """The name index of the engine's current content (rebuilt after every write)."""
    key = engine.content_key
    index = _INDEXES.get(key)
    if index is not None:
        return index
    labels: dict[URIRef, set[str]] = {}
    types: dict[URIRef, set[URIRef]] = {}
    for row in select(engine, "names"):
        iri = row["s"]
        if not isinstance(iri, URIRef):
            continue
        labels.setdefault(iri, set()).add(str(row["label"]))
        kind = row.get("type")
        if isinstance(kind, URIRef):
            types.setdefault(iri, set()).add(kind)
    entries: dict[str, tuple[URIRef, frozenset[URIRef]]] = {}
    for iri, names in labels.items():
        entry = (iri, frozenset(types.get(iri, ())))
        for name in sorted(names):
            entries.setdefault(name.casefold(), entry)
    for iri in labels:
        entries[slug_of(iri).casefold()] = (iri, frozenset(types.get(iri, ())))
    index = NameIndex(entries)
    _INDEXES[key] = index
    while len(_INDEXES) > 8:
        _INDEXES.popitem(last=False)
    return index


def _class_name(iri: URIRef) -> str:
    name = str(iri).rsplit("#", 1)[-1]
    return {"ProgrammingLanguage": "programming language"}.get(name, name.lower())


def resolve(engine: Engine, name: str | URIRef, *, kind: URIRef | None = None) -> URIRef:
    """Find a resource by slug, ``fwd:`` name, IRI, label (English or Korean) or alias.

    Raises
    ------
    UnknownEntityError
        With up to three close matches ("did you mean …").
    """
    text = str(name).strip()
    if text.startswith("fwd:"):
        text = text[4:]
    elif text.startswith(str(FWD)):
        text = text[len(str(FWD)) :]
    if _SLUG.fullmatch(text):  # the common case, from a small persisted map
        iri = URIRef(f"{FWD}{text}")
        found = kinds(engine).get(iri)
        if found is not None and (kind is None or found == _local(kind).lower()):
            return iri
    index = name_index(engine)
    entry = index.entries.get(text.casefold())
    if entry is not None and (kind is None or kind in entry[1]):
        return entry[0]
    candidates = index.candidates(kind)
    lowered = {c.casefold(): c for c in candidates}
    close = difflib.get_close_matches(text.casefold(), list(lowered), n=3, cutoff=0.6)
    kind_name = "entity" if kind is None else _class_name(kind)
    raise UnknownEntityError(text, kind_name, [lowered[c] for c in close])


_STATUSES = {"active": FW.Active, "maintenance": FW.Maintenance, "discontinued": FW.Discontinued}


def resolve_status(name: str) -> URIRef:
    """Map ``"active"``, ``"maintenance"`` or ``"discontinued"`` to its ``fw:`` term.

    Raises
    ------
    UnknownEntityError
        For any other word, with close matches.
    """
    key = name.strip().casefold()
    if key in _STATUSES:
        return _STATUSES[key]
    close = difflib.get_close_matches(key, list(_STATUSES), n=2, cutoff=0.5)
    raise UnknownEntityError(name, "status", close)

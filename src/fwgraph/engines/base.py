"""The engine protocol: the handful of methods every store behind fwgraph offers.

An engine holds triples and answers SPARQL. fwgraph has three, chosen by name
or URL in :func:`fwgraph.engines.open_engine`:

* :class:`~fwgraph.engines.memory.MemoryEngine` — rdflib in memory (default);
* :class:`~fwgraph.engines.oxigraph.OxigraphEngine` — pyoxigraph, in memory or on disk;
* :class:`~fwgraph.engines.endpoint.EndpointEngine` — any SPARQL 1.1 endpoint over HTTP.

Everything above this layer (the analyses, the views, the faces) talks to an
engine through :class:`Engine` only, and reads through :func:`select`, which
runs a *named* query (``fwgraph/queries/<name>.rq``) whole and caches its rows
under the engine's :attr:`Engine.content_key`, a token that changes on every
write — a write therefore drops every cached answer.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Protocol, TypeVar, runtime_checkable

from rdflib import Graph
from rdflib.term import Identifier, Node

from fwgraph.results import QueryResult
from fwgraph.sparql import CheckedQuery, check_bindings, packaged_query

__all__ = ["Engine", "ResultCache", "Row", "derived", "named_query", "select"]

Row = dict[str, Node]
T = TypeVar("T")
Triple = tuple[Node, Node, Node]


@runtime_checkable
class Engine(Protocol):
    """What fwgraph needs from a store.

    Attributes
    ----------
    kind : str
        ``"memory"``, ``"oxigraph"`` or ``"endpoint"``.
    location : str
        Where the data lives: ``"memory"``, a directory, or the endpoint URL.
    cache : ResultCache
        Named-query answers, keyed by :attr:`content_key`.
    """

    kind: str
    location: str
    cache: ResultCache

    @property
    def content_key(self) -> str:
        """A token for the data as it is now; it changes on every write."""
        ...

    def query(self, checked: CheckedQuery, bindings: Mapping[str, Identifier]) -> QueryResult:
        """Run a checked query (its ``text``, unchanged) with bound values."""
        ...

    def update(self, checked: CheckedQuery) -> None:
        """Apply a checked update, all or nothing."""
        ...

    def add(self, triples: Graph) -> None:
        """Add the triples of a graph, all or nothing."""
        ...

    def triples(self) -> Iterator[Triple]:
        """Every triple (for export and validation)."""
        ...

    def __len__(self) -> int: ...

    def close(self) -> None:
        """Release the store (files, locks, connections); idempotent."""
        ...

    def reading(self) -> contextlib.AbstractContextManager[None]:
        """One API call's reads: answers may be shared within it.

        An endpoint's data may change between calls, so its answers are not kept beyond.
        """
        ...


def _size(rows: list[Row]) -> int:
    """Bytes a list of rows holds, estimated: per row a dict, per value a str object."""
    return sum(232 + sum(80 + len(str(v)) for v in row.values()) for row in rows)


class ResultCache:
    """A small LRU cache of named-query rows, bounded in entries and in bytes.

    Keys include the engine's content key, so an answer computed before a write
    can never be served after it; :meth:`clear` is also called on every write.
    The size of an answer is estimated (a dict per row, a string per value); an
    answer larger than ``max_bytes`` is not kept.
    """

    def __init__(
        self, max_entries: int = 512, max_bytes: int = 256 << 20, disk: Path | None = None
    ) -> None:
        self._data: OrderedDict[tuple[str, ...], list[Row]] = OrderedDict()
        self._sizes: dict[tuple[str, ...], int] = {}
        self.derived: dict[tuple[str, str], object] = {}
        self.disk = disk
        self.bytes = 0
        self.max_entries = max_entries
        self.max_bytes = max_bytes

    def get(self, key: tuple[str, ...]) -> list[Row] | None:
        """The rows stored under ``key`` (in memory, else on disk), or ``None``."""
        rows = self._data.get(key)
        if rows is not None:
            self._data.move_to_end(key)
            return rows
        if self.disk is not None:
            path = self._path(key)
            try:
                rows = pickle.loads(path.read_bytes())  # noqa: S301 - our own cache files
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                return None
            self.put(key, rows, persist=False)
        return rows

    def _path(self, key: tuple[str, ...]) -> Path:
        assert self.disk is not None  # noqa: S101 - checked by the callers
        digest = hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:32]
        return self.disk / f"{digest}.pickle"

    def put(self, key: tuple[str, ...], rows: list[Row], *, persist: bool = True) -> None:
        """Store rows, evicting the least recently used entries beyond the bounds.

        With a ``disk`` folder (the packaged graph, unchanged), rows are also
        written there, keyed by content, for the next process.
        """
        size = _size(rows)
        if size > self.max_bytes or not self.max_entries:
            return
        if persist and self.disk is not None:
            from fwgraph.engines.files import dumps  # noqa: PLC0415 - the terms' fast pickler

            with contextlib.suppress(OSError):
                self.disk.mkdir(parents=True, exist_ok=True)
                path = self._path(key)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(dumps(rows))
                tmp.replace(path)
        if self._data.pop(key, None) is not None:
            self.bytes -= self._sizes.pop(key)
        self._data[key] = rows
        self._sizes[key] = size
        self.bytes += size
        while self._data and (len(self._data) > self.max_entries or self.bytes > self.max_bytes):
            dropped, _ = self._data.popitem(last=False)
            self.bytes -= self._sizes.pop(dropped)

    def clear(self) -> None:
        """Forget everything held in memory, and stop using the disk (the content changed)."""
        self._data.clear()
        self._sizes.clear()
        self.derived.clear()
        self.disk = None
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._data)


@cache
def named_query(name: str) -> CheckedQuery:
    """The checked text of a named query shipped in ``fwgraph/queries/<name>.rq``.

    Examples
    --------
    >>> named_query("statements").form
    'SELECT'
    """
    text = (files("fwgraph") / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    return packaged_query(text)


def _key(engine: Engine, name: str, bindings: Mapping[str, Identifier]) -> tuple[str, ...]:
    parts = [engine.content_key, name]
    for var in sorted(bindings):
        term = bindings[var]
        parts.append(f"{var}={type(term).__name__}:{term.n3()}")
    if len(parts) > 8:
        return (parts[0], name, hashlib.sha256("\n".join(parts).encode()).hexdigest())
    return tuple(parts)


def select(engine: Engine, name: str, **bindings: Identifier) -> list[Row]:
    """Run a named ``SELECT`` query whole; rows as dicts without unbound variables.

    This is the one read path of every analysis: the named query's text goes to
    the engine unchanged, values are bound by the engine, and rows are cached
    under the engine's content key.
    """
    checked = named_query(name)
    key = _key(engine, name, bindings)
    rows = engine.cache.get(key)
    if rows is None:
        result = engine.query(checked, check_bindings(checked, bindings))
        rows = [
            {v: t for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        engine.cache.put(key, rows)
    return rows


def derived(engine: Engine, name: str, build: Callable[[], T]) -> T:
    """A value computed from named queries, cached like their rows (dropped on every write)."""
    cache = engine.cache
    key = (engine.content_key, name)
    if cache.max_entries and key in cache.derived:
        return cache.derived[key]  # type: ignore[return-value]
    if cache.disk is not None:
        stored = cache.get((*key, "derived"))
        if stored is not None:
            cache.derived[key] = stored[0]["value"]
            return cache.derived[key]  # type: ignore[return-value]
    value = build()
    if cache.max_entries:
        cache.derived[key] = value
        if cache.disk is not None:
            cache.put((*key, "derived"), [{"value": value}])  # type: ignore[dict-item]
    return value


def chunks(items: Iterable[Triple], size: int) -> Iterator[list[Triple]]:
    """Split triples into lists of at most ``size``."""
    batch: list[Triple] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch

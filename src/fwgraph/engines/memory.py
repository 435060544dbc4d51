"""The default engine: rdflib's in-memory graph, no set-up."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.term import Identifier

from fwgraph.engines.base import ResultCache, Triple
from fwgraph.errors import QueryError, StoreError
from fwgraph.namespace import PREFIXES
from fwgraph.results import QueryResult, result_from_rdflib
from fwgraph.sparql import CheckedQuery, syntax_error

__all__ = ["MemoryEngine"]


@lru_cache(maxsize=512)
def _prepare(text: str) -> Any:
    """Parse and translate once per text (rdflib's parser is the slow part)."""
    from rdflib.plugins.sparql.algebra import translateQuery  # noqa: PLC0415 - heavy import
    from rdflib.plugins.sparql.parser import parseQuery  # noqa: PLC0415

    try:
        return translateQuery(parseQuery(text), initNs=PREFIXES)
    except Exception as exc:
        raise syntax_error(exc, text) from exc


class MemoryEngine:
    """rdflib's in-memory :class:`rdflib.Graph` behind the engine protocol.

    Parameters
    ----------
    graph : rdflib.Graph, optional
        The graph to serve (taken over, not copied); a new empty one by default.
    content_id : str, optional
        A stable identifier of the initial content (the packaged graph's hash),
        so that cached answers can be shared; a random one by default.
    """

    kind = "memory"

    def __init__(
        self,
        graph: Graph | None = None,
        *,
        content_id: str | None = None,
        loader: Callable[[], Graph] | None = None,
        disk_cache: Path | None = None,
    ) -> None:
        self._graph = graph
        self._loader = loader
        self.location = "memory"
        self.cache = ResultCache(disk=disk_cache)
        self._content_id = content_id or uuid.uuid4().hex
        self._revision = 0

    @property
    def graph(self) -> Graph:
        """The :class:`rdflib.Graph` (built on first use when the engine was given a loader).

        Answers already cached on disk for this content need no graph at all:
        a cold ``fwgraph show`` reads them without parsing or unpickling it.
        """
        if self._graph is None:
            self._graph = self._loader() if self._loader is not None else Graph()
            for prefix, ns in PREFIXES.items():
                self._graph.bind(prefix, ns, override=True, replace=True)
        return self._graph

    def __repr__(self) -> str:
        return f"<MemoryEngine {self.content_key}>"

    @property
    def content_key(self) -> str:
        """The initial content's id and the number of writes since."""
        return f"{self._content_id}+{self._revision}"

    def _written(self) -> None:
        # A new identity: two engines that started from the same packaged graph and
        # were then written to differently must never share cached answers.
        self._content_id = uuid.uuid4().hex
        self._revision += 1
        self.cache.clear()

    def query(self, checked: CheckedQuery, bindings: Mapping[str, Identifier]) -> QueryResult:
        """Run a checked query with rdflib; values bound by rdflib (``initBindings``)."""
        prepared = _prepare(checked.text)
        try:
            result = self.graph.query(prepared, initBindings=dict(bindings))
            return result_from_rdflib(checked.form, result)
        except Exception as exc:
            msg = f"the query failed while running: {type(exc).__name__}: {exc}"
            raise QueryError(msg) from exc

    def update(self, checked: CheckedQuery) -> None:
        """Apply an update; on failure the graph is restored to what it was."""
        from rdflib.plugins.sparql.parser import parseUpdate  # noqa: PLC0415 - heavy import

        try:
            parseUpdate(checked.text)
        except Exception as exc:
            raise syntax_error(exc, checked.text) from exc
        snapshot = set(self.graph)
        try:
            self.graph.update(checked.text, initNs=PREFIXES)
        except Exception as exc:
            self.graph.remove((None, None, None))
            self.graph.addN((s, p, o, self.graph) for s, p, o in snapshot)
            msg = f"the update failed and was rolled back: {exc}"
            raise StoreError(msg) from exc
        finally:
            self._written()

    def add(self, triples: Graph) -> None:
        """Add every triple of ``triples``."""
        self.graph.addN((s, p, o, self.graph) for s, p, o in triples)
        self._written()

    def triples(self) -> Iterator[Triple]:
        """Every triple of the graph."""
        return iter(self.graph.triples((None, None, None)))

    def __len__(self) -> int:
        return len(self.graph)

    def reading(self) -> contextlib.AbstractContextManager[None]:
        """Answers are kept until the next write: nothing to do per call."""
        return contextlib.nullcontext()

    def close(self) -> None:
        """Drop cached answers (the graph itself is freed with the engine)."""
        self.cache.clear()

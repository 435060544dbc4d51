"""The Oxigraph engine: pyoxigraph's store, in memory or on disk, for large graphs.

Queries go to :meth:`pyoxigraph.Store.query` as text, with fwgraph's prefixes
passed as ``prefixes=`` and bound values as ``substitutions=`` — no string
building. Data is loaded by Oxigraph's own parsers (no Python object per
triple) and every write is one Oxigraph transaction.

An on-disk store is created all or nothing: it is built in a sibling folder
and renamed into place only once complete, with a marker file
(``fwgraph-store.json``) inside. A folder without the marker is refused, unless
it is an abandoned build of ours, which is removed and built again.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from fwgraph.engines.base import ResultCache, Triple
from fwgraph.engines.files import trusted_iri, trusted_string, turtle_error
from fwgraph.errors import MissingDependencyError, QueryError, StoreError, TurtleSyntaxError
from fwgraph.namespace import PREFIXES
from fwgraph.results import QueryResult
from fwgraph.sparql import CheckedQuery, check_query, syntax_error, values_clause

__all__ = ["MARKER", "OxigraphEngine"]

MARKER = "fwgraph-store.json"
_BUILDING = ".fwgraph-building"
_PREFIX_MEMO = 1024  # query texts whose prefixes are remembered ...
_PREFIX_MEMO_TEXT = 8192  # ... each at most this long (every named query is shorter)
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _ox() -> Any:
    try:
        import pyoxigraph  # noqa: PLC0415 - only with the oxigraph extra
    except ImportError as exc:
        raise MissingDependencyError("pyoxigraph", "oxigraph", "the oxigraph engine") from exc
    return pyoxigraph


def _converters() -> dict[type, Callable[[Any], Node]]:
    """One function per pyoxigraph term type, each a single Python call."""
    ox = _ox()
    iri, string = trusted_iri, trusted_string

    def named(term: Any) -> Node:
        return iri(term.value)

    def blank(term: Any) -> Node:
        return BNode(term.value)

    def literal(term: Any) -> Node:
        language = term.language
        if language:
            return string(term.value, language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return string(term.value)
        return Literal(term.value, datatype=URIRef(datatype))

    return {ox.NamedNode: named, ox.BlankNode: blank, ox.Literal: literal}


_CONVERT: dict[type, Callable[[Any], Node]] = {}


class _Terms(dict[Any, Node]):
    """pyoxigraph term -> rdflib term, converted on the first look-up (``terms[t]``).

    Terms are values (equal terms convert to equal terms), so one conversion serves
    every answer that holds the term again: the predicates and classes of a scan,
    the frameworks of a join run twice. Measured on 10^5 triples: building a URIRef
    costs ~0.5 us and a typed Literal ~15 us, a hit here ~0.05 us (a plain dict
    look-up; ``get(t) or ...`` would call rdflib's ``Literal.__bool__``, ~1 us).
    Bounded: emptied when full, no per-hit bookkeeping. ``None`` (unbound) stays ``None``.
    """

    max_size = 1 << 14

    def __missing__(self, term: Any) -> Node | None:
        if term is None:
            return None
        if not _CONVERT:
            _CONVERT.update(_converters())
        convert = _CONVERT.get(type(term))
        if convert is None:
            msg = f"unsupported term {term!r}"
            raise QueryError(msg)
        out = convert(term)
        if len(self) >= self.max_size:
            self.clear()
        self[term] = out
        return out


_TERMS = _Terms()


def _to_ox(term: Identifier) -> Any:
    ox = _ox()
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _RDF_LANG:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    msg = f"cannot bind {term!r}"
    raise QueryError(msg)


class OxigraphEngine:
    """pyoxigraph's :class:`~pyoxigraph.Store` behind the engine protocol.

    Create it with :meth:`open`; ``path=None`` keeps the store in memory.
    """

    kind = "oxigraph"

    def __init__(self, store: Any, *, location: str = "memory") -> None:
        self._store: Any = store
        self.location = location
        self.cache = ResultCache()
        self._content_id = uuid.uuid4().hex
        self._revision = 0
        self._prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
        self._named = tuple((f"{p}:", p, ns) for p, ns in self._prefixes.items())
        self._prefixes_of: dict[str, dict[str, str]] = {}

    def __repr__(self) -> str:
        return f"<OxigraphEngine at {self.location}>"

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        build: Callable[[OxigraphEngine], None] | None = None,
    ) -> OxigraphEngine:
        """Open (or create) a store.

        Parameters
        ----------
        path : str or pathlib.Path, optional
            A folder for an on-disk store; in memory when ``None``.
        build : callable, optional
            Fills a *new* store (the packaged data, your files). For an on-disk
            store it runs in a sibling folder that is renamed into place only
            when ``build`` returns: a process killed half-way leaves no store.

        Raises
        ------
        StoreError
            If ``path`` holds something other than an fwgraph store, or cannot be opened.
        """
        ox = _ox()
        if path is None:
            engine = cls(ox.Store())
            if build is not None:
                build(engine)
            return engine
        target = Path(path)
        if (target / MARKER).is_file():
            return cls._open_existing(target)
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            if (target / _BUILDING).is_file():
                shutil.rmtree(target)  # an abandoned build of ours (older layout)
            else:
                msg = (
                    f"{target} is not empty and is not an fwgraph store (no {MARKER}); "
                    "choose an empty or new folder"
                )
                raise StoreError(msg)
        return cls._create(target, build)

    @classmethod
    def _open_existing(cls, target: Path) -> OxigraphEngine:
        ox = _ox()
        try:
            info = json.loads((target / MARKER).read_text(encoding="utf-8"))
            store = ox.Store(str(target))
        except (OSError, ValueError) as exc:
            msg = f"cannot open the oxigraph store at {target}: {exc}"
            raise StoreError(msg) from exc
        engine = cls(store, location=str(target))
        engine._content_id = str(info.get("content", engine._content_id))
        return engine

    @classmethod
    def _create(
        cls, target: Path, build: Callable[[OxigraphEngine], None] | None
    ) -> OxigraphEngine:
        ox = _ox()
        parent = target.parent
        parent.mkdir(parents=True, exist_ok=True)
        for stale in parent.glob(f".{target.name}.building-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a killed build
        scratch = parent / f".{target.name}.building-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            engine = cls(ox.Store(str(scratch)), location=str(scratch))
            if build is not None:
                build(engine)
            engine._store.flush()
            content = engine._content_id
            engine._release()
            (scratch / MARKER).write_text(
                json.dumps({"format": "fwgraph-oxigraph", "version": 1, "content": content}),
                encoding="utf-8",
            )
            if target.exists():
                target.rmdir()  # empty folder given by the user
            scratch.rename(target)
        except BaseException:
            with contextlib.suppress(Exception):
                engine._release()
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        return cls._open_existing(target)

    # ------------------------------------------------------------------ protocol

    @property
    def content_key(self) -> str:
        """The store's id and the number of writes since it was opened."""
        return f"{self._content_id}+{self._revision}"

    @property
    def store(self) -> Any:
        """The :class:`pyoxigraph.Store` underneath."""
        if self._store is None:
            raise StoreError("the oxigraph store is closed")
        return self._store

    def _written(self) -> None:
        self._revision += 1
        self._content_id = uuid.uuid4().hex
        self.cache.clear()

    def query(self, checked: CheckedQuery, bindings: Mapping[str, Identifier]) -> QueryResult:
        """Run a checked query; values bound by ``substitutions=`` (or a checked ``VALUES``)."""
        text = checked.text
        substitutions = None
        if bindings:
            projected = checked.projected
            if projected is not None and set(bindings) <= projected:
                ox = _ox()
                substitutions = {ox.Variable(k): _to_ox(v) for k, v in bindings.items()}
            else:
                text = check_query(f"{text}\n{values_clause(bindings)}").text
        try:
            # Only the prefixes the text names ("fw:" spelt out): Oxigraph parses every
            # IRI it is given, ~0.2 us a prefix on each query (~2 us of a 55 us path query).
            # Found once a text (~1 us of substring scans), remembered by the text.
            prefixes = self._prefixes_of.get(text)
            if prefixes is None:
                prefixes = self._named_in(text)
            if substitutions is None:  # passing None costs ~1 us more on every query
                result = self.store.query(text, prefixes=prefixes)
            else:
                result = self.store.query(text, prefixes=prefixes, substitutions=substitutions)
            return self._result(checked.form, result)
        except SyntaxError as exc:
            raise syntax_error(exc, text) from exc
        except (OSError, RuntimeError, ValueError, TypeError) as exc:
            msg = f"the query failed while running: {type(exc).__name__}: {exc}"
            raise QueryError(msg) from exc

    def _named_in(self, text: str) -> dict[str, str]:
        """The prefixes ``text`` names; remembered for the next run of the same text."""
        prefixes = {p: ns for name, p, ns in self._named if name in text}
        if len(text) <= _PREFIX_MEMO_TEXT:  # bounded: at most 1024 texts of 8 KiB
            if len(self._prefixes_of) >= _PREFIX_MEMO:
                self._prefixes_of.clear()
            self._prefixes_of[text] = prefixes
        return prefixes

    def _result(self, form: str, result: Any) -> QueryResult:
        if form == "ASK":
            return QueryResult(form="ASK", boolean=bool(result))
        terms = _TERMS
        if form in {"CONSTRUCT", "DESCRIBE"}:
            from fwgraph.results import result_from_triples  # noqa: PLC0415

            return result_from_triples(
                form, ((terms[t.subject], terms[t.predicate], terms[t.object]) for t in result)
            )
        variables = tuple([v.value for v in result.variables])
        convert = terms.__getitem__
        # Solutions read by position: iterating one (``map(convert, solution)``) took
        # ~0.3 us a row more than ``solution[0]`` (10^5 triples: a 22-row path query
        # 65 -> 59 us, raw pyoxigraph's ``tuple(solution)`` 59 us).
        width = len(variables)
        rows: tuple[tuple[Node | None, ...], ...]
        if width == 1:
            rows = tuple([(convert(s[0]),) for s in result])
        elif width == 2:
            rows = tuple([(convert(s[0]), convert(s[1])) for s in result])
        elif width == 3:
            rows = tuple([(convert(s[0]), convert(s[1]), convert(s[2])) for s in result])
        else:
            rows = tuple([tuple(map(convert, solution)) for solution in result])
        return QueryResult.select(variables, rows)

    def update(self, checked: CheckedQuery) -> None:
        """Apply an update in one Oxigraph transaction."""
        try:
            self.store.update(checked.text, prefixes=self._prefixes)
        except SyntaxError as exc:
            raise syntax_error(exc, checked.text) from exc
        except (OSError, RuntimeError, ValueError) as exc:
            msg = f"the update failed and was rolled back: {exc}"
            raise StoreError(msg) from exc
        finally:
            self._written()

    def add(self, triples: Graph) -> None:
        """Add a graph's triples in one transaction (serialized, read by Oxigraph)."""
        ox = _ox()
        data = triples.serialize(format="nt", encoding="utf-8")
        self.store.load(data, format=ox.RdfFormat.N_TRIPLES)
        self._written()

    def load_files(
        self, paths: Sequence[str | Path], *, progress: Callable[[str], None] | None = None
    ) -> None:
        """Load Turtle files with Oxigraph's parser, all or nothing.

        Raises
        ------
        TurtleSyntaxError
            For the first file that does not parse (file and line); nothing is added.
        """
        ox = _ox()
        files = [Path(p) for p in paths]
        for file in files:
            if not file.is_file():
                raise TurtleSyntaxError(file, None, "no such file")
        if len(files) == 1:
            if progress is not None:
                progress(f"loading {files[0]}")
            try:  # Oxigraph's load is one transaction
                self.store.load(path=str(files[0]), format=ox.RdfFormat.TURTLE)
            except SyntaxError as exc:
                raise turtle_error(exc, files[0]) from exc
            self._written()
            return
        scratch = ox.Store()
        for file in files:
            if progress is not None:
                progress(f"checking {file}")
            try:
                scratch.load(path=str(file), format=ox.RdfFormat.TURTLE)
            except SyntaxError as exc:
                raise turtle_error(exc, file) from exc
        self.store.load(scratch.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        self._written()

    def load_from(self, other: OxigraphEngine) -> None:
        """Add the default graph of another Oxigraph engine, in one transaction.

        Oxigraph writes it out as N-Triples and reads it back (blank nodes keep
        their labels); no Python object per triple.
        """
        ox = _ox()
        data = other.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        self.store.load(data, format=ox.RdfFormat.N_TRIPLES)
        self._written()

    def triples(self) -> Iterator[Triple]:
        """Every triple of the default graph."""
        ox = _ox()
        terms = _TERMS
        for s, p, o, _ in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            yield (terms[s], terms[p], terms[o])

    def __len__(self) -> int:
        return len(self.store)

    def _release(self) -> None:
        self._store = None
        gc.collect()  # result iterators may still hold the store: free its lock now

    def reading(self) -> contextlib.AbstractContextManager[None]:
        """Answers are kept until the next write: nothing to do per call."""
        return contextlib.nullcontext()

    def close(self) -> None:
        """Release the store and its lock, so the folder can be opened again."""
        self.cache.clear()
        if self._store is not None:
            with contextlib.suppress(Exception):
                self._store.flush()
            self._release()

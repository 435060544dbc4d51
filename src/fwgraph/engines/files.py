"""Reading Turtle files, with errors that name file and line, and the packaged graph.

Parsing never writes into an engine directly: files are parsed into a scratch
graph first, so a syntax error in the third file leaves the engine as it was.
The packaged graph (ontology + data) is parsed once and cached on disk as a
pickle keyed by a hash of every packaged file and the fwgraph and rdflib
versions (``FWGRAPH_CACHE_DIR``), so an edited file is never served stale.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import rdflib
from rdflib import BNode, Graph, Literal, URIRef

from fwgraph._version import __version__
from fwgraph.errors import TurtleSyntaxError
from fwgraph.resources import data_files, ontology_file

__all__ = [
    "cache_dir",
    "dumps",
    "packaged_files",
    "packaged_graph",
    "packaged_key",
    "parse_turtle",
    "parse_turtle_files",
    "trusted_iri",
    "trusted_string",
    "turtle_error",
]

Progress = Callable[[str], None]


def turtle_error(exc: SyntaxError, path: Path | None) -> TurtleSyntaxError:
    """An rdflib or pyoxigraph Turtle syntax error as :class:`TurtleSyntaxError`."""
    lines = getattr(exc, "lines", None)  # rdflib BadSyntax: 0-based line of the error
    if isinstance(lines, int):
        return TurtleSyntaxError(path, lines + 1, str(getattr(exc, "_why", exc)))
    return TurtleSyntaxError(path, exc.lineno, str(exc.msg or exc))  # pyoxigraph: 1-based


def parse_turtle(data: str | Path, *, into: Graph | None = None, fast: bool = False) -> Graph:
    r"""Parse one Turtle file (or Turtle text) into a graph.

    Parameters
    ----------
    data : str or pathlib.Path
        A path, or Turtle text when it is a ``str`` that contains a newline.
    into : rdflib.Graph, optional
        Graph to parse into; a new in-memory graph by default.
    fast : bool
        Use Oxigraph's parser (``ox-turtle``); only for an Oxigraph-backed ``into``.

    Raises
    ------
    TurtleSyntaxError
        With the file and line of the error.

    Examples
    --------
    >>> g = parse_turtle("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n")
    >>> len(g)
    1
    >>> parse_turtle("@prefix ex: <http://example.org/> .\nex:a ex:b .\n")
    Traceback (most recent call last):
    ...
    fwgraph.errors.TurtleSyntaxError: <string>:2: malformed Turtle: ...
    """
    graph = into if into is not None else Graph()
    is_text = isinstance(data, str) and "\n" in data
    path = None if is_text else Path(data)
    if path is not None and not path.is_file():
        raise TurtleSyntaxError(path, None, "no such file")
    fmt = "ox-turtle" if fast else "turtle"
    try:
        if path is None:
            graph.parse(data=str(data), format=fmt)
        else:
            graph.parse(source=str(path), format=fmt)
    except SyntaxError as exc:  # rdflib's BadSyntax and pyoxigraph's errors are SyntaxErrors
        raise turtle_error(exc, path) from exc
    except Exception as exc:
        raise TurtleSyntaxError(path, None, f"{type(exc).__name__}: {exc}") from exc
    return graph


def parse_turtle_files(paths: Iterable[str | Path], *, progress: Progress | None = None) -> Graph:
    """Parse several Turtle files into one new in-memory graph, all or nothing.

    Raises
    ------
    TurtleSyntaxError
        For the first file that does not parse; nothing of the others is kept.
    """
    scratch = Graph()
    for path in paths:
        if progress is not None:
            progress(f"parsing {path}")
        parse_turtle(Path(path), into=scratch)
    return scratch


def packaged_files() -> list[Path]:
    """The ontology (TBox) followed by every packaged data file."""
    return [ontology_file(), *data_files()]


def _cache_dir() -> Path:
    configured = os.environ.get("FWGRAPH_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fwgraph"


@cache
def packaged_key() -> str:
    """A hash of every packaged file and of the fwgraph and rdflib versions."""
    files = packaged_files()
    digest = hashlib.sha256(f"{__version__}/{rdflib.__version__}".encode())
    for file in files:
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:24]


def _packaged_bytes(progress: Callable[[str], None] | None = None) -> bytes:
    """The parsed packaged graph, pickled; parsed once and then cached on disk.

    Parsing the packaged Turtle with rdflib takes about a second; unpickling the
    parsed graph a fifth of that. The cache file is keyed by a hash of every
    packaged file and the fwgraph and rdflib versions, so an edited file or an
    upgrade is never served stale. Set ``FWGRAPH_CACHE_DIR`` to move it; a cache
    that cannot be written is simply skipped.
    """
    cached = _CACHE.get("packaged")
    if cached is not None:
        return cached
    files = packaged_files()
    path = _cache_dir() / f"packaged-{packaged_key()}.pickle"
    data: bytes | None = None
    if path.is_file():
        try:
            data = path.read_bytes()
        except OSError:
            data = None
    if data is None:
        if progress is not None:
            progress("parsing the packaged graph (cached for next time)")
        data = _dumps(parse_turtle_files(files))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError:
            pass  # read-only home or cache: run without the disk cache
    _CACHE["packaged"] = data
    return data


def _uri(value: str) -> URIRef:
    return str.__new__(URIRef, value)


def _bnode(value: str) -> BNode:
    return str.__new__(BNode, value)


def _literal(
    lexical: str, language: str | None, datatype: URIRef | None, value: Any, ill: bool | None
) -> Literal:
    term = str.__new__(Literal, lexical)
    term._language = language
    term._datatype = datatype
    term._value = value
    term._ill_typed = ill
    return term


def trusted_iri(value: str) -> URIRef:
    """An IRI an RDF parser already checked (Oxigraph's), built without re-checking it."""
    return _uri(value) if _FAST_TERMS else URIRef(value)


def trusted_string(lexical: str, language: str | None = None) -> Literal:
    """A plain or language-tagged string literal from a parser, built without re-casting.

    rdflib's ``Literal()`` costs ~15 µs (it casts and validates); for the labels and
    notes that make up most answers this is the same term in a fraction of that.
    """
    if not _FAST_TERMS:
        return Literal(lexical, lang=language)
    return _literal(lexical, language.lower() if language else None, None, lexical, None)


# The cache holds terms rdflib already parsed and checked; rebuilding them without
# re-validating every IRI and re-casting every literal halves the time to unpickle.
# Only where Literal's layout is the one this code knows (the key includes the
# rdflib version, so a cache is never read by another one).
_FAST_TERMS = getattr(Literal, "__slots__", None) == (
    "_language",
    "_datatype",
    "_value",
    "_ill_typed",
)


class _Pickler(pickle.Pickler):
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[URIRef] = lambda t: (_uri, (str(t),))
    dispatch_table[BNode] = lambda t: (_bnode, (str(t),))
    dispatch_table[Literal] = lambda t: (
        _literal,
        (str(t), t.language, t.datatype, t.value, t.ill_typed),
    )


def dumps(value: object) -> bytes:
    """Pickle rdflib terms (and what holds them) without re-validating them on load."""
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


def cache_dir() -> Path:
    """Where fwgraph keeps its caches (``FWGRAPH_CACHE_DIR``, else ``~/.cache/fwgraph``)."""
    return _cache_dir()


def _dumps(graph: Graph) -> bytes:
    if not _FAST_TERMS:
        return pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL)
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(graph)
    return out.getvalue()


def packaged_graph(progress: Callable[[str], None] | None = None) -> Graph:
    """A fresh, independent in-memory copy of the packaged graph."""
    try:
        graph: Graph = pickle.loads(_packaged_bytes(progress))  # noqa: S301 - our own cache
    except Exception:  # noqa: BLE001 - a damaged cache file: parse again and replace it
        _CACHE.clear()
        path = _cache_dir() / f"packaged-{packaged_key()}.pickle"
        path.unlink(missing_ok=True)
        graph = pickle.loads(_packaged_bytes(progress))  # noqa: S301 - just written by us
    return graph


_CACHE: dict[str, bytes] = {}

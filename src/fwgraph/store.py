"""Opening stores and parsing Turtle into them without losing what was there.

Three kinds of store sit behind the same :class:`~fwgraph.KnowledgeGraph`:

* ``"memory"`` — rdflib's in-memory store (the default, no set-up);
* ``"oxigraph"`` — rdflib over pyoxigraph (oxrdflib), in memory or on disk;
* an ``http(s)://`` SPARQL 1.1 endpoint — query, plus update when an update
  endpoint is given.

Parsing never writes into a store directly: files are parsed into a scratch
graph first, so a syntax error in the third file leaves the store as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from fwgraph.errors import MissingDependencyError, StoreError, TurtleSyntaxError
from fwgraph.namespace import PREFIXES

__all__ = ["load_into_oxigraph", "open_store", "parse_turtle", "parse_turtle_files"]

Progress = Callable[[str], None]


def _bind(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def open_store(
    store: str = "memory", *, path: str | Path | None = None, update_endpoint: str | None = None
) -> Graph:
    """Open an empty (or existing on-disk / remote) rdflib graph of the requested kind.

    Parameters
    ----------
    store : str
        ``"memory"``, ``"oxigraph"`` or the URL of a SPARQL query endpoint.
    path : str or pathlib.Path, optional
        With ``"oxigraph"``: a directory for an on-disk store (kept between runs).
    update_endpoint : str, optional
        With an endpoint URL: the SPARQL update endpoint, to allow writes.

    Raises
    ------
    StoreError
        For an unknown store name.
    MissingDependencyError
        For ``"oxigraph"`` without ``fwgraph[oxigraph]`` installed.
    """
    if store == "memory":
        return _bind(Graph())
    if store == "oxigraph":
        try:
            import oxrdflib  # noqa: F401, PLC0415 - registers the "Oxigraph" rdflib store plugin
        except ImportError as exc:
            raise MissingDependencyError("oxrdflib", "oxigraph", "the oxigraph store") from exc
        # The store's default graph, so that data loaded by Oxigraph itself (or by
        # another process on the same directory) is what queries see.
        graph = Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
        if path is not None:
            location = Path(path)
            try:
                graph.open(str(location), create=not location.exists())
            except (OSError, ValueError) as exc:
                msg = f"cannot open the oxigraph store at {location}: {exc}"
                raise StoreError(msg) from exc
        return _bind(graph)
    if re.match(r"https?://", store):
        from rdflib.plugins.stores.sparqlstore import (  # noqa: PLC0415 - only for endpoints
            SPARQLStore,
            SPARQLUpdateStore,
        )

        if update_endpoint:
            remote: SPARQLStore = SPARQLUpdateStore(
                query_endpoint=store,
                update_endpoint=update_endpoint,
                returnFormat="json",
                context_aware=False,
            )
        else:
            remote = SPARQLStore(query_endpoint=store, returnFormat="json", context_aware=False)
        # Not context-aware: every query and update goes to the server's default graph,
        # where any other SPARQL client finds the data too.
        return _bind(Graph(store=remote, identifier=DATASET_DEFAULT_GRAPH_ID))
    msg = f"unknown store {store!r}: use 'memory', 'oxigraph' or a SPARQL endpoint URL"
    raise StoreError(msg)


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
        raise _turtle_error(exc, path) from exc
    except Exception as exc:
        raise TurtleSyntaxError(path, None, f"{type(exc).__name__}: {exc}") from exc
    return graph


def _turtle_error(exc: SyntaxError, path: Path | None) -> TurtleSyntaxError:
    lines = getattr(exc, "lines", None)  # rdflib BadSyntax: 0-based line of the error
    if isinstance(lines, int):
        why = getattr(exc, "_why", str(exc))
        return TurtleSyntaxError(path, lines + 1, str(why))
    line = exc.lineno  # pyoxigraph: 1-based line
    message = str(exc.msg or exc)
    return TurtleSyntaxError(path, line, message)


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


def load_into_oxigraph(
    graph: Graph, paths: Iterable[str | Path], *, progress: Progress | None = None
) -> None:
    """Load Turtle files into an Oxigraph-backed graph at Oxigraph's speed, all or nothing.

    One file is loaded by Oxigraph in one transaction. Several files are first
    parsed into a scratch Oxigraph store (in Rust, no Python object per triple)
    and only when all of them parse are they loaded, in one transaction, into
    the target's default graph.

    Raises
    ------
    TurtleSyntaxError
        For the first file that does not parse; the target is untouched.
    """
    import pyoxigraph as ox  # noqa: PLC0415 - only with the oxigraph extra

    files = [Path(p) for p in paths]
    for file in files:
        if not file.is_file():
            raise TurtleSyntaxError(file, None, "no such file")
    target = graph.store._inner  # type: ignore[attr-defined]  # oxrdflib's pyoxigraph.Store
    if len(files) == 1:
        # One file: Oxigraph's load is itself a transaction (all or nothing).
        if progress is not None:
            progress(f"loading {files[0]}")
        try:
            target.load(path=str(files[0]), format=ox.RdfFormat.TURTLE)
        except SyntaxError as exc:
            raise _turtle_error(exc, files[0]) from exc
        return
    scratch = ox.Store()
    for file in files:
        if progress is not None:
            progress(f"checking {file}")
        try:
            scratch.load(path=str(file), format=ox.RdfFormat.TURTLE)
        except SyntaxError as exc:
            raise _turtle_error(exc, file) from exc
    if progress is not None:
        progress(f"loading {len(scratch)} triples")
    # Serialized and re-read inside Oxigraph: one transaction, no Python object per quad.
    target.load(scratch.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)

"""``fwgraph.load``: the one entry point that returns a :class:`KnowledgeGraph`."""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import rdflib
from rdflib import BNode, Graph, Literal, URIRef

from fwgraph._version import __version__
from fwgraph.graph import KnowledgeGraph
from fwgraph.namespace import PREFIXES
from fwgraph.resources import data_files, ontology_file
from fwgraph.store import load_into_oxigraph, open_store, parse_turtle, parse_turtle_files

__all__ = ["load", "packaged_files"]


def packaged_files() -> list[Path]:
    """The ontology (TBox) followed by every packaged data file."""
    return [ontology_file(), *data_files()]


def _cache_dir() -> Path:
    configured = os.environ.get("FWGRAPH_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fwgraph"


def _packaged_key(files: list[Path]) -> str:
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
    path = _cache_dir() / f"packaged-{_packaged_key(files)}.pickle"
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


def _dumps(graph: Graph) -> bytes:
    if not _FAST_TERMS:
        return pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL)
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(graph)
    return out.getvalue()


def _packaged_graph(progress: Callable[[str], None] | None = None) -> Graph:
    """A fresh, independent in-memory copy of the packaged graph."""
    try:
        graph: Graph = pickle.loads(_packaged_bytes(progress))  # noqa: S301 - our own cache
    except Exception:  # noqa: BLE001 - a damaged cache file: parse again and replace it
        _CACHE.clear()
        path = _cache_dir() / f"packaged-{_packaged_key(packaged_files())}.pickle"
        path.unlink(missing_ok=True)
        graph = pickle.loads(_packaged_bytes(progress))  # noqa: S301 - just written by us
    return graph


_CACHE: dict[str, bytes] = {}


def load(
    store: str = "memory",
    *,
    path: str | Path | None = None,
    extra: Sequence[str | Path] = (),
    packaged: bool | None = None,
    validate: bool | None = None,
    update_endpoint: str | None = None,
    allow_service: bool = False,
    progress: Callable[[str], None] | None = None,
) -> KnowledgeGraph:
    """Load the fwgraph knowledge graph.

    Parameters
    ----------
    store : str
        ``"memory"`` (default: rdflib in memory, no set-up), ``"oxigraph"``
        (rdflib over pyoxigraph; needs ``fwgraph[oxigraph]``) or the URL of a
        SPARQL 1.1 query endpoint whose data is used as it is.
    path : str or pathlib.Path, optional
        With ``"oxigraph"``: a directory for an on-disk store. An existing
        store there is opened and the packaged data is added only if it is empty.
    extra : sequence of paths
        Your own Turtle files, added to the graph after the packaged data.
    packaged : bool, optional
        Include the packaged ontology and data. Default: yes for local stores,
        no for endpoints (whose data lives on the server).
    validate : bool, optional
        Check the result against the SHACL shapes (needs pyshacl). Default:
        only when ``extra`` files are given.
    update_endpoint : str, optional
        With an endpoint URL: where to send updates (needed to add ``extra``).
    allow_service : bool
        Permit SPARQL ``SERVICE`` (federated queries reach other servers).
    progress : callable, optional
        Called with a short message before each file is parsed.

    Returns
    -------
    KnowledgeGraph

    Raises
    ------
    TurtleSyntaxError
        If an ``extra`` file is malformed (file and line).
    ValidationError
        If the data with ``extra`` breaks the shapes.
    StoreError, MissingDependencyError
        If the store cannot be opened.

    Examples
    --------
    >>> import fwgraph
    >>> kg = fwgraph.load()
    >>> kg.framework("pytorch").label
    'PyTorch'
    """
    is_endpoint = store.startswith(("http://", "https://"))
    include_packaged = (not is_endpoint) if packaged is None else packaged
    check = bool(extra) if validate is None else validate
    graph = open_store(store, path=path, update_endpoint=update_endpoint)
    kg = KnowledgeGraph(graph, store=store, allow_service=allow_service)
    # Parse user files before touching the store: a bad file must leave nothing behind.
    # A large user graph on Oxigraph without validation is parsed by Oxigraph itself.
    native_ox = store == "oxigraph" and bool(extra) and not check
    user = parse_turtle_files(extra, progress=progress) if extra and not native_ox else None
    if include_packaged and path is not None and len(graph) > 0:
        include_packaged = False  # an existing on-disk store already holds its data
    if check:
        _check(kg, user, with_packaged=include_packaged)
    if include_packaged:
        _add_packaged(kg, progress)
    if native_ox:
        load_into_oxigraph(kg.graph, extra, progress=progress)
    if user is not None:
        if is_endpoint:
            kg._insert_remote(user)
        else:
            kg.graph.addN((s, p, o, kg.graph) for s, p, o in user)
    return kg


def _check(kg: KnowledgeGraph, user: Graph | None, *, with_packaged: bool) -> None:
    """Validate what the store will hold (before anything is written to it)."""
    from fwgraph.validation import validate_graph  # noqa: PLC0415 - pyshacl is heavy

    combined = _packaged_graph() if with_packaged else Graph()
    combined += _local_copy(kg)  # what an existing store already holds
    if user is not None:
        combined += user
    validate_graph(combined, raise_on_error=True, new_data=user)


def _add_packaged(kg: KnowledgeGraph, progress: Callable[[str], None] | None) -> None:
    if kg.store == "oxigraph":
        for file in packaged_files():
            if progress is not None:
                progress(f"loading {file.name}")
            parse_turtle(file, into=kg.graph, fast=True)
    elif kg.store.startswith(("http://", "https://")):
        kg._insert_remote(_packaged_graph())
    else:
        graph = _packaged_graph(progress)
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns, override=True, replace=True)
        kg.graph = graph


def _local_copy(kg: KnowledgeGraph) -> Graph:
    if kg.store == "memory":
        return kg.graph
    copy = Graph()
    for triple in kg.graph.triples((None, None, None)):
        copy.add(triple)
    return copy

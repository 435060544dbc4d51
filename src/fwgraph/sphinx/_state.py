"""The graph a Sphinx build uses: loaded once per process and configuration, never from the network.

The cache key is a fingerprint of every Turtle file that goes in (path, size,
modification time) plus the fwgraph version, so an edited data file gives a
fresh graph and fresh images, and an unchanged one is parsed once however many
directives ask for it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sphinx.config import Config

from fwgraph._version import __version__
from fwgraph.graph import KnowledgeGraph

__all__ = ["GraphHandle", "graph_for", "resolve_paths"]


@dataclass(frozen=True)
class GraphHandle:
    """A loaded graph with the fingerprint of the files it was loaded from."""

    kg: KnowledgeGraph
    fingerprint: str
    files: tuple[Path, ...]


_CACHE: dict[tuple[str, str], GraphHandle] = {}


def resolve_paths(base: Path, names: Sequence[str]) -> tuple[Path, ...]:
    """Resolve Turtle file names relative to ``base`` (the source directory or a document's)."""
    return tuple((base / name).resolve() for name in names)


def _fingerprint(files: Sequence[Path]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def graph_for(config: Config, srcdir: Path, extra: Sequence[Path] = ()) -> GraphHandle:
    """Return the graph for a build: the packaged data, ``fwgraph_extra`` and ``extra`` files.

    Parameters
    ----------
    config : sphinx.config.Config
        The build's configuration (``fwgraph_store``, ``fwgraph_extra``).
    srcdir : pathlib.Path
        The source directory that ``fwgraph_extra`` paths are relative to.
    extra : sequence of pathlib.Path
        More Turtle files, e.g. from a directive's ``:extra:`` option.

    Returns
    -------
    GraphHandle
        Cached per process for the same store and the same files.

    Raises
    ------
    fwgraph.FwgraphError
        If a file is malformed or breaks the shapes.
    """
    from fwgraph.engines.files import packaged_files  # noqa: PLC0415 - keeps setup() light
    from fwgraph.loading import load  # noqa: PLC0415

    store = str(config.fwgraph_store)
    extras = (*resolve_paths(srcdir, list(config.fwgraph_extra)), *extra)
    files = (*packaged_files(), *extras)
    fingerprint = _fingerprint(files)
    key = (store, fingerprint)
    handle = _CACHE.get(key)
    if handle is None:
        kg = load(store, extra=list(extras))
        handle = GraphHandle(kg=kg, fingerprint=fingerprint, files=tuple(extras))
        _CACHE[key] = handle
    return handle

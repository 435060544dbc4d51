"""``fwgraph.load``: the one entry point that returns a :class:`KnowledgeGraph`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import Graph

from fwgraph.engines import Engine, open_engine
from fwgraph.engines.endpoint import GRAPH
from fwgraph.engines.files import (
    cache_dir,
    packaged_files,
    packaged_graph,
    packaged_key,
    parse_turtle_files,
)
from fwgraph.graph import KnowledgeGraph

__all__ = ["load"]


def load(
    store: str = "memory",
    *,
    path: str | Path | None = None,
    extra: Sequence[str | Path] = (),
    packaged: bool | None = None,
    validate: bool | None = None,
    update_endpoint: str | None = None,
    timeout: float = 60.0,
    graph: str | None = GRAPH,
    allow_service: bool = False,
    allow_load: bool = False,
    progress: Callable[[str], None] | None = None,
) -> KnowledgeGraph:
    """Load the fwgraph knowledge graph.

    Parameters
    ----------
    store : str
        ``"memory"`` (default: rdflib in memory, no set-up), ``"oxigraph"``
        (pyoxigraph, in memory or on disk; needs ``fwgraph[oxigraph]``) or the
        URL of a SPARQL 1.1 query endpoint whose data is used as it is
        (fill it with ``fwgraph push``).
    path : str or pathlib.Path, optional
        With ``"oxigraph"``: the folder of an on-disk store. A new store is
        built all or nothing; an existing one is opened as it is.
    extra : sequence of paths
        Your own Turtle files, added after the packaged data.
    packaged : bool, optional
        Include the packaged ontology and data. Default: yes for local stores,
        no for endpoints (whose data lives on the server).
    validate : bool, optional
        Check the ``extra`` files (and what they touch) against the SHACL
        shapes before anything is written. Default: yes when ``extra`` is given.
    update_endpoint : str, optional
        With an endpoint URL: where updates go (needed to add ``extra``).
    timeout : float
        With an endpoint URL: seconds to wait for each answer.
    graph : str or None
        With an endpoint URL: the named graph that holds the data (where
        ``fwgraph push`` puts it); ``None`` for the server's default graph.
    allow_service, allow_load : bool
        Permit SPARQL ``SERVICE`` and ``FROM``/``LOAD``/``USING`` (they reach the network).
    progress : callable, optional
        Called with a short message before each long step.

    Returns
    -------
    KnowledgeGraph

    Raises
    ------
    TurtleSyntaxError
        If an ``extra`` file is malformed (file and line); nothing is loaded.
    ValidationError
        If ``extra`` breaks the shapes; nothing is loaded.
    StoreError, MissingDependencyError
        If the store cannot be opened.

    Examples
    --------
    >>> import fwgraph
    >>> with fwgraph.load() as kg:
    ...     kg.framework("pytorch").label
    'PyTorch'
    """
    is_endpoint = store.startswith(("http://", "https://"))
    include_packaged = (not is_endpoint) if packaged is None else packaged
    check = bool(extra) if validate is None else validate
    files = [Path(p) for p in extra]
    # Parse (and validate) the user's files before any store is touched; the
    # Oxigraph engine parses them itself and validates them in Oxigraph.
    user: Graph | None = None
    if files and store != "oxigraph":
        user = _user_graph(files, include_packaged, progress, check=check)

    def build(engine: Engine) -> None:
        if include_packaged:
            _add_packaged(engine, progress)
        if user is not None:
            engine.add(user)
        elif files:
            engine.load_files(files, progress=progress)  # type: ignore[attr-defined]

    if store == "memory":
        from fwgraph.engines.memory import MemoryEngine  # noqa: PLC0415 - the default engine

        engine: Engine
        if include_packaged and user is None:
            key = packaged_key()
            engine = MemoryEngine(
                content_id=key,
                loader=lambda: packaged_graph(progress),
                disk_cache=cache_dir() / "results" / key,
            )
        elif include_packaged:
            engine = MemoryEngine(packaged_graph(progress))
            engine.add(user)  # type: ignore[arg-type]
        else:
            engine = MemoryEngine(user)
    elif store == "oxigraph":
        from fwgraph.engines.oxigraph import OxigraphEngine  # noqa: PLC0415 - optional extra

        built: list[bool] = []

        def build_once(new: OxigraphEngine) -> None:
            if files and check:
                from fwgraph.analysis.store_validation import build_checked  # noqa: PLC0415

                build_checked(new, files, packaged=include_packaged, progress=progress)
            else:
                build(new)
            built.append(True)

        engine = OxigraphEngine.open(path, build=build_once)
        if files and not built:  # an existing store: add the files to what it holds
            if check:
                from fwgraph.analysis.store_validation import add_checked  # noqa: PLC0415

                add_checked(engine, files, progress=progress)
            else:
                engine.load_files(files, progress=progress)
    else:
        engine = open_engine(store, update_endpoint=update_endpoint, timeout=timeout, graph=graph)
        if packaged:
            _add_packaged(engine, progress)
        if user is not None:
            engine.add(user)
    return KnowledgeGraph(engine, allow_service=allow_service, allow_load=allow_load)


def _user_graph(
    files: list[Path],
    with_packaged: bool,
    progress: Callable[[str], None] | None,
    *,
    check: bool,
) -> Graph:
    """Parse the user's files into one graph; validate them with what they touch."""
    user = parse_turtle_files(files, progress=progress)
    if check:
        from fwgraph.analysis.validation import validate_addition  # noqa: PLC0415 - pyshacl
        from fwgraph.engines.memory import MemoryEngine  # noqa: PLC0415

        if progress is not None:
            progress("validating your files against the shapes")
        base = MemoryEngine(packaged_graph(), content_id=packaged_key()) if with_packaged else None
        validate_addition(base if base is not None else MemoryEngine(), user)
    return user


def _add_packaged(engine: Engine, progress: Callable[[str], None] | None) -> None:
    loader = getattr(engine, "load_files", None)
    if loader is not None:  # Oxigraph parses the Turtle itself
        loader(packaged_files(), progress=progress)
        return
    if progress is not None:
        progress("loading the packaged graph")
    engine.add(packaged_graph(progress))

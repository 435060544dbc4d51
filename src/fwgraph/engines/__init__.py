"""Engines: where the triples live and how SPARQL is answered.

Chosen by name or URL, once, in :func:`open_engine`; above this package nothing
compares engine names. :class:`Engine` is the protocol.
"""

from __future__ import annotations

import re
from pathlib import Path

from fwgraph.engines.base import Engine, ResultCache, Row, derived, named_query, select
from fwgraph.errors import StoreError

__all__ = [
    "ENGINES",
    "Engine",
    "ResultCache",
    "Row",
    "derived",
    "named_query",
    "open_engine",
    "select",
]

#: Engine names accepted by :func:`open_engine` (besides an ``http(s)://`` URL).
ENGINES = ("memory", "oxigraph")


def open_engine(
    store: str = "memory",
    *,
    path: str | Path | None = None,
    update_endpoint: str | None = None,
    timeout: float = 60.0,
    graph: str | None = "https://w3id.org/fwgraph/graph",
) -> Engine:
    """Open an empty engine of the requested kind (an on-disk or remote one as it is).

    Parameters
    ----------
    store : str
        ``"memory"``, ``"oxigraph"`` or the URL of a SPARQL 1.1 query endpoint.
    path : str or pathlib.Path, optional
        With ``"oxigraph"``: the folder of an on-disk store.
    update_endpoint : str, optional
        With an endpoint URL: where updates go.
    timeout : float
        With an endpoint URL: seconds to wait for each answer.
    graph : str or None
        With an endpoint URL: the named graph holding the data (``None``: the
        server's default graph).

    Raises
    ------
    StoreError
        For an unknown store name, with the names that exist.

    Examples
    --------
    >>> open_engine("memory").kind
    'memory'
    >>> open_engine("oxigrpah")
    Traceback (most recent call last):
    ...
    fwgraph.errors.StoreError: unknown store 'oxigrpah'; did you mean 'oxigraph'? ...
    """
    if store == "memory":
        from fwgraph.engines.memory import MemoryEngine  # noqa: PLC0415 - pick one engine

        return MemoryEngine()
    if store == "oxigraph":
        from fwgraph.engines.oxigraph import OxigraphEngine  # noqa: PLC0415 - optional extra

        return OxigraphEngine.open(path)
    if re.match(r"https?://", store):
        from fwgraph.engines.endpoint import EndpointEngine  # noqa: PLC0415

        return EndpointEngine(store, update_url=update_endpoint, timeout=timeout, graph=graph)
    import difflib  # noqa: PLC0415 - only on error

    close = difflib.get_close_matches(store, ENGINES, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    msg = f"unknown store {store!r}{hint} Use 'memory', 'oxigraph' or a SPARQL endpoint URL"
    raise StoreError(msg)

"""Where nodes go in the map and ego views: columns and rings (pure geometry, no matplotlib)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["COLUMNS", "DRAW_VIEWS", "check_view", "order_columns", "ring_distances"]

#: The views that can be drawn (static or interactive).
DRAW_VIEWS = ("lineage", "organizations", "languages", "ego")


COLUMNS = {
    "organizations": (("person",), ("framework",), ("organization",)),
    "languages": (("framework",), ("language",)),
}


def order_columns(graph: nx.MultiDiGraph[str], columns: list[list[str]]) -> list[list[str]]:
    """Barycentre ordering: a few sweeps that pull neighbours level."""
    undirected: dict[str, set[str]] = {n: set() for n in graph.nodes}
    for u, v in graph.edges():
        undirected[u].add(v)
        undirected[v].add(u)
    order = columns[1:] + columns[:1] if len(columns) > 2 else columns[::-1]
    for _ in range(12):
        for col in order:
            where = {n: i / max(len(c) - 1, 1) for c in columns for i, n in enumerate(c)}

            def key(n: str, where: dict[str, float] = where) -> tuple[float, str]:
                near = [where[m] for m in undirected[n] if m in where]
                return (sum(near) / len(near) if near else 2.0, n)

            col.sort(key=key)
    return columns


def ring_distances(graph: nx.MultiDiGraph[str], center: str) -> dict[str, int]:
    """Steps from ``center`` to every node it reaches, edges taken either way.

    Examples
    --------
    >>> import networkx as nx
    >>> ring_distances(nx.MultiDiGraph([("a", "b"), ("c", "b")]), "a")
    {'a': 0, 'b': 1, 'c': 2}
    """
    distance = {center: 0}
    frontier = [center]
    while frontier:
        nxt = []
        for n in frontier:
            for m in sorted(set(graph.successors(n)) | set(graph.predecessors(n))):
                if m not in distance:
                    distance[m] = distance[n] + 1
                    nxt.append(m)
        frontier = nxt
    return distance


def check_view(view: str, purpose: str) -> None:
    """Raise :class:`ValueError` unless ``view`` is one of :data:`DRAW_VIEWS`."""
    if view not in DRAW_VIEWS:
        msg = f"unknown view {view!r} for {purpose}: use one of {', '.join(DRAW_VIEWS)}"
        raise ValueError(msg)


# ---------------------------------------------------------------------- figures

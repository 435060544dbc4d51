"""Where the lineage drawing puts each framework: one lane per family on a time axis.

Plain Python, no matplotlib: :func:`lineage_layout` also places the nodes of the
interactive HTML view.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fwgraph.layout.measure import FONT_SIZE, status_at, text_width
from fwgraph.layout.text import TEXT

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CLEARANCE",
    "MARGINS",
    "ROW",
    "Lane",
    "LineageLayout",
    "arc_points",
    "lineage_layout",
    "primary_parents",
    "release_x",
    "route_edges",
]

ROW = 0.30  # inches per sub-row in the lineage view
_LANE_GAP = 0.55  # extra rows between lanes
_INCH_PER_YEAR = 1.0
MARGINS = {"left": 1.7, "right": 0.3, "top": 0.8, "bottom": 1.35}  # inches around the axes
_PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
)


@dataclass(frozen=True)
class Lane:
    """One horizontal band of the lineage drawing.

    Attributes
    ----------
    title : str
        ``"TensorFlow family"``, or the lane of frameworks without lineage links.
    slugs : tuple of str
        Its frameworks, sorted.
    top : float
        Row (y, downwards) of its first sub-row.
    rows : int
        Number of sub-rows.
    colour : str
        Marker colour of its frameworks.
    """

    title: str
    slugs: tuple[str, ...]
    top: float
    rows: int
    colour: str


@dataclass(frozen=True)
class LineageLayout:
    """Where the lineage drawing puts each framework.

    Attributes
    ----------
    positions : dict of str to (float, float)
        Slug → (x in years, row counted downwards from 0).
    labels : dict of str to str
        Slug → label as drawn (with ``†year`` for discontinued frameworks).
    lanes : tuple of Lane
        Families, top to bottom.
    x_range : (float, float)
        Data limits of the time axis, labels included.
    years : (int, int)
        First and last release year drawn.
    unknown_x : float or None
        x of the "year unknown" column, if any framework has no year.
    left_out : tuple of str
        Frameworks without a release year, left out of an ``as_of`` drawing
        (later frameworks are simply not drawn).
    size : (float, float)
        Figure size in inches.
    routes : dict of (str, str, str) to float
        ``(source, target, relation)`` → the bend of its arrow (matplotlib's
        ``arc3`` ``rad``), chosen so that it passes through no marker it does not
        connect (:func:`route_edges`).
    """

    positions: dict[str, tuple[float, float]]
    labels: dict[str, str]
    lanes: tuple[Lane, ...]
    x_range: tuple[float, float]
    years: tuple[int, int]
    unknown_x: float | None
    left_out: tuple[str, ...]
    size: tuple[float, float]
    routes: dict[tuple[str, str, str], float] = field(default_factory=dict)


def release_x(attrs: dict[str, Any]) -> float | None:
    """Return where a framework sits on the time axis: its release as a fractional year.

    A bare year sits in the middle of that year; ``2015-03`` at March.

    Examples
    --------
    >>> release_x({"year": 2015, "released": "2015"})
    2015.5
    >>> round(release_x({"year": 2017, "released": "2017-01"}) or 0, 3)
    2017.038
    """
    year = attrs.get("year")
    if year is None:
        return None
    parts = str(attrs.get("released") or year).split("-")
    if len(parts) == 1:
        return float(year) + 0.5
    month = int(parts[1])
    day = int(parts[2]) if len(parts) > 2 else 15
    return int(year) + (month - 1 + (day - 1) / 31) / 12


def _label(attrs: dict[str, Any], slug: str, as_of: int | None) -> str:
    text = str(attrs.get("label") or slug)
    if status_at(attrs, as_of) == "discontinued":
        ended = attrs.get("discontinued")
        text += f" †{ended}" if ended else " †"
    return text


def primary_parents(graph: nx.MultiDiGraph[str], xs: dict[str, float | None]) -> dict[str, str]:
    """Each framework's main ancestor, which decides its family lane.

    ``derivedFrom`` beats ``builtOn``; among several, the relation that began
    first wins (an unqualified one counts from the parent's release), then the
    older parent. ``influencedBy`` and ``mergedInto`` never make a family.
    """
    far = 9999.0
    best: dict[str, tuple[int, float, float, str]] = {}
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        if key not in {"derivedFrom", "builtOn"} or u not in xs or v not in xs or u == v:
            continue
        parent_x = xs[v] if xs[v] is not None else far
        start = attrs.get("valid_from")
        began = float(str(start)[:4]) if start else parent_x
        rank = (0 if key == "derivedFrom" else 1, began, parent_x, v)
        if u not in best or rank < best[u]:
            best[u] = rank  # type: ignore[assignment]
    return {child: rank[3] for child, rank in best.items()}


def _families(parents: dict[str, str], keep: list[str]) -> list[list[str]]:
    parent = {s: s for s in keep}

    def find(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    for child, ancestor in sorted(parents.items()):
        parent[find(child)] = find(ancestor)
    groups: dict[str, list[str]] = {}
    for s in keep:
        groups.setdefault(find(s), []).append(s)
    return [sorted(g) for g in groups.values()]


def lineage_layout(  # noqa: PLR0912, PLR0915 - one pass, top to bottom, reads best whole
    graph: nx.MultiDiGraph[str],
    *,
    as_of: int | None = None,
    inch_per_year: float = _INCH_PER_YEAR,
    row_height: float = ROW,
    font_size: float = FONT_SIZE,
    lang: str = "en",
) -> LineageLayout:
    """Lay out a ``lineage`` view on a time axis, one lane per family.

    Labels sit right of their marker; within a lane each framework takes the
    free sub-row nearest to its relatives, where "free" uses a generous width
    estimate (:func:`text_width`), so labels do not overlap.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A ``lineage`` view (:meth:`KnowledgeGraph.to_networkx`).
    as_of : int, optional
        Year of the drawing: later frameworks, and those without a year, are
        left out.
    inch_per_year, row_height : float
        Scale of the axes in inches.
    font_size : float
        Label size in points.
    lang : {"en", "ko"}
        Language of lane titles.

    Returns
    -------
    LineageLayout
    """
    text = TEXT.get(lang, TEXT["en"])
    xs: dict[str, float | None] = {}
    left_out = []
    for slug in sorted(graph.nodes):
        attrs = graph.nodes[slug]
        if attrs.get("kind", "framework") != "framework":
            continue
        x = release_x(attrs)
        if as_of is not None and x is None:
            left_out.append(slug)
            continue
        if as_of is not None and int(attrs["year"]) > as_of:
            continue
        xs[slug] = x
    known = [x for x in xs.values() if x is not None]
    first = math.floor(min(known)) if known else dt.date.today().year
    last = math.floor(max(known)) if known else first
    unknown_x = last + 1.55 if any(x is None for x in xs.values()) else None
    pos_x = {s: (x if x is not None else unknown_x or 0.0) for s, x in xs.items()}
    labels = {s: _label(graph.nodes[s], s, as_of) for s in xs}
    extent = {
        s: (
            pos_x[s] - 0.1 / inch_per_year,
            pos_x[s] + (0.12 + text_width(labels[s], font_size) + 0.1) / inch_per_year,
        )
        for s in xs
    }
    neighbours: dict[str, set[str]] = {s: set() for s in xs}
    for u, v in graph.edges():
        if u in xs and v in xs and u != v:
            neighbours[u].add(v)
            neighbours[v].add(u)

    parents = primary_parents(graph, xs)
    families = _families(parents, list(xs))
    linked = [f for f in families if len(f) > 1]
    linked.sort(key=lambda f: (min(pos_x[s] for s in f), -len(f), f[0]))
    singles = sorted(s for f in families if len(f) == 1 for s in f)
    groups: list[tuple[str, list[str]]] = []
    for fam in linked:
        roots = [s for s in fam if s not in parents] or fam
        hub = min(roots, key=lambda s: (pos_x[s], s))
        name = str(graph.nodes[hub].get("label") or hub)
        groups.append((text["family"].format(name=name), fam))
    if singles:
        groups.append((text["independent"], singles))

    positions: dict[str, tuple[float, float]] = {}
    lanes = []
    top = 0.0
    for index, (title, members) in enumerate(groups):
        rows: list[list[tuple[float, float]]] = []
        placed: dict[str, int] = {}
        for slug in sorted(members, key=lambda s: (pos_x[s], s)):
            near = [placed[n] for n in neighbours[slug] if n in placed]
            prefer = sum(near) / len(near) if near else 0.0
            if parents.get(slug) in placed:
                prefer = placed[parents[slug]]
            left, right = extent[slug]
            for row in sorted(range(len(rows) + 1), key=lambda r: (abs(r - prefer), r)):
                if row == len(rows):
                    rows.append([])
                if all(right <= a or left >= b for a, b in rows[row]):
                    rows[row].append((left, right))
                    placed[slug] = row
                    break
        for slug, row in placed.items():
            positions[slug] = (pos_x[slug], top + row)
        colour = _PALETTE[index % (len(_PALETTE) - 1)] if members is not singles else "#7f7f7f"
        lanes.append(Lane(title, tuple(sorted(members)), top, len(rows), colour))
        top += len(rows) + _LANE_GAP
    x_lo = first - 0.15
    x_hi = max([b for _, b in extent.values()] + [last + 1.0])
    rows_total = max(top - _LANE_GAP, 1.0)
    width = (x_hi - x_lo) * inch_per_year + MARGINS["left"] + MARGINS["right"]
    height = (rows_total + 0.6) * row_height + MARGINS["top"] + MARGINS["bottom"]
    routes = route_edges(
        positions,
        [(u, v, k) for u, v, k in graph.edges(keys=True) if u in positions and v in positions],
        inch_per_year=inch_per_year,
        row_height=row_height,
    )
    return LineageLayout(
        routes=routes,
        positions=positions,
        labels=labels,
        lanes=tuple(lanes),
        x_range=(x_lo, x_hi),
        years=(first, last),
        unknown_x=unknown_x,
        left_out=tuple(left_out),
        size=(round(width, 2), round(height, 2)),
    )


#: Closest an arrow may pass by the centre of a marker it does not connect, in inches
#: (a 7.5 pt marker has a radius of about 0.05 in).
CLEARANCE = 0.085
_BENDS = (0.12, -0.12, 0.0, 0.25, -0.25, 0.4, -0.4, 0.55, -0.55, 0.75, -0.75, 1.0, -1.0)


def arc_points(
    start: tuple[float, float], end: tuple[float, float], rad: float, steps: int = 24
) -> list[tuple[float, float]]:
    """Points along matplotlib's ``arc3`` connection from ``start`` to ``end`` (same units).

    The control point sits ``rad`` times the chord's length off its midpoint, to
    the left of the direction of travel, as in ``matplotlib.patches.ConnectionStyle.Arc3``.

    Examples
    --------
    >>> arc_points((0, 0), (2, 0), 0.5, steps=2)
    [(0.0, 0.0), (1.0, -0.5), (2.0, 0.0)]
    """
    (x1, y1), (x2, y2) = start, end
    cx = (x1 + x2) / 2 + rad * (y2 - y1)
    cy = (y1 + y2) / 2 - rad * (x2 - x1)
    out = []
    for i in range(steps + 1):
        t = i / steps
        a, b, c = (1 - t) ** 2, 2 * t * (1 - t), t**2
        out.append((a * x1 + b * cx + c * x2, a * y1 + b * cy + c * y2))
    return out


def route_edges(
    positions: dict[str, tuple[float, float]],
    edges: list[tuple[str, str, str]],
    *,
    inch_per_year: float = _INCH_PER_YEAR,
    row_height: float = ROW,
    clearance: float = CLEARANCE,
) -> dict[tuple[str, str, str], float]:
    """Bend each arrow so that it passes through no marker it does not connect.

    Positions are (year, row); the geometry is measured in inches on the page,
    rows growing downwards. Each edge takes the first bend of a fixed list
    that keeps ``clearance`` from every other marker, or failing that the
    bend that keeps the most.
    """
    points = {s: (x * inch_per_year, -y * row_height) for s, (x, y) in positions.items()}
    out: dict[tuple[str, str, str], float] = {}
    for u, v, key in sorted(edges):
        if u == v:
            out[(u, v, key)] = 0.0
            continue
        start, end = points[u], points[v]
        lo_x, hi_x = sorted((start[0], end[0]))
        others = [p for s, p in points.items() if s not in (u, v) and lo_x - 2 <= p[0] <= hi_x + 2]
        best, best_gap = _BENDS[0], -1.0
        for rad in _BENDS:
            path = arc_points(start, end, rad)[2:-2]  # the ends sit inside their own markers
            gap = min(
                (math.hypot(px - ox, py - oy) for px, py in path for ox, oy in others),
                default=math.inf,
            )
            if gap >= clearance:
                best = rad
                break
            if gap > best_gap:
                best, best_gap = rad, gap
        out[(u, v, key)] = best
    return out

"""The ego figure: one resource in the middle, its neighbours on rings around it.

The inner ring is ordered by kind and by the start of the relation; the outer
ring by the mean angle of each node's inner neighbours. The centre's edges are
labelled with the relation and its period. :func:`ring_distances` also places
the nodes of the HTML view.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from fwgraph.draw.common import bottom_legend, figure_title, kind_legend, marker, new_figure
from fwgraph.draw.labels import text_colour
from fwgraph.layout.graphs import ring_distances
from fwgraph.layout.measure import SMALL_TEXT, period, relation_ended, status_at, text_width
from fwgraph.layout.style import KIND_COLOUR, RELATION_STYLE

if TYPE_CHECKING:
    import networkx as nx

    from fwgraph.draw.common import FigureOptions

__all__ = ["draw_ego", "ring_distances"]


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ring_order(graph: nx.MultiDiGraph[str], ring: Iterable[str], center: str) -> list[str]:
    kinds = list(KIND_COLOUR)

    def key(n: str) -> tuple[int, str, str]:
        kind = str(graph.nodes[n].get("kind"))
        starts = [
            str(a.get("valid_from") or "0")
            for u, v, a in graph.edges(data=True)
            if {u, v} == {center, n}
        ]
        rank = kinds.index(kind) if kind in kinds else len(kinds)
        return (rank, min(starts, default="9999"), n)

    return sorted(ring, key=key)


def draw_ego(  # noqa: PLR0915 - one figure, drawn top to bottom
    graph: nx.MultiDiGraph[str], options: FigureOptions
) -> Any:
    """Draw an ``ego`` view: the centre, its neighbours on a ring, theirs on an outer ring."""
    from matplotlib.lines import Line2D  # noqa: PLC0415

    year = options.year
    center = str(graph.graph.get("center"))
    distance = ring_distances(graph, center)
    ring1 = _ring_order(graph, (n for n, d in distance.items() if d == 1), center)
    angle = {n: 90 - 360 * i / max(len(ring1), 1) for i, n in enumerate(ring1)}
    outer = [n for n, d in distance.items() if d >= 2]

    def bary(n: str) -> tuple[float, str]:
        near = [
            angle[m] for m in set(graph.successors(n)) | set(graph.predecessors(n)) if m in angle
        ]
        if not near:
            return (0.0, n)
        sx = sum(math.cos(math.radians(a)) for a in near)
        sy = sum(math.sin(math.radians(a)) for a in near)
        return ((90 - math.degrees(math.atan2(sy, sx))) % 360, n)

    outer.sort(key=bary)
    start = 90 - bary(outer[0])[0] if outer else 90
    for i, n in enumerate(outer):
        angle[n] = start - 360 * i / len(outer)
    r1 = max(2.0, len(ring1) * 0.3 / (2 * math.pi))
    inner_label = max(
        (text_width(_short(_node_label(graph, n), 26), SMALL_TEXT) for n in ring1), default=1.0
    )
    r2 = max(r1 + inner_label + 0.5, len(outer) * 0.17 / (2 * math.pi)) if outer else r1
    pos = {center: (0.0, 0.0)}
    for n in ring1:
        pos[n] = (r1 * math.cos(math.radians(angle[n])), r1 * math.sin(math.radians(angle[n])))
    for n in outer:
        pos[n] = (r2 * math.cos(math.radians(angle[n])), r2 * math.sin(math.radians(angle[n])))
    extent = r2 + 2.3
    size = options.figsize or (2 * extent, 2 * extent + 0.9)
    fig, canvas = new_figure(size)
    ax = fig.add_axes((0, 0.9 / size[1] / 2, 1, 1 - 0.9 / size[1]))
    ax.set_xlim(-extent, extent)
    ax.set_ylim(-extent, extent)
    ax.set_aspect("equal")
    ax.axis("off")

    for u, v in sorted(graph.edges()):
        if center in (u, v) or abs(distance[u] - distance[v]) != 1:
            continue  # only the links that explain why an outer node is there
        (x0, y0), (x1, y1) = pos[u], pos[v]
        ax.plot([x0, x1], [y0, y1], color="#c8c8c8", linewidth=0.4, alpha=0.5, zorder=1)
    relation_names: dict[str, str] = {}
    for u, v, key, attrs in sorted(graph.edges(keys=True, data=True)):
        if center not in (u, v):
            continue
        other = v if u == center else u
        style = dict(RELATION_STYLE.get(key, {"color": "#5b7fa6", "linewidth": 1.0}))
        style["linestyle"] = style.get("linestyle", "-")
        ended = relation_ended(attrs, year)
        (x1, y1) = pos[other]
        ax.plot([0, x1], [0, y1], alpha=0.4 if ended else 0.9, zorder=2, **style)
        relation_names[key] = str(attrs.get("label") or key)
        span = period(attrs)
        if key in RELATION_STYLE or span:
            rot = math.degrees(math.atan2(y1, x1))
            if rot > 90 or rot < -90:
                rot += 180
            ax.text(
                0.55 * x1,
                0.55 * y1,
                f"{'' if u == center else '← '}{attrs.get('label', key)} {span}".strip(),
                rotation=rot,
                rotation_mode="anchor",
                ha="center",
                va="bottom",
                fontsize=SMALL_TEXT,
                color=style["color"],
                zorder=6,
                bbox={
                    "boxstyle": "round,pad=0.1",
                    "facecolor": "white",
                    "edgecolor": "none",
                    "alpha": 0.8,
                },
            ).set_gid(f"edge-{key}-{other}")

    for n, (x, y) in pos.items():
        attrs = graph.nodes[n]
        kind = str(attrs.get("kind"))
        status = status_at(attrs, year) if kind == "framework" else "active"
        size_pt = 16 if n == center else (8 if distance[n] == 1 else 5)
        marker(ax, x, y, KIND_COLOUR.get(kind, "#555555"), status, size=size_pt)
        name = str(attrs.get("label") or n)
        if n == center:
            ax.annotate(
                name,
                xy=(0, 0),
                xytext=(0, 14),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=12,
                fontweight="bold",
                zorder=7,
                bbox={
                    "boxstyle": "round,pad=0.2",
                    "facecolor": "white",
                    "edgecolor": "none",
                    "alpha": 0.9,
                },
            ).set_gid(f"label-{n}")
            continue
        rot = angle[n] % 360
        flip = 90 < rot < 270
        ax.annotate(
            _short(name, 26) + (" †" if status == "discontinued" else ""),
            xy=(x, y),
            xytext=(7 * math.cos(math.radians(rot)), 7 * math.sin(math.radians(rot))),
            textcoords="offset points",
            rotation=rot + 180 if flip else rot,
            rotation_mode="anchor",
            ha="right" if flip else "left",
            va="center",
            fontsize=SMALL_TEXT,
            zorder=5,
            color=text_colour(status),
        ).set_gid(f"label-{n}")

    drawn = [k for k in KIND_COLOUR if any(graph.nodes[n].get("kind") == k for n in pos)]
    handles, names = kind_legend(drawn, options.lang)
    for key in [k for k in RELATION_STYLE if k in relation_names]:
        handles.append(Line2D([], [], **RELATION_STYLE[key]))
        names.append(relation_names[key])
    bottom_legend(fig, handles, names, ncol=min(len(names), 7), y=0.005)
    label = _node_label(graph, center)
    radius = graph.graph.get("radius", 1)
    figure_title(fig, size, options, "ego", inset=0.3, center=label, radius=radius)
    del canvas
    return fig


def _node_label(graph: nx.MultiDiGraph[str], node: str) -> str:
    return str(graph.nodes[node].get("label") or node)

"""The column maps: people | frameworks | organizations, and frameworks | languages.

Columns are ordered by barycentre sweeps (:func:`order_columns`, shared with the
HTML view) to reduce crossings; relations are drawn as curves between columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fwgraph.draw.common import bottom_legend, figure_title, kind_legend, marker, new_figure
from fwgraph.draw.labels import label_node, nudge
from fwgraph.layout.graphs import COLUMNS, order_columns
from fwgraph.layout.measure import status_at, text_width
from fwgraph.layout.style import KIND_COLOUR
from fwgraph.layout.text import TEXT

if TYPE_CHECKING:
    import networkx as nx

    from fwgraph.draw.common import FigureOptions

__all__ = ["COLUMNS", "draw_columns", "order_columns"]


def draw_columns(  # noqa: PLR0912, PLR0915 - one figure, drawn top to bottom
    graph: nx.MultiDiGraph[str], view: str, options: FigureOptions
) -> Any:
    """Draw an ``organizations`` or ``languages`` view: columns joined by curves."""
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import PathPatch  # noqa: PLC0415
    from matplotlib.path import Path as MplPath  # noqa: PLC0415

    text, year = options.text, options.year
    kinds = COLUMNS[view]
    nodes = sorted(graph.nodes)
    degree = dict(graph.degree())
    columns = [
        sorted(
            (
                n
                for n in nodes
                if graph.nodes[n].get("kind") in k and (degree[n] or k == ("framework",))
            ),
            key=lambda n: (graph.nodes[n].get("year") or 9999, n),
        )
        for k in kinds
    ]
    columns = order_columns(graph, columns)
    label = {n: str(graph.nodes[n].get("label") or n) for n in nodes}
    widths = [max((text_width(label[n]) for n in col), default=1.0) for col in columns]
    gap = 2.6 if len(columns) > 2 else 3.4  # inches between columns, room for the curves
    xs: list[float] = []
    x = 0.3 + widths[0] + 0.15
    for i in range(len(columns)):
        xs.append(x)
        x += gap + (widths[i] if 0 < i < len(columns) - 1 else 0)
        if i + 1 < len(columns) - 1:
            x += widths[i + 1] / 2
    if len(columns) > 2:  # the middle column is drawn centred on its x
        xs[1] = xs[0] + gap + widths[1] / 2
        xs[2] = xs[1] + widths[1] / 2 + gap
    width = xs[-1] + 0.15 + widths[-1] + 0.3
    if width < 10.0:  # centre narrow maps and leave room for the legend
        xs = [x + (10.0 - width) / 2 for x in xs]
        width = 10.0
    tallest = max(len(col) for col in columns)
    step = 0.24
    height = tallest * step + 1.9
    size = options.figsize or (width, height)
    fig, canvas = new_figure(size)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, size[0])
    ax.set_ylim(0, size[1])
    ax.axis("off")
    top, bottom = size[1] - 1.0, 0.9
    y: dict[str, float] = {}
    pos: dict[str, tuple[float, float]] = {}
    for col, cx in zip(columns, xs, strict=True):
        for i, n in enumerate(col):
            y[n] = top - (i + 0.5) * (top - bottom) / len(col)
            pos[n] = (cx, y[n])

    pair_relations: dict[tuple[str, str], set[str]] = {}
    for u, v, key in graph.edges(keys=True):
        if u in pos and v in pos:
            pair_relations.setdefault((u, v), set()).add(key)
    styles = _column_styles(view, text)
    for (a, b), relations in sorted(pair_relations.items()):
        u, v = (b, a) if pos[a][0] > pos[b][0] else (a, b)
        style_key = "both" if len(relations) > 1 else next(iter(relations))
        style = dict(styles.get(style_key, styles["default"])[1])
        style["edgecolor"] = style.pop("color")
        (x0, y0), (x1, y1) = pos[u], pos[v]
        x0 += _half(u, label, len(columns) > 2 and x0 == xs[1])
        x1 -= _half(v, label, len(columns) > 2 and x1 == xs[1])
        mid = (x1 - x0) / 2
        path = MplPath(
            [(x0, y0), (x0 + mid, y0), (x1 - mid, y1), (x1, y1)],
            [MplPath.MOVETO, MplPath.CURVE4, MplPath.CURVE4, MplPath.CURVE4],
        )
        ax.add_patch(PathPatch(path, facecolor="none", zorder=1, **style))

    texts = []
    for c, (col, cx) in enumerate(zip(columns, xs, strict=True)):
        for n in col:
            attrs = graph.nodes[n]
            kind = str(attrs.get("kind"))
            status = status_at(attrs, year) if kind == "framework" else "active"
            colour = KIND_COLOUR.get(kind, "#555555")
            ha, dx = ("right", -6) if c == 0 else ("left", 6)
            if len(columns) > 2 and c == 1:
                ha, dx = "center", 0
            else:
                marker(ax, cx, y[n], colour, status, size=6)
            name = label[n] + (" †" if status == "discontinued" else "")
            box = {
                "boxstyle": "round,pad=0.2",
                "facecolor": "white",
                "edgecolor": colour if ha == "center" else "none",
                "linewidth": 0.8,
            }
            texts.append(label_node(ax, n, name, (cx, y[n]), status, dx=dx, ha=ha, bbox=box))
    handles = [Line2D([], [], **style) for name, style in styles.values() if name]
    names = [name for name, _ in styles.values() if name]
    present = {str(graph.nodes[n].get("kind")) for col in columns for n in col}
    kind_handles, kind_names = kind_legend(sorted(present), options.lang)
    handles += kind_handles
    names += kind_names
    bottom_legend(fig, handles, names, ncol=min(len(names), int(size[0] // 2.4)), y=0.01)
    figure_title(fig, size, options, view, inset=0.35)
    nudge(canvas, ax, texts)
    return fig


def _half(n: str, label: dict[str, str], centred: bool) -> float:
    return text_width(label[n]) / 2 + 0.05 if centred else 0.06


def _column_styles(view: str, text: dict[str, str]) -> dict[str, tuple[str, dict[str, Any]]]:
    if view == "languages":
        return {
            "both": (text["core_api"], {"color": "#6a3d9a", "linewidth": 1.1, "alpha": 0.6}),
            "implementedIn": (
                text["implementedIn"],
                {"color": "#e07b00", "linewidth": 1.0, "alpha": 0.6},
            ),
            "apiLanguage": (
                text["apiLanguage"],
                {"color": "#1f77b4", "linewidth": 0.9, "alpha": 0.55, "linestyle": (0, (4, 2))},
            ),
            "default": ("", {"color": "#999999", "linewidth": 0.8, "alpha": 0.5}),
        }
    names = {
        "en": ("developed by", "created by", "affiliation", "created and developed by"),
        "ko": ("개발", "창시", "소속", "창시·개발"),
    }
    dev, created, aff, both = names["ko" if text is TEXT["ko"] else "en"]
    return {
        "both": (both, {"color": "#8c564b", "linewidth": 1.1, "alpha": 0.65}),
        "developedBy": (dev, {"color": "#e07b00", "linewidth": 1.0, "alpha": 0.6}),
        "createdBy": (created, {"color": "#2ca02c", "linewidth": 1.0, "alpha": 0.6}),
        "affiliation": (
            aff,
            {"color": "#7f7f7f", "linewidth": 0.9, "alpha": 0.5, "linestyle": (0, (1, 2))},
        ),
        "default": ("", {"color": "#999999", "linewidth": 0.8, "alpha": 0.5}),
    }

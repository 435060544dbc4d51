"""The lineage figure: lanes, time axis, arrows between frameworks, status markers, legend.

The positions come from :func:`~fwgraph.layout.lineage.lineage_layout`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fwgraph.draw.common import FigureOptions, bottom_legend, heading, marker, new_figure
from fwgraph.draw.labels import label_node, nudge
from fwgraph.layout.lineage import MARGINS, ROW, lineage_layout
from fwgraph.layout.measure import SMALL_TEXT, relation_ended, status_at
from fwgraph.layout.style import DEFAULT_RELATION_STYLE, RELATION_STYLE

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["draw_lineage"]

_LABEL_BOX = {
    "boxstyle": "round,pad=0.12",
    "facecolor": "white",
    "edgecolor": "none",
    "alpha": 0.85,
}


def draw_lineage(  # noqa: PLR0915 - one figure, drawn top to bottom
    graph: nx.MultiDiGraph[str], options: FigureOptions
) -> Any:
    """Draw a ``lineage`` view: families in lanes, each arrow read as its relation."""
    text, lang, year, figsize = options.text, options.lang, options.year, options.figsize
    layout = lineage_layout(graph, as_of=year, lang=lang)
    if figsize is not None:  # rescale the axes to the requested size, then lay out again
        span = layout.x_range[1] - layout.x_range[0]
        inner_w = max(figsize[0] - MARGINS["left"] - MARGINS["right"], 1.0)
        rows = (layout.size[1] - MARGINS["top"] - MARGINS["bottom"]) / ROW
        inner_h = max(figsize[1] - MARGINS["top"] - MARGINS["bottom"], 1.0)
        layout = lineage_layout(
            graph, as_of=year, lang=lang, inch_per_year=inner_w / span, row_height=inner_h / rows
        )
    width, height = figsize or layout.size
    fig, canvas = new_figure((width, height))
    ax = fig.add_axes(
        (
            MARGINS["left"] / width,
            MARGINS["bottom"] / height,
            1 - (MARGINS["left"] + MARGINS["right"]) / width,
            1 - (MARGINS["top"] + MARGINS["bottom"]) / height,
        )
    )
    rows_total = max(lane.top + lane.rows for lane in layout.lanes) if layout.lanes else 1
    ax.set_xlim(*layout.x_range)
    ax.set_ylim(rows_total - 0.4, -0.7)
    first, last = layout.years
    ticks = [y + 0.5 for y in range(first, last + 1)]
    labels = [str(y) for y in range(first, last + 1)]
    if layout.unknown_x is not None:
        ticks.append(layout.unknown_x)
        labels.append("?")
        ax.axvline(last + 1.25, color="#bbbbbb", linewidth=0.8, linestyle=(0, (4, 3)))
        ax.text(
            layout.unknown_x,
            -0.6,
            text["unknown"],
            ha="left",
            va="top",
            fontsize=SMALL_TEXT,
            color="#666666",
        )
    ax.set_xticks(ticks, labels)
    ax.set_xticks(range(first, last + 2), minor=True)
    ax.tick_params(axis="x", which="major", length=0, labelsize=SMALL_TEXT)
    ax.tick_params(axis="x", which="minor", length=4)
    ax.grid(axis="x", which="minor", color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(text["year"], fontsize=SMALL_TEXT, color="#555555")

    colour_of: dict[str, str] = {}
    for index, lane in enumerate(layout.lanes):
        if index % 2 == 0:
            ax.axhspan(lane.top - 0.45, lane.top + lane.rows - 0.55, color="#f4f6f9", zorder=0)
        ax.annotate(
            lane.title,
            xy=(0, lane.top),
            xycoords=("axes fraction", "data"),
            xytext=(-8, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=SMALL_TEXT,
            fontstyle="italic",
            color=lane.colour,
            annotation_clip=False,
        )
        for slug in lane.slugs:
            colour_of[slug] = lane.colour

    pos = layout.positions
    for u, v, key, attrs in sorted(graph.edges(keys=True, data=True)):
        if u not in pos or v not in pos:
            continue
        # An arrow reads as its relation, subject → object: Keras → TensorFlow is
        # "Keras built on TensorFlow", Caffe2 → PyTorch "Caffe2 merged into PyTorch".
        _arrow(
            ax,
            pos[u],
            pos[v],
            key,
            ended=relation_ended(attrs, year),
            rad=layout.routes.get((u, v, key), 0.12),
        )

    texts = {}
    for slug, (x, y) in sorted(pos.items()):
        status = status_at(graph.nodes[slug], year)
        colour = colour_of.get(slug, "#7f7f7f")
        marker(ax, x, y, colour, status, size=7.5)
        texts[slug] = label_node(
            ax, slug, layout.labels[slug], (x, y), status, dx=7, ha="left", bbox=_LABEL_BOX
        )
    _lineage_legend(fig, text, graph)
    note = ""
    if layout.left_out:
        note = "\n" + text["left_out"].format(n=len(layout.left_out))
    ax.set_title(
        options.title or heading(text, "lineage", year) + note, fontsize=13, loc="left", pad=14
    )
    nudge(canvas, ax, list(texts.values()))
    return fig


def _arrow(
    ax: Any,
    start: tuple[float, float],
    end: tuple[float, float],
    relation: str,
    *,
    ended: bool,
    rad: float,
) -> None:
    from matplotlib.patches import FancyArrowPatch  # noqa: PLC0415

    style = RELATION_STYLE.get(relation, DEFAULT_RELATION_STYLE)
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=9,
            shrinkA=5,
            shrinkB=5,
            connectionstyle=f"arc3,rad={rad}",
            alpha=0.35 if ended else 0.85,
            zorder=2,
            **style,
        )
    )


def _lineage_legend(fig: Any, text: dict[str, str], graph: nx.MultiDiGraph[str]) -> None:
    from matplotlib.lines import Line2D  # noqa: PLC0415

    handles, names = [], []
    relation_labels = {k: a.get("label", k) for _, _, k, a in graph.edges(keys=True, data=True)}
    for relation, style in RELATION_STYLE.items():
        handles.append(Line2D([], [], **style))
        names.append(str(relation_labels.get(relation) or relation))
    handles.append(Line2D([], [], color="#3a3a3a", alpha=0.35, linewidth=1.2))
    names.append(text["ended"])
    grey = "#555555"
    handles += [
        Line2D([], [], marker="o", linestyle="", color=grey, markersize=7),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            fillstyle="bottom",
            color=grey,
            markerfacecoloralt="white",
            markersize=7,
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="white",
            markeredgecolor="#8a8a8a",
            markeredgewidth=1.4,
            markersize=7,
        ),
        Line2D([], [], marker="D", linestyle="", color=grey, alpha=0.6, markersize=5.6),
    ]
    names += [text["active"], text["maintenance"], text["discontinued"], text["no_status"]]
    legend = bottom_legend(
        fig,
        handles,
        names,
        ncol=5,
        y=0.01,
        title=text["arrow"],
        title_fontsize=SMALL_TEXT,
        handlelength=3.2,
        columnspacing=1.8,
    )
    legend.set_gid("legend")

"""Node labels: how wide they are, how they are drawn, and keeping them apart.

:func:`text_width` is plain Python (the layouts and the HTML view use it);
the rest works on matplotlib artists it is handed and imports nothing heavy.
"""

from __future__ import annotations

from typing import Any

from fwgraph.layout.measure import FONT_SIZE

__all__ = ["label_node", "label_overlaps", "nudge", "text_colour"]


def text_colour(status: str | None) -> str:
    """Grey for the label of a discontinued framework, near-black otherwise."""
    return "#8a8a8a" if status == "discontinued" else "#1a1a1a"


def label_node(
    ax: Any,
    node: str,
    name: str,
    xy: tuple[float, float],
    status: str | None,
    *,
    dx: float,
    ha: str,
    bbox: dict[str, Any],
) -> Any:
    """Label a node ``dx`` points beside it, with the gid ``label-<node>``."""
    label = ax.annotate(
        name,
        xy=xy,
        xytext=(dx, 0),
        textcoords="offset points",
        ha=ha,
        va="center",
        fontsize=FONT_SIZE,
        zorder=5,
        color=text_colour(status),
        bbox=bbox,
    )
    label.set_gid(f"label-{node}")
    return label


def nudge(canvas: Any, ax: Any, texts: list[Any], rounds: int = 6) -> None:
    """Move labels that the renderer finds overlapping apart, vertically."""
    renderer = canvas.get_renderer()
    for _ in range(rounds):
        boxes = [t.get_window_extent(renderer) for t in texts]
        moved = False
        for i, j in _overlapping(boxes):
            lower = texts[i] if boxes[i].y0 < boxes[j].y0 else texts[j]
            upper = texts[j] if lower is texts[i] else texts[i]
            shift = (min(boxes[i].y1, boxes[j].y1) - max(boxes[i].y0, boxes[j].y0)) / 2 + 1
            for t, sign in ((lower, -1), (upper, 1)):
                dx, dy = t.get_position() if t.get_anncoords() == "offset points" else (0, 0)
                t.set_position((dx, dy + sign * shift * 72 / ax.figure.dpi))
            moved = True
        if not moved:
            return


def _overlapping(boxes: list[Any]) -> list[tuple[int, int]]:
    order = sorted(range(len(boxes)), key=lambda i: boxes[i].x0)
    pairs = []
    for a, i in enumerate(order):
        for j in order[a + 1 :]:
            if boxes[j].x0 >= boxes[i].x1:
                break
            if boxes[i].y0 < boxes[j].y1 and boxes[j].y0 < boxes[i].y1:
                pairs.append((min(i, j), max(i, j)))
    return pairs


def label_overlaps(fig: Any) -> list[tuple[str, str]]:
    """Pairs of node labels (by gid ``label-<slug>``) whose rendered boxes overlap.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure from :func:`~fwgraph.draw.draw`.

    Returns
    -------
    list of (str, str)
        Slugs of overlapping label pairs; empty when every label is clear.
    """
    renderer = fig.canvas.get_renderer()
    texts = [t for ax in fig.axes for t in ax.texts if (t.get_gid() or "").startswith("label-")]
    boxes = [t.get_window_extent(renderer) for t in texts]
    return [(texts[i].get_gid()[6:], texts[j].get_gid()[6:]) for i, j in _overlapping(boxes)]

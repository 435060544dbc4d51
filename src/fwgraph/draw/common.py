r"""What every drawing shares: matplotlib set-up, figures, saving, markers and legends.

matplotlib is imported inside the functions that need it (:func:`require_matplotlib`),
never at module level. The helpers that read the data (which status or period
to show) live in :mod:`fwgraph.layout.measure` and serve the interactive view too.

Labels are text, never markup: mathtext is off (``text.parse_math``), so a
label such as ``$x^2$`` or ``$\frac{`` is drawn as written, and control
characters become spaces (:func:`display_text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fwgraph.layout.measure import FONT_SIZE, SMALL_TEXT
from fwgraph.layout.style import KIND_COLOUR
from fwgraph.layout.text import KIND_KO, TEXT

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "FigureOptions",
    "bottom_legend",
    "display_graph",
    "display_text",
    "figure_title",
    "heading",
    "kind_legend",
    "marker",
    "new_figure",
    "rc",
    "require_matplotlib",
    "save",
]


@dataclass(frozen=True)
class FigureOptions:
    """What :func:`fwgraph.draw.draw` asks of every figure, whatever the view."""

    lang: str
    year: int | None
    figsize: tuple[float, float] | None
    title: str | None

    @property
    def text(self) -> dict[str, str]:
        """The words of the drawing, in its language."""
        return TEXT[self.lang]


def require_matplotlib() -> Any:
    """Import matplotlib, or raise :class:`~fwgraph.errors.MissingDependencyError`."""
    try:
        import matplotlib as mpl  # noqa: PLC0415 - optional, heavy
    except ImportError as exc:
        from fwgraph.errors import MissingDependencyError  # noqa: PLC0415

        raise MissingDependencyError("matplotlib", "draw", "drawing") from exc
    return mpl


def rc(families: list[str]) -> dict[str, Any]:
    """The matplotlib rc settings of every drawing (mathtext off: ``$`` is a dollar)."""
    return {
        "font.family": families,
        "font.size": FONT_SIZE,
        "svg.hashsalt": "fwgraph",
        "axes.unicode_minus": False,
        "text.parse_math": False,
    }


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def display_text(text: str) -> str:
    r"""A label as one line of printable text: control characters become spaces.

    Examples
    --------
    >>> display_text("Ker\x01as\x0c\nv2")
    'Ker as  v2'
    """
    return _SURROGATE.sub("\ufffd", _UNPRINTABLE.sub(" ", text))


def display_graph(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """A copy of a view whose string attributes went through :func:`display_text`."""

    def clean(attrs: dict[str, Any]) -> dict[str, Any]:
        return {k: display_text(v) if isinstance(v, str) else v for k, v in attrs.items()}

    out = graph.__class__()
    out.graph.update(clean(graph.graph))
    out.add_nodes_from((n, clean(a)) for n, a in graph.nodes(data=True))
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **clean(attrs))
    return out


def new_figure(size: tuple[float, float]) -> tuple[Any, Any]:
    """A figure on its own Agg canvas (no ``pyplot``, no global state)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)
    return fig, fig.canvas


def heading(text: dict[str, str], key: str, year: int | None, **fields: Any) -> str:
    """The default title of a view, with "as of" when drawn for a year."""
    out = text[key].format(**fields)
    if year is not None:
        out += " — " + text["as_of"].format(year=year)
    return out


def figure_title(
    fig: Any,
    size: tuple[float, float],
    options: FigureOptions,
    key: str,
    *,
    inset: float,
    **fields: Any,
) -> None:
    """Write ``options.title``, or the default :func:`heading`, at the top left.

    The title sits ``inset`` inches below the top; ``key`` and ``fields`` pick
    and fill the default.
    """
    title = options.title or heading(options.text, key, options.year, **fields)
    fig.text(0.02, 1 - inset / size[1], title, fontsize=13, va="top", ha="left", gid="title")


def save(fig: Any, output: str | Path, fmt: str) -> None:
    """Save a figure reproducibly (no dates, fixed SVG ids)."""
    mpl = require_matplotlib()
    metadata: dict[str, Any] = {"png": {"Software": None}, "svg": {"Date": None}}.get(fmt, {})
    if fmt == "pdf":
        metadata = {"CreationDate": None, "ModDate": None}
    with mpl.rc_context({"svg.hashsalt": "fwgraph", "svg.fonttype": "path"}):
        fig.savefig(output, format=fmt, metadata=metadata, dpi=150)


# ---------------------------------------------------------------------- nodes and legends


def marker(ax: Any, x: float, y: float, colour: str, status: str | None, *, size: float) -> None:
    """Draw a node: filled when active, half when in maintenance, hollow when discontinued."""
    style: dict[str, Any]
    if status == "discontinued":
        style = {"markerfacecolor": "white", "markeredgecolor": "#8a8a8a", "markeredgewidth": 1.4}
    elif status == "maintenance":
        style = {
            "fillstyle": "bottom",
            "markerfacecolor": colour,
            "markerfacecoloralt": "white",
            "markeredgecolor": colour,
            "markeredgewidth": 1.2,
        }
    elif status == "active":
        style = {"color": colour, "markeredgecolor": "white", "markeredgewidth": 0.6}
    else:  # status not recorded
        ax.plot([x], [y], "D", markersize=size * 0.8, color=colour, alpha=0.6, zorder=4)
        return
    ax.plot([x], [y], "o", markersize=size, zorder=4, **style)


def kind_legend(kinds: Iterable[str], lang: str) -> tuple[list[Any], list[str]]:
    """Legend handles and names for the kinds of node drawn, in the given order."""
    from matplotlib.lines import Line2D  # noqa: PLC0415

    kinds = list(kinds)
    handles = [Line2D([], [], marker="o", linestyle="", color=KIND_COLOUR[k]) for k in kinds]
    return handles, [k if lang == "en" else KIND_KO.get(k, k) for k in kinds]


def bottom_legend(
    fig: Any, handles: list[Any], names: list[str], *, ncol: int, y: float, **options: Any
) -> Any:
    """A frameless legend centred at the bottom of the figure."""
    return fig.legend(
        handles,
        names,
        loc="lower center",
        ncol=ncol,
        frameon=False,
        fontsize=SMALL_TEXT,
        bbox_to_anchor=(0.5, y),
        **options,
    )

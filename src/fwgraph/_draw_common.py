"""What every drawing shares: matplotlib set-up, figures, saving, markers and legends.

matplotlib is imported inside the functions that need it (:func:`require_matplotlib`),
never at module level. The helpers that read the data (:func:`status_at`,
:func:`relation_ended`, :func:`period`) are plain Python and serve the
interactive HTML view too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fwgraph._draw_text import KIND_KO, TEXT

__all__ = [
    "DRAW_VIEWS",
    "FONT_SIZE",
    "KIND_COLOUR",
    "RELATION_STYLE",
    "FigureOptions",
    "bottom_legend",
    "check_view",
    "figure_title",
    "heading",
    "kind_legend",
    "marker",
    "new_figure",
    "period",
    "rc",
    "relation_ended",
    "require_matplotlib",
    "save",
    "status_at",
    "year_of",
]

DRAW_VIEWS = ("lineage", "organizations", "languages", "ego")

FONT_SIZE = 9.0
RELATION_STYLE: dict[str, dict[str, Any]] = {
    "builtOn": {"color": "#3a3a3a", "linestyle": "-", "linewidth": 1.2},
    "derivedFrom": {"color": "#1f5fa8", "linestyle": (0, (5, 3)), "linewidth": 1.4},
    "mergedInto": {"color": "#c0392b", "linestyle": (0, (6, 2, 1, 2)), "linewidth": 1.6},
    "influencedBy": {"color": "#9a9a9a", "linestyle": (0, (1, 2)), "linewidth": 1.0},
}
KIND_COLOUR = {
    "framework": "#1f77b4",
    "organization": "#ff7f0e",
    "person": "#2ca02c",
    "language": "#9467bd",
    "feature": "#17becf",
    "hardware": "#8c564b",
    "platform": "#e377c2",
    "domain": "#bcbd22",
    "claim": "#9a9a9a",
}


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


def check_view(view: str, purpose: str) -> None:
    """Raise :class:`ValueError` unless ``view`` is one of :data:`DRAW_VIEWS`."""
    if view not in DRAW_VIEWS:
        msg = f"unknown view {view!r} for {purpose}: use one of {', '.join(DRAW_VIEWS)}"
        raise ValueError(msg)


def year_of(as_of: int | dt.date | None) -> int | None:
    """The year of an ``as_of`` argument."""
    return as_of.year if isinstance(as_of, dt.date) else as_of


# ---------------------------------------------------------------------- reading the data


def status_at(attrs: dict[str, Any], as_of: int | None) -> str | None:
    """The status to draw: today's, or the one implied at ``as_of``."""
    status = attrs.get("status")
    ended = attrs.get("discontinued")
    if as_of is not None and status == "discontinued" and ended and int(ended) > as_of:
        return "active"
    return str(status) if status else None


def relation_ended(attrs: dict[str, Any], as_of: int | None) -> bool:
    """Whether an edge's relation had ended by ``as_of`` (by today when ``None``).

    Examples
    --------
    >>> relation_ended({"valid_until": "2020"}, 2018), relation_ended({"valid_until": "2020"}, None)
    (False, True)
    """
    until = attrs.get("valid_until")
    if not until:
        return False
    return int(str(until)[:4]) < (as_of if as_of is not None else dt.date.today().year)


def period(attrs: dict[str, Any]) -> str:
    """An edge's period as years, ``"2015–2019"``, or ``""`` when none is recorded."""
    if attrs.get("periods"):
        spans = [p.split("/") for p in str(attrs["periods"]).split(";")]
        return ", ".join(f"{a[:4]}–{b[:4]}" for a, b in spans)
    start, end = attrs.get("valid_from"), attrs.get("valid_until")
    if not start and not end:
        return ""
    return f"{str(start or '')[:4]}–{str(end or '')[:4]}"


# ---------------------------------------------------------------------- figures


def require_matplotlib() -> Any:
    """Import matplotlib, or raise :class:`~fwgraph.errors.MissingDependencyError`."""
    try:
        import matplotlib as mpl  # noqa: PLC0415 - optional, heavy
    except ImportError as exc:
        from fwgraph.errors import MissingDependencyError  # noqa: PLC0415

        raise MissingDependencyError("matplotlib", "draw", "drawing") from exc
    return mpl


def rc(families: list[str]) -> dict[str, Any]:
    """The matplotlib rc settings of every drawing."""
    return {
        "font.family": families,
        "font.size": FONT_SIZE,
        "svg.hashsalt": "fwgraph",
        "axes.unicode_minus": False,
    }


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
        fontsize=8.5,
        bbox_to_anchor=(0.5, y),
        **options,
    )

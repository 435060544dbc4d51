"""Pictures of the graph with matplotlib: a lineage family tree on a time axis and maps.

Nothing here imports matplotlib at module level: ``import fwgraph`` stays light,
and the layouts (:func:`lineage_layout`) are plain Python, shared with the
interactive HTML view. Figures are built with :class:`matplotlib.figure.Figure`
and an Agg canvas, never with ``pyplot``, so drawing touches no global state.

Views
-----
``lineage``
    Frameworks at their first release (x = year, by month when known), in one
    horizontal lane per family (a connected component of ``builtOn``,
    ``derivedFrom`` and ``mergedInto``; ``influencedBy`` is drawn but does not
    make a family). Frameworks with no lineage link share the last lane.
    Frameworks without a release year go in a separate "year unknown" column
    at the right, so the families stay whole. Arrows point from the older
    framework to the newer one.
``organizations``, ``languages``
    Columns (people | frameworks | organizations, or frameworks | languages),
    ordered to reduce crossings.
``ego``
    ``center`` in the middle, its neighbours on an inner ring (ordered by kind
    and by the start of the relation), their neighbours on an outer ring; the
    centre's edges are labelled with the relation and its period.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fwgraph._fonts import font_families

if TYPE_CHECKING:
    import networkx as nx

    from fwgraph.graph import KnowledgeGraph

__all__ = [
    "DRAW_VIEWS",
    "Lane",
    "LineageLayout",
    "draw",
    "label_overlaps",
    "lineage_layout",
    "primary_parents",
    "relation_ended",
    "release_x",
    "save",
    "status_at",
    "text_width",
]

DRAW_VIEWS = ("lineage", "organizations", "languages", "ego")

FONT_SIZE = 9.0
_ROW = 0.30  # inches per sub-row in the lineage view
_LANE_GAP = 0.55  # extra rows between lanes
_INCH_PER_YEAR = 1.0
_MARGINS = {"left": 1.7, "right": 0.3, "top": 0.8, "bottom": 1.35}  # inches around the axes
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
_RELATION_STYLE: dict[str, dict[str, Any]] = {
    "builtOn": {"color": "#3a3a3a", "linestyle": "-", "linewidth": 1.2},
    "derivedFrom": {"color": "#1f5fa8", "linestyle": (0, (5, 3)), "linewidth": 1.4},
    "mergedInto": {"color": "#c0392b", "linestyle": (0, (6, 2, 1, 2)), "linewidth": 1.6},
    "influencedBy": {"color": "#9a9a9a", "linestyle": (0, (1, 2)), "linewidth": 1.0},
}
_KIND_COLOUR = {
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
_TEXT = {
    "en": {
        "lineage": "Lineage of deep-learning frameworks",
        "organizations": "Who builds which framework",
        "languages": "Languages of deep-learning frameworks",
        "ego": "{center} and its neighbourhood (radius {radius})",
        "as_of": "as of {year}",
        "family": "{name} family",
        "independent": "other frameworks",
        "unknown": "year\nunknown",
        "left_out": "{n} without a release year left out",
        "year": "first release",
        "active": "active",
        "maintenance": "maintenance",
        "discontinued": "discontinued (†year)",
        "no_status": "status not recorded",
        "ended": "relation ended",
        "arrow": "arrows: older → newer",
        "core_api": "implemented in + API",
        "implementedIn": "implemented in",
        "apiLanguage": "API language only",
    },
    "ko": {
        "lineage": "딥러닝 프레임워크 계보",
        "organizations": "프레임워크를 만드는 조직과 사람",
        "languages": "딥러닝 프레임워크의 언어",
        "ego": "{center} 주변 관계 (반경 {radius})",
        "as_of": "{year}년 기준",
        "family": "{name} 계열",
        "independent": "기타 프레임워크",
        "unknown": "출시 연도\n미상",
        "left_out": "출시 연도 미상 {n}개 제외",
        "year": "최초 공개",
        "active": "활발히 개발 중",
        "maintenance": "유지 보수",
        "discontinued": "개발 중단 (†연도)",
        "no_status": "상태 기록 없음",
        "ended": "끝난 관계",
        "arrow": "화살표: 먼저 나온 것 → 나중 것",
        "core_api": "구현 언어 + API",
        "implementedIn": "구현 언어",
        "apiLanguage": "API 언어만",
    },
}


# ---------------------------------------------------------------------- text size


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimate the width of a label in inches, erring on the wide side.

    Parameters
    ----------
    text : str
        The label (Latin or Hangul).
    size : float
        Font size in points.

    Returns
    -------
    float
        Width in inches; DejaVu Sans and NanumGothic come out narrower.

    Examples
    --------
    >>> round(text_width("TensorFlow"), 2)
    0.83
    >>> text_width("텐서플로") > text_width("abcd")
    True
    """
    em = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            em += 1.0
        elif ch in " .,:;'|!ilIjft()[]-":
            em += 0.4
        elif ch.isupper() or ch in "mwMW@%&—":
            em += 0.8
        else:
            em += 0.64
    return em * size / 72.0


# ---------------------------------------------------------------------- lineage layout


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
    """

    positions: dict[str, tuple[float, float]]
    labels: dict[str, str]
    lanes: tuple[Lane, ...]
    x_range: tuple[float, float]
    years: tuple[int, int]
    unknown_x: float | None
    left_out: tuple[str, ...]
    size: tuple[float, float]


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


def status_at(attrs: dict[str, Any], as_of: int | None) -> str | None:
    """The status to draw: today's, or the one implied at ``as_of``."""
    status = attrs.get("status")
    ended = attrs.get("discontinued")
    if as_of is not None and status == "discontinued" and ended and int(ended) > as_of:
        return "active"
    return str(status) if status else None


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
    row_height: float = _ROW,
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
    text = _TEXT.get(lang, _TEXT["en"])
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
    width = (x_hi - x_lo) * inch_per_year + _MARGINS["left"] + _MARGINS["right"]
    height = (rows_total + 0.6) * row_height + _MARGINS["top"] + _MARGINS["bottom"]
    return LineageLayout(
        positions=positions,
        labels=labels,
        lanes=tuple(lanes),
        x_range=(x_lo, x_hi),
        years=(first, last),
        unknown_x=unknown_x,
        left_out=tuple(left_out),
        size=(round(width, 2), round(height, 2)),
    )


# ---------------------------------------------------------------------- public entry


def draw(
    kg: KnowledgeGraph,
    view: str = "lineage",
    *,
    output: str | Path | None = None,
    lang: str = "en",
    as_of: int | dt.date | None = None,
    center: str | None = None,
    radius: int = 2,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> Any:
    """Draw a view of the graph with matplotlib.

    Parameters
    ----------
    kg : KnowledgeGraph
        The graph (:func:`fwgraph.load`).
    view : {"lineage", "organizations", "languages", "ego"}
        What to draw (see the module docstring).
    output : str or pathlib.Path, optional
        Also save the figure there; the suffix picks the format
        (``.png``, ``.svg``, ``.pdf``).
    lang : {"en", "ko"}
        Label language; Korean falls back to English where there is no Korean
        name and renders Hangul with NanumGothic.
    as_of : int or datetime.date, optional
        Only relations that held then and, in ``lineage``, only frameworks
        released by then.
    center : str, optional
        Framework (or any resource) at the middle of the ``ego`` view.
    radius : int
        Steps from ``center`` in the ``ego`` view.
    figsize : (float, float), optional
        Figure size in inches; by default it grows with the content.
    title : str, optional
        Replaces the default title.

    Returns
    -------
    matplotlib.figure.Figure
        Displays itself in notebooks.

    Raises
    ------
    ValueError
        For an unknown view or language, or ``ego`` without ``center``.
    fwgraph.formats.UnsupportedFormatError
        If ``output`` has a suffix other than ``.png``, ``.svg`` or ``.pdf``.
    MissingDependencyError
        If matplotlib, or for ``lang="ko"`` a Hangul font, is not installed.

    Examples
    --------
    >>> import fwgraph
    >>> from fwgraph.draw import draw
    >>> fig = draw(fwgraph.load(), "ego", center="keras", radius=1)
    >>> type(fig).__name__
    'Figure'

    """
    from fwgraph.formats import check_image_suffix  # noqa: PLC0415 - avoid an import cycle

    if view not in DRAW_VIEWS:
        msg = f"unknown view {view!r} for draw: use one of {', '.join(DRAW_VIEWS)}"
        raise ValueError(msg)
    if lang not in _TEXT:
        msg = f"unknown language {lang!r}: use 'en' or 'ko'"
        raise ValueError(msg)
    if view == "ego" and not center:
        msg = "the ego view needs center='<framework>' (e.g. center='keras')"
        raise ValueError(msg)
    fmt = check_image_suffix(output) if output is not None else None
    mpl = _require_matplotlib()
    families = font_families(lang)
    year = as_of.year if isinstance(as_of, dt.date) else as_of
    with mpl.rc_context(_rc(families)):
        if view == "lineage":
            graph = kg.to_networkx("lineage", lang=lang, as_of=as_of)
            fig = _draw_lineage(graph, lang=lang, year=year, figsize=figsize, title=title)
        elif view == "ego":
            graph = kg.to_networkx("ego", center=center, radius=radius, lang=lang, as_of=as_of)
            fig = _draw_ego(graph, lang=lang, year=year, figsize=figsize, title=title)
        else:
            graph = kg.to_networkx(view, lang=lang, as_of=as_of)
            fig = _draw_columns(graph, view, lang=lang, year=year, figsize=figsize, title=title)
        if output is not None and fmt is not None:
            save(fig, output, fmt)
    return fig


def save(fig: Any, output: str | Path, fmt: str) -> None:
    """Save a figure reproducibly (no dates, fixed SVG ids)."""
    mpl = _require_matplotlib()
    metadata: dict[str, Any] = {"png": {"Software": None}, "svg": {"Date": None}}.get(fmt, {})
    if fmt == "pdf":
        metadata = {"CreationDate": None, "ModDate": None}
    with mpl.rc_context({"svg.hashsalt": "fwgraph", "svg.fonttype": "path"}):
        fig.savefig(output, format=fmt, metadata=metadata, dpi=150)


def _require_matplotlib() -> Any:
    try:
        import matplotlib as mpl  # noqa: PLC0415 - optional, heavy
    except ImportError as exc:
        from fwgraph.errors import MissingDependencyError  # noqa: PLC0415

        raise MissingDependencyError("matplotlib", "draw", "drawing") from exc
    return mpl


def _rc(families: list[str]) -> dict[str, Any]:
    return {
        "font.family": families,
        "font.size": FONT_SIZE,
        "svg.hashsalt": "fwgraph",
        "axes.unicode_minus": False,
    }


def _new_figure(size: tuple[float, float]) -> tuple[Any, Any]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)
    return fig, fig.canvas


def _title(text: dict[str, str], key: str, year: int | None, **fields: Any) -> str:
    out = text[key].format(**fields)
    if year is not None:
        out += " — " + text["as_of"].format(year=year)
    return out


# ---------------------------------------------------------------------- lineage drawing


def _draw_lineage(  # noqa: PLR0915 - one figure, drawn top to bottom
    graph: nx.MultiDiGraph[str],
    *,
    lang: str,
    year: int | None,
    figsize: tuple[float, float] | None,
    title: str | None,
) -> Any:
    text = _TEXT[lang]
    layout = lineage_layout(graph, as_of=year, lang=lang)
    if figsize is not None:  # rescale the axes to the requested size, then lay out again
        span = layout.x_range[1] - layout.x_range[0]
        inner_w = max(figsize[0] - _MARGINS["left"] - _MARGINS["right"], 1.0)
        rows = (layout.size[1] - _MARGINS["top"] - _MARGINS["bottom"]) / _ROW
        inner_h = max(figsize[1] - _MARGINS["top"] - _MARGINS["bottom"], 1.0)
        layout = lineage_layout(
            graph, as_of=year, lang=lang, inch_per_year=inner_w / span, row_height=inner_h / rows
        )
    width, height = figsize or layout.size
    fig, canvas = _new_figure((width, height))
    ax = fig.add_axes(
        (
            _MARGINS["left"] / width,
            _MARGINS["bottom"] / height,
            1 - (_MARGINS["left"] + _MARGINS["right"]) / width,
            1 - (_MARGINS["top"] + _MARGINS["bottom"]) / height,
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
            fontsize=7.5,
            color="#666666",
        )
    ax.set_xticks(ticks, labels)
    ax.set_xticks(range(first, last + 2), minor=True)
    ax.tick_params(axis="x", which="major", length=0, labelsize=8.5)
    ax.tick_params(axis="x", which="minor", length=4)
    ax.grid(axis="x", which="minor", color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(text["year"], fontsize=8.5, color="#555555")

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
            fontsize=8.5,
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
        older, newer = (u, v) if key == "mergedInto" else (v, u)
        _arrow(
            ax,
            pos[older],
            pos[newer],
            key,
            ended=relation_ended(attrs, year),
            inch_per_year=_inch_per_year(ax, fig),
        )

    texts = {}
    for slug, (x, y) in sorted(pos.items()):
        status = status_at(graph.nodes[slug], year)
        colour = colour_of.get(slug, "#7f7f7f")
        _marker(ax, x, y, colour, status, size=7.5)
        texts[slug] = ax.annotate(
            layout.labels[slug],
            xy=(x, y),
            xytext=(7, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=FONT_SIZE,
            zorder=5,
            color="#8a8a8a" if status == "discontinued" else "#1a1a1a",
            bbox={
                "boxstyle": "round,pad=0.12",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.85,
            },
        )
        texts[slug].set_gid(f"label-{slug}")
    _lineage_legend(fig, text, graph)
    note = ""
    if layout.left_out:
        note = "\n" + text["left_out"].format(n=len(layout.left_out))
    ax.set_title(title or _title(text, "lineage", year) + note, fontsize=13, loc="left", pad=14)
    _nudge(canvas, ax, list(texts.values()))
    return fig


def _inch_per_year(ax: Any, fig: Any) -> float:
    x0, x1 = ax.get_xlim()
    return float(ax.get_position().width * fig.get_figwidth() / (x1 - x0))


def _arrow(
    ax: Any,
    start: tuple[float, float],
    end: tuple[float, float],
    relation: str,
    *,
    ended: bool,
    inch_per_year: float,
) -> None:
    from matplotlib.patches import FancyArrowPatch  # noqa: PLC0415

    style = _RELATION_STYLE.get(relation, _RELATION_STYLE["builtOn"])
    dx = (end[0] - start[0]) * inch_per_year
    dy = (end[1] - start[1]) * _ROW
    dist = math.hypot(dx, dy) or 1.0
    rad = min(0.35, 0.22 / dist) if start[1] == end[1] else 0.12
    if relation == "influencedBy":
        rad = -rad
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


def _marker(ax: Any, x: float, y: float, colour: str, status: str | None, *, size: float) -> None:
    if status == "discontinued":
        ax.plot(
            [x],
            [y],
            "o",
            markersize=size,
            markerfacecolor="white",
            markeredgecolor="#8a8a8a",
            markeredgewidth=1.4,
            zorder=4,
        )
    elif status == "maintenance":
        ax.plot(
            [x],
            [y],
            "o",
            markersize=size,
            fillstyle="bottom",
            markerfacecolor=colour,
            markerfacecoloralt="white",
            markeredgecolor=colour,
            markeredgewidth=1.2,
            zorder=4,
        )
    elif status == "active":
        ax.plot(
            [x],
            [y],
            "o",
            markersize=size,
            color=colour,
            markeredgecolor="white",
            markeredgewidth=0.6,
            zorder=4,
        )
    else:
        ax.plot([x], [y], "D", markersize=size * 0.8, color=colour, alpha=0.6, zorder=4)


def _lineage_legend(fig: Any, text: dict[str, str], graph: nx.MultiDiGraph[str]) -> None:
    from matplotlib.lines import Line2D  # noqa: PLC0415

    handles, names = [], []
    relation_labels = {k: a.get("label", k) for _, _, k, a in graph.edges(keys=True, data=True)}
    for relation, style in _RELATION_STYLE.items():
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
    legend = fig.legend(
        handles,
        names,
        loc="lower center",
        ncol=5,
        frameon=False,
        fontsize=8.5,
        bbox_to_anchor=(0.5, 0.01),
        title=text["arrow"],
        title_fontsize=8.5,
        handlelength=3.2,
        columnspacing=1.8,
    )
    legend.set_gid("legend")


def _nudge(canvas: Any, ax: Any, texts: list[Any], rounds: int = 6) -> None:
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
        A figure from :func:`draw`.

    Returns
    -------
    list of (str, str)
        Slugs of overlapping label pairs; empty when every label is clear.
    """
    renderer = fig.canvas.get_renderer()
    texts = [t for ax in fig.axes for t in ax.texts if (t.get_gid() or "").startswith("label-")]
    boxes = [t.get_window_extent(renderer) for t in texts]
    return [(texts[i].get_gid()[6:], texts[j].get_gid()[6:]) for i, j in _overlapping(boxes)]


# ---------------------------------------------------------------------- column maps

_COLUMNS = {
    "organizations": (("person",), ("framework",), ("organization",)),
    "languages": (("framework",), ("language",)),
}


def _order_columns(graph: nx.MultiDiGraph[str], columns: list[list[str]]) -> list[list[str]]:
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


def _draw_columns(  # noqa: PLR0912, PLR0915 - one figure, drawn top to bottom
    graph: nx.MultiDiGraph[str],
    view: str,
    *,
    lang: str,
    year: int | None,
    figsize: tuple[float, float] | None,
    title: str | None,
) -> Any:
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import PathPatch  # noqa: PLC0415
    from matplotlib.path import Path as MplPath  # noqa: PLC0415

    text = _TEXT[lang]
    kinds = _COLUMNS[view]
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
    columns = _order_columns(graph, columns)
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
    size = figsize or (width, height)
    fig, canvas = _new_figure(size)
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
            colour = _KIND_COLOUR.get(kind, "#555555")
            ha, dx = ("right", -6) if c == 0 else ("left", 6)
            if len(columns) > 2 and c == 1:
                ha, dx = "center", 0
            else:
                _marker(ax, cx, y[n], colour, status, size=6)
            name = label[n] + (" †" if status == "discontinued" else "")
            t = ax.annotate(
                name,
                xy=(cx, y[n]),
                xytext=(dx, 0),
                textcoords="offset points",
                ha=ha,
                va="center",
                fontsize=FONT_SIZE,
                zorder=5,
                color="#8a8a8a" if status == "discontinued" else "#1a1a1a",
                bbox={
                    "boxstyle": "round,pad=0.2",
                    "facecolor": "white",
                    "edgecolor": colour if ha == "center" else "none",
                    "linewidth": 0.8,
                },
            )
            t.set_gid(f"label-{n}")
            texts.append(t)
    handles = [Line2D([], [], **style) for name, style in styles.values() if name]
    names = [name for name, _ in styles.values() if name]
    present = {str(graph.nodes[n].get("kind")) for col in columns for n in col}
    for kind in sorted(present):
        handles.append(Line2D([], [], marker="o", linestyle="", color=_KIND_COLOUR[kind]))
        names.append(kind if lang == "en" else _KIND_KO.get(kind, kind))
    fig.legend(
        handles,
        names,
        loc="lower center",
        ncol=min(len(names), int(size[0] // 2.4)),
        frameon=False,
        fontsize=8.5,
        bbox_to_anchor=(0.5, 0.01),
    )
    fig.text(
        0.02,
        1 - 0.35 / size[1],
        title or _title(text, view, year),
        fontsize=13,
        va="top",
        ha="left",
        gid="title",
    )
    _nudge(canvas, ax, texts)
    return fig


_KIND_KO = {
    "framework": "프레임워크",
    "organization": "조직",
    "person": "사람",
    "language": "언어",
    "feature": "기능",
    "hardware": "하드웨어",
    "platform": "플랫폼",
    "domain": "분야",
    "claim": "주장",
}


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
    dev, created, aff, both = names["ko" if text is _TEXT["ko"] else "en"]
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


# ---------------------------------------------------------------------- ego


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


def _period(attrs: dict[str, Any]) -> str:
    if attrs.get("periods"):
        spans = [p.split("/") for p in str(attrs["periods"]).split(";")]
        return ", ".join(f"{a[:4]}–{b[:4]}" for a, b in spans)
    start, end = attrs.get("valid_from"), attrs.get("valid_until")
    if not start and not end:
        return ""
    return f"{str(start or '')[:4]}–{str(end or '')[:4]}"


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ring_order(graph: nx.MultiDiGraph[str], ring: Iterable[str], center: str) -> list[str]:
    kinds = list(_KIND_COLOUR)

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


def _draw_ego(  # noqa: PLR0912, PLR0915 - one figure, drawn top to bottom
    graph: nx.MultiDiGraph[str],
    *,
    lang: str,
    year: int | None,
    figsize: tuple[float, float] | None,
    title: str | None,
) -> Any:
    from matplotlib.lines import Line2D  # noqa: PLC0415

    text = _TEXT[lang]
    center = str(graph.graph.get("center"))
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
        (text_width(_short(_node_label(graph, n), 26), 8.5) for n in ring1), default=1.0
    )
    r2 = max(r1 + inner_label + 0.5, len(outer) * 0.17 / (2 * math.pi)) if outer else r1
    pos = {center: (0.0, 0.0)}
    for n in ring1:
        pos[n] = (r1 * math.cos(math.radians(angle[n])), r1 * math.sin(math.radians(angle[n])))
    for n in outer:
        pos[n] = (r2 * math.cos(math.radians(angle[n])), r2 * math.sin(math.radians(angle[n])))
    extent = r2 + 2.3
    size = figsize or (2 * extent, 2 * extent + 0.9)
    fig, canvas = _new_figure(size)
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
        style = dict(_RELATION_STYLE.get(key, {"color": "#5b7fa6", "linewidth": 1.0}))
        style["linestyle"] = style.get("linestyle", "-")
        ended = relation_ended(attrs, year)
        (x1, y1) = pos[other]
        ax.plot([0, x1], [0, y1], alpha=0.4 if ended else 0.9, zorder=2, **style)
        relation_names[key] = str(attrs.get("label") or key)
        period = _period(attrs)
        if key in _RELATION_STYLE or period:
            rot = math.degrees(math.atan2(y1, x1))
            if rot > 90 or rot < -90:
                rot += 180
            ax.text(
                0.55 * x1,
                0.55 * y1,
                f"{'' if u == center else '← '}{attrs.get('label', key)} {period}".strip(),
                rotation=rot,
                rotation_mode="anchor",
                ha="center",
                va="bottom",
                fontsize=7.5,
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
        _marker(ax, x, y, _KIND_COLOUR.get(kind, "#555555"), status, size=size_pt)
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
            fontsize=8.5 if distance[n] == 1 else 7,
            zorder=5,
            color="#8a8a8a" if status == "discontinued" else "#1a1a1a",
        ).set_gid(f"label-{n}")

    handles = [
        Line2D([], [], marker="o", linestyle="", color=_KIND_COLOUR[k])
        for k in _KIND_COLOUR
        if any(graph.nodes[n].get("kind") == k for n in pos)
    ]
    names = [
        k if lang == "en" else _KIND_KO[k]
        for k in _KIND_COLOUR
        if any(graph.nodes[n].get("kind") == k for n in pos)
    ]
    for key in [k for k in _RELATION_STYLE if k in relation_names]:
        handles.append(Line2D([], [], **_RELATION_STYLE[key]))
        names.append(relation_names[key])
    fig.legend(
        handles,
        names,
        loc="lower center",
        ncol=min(len(names), 7),
        frameon=False,
        fontsize=8.5,
        bbox_to_anchor=(0.5, 0.005),
    )
    label = _node_label(graph, center)
    heading = title or _title(text, "ego", year, center=label, radius=graph.graph.get("radius", 1))
    fig.text(0.02, 1 - 0.3 / size[1], heading, fontsize=13, va="top", ha="left", gid="title")
    del canvas
    return fig


def _node_label(graph: nx.MultiDiGraph[str], node: str) -> str:
    return str(graph.nodes[node].get("label") or node)

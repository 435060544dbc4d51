"""Pictures of the graph with matplotlib: a lineage family tree on a time axis and maps.

Nothing here imports matplotlib at module level: ``import fwgraph`` stays light,
and the layouts (:func:`lineage_layout`) are plain Python, shared with the
interactive HTML view. Figures are built with :class:`matplotlib.figure.Figure`
and an Agg canvas, never with ``pyplot``, so drawing touches no global state.

This module is the public face; the work is done in private modules, one
concept each: ``_draw_common`` (matplotlib set-up, figures, saving, markers,
legends), ``_draw_labels`` (label widths and overlaps), ``_draw_lineage_layout``
and ``_draw_lineage`` (the lineage layout and figure), ``_draw_maps`` (the
column maps) and ``_draw_ego`` (the ego figure).

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

from typing import TYPE_CHECKING, Any

from fwgraph._draw_common import (
    DRAW_VIEWS,
    FigureOptions,
    check_view,
    rc,
    relation_ended,
    require_matplotlib,
    save,
    status_at,
    year_of,
)
from fwgraph._draw_ego import draw_ego
from fwgraph._draw_labels import label_overlaps, text_width
from fwgraph._draw_lineage import draw_lineage
from fwgraph._draw_lineage_layout import (
    Lane,
    LineageLayout,
    lineage_layout,
    primary_parents,
    release_x,
)
from fwgraph._draw_maps import draw_columns
from fwgraph._draw_text import TEXT
from fwgraph._fonts import font_families

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

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

    check_view(view, "draw")
    if lang not in TEXT:
        msg = f"unknown language {lang!r}: use 'en' or 'ko'"
        raise ValueError(msg)
    if view == "ego" and not center:
        msg = "the ego view needs center='<framework>' (e.g. center='keras')"
        raise ValueError(msg)
    fmt = check_image_suffix(output) if output is not None else None
    mpl = require_matplotlib()
    families = font_families(lang)
    options = FigureOptions(lang=lang, year=year_of(as_of), figsize=figsize, title=title)
    with mpl.rc_context(rc(families)):
        if view == "lineage":
            graph = kg.to_networkx("lineage", lang=lang, as_of=as_of)
            fig = draw_lineage(graph, options)
        elif view == "ego":
            graph = kg.to_networkx("ego", center=center, radius=radius, lang=lang, as_of=as_of)
            fig = draw_ego(graph, options)
        else:
            graph = kg.to_networkx(view, lang=lang, as_of=as_of)
            fig = draw_columns(graph, view, options)
        if output is not None and fmt is not None:
            save(fig, output, fmt)
    return fig

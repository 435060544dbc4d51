"""Pictures of the graph with matplotlib: a lineage family tree on a time axis and maps.

Nothing here imports matplotlib at module level: ``import fwgraph`` stays light,
and the layouts (:func:`lineage_layout`) are plain Python, shared with the
interactive HTML view. Figures are built with :class:`matplotlib.figure.Figure`
and an Agg canvas, never with ``pyplot``, so drawing touches no global state.

This module is the public face; the work is done in modules of one concept
each: :mod:`fwgraph.draw.common` (matplotlib set-up, figures, saving, markers,
legends), :mod:`fwgraph.draw.labels` (label placement and overlaps),
:mod:`fwgraph.draw.lineage` (the family tree), :mod:`fwgraph.draw.maps` (the
column maps) and :mod:`fwgraph.draw.ego` (the ego figure). Where each node
sits is computed by :mod:`fwgraph.layout`, which imports no matplotlib and
also serves the interactive HTML view.

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

from fwgraph.draw.common import (
    FigureOptions,
    display_graph,
    display_text,
    rc,
    require_matplotlib,
    save,
)
from fwgraph.draw.ego import draw_ego
from fwgraph.draw.fonts import font_families
from fwgraph.draw.labels import label_overlaps
from fwgraph.draw.lineage import draw_lineage
from fwgraph.draw.maps import draw_columns
from fwgraph.layout.graphs import DRAW_VIEWS, check_view
from fwgraph.layout.lineage import (
    Lane,
    LineageLayout,
    lineage_layout,
    primary_parents,
    release_x,
)
from fwgraph.layout.measure import relation_ended, status_at, text_width, year_of
from fwgraph.layout.text import TEXT

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path


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
    kg: Any,
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
    kg : KnowledgeGraph or Engine
        The graph (:func:`fwgraph.load`) or its engine.
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
    figsize : tuple of float, optional
        ``(width, height)`` of the figure in inches; by default it grows with the content.
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
    fwgraph.errors.UnsupportedFormatError
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
    from fwgraph.views.formats import check_image_suffix  # noqa: PLC0415 - only when drawing
    from fwgraph.views.networkx import to_networkx  # noqa: PLC0415

    engine = getattr(kg, "engine", kg)

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
    options = FigureOptions(
        lang=lang,
        year=year_of(as_of),
        figsize=figsize,
        title=display_text(title) if title is not None else None,
    )
    with mpl.rc_context(rc(families)):
        if view == "lineage":
            graph = display_graph(to_networkx(engine, "lineage", lang=lang, as_of=as_of))
            fig = draw_lineage(graph, options)
        elif view == "ego":
            graph = display_graph(
                to_networkx(engine, "ego", center=center, radius=radius, lang=lang, as_of=as_of)
            )
            fig = draw_ego(graph, options)
        else:
            graph = display_graph(to_networkx(engine, view, lang=lang, as_of=as_of))
            fig = draw_columns(graph, view, options)
        if output is not None and fmt is not None:
            save(fig, output, fmt)
    return fig

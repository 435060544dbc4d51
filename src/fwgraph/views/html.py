r"""The explorer: an interactive view of the graph drawn by cytoscape.js, offline.

:func:`explorer_data` turns a view into plain data (nodes with their facts and
positions, edges with their period and sources, the relations with their
colours), :func:`explorer_block` writes it as the HTML block that
``static/explorer.js`` brings to life (search box, year slider, relation
filters, tooltips, click to open a framework's page), and :func:`to_html`
makes one self-contained page of it for ``fwgraph export --format html``.

cytoscape.js (MIT, see ``static/cytoscape.LICENSE.txt``) is bundled from npm
instead of a hand-written SVG viewer: it brings pan, zoom, touch and hit
testing that the old page did without on phones. Nothing is loaded from the
network: the page inlines the library, the explorer and its CSS.

Positions are computed in Python by the same layout code as the static
drawings (:func:`fwgraph.layout.lineage.lineage_layout`), so the interactive
and the static family tree agree. Labels are data, never markup: the page
writes them with ``textContent`` and the JSON block escapes every ``<``,
``>`` and ``&`` (:func:`script_json`), so neither ``</script>`` nor ``<!--``
from a label can end or bend the script element; :func:`svg_text` escapes
text for the rare place where a label is HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fwgraph.analysis.facts import source_refs
from fwgraph.analysis.names import name_index
from fwgraph.analysis.vocabulary import lineage_relations
from fwgraph.layout.graphs import COLUMNS, check_view, order_columns, ring_distances
from fwgraph.layout.lineage import lineage_layout
from fwgraph.layout.measure import period, text_width, year_of
from fwgraph.layout.style import DEFAULT_RELATION_STYLE, KIND_COLOUR, RELATION_STYLE
from fwgraph.layout.text import TEXT
from fwgraph.namespace import slug_of
from fwgraph.views.networkx import to_networkx

if TYPE_CHECKING:
    import networkx as nx

    from fwgraph.engines import Engine

__all__ = ["STATIC", "explorer_block", "explorer_data", "script_json", "svg_text", "to_html"]

#: The explorer's files: ``cytoscape.min.js`` (with its licence), ``explorer.js``, ``explorer.css``.
STATIC = Path(__file__).parent / "static"

# Characters HTML and XML 1.0 should never carry in text: C0 controls but tab/LF/CR,
# lone surrogates and the two non-characters U+FFFE/U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def svg_text(text: object) -> str:
    """Text for an SVG element or attribute: control characters as U+FFFD, then escaped.

    Examples
    --------
    >>> svg_text('<b x="1">&</b>')
    '&lt;b x=&quot;1&quot;&gt;&amp;&lt;/b&gt;'
    """
    clean = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return html.escape(_CONTROL.sub("\ufffd", clean))


def script_json(data: object) -> str:
    r"""JSON for a ``<script type="application/json">`` block: no ``<``, ``>`` or ``&``.

    They are written as ``\u003c``, ``\u003e`` and ``\u0026`` (they only ever
    occur inside JSON strings), so a label holding ``</script>`` or ``<!--``
    cannot end the element or switch the HTML parser into its escaped states;
    ``json.loads`` (and ``JSON.parse``) give back exactly ``data``.

    Examples
    --------
    >>> script_json({"label": "</script><!--"})
    '{"label": "\\u003c/script\\u003e\\u003c!--"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group(0)], text)


_UNIT_PER_INCH = 72.0  # explorer coordinates are points: a 13-unit label is 13 pt at zoom 1
_FONT = 13.0  # label size in the explorer, in units
_INCH_PER_YEAR = 1.6
_ROW = 0.36  # inches per sub-row: room for a 13-unit label and its outline
_FONT_STACK = 'system-ui, "Segoe UI", Roboto, "Noto Sans KR", NanumGothic, sans-serif'


def _names(engine: Engine) -> dict[str, list[str]]:
    """Slug → every label and alias it answers to (for the search box)."""
    out: dict[str, list[str]] = {}
    for name, (iri, _types) in name_index(engine).entries.items():
        out.setdefault(slug_of(iri), []).append(name)
    return {slug: sorted(set(names)) for slug, names in out.items()}


def _developers(engine: Engine, lang: str) -> dict[str, str]:
    orgs = to_networkx(engine, "organizations", lang=lang)
    out: dict[str, list[str]] = {}
    for u, v, key in sorted(orgs.edges(keys=True)):
        if key in {"developedBy", "createdBy"}:
            out.setdefault(u, []).append(str(orgs.nodes[v].get("label") or v))
    return {k: ", ".join(dict.fromkeys(v)) for k, v in out.items()}


def _lineage_positions(
    graph: nx.MultiDiGraph[str], lang: str
) -> tuple[dict[str, tuple[float, float]], list[dict[str, Any]], tuple[int, int]]:
    """Positions on the time axis (the static drawing's layout) and one tick per year."""
    layout = lineage_layout(
        graph, lang=lang, inch_per_year=_INCH_PER_YEAR, row_height=_ROW, font_size=_FONT
    )
    x_lo = layout.x_range[0]
    scale = _INCH_PER_YEAR * _UNIT_PER_INCH
    pos = {
        s: ((x - x_lo) * scale, row * _ROW * _UNIT_PER_INCH)
        for s, (x, row) in layout.positions.items()
    }
    bottom = max((y for _, y in pos.values()), default=0.0) + 40.0
    first, last = layout.years
    ticks = [
        {
            "id": f"tick-{y}",
            "label": str(y),
            "kind": "tick",
            "x": round((y + 0.5 - x_lo) * scale, 1),
            "y": round(bottom, 1),
        }
        for y in range(first, last + 1)
    ]
    return pos, ticks, (first, last)


def _map_positions(graph: nx.MultiDiGraph[str], view: str) -> dict[str, tuple[float, float]]:
    """Columns (organizations, languages) or rings around the centre (ego)."""
    if view in COLUMNS:
        kinds = COLUMNS[view]
        columns = order_columns(
            graph,
            [sorted(n for n in graph.nodes if graph.nodes[n].get("kind") in k) for k in kinds],
        )
        step, tallest = 24.0, max(len(c) for c in columns)
        pos: dict[str, tuple[float, float]] = {}
        x = 0.0
        for col in columns:
            for i, n in enumerate(col):
                pos[n] = (x, (i + 0.5) * tallest * step / len(col))
            widest = max(
                (text_width(str(graph.nodes[n].get("label")), _FONT) for n in col), default=1
            )
            x += widest * _UNIT_PER_INCH + 220
        return pos
    distance = ring_distances(graph, str(graph.graph.get("center")))
    pos = {}
    for ring in range(max(distance.values()) + 1):
        members = sorted(n for n, d in distance.items() if d == ring)
        for i, n in enumerate(members):
            angle = 2 * math.pi * i / max(len(members), 1)
            pos[n] = (ring * 230.0 * math.cos(angle), ring * 230.0 * math.sin(angle))
    return pos


def _year(value: object) -> int | None:
    text = str(value or "")[:4]
    return int(text) if text.isdigit() else None


def _dash(style: dict[str, Any]) -> bool:
    return style.get("linestyle", "-") not in ("-", "solid")


def _node(
    n: str,
    attrs: dict[str, Any],
    xy: tuple[float, float],
    *,
    names: dict[str, list[str]],
    developers: dict[str, str],
    href: str | None,
    center: str | None,
) -> dict[str, Any]:
    kind = str(attrs.get("kind") or "framework")
    node: dict[str, Any] = {
        "id": n,
        "label": str(attrs.get("label") or n),
        "kind": kind,
        "x": round(xy[0], 1),
        "y": round(xy[1], 1),
        "colour": KIND_COLOUR.get(kind, "#555555"),
        "names": names.get(n, [n]),
    }
    for key in ("year", "license", "comment", "status"):
        if attrs.get(key) not in (None, ""):
            node[key] = attrs[key]
    if attrs.get("released"):
        node["released"] = str(attrs["released"])
    if attrs.get("status") == "discontinued":
        node["ended"] = _year(attrs.get("discontinued")) or node.get("year")
    if n in developers:
        node["developers"] = developers[n]
    if href and kind == "framework":
        node["href"] = href.format(slug=n)
    if n == center:
        node["center"] = True
    return node


def explorer_data(
    engine: Engine,
    view: str = "lineage",
    *,
    lang: str = "en",
    as_of: int | dt.date | None = None,
    center: str | None = None,
    radius: int = 2,
    href: str | None = None,
) -> dict[str, Any]:
    """The data of an interactive view: nodes with facts and positions, edges, relations.

    Parameters
    ----------
    engine : Engine
    view : {"lineage", "organizations", "languages", "ego"}
        ``lineage`` with a ``center`` is the centre's neighbourhood on the time axis.
    lang : {"en", "ko"}
    as_of : int or datetime.date, optional
        The year the slider starts at (the lineage view shows every year).
    center : str, optional
        Slug of the framework in the middle (required for ``ego``).
    radius : int
        Steps from ``center`` that are shown.
    href : str, optional
        Link of a framework's page, with ``{slug}`` in it (``"../frameworks/{slug}.html"``).

    Returns
    -------
    dict
        ``nodes``, ``edges``, ``relations``, ``years`` (slider range or ``None``),
        ``start`` (the slider's first year), ``focus`` (the framework the view
        opens on: the one with most relations), ``text``, ``fields`` and ``font``:
        plain JSON data.

    Examples
    --------
    >>> import fwgraph
    >>> data = explorer_data(fwgraph.load().engine, href="{slug}.html")
    >>> keras = next(n for n in data["nodes"] if n["id"] == "keras")
    >>> keras["year"], keras["href"], "tf.keras" in keras["names"] or "keras" in keras["names"]
    (2015, 'keras.html', True)
    """
    engine = getattr(engine, "engine", engine)  # a KnowledgeGraph works too
    check_view(view, "html")
    text = TEXT.get(lang, TEXT["en"])
    nx_view = "ego" if view == "ego" else view
    graph = to_networkx(engine, nx_view, lang=lang, center=center, radius=radius)
    if view == "lineage" and center is not None:
        import networkx as nx  # noqa: PLC0415 - optional dependency, loaded by to_networkx

        graph = nx.ego_graph(graph, center, radius=radius, undirected=True).copy()
    ticks: list[dict[str, Any]] = []
    years: tuple[int, int] | None = None
    if view == "lineage":
        pos, ticks, (first, _last) = _lineage_positions(graph, lang)
        years = (min(first, 2002), dt.date.today().year)
    else:
        pos = _map_positions(graph, view)
    developers = _developers(engine, lang)
    names = _names(engine)
    refs = {ref.slug: ref for ref in source_refs(engine).values()}
    nodes = [
        _node(
            n,
            graph.nodes[n],
            pos[n],
            names=names,
            developers=developers,
            href=href,
            center=center,
        )
        for n in sorted(pos)
    ]
    relations = lineage_relations(engine)
    edges: list[dict[str, Any]] = []
    used: dict[str, str] = {}
    for u, v, key, attrs in sorted(graph.edges(keys=True, data=True)):
        if u not in pos or v not in pos:
            continue
        rel = relations.get(key)
        label = (
            (rel.label_ko if lang == "ko" else rel.label) if rel else str(attrs.get("label", key))
        )
        used[key] = label
        sources = [
            {"title": refs[s].title, "url": refs[s].url} if s in refs else {"title": s}
            for s in str(attrs.get("sources", "")).split(";")
            if s
        ]
        edges.append(
            {
                "id": f"{u}|{key}|{v}",
                "source": u,
                "target": v,
                "relation": key,
                "label": label,
                "from": _year(attrs.get("valid_from")),
                "until": _year(attrs.get("valid_until")),
                "period": period(attrs),
                "sources": sources,
            }
        )
    styles = [
        {
            "key": key,
            "label": label,
            "colour": RELATION_STYLE.get(key, DEFAULT_RELATION_STYLE)["color"],
            "dash": _dash(RELATION_STYLE.get(key, DEFAULT_RELATION_STYLE)),
        }
        for key, label in sorted(used.items())
    ]
    start = year_of(as_of) if years else None
    degree: dict[str, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            degree[end] = degree.get(end, 0) + 1
    return {
        "focus": min(degree, key=lambda n: (-degree[n], n)) if degree else None,
        "view": view,
        "lang": lang,
        "title": text.get(view, view).format(center=center, radius=radius),
        "nodes": nodes + ticks,
        "edges": edges,
        "relations": styles,
        "years": list(years) if years else None,
        "start": min(max(start, years[0]), years[1]) if start and years else None,
        "font": _FONT_STACK,
        "text": {k: text[k] for k in _UI_TEXT},
        "fields": [
            ["released", text["year"]],
            ["status", text["status"]],
            ["ended", text["ended_in"]],
            ["license", text["license"]],
            ["developers", text["developers"]],
        ],
    }


_UI_TEXT = ("search", "slider", "fit", "open", "sources", "period", "shown", "as_of", "arrow_reads")


def explorer_block(data: dict[str, Any], element_id: str) -> str:
    """The HTML block ``explorer.js`` turns into the explorer (needs ``explorer.js`` loaded).

    Examples
    --------
    >>> explorer_block({"nodes": []}, "x").startswith('<div class="fw-explorer" id="x"')
    True
    """
    if not re.fullmatch(r"[A-Za-z][\w-]*", element_id):
        msg = f"element id {element_id!r}: use letters, digits, '-' and '_'"
        raise ValueError(msg)
    note = str(data.get("text", {}).get("arrow_reads", ""))
    return (
        f'<div class="fw-explorer" id="{element_id}">'
        f'<script type="application/json" class="fw-explorer-data">{script_json(data)}</script>'
        f"<noscript><p>{svg_text(note)}</p></noscript></div>"
    )


def _asset(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def to_html(
    engine: Engine,
    view: str = "lineage",
    *,
    lang: str = "en",
    as_of: int | dt.date | None = None,
    center: str | None = None,
    radius: int = 2,
    href: str | None = None,
) -> str:
    """Render a view as one self-contained interactive HTML page (the explorer).

    Pan by dragging, zoom with the wheel or two fingers, type a name in the
    search box, slide through the years (lineage), switch relations on and
    off, hover for facts and sources, click a framework to open its page
    (when ``href`` is given) or to see its facts.

    Parameters
    ----------
    engine : Engine
    view : {"lineage", "organizations", "languages", "ego"}
    lang : {"en", "ko"}
    as_of : int or datetime.date, optional
        Where the year slider starts.
    center : str, optional
        Required for ``ego``; with ``lineage``, that framework's neighbourhood.
    radius : int
    href : str, optional
        Link of a framework's page, with ``{slug}`` (for example the
        ``https://w3id.org/fwgraph/id/{slug}`` IRIs).

    Returns
    -------
    str
        A complete HTML document; no external scripts, styles or fonts.

    Raises
    ------
    ValueError
        For an unknown view or an ``ego`` view without ``center``.

    Examples
    --------
    >>> import fwgraph
    >>> page = to_html(fwgraph.load().engine, "lineage")
    >>> page.startswith("<!DOCTYPE html>") and '"id": "keras"' in page
    True
    """
    data = explorer_data(
        engine, view, lang=lang, as_of=as_of, center=center, radius=radius, href=href
    )
    title = str(data["title"])
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{svg_text(lang)}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>fwgraph — {svg_text(title)}</title>",
            f"<style>{_asset('explorer.css')}</style></head>",
            '<body class="fw-x-page">',
            f"<h1>{svg_text(title)}</h1>",
            explorer_block(data, "fw-explorer"),
            f"<script>{_asset('cytoscape.min.js')}</script>",
            f"<script>{_asset('explorer.js')}</script>",
            "</body></html>",
            "",
        ]
    )

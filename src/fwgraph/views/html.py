r"""A self-contained interactive HTML page of a view: inline SVG, pan, zoom and tooltips.

The page loads nothing from the network: CSS, the SVG and a small vanilla
JavaScript file are inline, and the facts behind the tooltips travel as a JSON
block. Labels are data, never markup: in the SVG they are HTML-escaped with
control characters replaced (:func:`svg_text`), and in the JSON block every
``<``, ``>`` and ``&`` is a ``\u`` escape (:func:`script_json`), so neither
``</script>`` nor ``<!--`` from a label can end or bend the script element.
Positions are computed in Python; the lineage view uses the same
:func:`fwgraph.draw.lineage_layout` as the matplotlib drawing.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from typing import TYPE_CHECKING

from fwgraph.layout.graphs import COLUMNS, check_view, order_columns, ring_distances
from fwgraph.layout.lineage import lineage_layout
from fwgraph.layout.measure import period, relation_ended, status_at, text_width, year_of
from fwgraph.layout.style import KIND_COLOUR, RELATION_STYLE
from fwgraph.layout.text import TEXT
from fwgraph.views.networkx import to_networkx

if TYPE_CHECKING:
    import networkx as nx

    from fwgraph.engines import Engine

__all__ = ["script_json", "svg_text", "to_html"]

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


_PX = 72.0  # pixels per inch of the matplotlib layout
_DASH = {"derivedFrom": "6 4", "mergedInto": "8 3 2 3", "influencedBy": "2 3"}

_CSS = """
body{margin:0;font-family:"DejaVu Sans","NanumGothic","Noto Sans CJK KR",sans-serif;
background:#fff;color:#1a1a1a}
header{padding:8px 14px;font-size:17px;border-bottom:1px solid #e5e5e5}
header small{color:#777;font-size:12px;margin-left:12px}
#fw-svg{width:100vw;height:calc(100vh - 42px);cursor:grab;display:block}
#fw-svg.drag{cursor:grabbing}
.node text{font-size:12px;paint-order:stroke;stroke:#fff;stroke-width:3px}
.node.ended text{fill:#8a8a8a}
.node:hover circle,.edge:hover path{stroke-width:3px}
.edge path{fill:none}
.lane{fill:#f4f6f9}
.lane-title{font-size:12px;font-style:italic}
.tick{font-size:11px;fill:#555}
#fw-tip{position:fixed;pointer-events:none;background:#222;color:#fff;padding:6px 9px;
border-radius:4px;font-size:12px;max-width:360px;display:none;line-height:1.45}
"""

_JS = """
(function(){
const data=JSON.parse(document.getElementById('fw-data').textContent);
const svg=document.getElementById('fw-svg'),vp=document.getElementById('fw-viewport');
const tip=document.getElementById('fw-tip');
let k=1,tx=0,ty=0,drag=null;
function apply(){vp.setAttribute('transform','translate('+tx+','+ty+') scale('+k+')');}
svg.addEventListener('wheel',function(e){e.preventDefault();
 const r=svg.getBoundingClientRect(),mx=e.clientX-r.left,my=e.clientY-r.top;
 const f=Math.exp(-e.deltaY*0.0015),nk=Math.min(20,Math.max(0.1,k*f));
 tx=mx-(mx-tx)*nk/k;ty=my-(my-ty)*nk/k;k=nk;apply();},{passive:false});
svg.addEventListener('pointerdown',function(e){drag=[e.clientX-tx,e.clientY-ty];
 svg.classList.add('drag');svg.setPointerCapture(e.pointerId);});
svg.addEventListener('pointermove',function(e){if(drag){tx=e.clientX-drag[0];
 ty=e.clientY-drag[1];apply();}});
svg.addEventListener('pointerup',function(){drag=null;svg.classList.remove('drag');});
function esc(s){return String(s).replace(/[&<>"]/g,function(c){
 return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c];});}
function rows(o,keys){let h='';keys.forEach(function(p){if(o[p[0]]!==undefined&&o[p[0]]!=='')
 h+='<div><b>'+esc(p[1])+'</b> '+esc(o[p[0]])+'</div>';});return h;}
const nodes={},edges={};data.nodes.forEach(function(n){nodes[n.id]=n;});
data.edges.forEach(function(e){edges[e.id]=e;});
svg.addEventListener('mousemove',function(e){
 const t=e.target.closest('[data-node],[data-edge]');
 if(!t){tip.style.display='none';return;}
 let h;
 if(t.dataset.node){const n=nodes[t.dataset.node];h='<div><b>'+esc(n.label)+'</b></div>'+
  rows(n,[['kind','kind'],['year','first release'],['status','status'],
  ['discontinued','discontinued'],['license','license'],['developers','developers']]);}
 else{const d=edges[t.dataset.edge];h='<div><b>'+esc(nodes[d.source].label)+' → '+
  esc(d.label)+' → '+esc(nodes[d.target].label)+'</b></div>'+
  rows(d,[['period','period'],['sources','sources']]);}
 tip.innerHTML=h;tip.style.display='block';
 tip.style.left=(e.clientX+14)+'px';tip.style.top=(e.clientY+12)+'px';});
svg.addEventListener('mouseleave',function(){tip.style.display='none';});
})();
"""


def _developers(engine: Engine, lang: str) -> dict[str, str]:
    orgs = to_networkx(engine, "organizations", lang=lang)
    out: dict[str, list[str]] = {}
    for u, v, key in sorted(orgs.edges(keys=True)):
        if key in {"developedBy", "createdBy"}:
            out.setdefault(u, []).append(str(orgs.nodes[v].get("label") or v))
    return {k: ", ".join(dict.fromkeys(v)) for k, v in out.items()}


def _positions(
    graph: nx.MultiDiGraph[str], view: str, year: int | None, lang: str
) -> tuple[dict[str, tuple[float, float]], list[str], tuple[float, float]]:
    """Pixel positions, extra SVG (lanes, ticks) and the canvas size."""
    extra: list[str] = []
    if view == "lineage":
        layout = lineage_layout(graph, as_of=year, lang=lang)
        x_lo = layout.x_range[0]
        left, top = 190.0, 40.0

        def px(x: float, row: float) -> tuple[float, float]:
            return (left + (x - x_lo) * _PX, top + row * 0.30 * _PX)

        pos = {s: px(x, r) for s, (x, r) in layout.positions.items()}
        for index, lane in enumerate(layout.lanes):
            y0 = px(0, lane.top - 0.45)[1]
            y1 = px(0, lane.top + lane.rows - 0.55)[1]
            if index % 2 == 0:
                extra.append(
                    f'<rect class="lane" x="0" y="{y0:.1f}" width="100%" height="{y1 - y0:.1f}"/>'
                )
            extra.append(
                f'<text class="lane-title" x="{left - 12}" y="{px(0, lane.top)[1] + 4:.1f}"'
                f' text-anchor="end" fill="{lane.colour}">{svg_text(lane.title)}</text>'
            )
        bottom = max((y for _, y in pos.values()), default=top) + 30
        for y in range(layout.years[0], layout.years[1] + 1):
            x = px(y + 0.5, 0)[0]
            extra.append(
                f'<text class="tick" x="{x:.1f}" y="{bottom:.1f}" text-anchor="middle">{y}</text>'
            )
        width = left + (layout.x_range[1] - x_lo) * _PX + 20
        return pos, extra, (width, bottom + 20)
    if view in COLUMNS:
        kinds = COLUMNS[view]
        columns = order_columns(
            graph,
            [sorted(n for n in graph.nodes if graph.nodes[n].get("kind") in k) for k in kinds],
        )
        step = 22.0
        tallest = max(len(c) for c in columns)
        widths = [
            max((text_width(str(graph.nodes[n].get("label"))) for n in c), default=1) * _PX
            for c in columns
        ]
        pos = {}
        x = widths[0] + 30
        for c, col in enumerate(columns):
            for i, n in enumerate(col):
                pos[n] = (x, 30 + (i + 0.5) * tallest * step / len(col))
            x += 260 + (widths[c + 1] if c + 1 < len(columns) - 1 else 0)
        return pos, extra, (x + widths[-1], tallest * step + 60)
    distance = ring_distances(graph, str(graph.graph.get("center")))
    pos = {}
    for ring in range(max(distance.values()) + 1):
        members = sorted(n for n, d in distance.items() if d == ring)
        for i, n in enumerate(members):
            angle = 2 * math.pi * i / max(len(members), 1)
            r = ring * 230.0
            pos[n] = (r * math.cos(angle), r * math.sin(angle))
    extent = max(abs(c) for p in pos.values() for c in p) + 220
    pos = {n: (x + extent, y + extent) for n, (x, y) in pos.items()}
    return pos, extra, (2 * extent, 2 * extent)


def to_html(
    engine: Engine,
    view: str = "lineage",
    *,
    lang: str = "en",
    as_of: int | dt.date | None = None,
    center: str | None = None,
    radius: int = 2,
) -> str:
    """Render a view as one self-contained interactive HTML page.

    Drag to pan, use the wheel to zoom, hover a framework for its facts
    (label, year, status, license, developers) or an edge for its relation,
    period and sources.

    Parameters
    ----------
    engine : Engine
    view : {"lineage", "organizations", "languages", "ego"}
    lang : {"en", "ko"}
    as_of : int or datetime.date, optional
    center : str, optional
        Required for ``ego``.
    radius : int

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
    >>> page.startswith("<!DOCTYPE html>") and 'data-node="keras"' in page
    True
    """
    engine = getattr(engine, "engine", engine)  # a KnowledgeGraph works too
    check_view(view, "html")
    text = TEXT.get(lang, TEXT["en"])
    year = year_of(as_of)
    graph = to_networkx(engine, view, lang=lang, as_of=as_of, center=center, radius=radius)
    pos, extra, (width, height) = _positions(graph, view, year, lang)
    developers = _developers(engine, lang)
    nodes, edges, svg_edges, svg_nodes = [], [], [], []
    for n in sorted(pos):
        attrs = graph.nodes[n]
        status = status_at(attrs, year)
        fact = {
            k: attrs[k]
            for k in ("label", "kind", "year", "license", "iri", "discontinued")
            if attrs.get(k) is not None
        }
        fact |= {"id": n, "x": round(pos[n][0], 1), "y": round(pos[n][1], 1)}
        if status:
            fact["status"] = status
        if n in developers:
            fact["developers"] = developers[n]
        nodes.append(fact)
        x, y = pos[n]
        colour = KIND_COLOUR.get(str(attrs.get("kind")), "#555")
        fill = "#fff" if status == "discontinued" else colour
        label = str(attrs.get("label") or n) + (" †" if status == "discontinued" else "")
        svg_nodes.append(
            f'<g class="node{" ended" if status == "discontinued" else ""}" '
            f'data-node="{svg_text(n)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="6" '
            f'fill="{fill}" stroke="{colour}" stroke-width="1.5"/><text x="{x + 9:.1f}" '
            f'y="{y + 4:.1f}">{svg_text(label)}</text></g>'
        )
    for u, v, key, attrs in sorted(graph.edges(keys=True, data=True)):
        if u not in pos or v not in pos:
            continue
        edge_id = f"{u}|{key}|{v}"
        edges.append(
            {
                "id": edge_id,
                "source": u,
                "target": v,
                "relation": key,
                "label": attrs.get("label", key),
                "period": period(attrs),
                "sources": str(attrs.get("sources", "")).replace(";", ", "),
            }
        )
        (x0, y0), (x1, y1) = pos[u], pos[v]
        if attrs.get("to_newer") or view != "lineage":
            (x0, y0), (x1, y1) = (x1, y1), (x0, y0)
        bend = 0.15 * (x1 - x0) if view == "lineage" else 0.0
        style = RELATION_STYLE.get(key, {"color": "#9aaabb"})
        dash = f' stroke-dasharray="{_DASH[key]}"' if key in _DASH else ""
        opacity = 0.35 if relation_ended(attrs, year) else 0.8
        svg_edges.append(
            f'<g class="edge" data-edge="{svg_text(edge_id)}"><path d="M{x1:.1f},{y1:.1f} '
            f'Q{(x0 + x1) / 2:.1f},{(y0 + y1) / 2 - abs(bend) * 0.3:.1f} {x0:.1f},{y0:.1f}" '
            f'stroke="{style["color"]}" stroke-width="1.6" opacity="{opacity}"{dash}/></g>'
        )
    title = text.get(view, view).format(center=center, radius=radius)
    payload = script_json({"view": view, "lang": lang, "nodes": nodes, "edges": edges})
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{svg_text(lang)}"><head><meta charset="utf-8">',
            f"<title>fwgraph — {svg_text(title)}</title><style>{_CSS}</style></head><body>",
            f"<header>{svg_text(title)}<small>drag to pan · wheel to zoom · hover for facts"
            "</small></header>",
            f'<svg id="fw-svg" viewBox="0 0 {width:.0f} {height:.0f}" role="img">',
            '<g id="fw-viewport">',
            *extra,
            *svg_edges,
            *svg_nodes,
            "</g></svg>",
            '<div id="fw-tip"></div>',
            f'<script type="application/json" id="fw-data">{payload}</script>',
            f"<script>{_JS}</script>",
            "</body></html>",
            "",
        ]
    )

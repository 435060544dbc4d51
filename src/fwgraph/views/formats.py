r"""Write networkx views in graph file formats: GraphML, GEXF, JSON, Cytoscape.js, DOT, HTML.

Every format reads back with networkx (``read_graphml``, ``read_gexf``,
``node_link_graph``, ``cytoscape_graph``); DOT is written here, without
pydot or pygraphviz. Attributes are made safe for GraphML and GEXF first:
``None`` values are dropped, anything that is not ``str``, ``int``, ``float``
or ``bool`` becomes a string, and every string goes through :func:`xml_safe`
(a label may hold any character; XML 1.0 cannot carry most control
characters, so they become U+FFFD and line ends become ``\n``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fwgraph.errors import UnsupportedFormatError
from fwgraph.namespace import FWD

if TYPE_CHECKING:
    import networkx as nx

    from fwgraph.engines import Engine

__all__ = [
    "FORMATS",
    "IMAGE_FORMATS",
    "UnsupportedFormatError",
    "check_image_suffix",
    "dumps",
    "safe_graph",
    "to_dot",
    "write",
    "xml_safe",
]

#: Format name → file suffix.
FORMATS = {
    "graphml": ".graphml",
    "gexf": ".gexf",
    "json": ".json",
    "cyjs": ".cyjs",
    "dot": ".dot",
    "html": ".html",
}
_SUFFIXES = {suffix: fmt for fmt, suffix in FORMATS.items()} | {".gv": "dot", ".htm": "html"}

#: Image suffixes :func:`fwgraph.draw.draw` can save.
IMAGE_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def check_image_suffix(path: str | Path) -> str:
    """Return the image format for a path's suffix.

    Raises
    ------
    UnsupportedFormatError
        If the suffix is not ``.png``, ``.svg`` or ``.pdf``.

    Examples
    --------
    >>> check_image_suffix("lineage.SVG")
    'svg'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in IMAGE_FORMATS:
        raise UnsupportedFormatError(
            suffix or str(path), tuple(IMAGE_FORMATS), f"image suffix in {str(path)!r}:"
        )
    return IMAGE_FORMATS[suffix]


# Characters XML 1.0 cannot carry (even as a character reference).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    r"""``text`` with line ends as ``\n`` and characters XML 1.0 cannot hold as U+FFFD.

    GraphML and GEXF are XML: a label holding U+0001 or a form feed would make
    the whole file unreadable. The result reads back from XML unchanged.

    Examples
    --------
    >>> xml_safe("a\x01b\x0cc\r\nd") == "a\ufffdb\ufffdc\nd"
    True
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("\ufffd", text)


def _safe_value(value: Any) -> str | int | float | bool | None:
    if value is None:
        return None
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return xml_safe(";".join(sorted(str(v) for v in value)))
    return xml_safe(str(value))


def _safe_id(value: Any) -> Any:
    return xml_safe(value) if isinstance(value, str) else value


def safe_graph(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """Copy a view with attributes every format accepts.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A view from :meth:`KnowledgeGraph.to_networkx`.

    Returns
    -------
    networkx.MultiDiGraph
        Same nodes, edges and keys, in sorted order; ``None`` attributes dropped
        and the rest as ``str``/``int``/``float``/``bool``.
    """
    import networkx  # noqa: PLC0415 - optional at import time

    out: nx.MultiDiGraph[str] = networkx.MultiDiGraph()
    out.graph.update(
        {k: v for k, v in ((k, _safe_value(v)) for k, v in graph.graph.items()) if v is not None}
    )
    for node in sorted(graph.nodes):
        attrs = {k: _safe_value(v) for k, v in sorted(graph.nodes[node].items())}
        out.add_node(_safe_id(node), **{k: v for k, v in attrs.items() if v is not None})
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        attrs = {k: _safe_value(x) for k, x in sorted(data.items())}
        out.add_edge(
            _safe_id(u),
            _safe_id(v),
            key=_safe_id(key),
            **{k: x for k, x in attrs.items() if x is not None},
        )
    return out


def _dot_quote(text: object) -> str:
    r"""A DOT quoted string: backslashes and quotes escaped, line ends as ``\n``.

    Control characters become U+FFFD (:func:`xml_safe`), so the string is one
    line of printable text whatever the label holds.

    Examples
    --------
    >>> print(_dot_quote('a "b" \\ c\r\nd\x01').replace("\ufffd", "?"))
    "a \"b\" \\ c\nd?"
    """
    clean = xml_safe(str(text)).replace("\t", " ")
    escaped = clean.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


_DOT_STYLE = {
    "builtOn": "solid",
    "derivedFrom": "dashed",
    "mergedInto": "bold",
    "influencedBy": "dotted",
}


def to_dot(graph: nx.MultiDiGraph[str]) -> str:
    r"""Write a view as Graphviz DOT text (every id and value quoted).

    Parameters
    ----------
    graph : networkx.MultiDiGraph

    Returns
    -------
    str
        ``digraph "fwgraph-<view>" { ... }`` with one line per node and edge.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(view="lineage")
    >>> g.add_node("keras", label='Ker"as')
    >>> g.add_edge("keras", "theano", key="builtOn", relation="builtOn")
    'builtOn'
    >>> print(to_dot(g))  # doctest: +NORMALIZE_WHITESPACE
    digraph "fwgraph-lineage" {
      rankdir="RL";
      node [shape="box", style="rounded", fontname="DejaVu Sans"];
      "keras" [label="Ker\"as"];
      "theano";
      "keras" -> "theano" [key="builtOn", relation="builtOn", style="solid"];
    }
    """
    safe = safe_graph(graph)
    name = f"fwgraph-{safe.graph.get('view', 'graph')}"
    lines = [
        f"digraph {_dot_quote(name)} {{",
        '  rankdir="RL";',
        '  node [shape="box", style="rounded", fontname="DejaVu Sans"];',
    ]
    for node, attrs in safe.nodes(data=True):
        items = ", ".join(f"{k}={_dot_quote(v)}" for k, v in attrs.items())
        lines.append(f"  {_dot_quote(node)}" + (f" [{items}];" if items else ";"))
    for u, v, key, attrs in safe.edges(keys=True, data=True):
        fields = {"key": key, **attrs}
        if "style" not in fields:
            fields["style"] = _DOT_STYLE.get(str(fields.get("relation", key)), "solid")
        items = ", ".join(f"{k}={_dot_quote(x)}" for k, x in fields.items())
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [{items}];")
    lines.append("}")
    return "\n".join(lines)


def _cytoscape(graph: nx.MultiDiGraph[str]) -> dict[str, Any]:
    import networkx  # noqa: PLC0415

    data: dict[str, Any] = networkx.cytoscape_data(graph)
    for edge in data["elements"]["edges"]:  # unique edge ids for Cytoscape.js
        d = edge["data"]
        d["id"] = f"{d['source']}|{d['key']}|{d['target']}"
    return data


def _view_graph(
    kg_or_graph: Engine | Any | nx.MultiDiGraph[str],
    *,
    view: str,
    lang: str,
    as_of: int | dt.date | None,
    center: str | None,
    radius: int,
) -> nx.MultiDiGraph[str]:
    from fwgraph.views.networkx import to_networkx  # noqa: PLC0415

    engine = _engine_of(kg_or_graph)
    if engine is None:
        return kg_or_graph  # type: ignore[return-value]
    return to_networkx(engine, view, lang=lang, as_of=as_of, center=center, radius=radius)


def _engine_of(source: object) -> Engine | None:
    """The engine of a KnowledgeGraph (or the engine itself); ``None`` for a networkx view."""
    if hasattr(source, "nodes") and hasattr(source, "edges"):
        return None
    engine: Engine = getattr(source, "engine", source)  # type: ignore[arg-type]
    return engine


def dumps(
    kg_or_graph: Engine | Any | nx.MultiDiGraph[str],
    fmt: str,
    *,
    view: str = "lineage",
    lang: str = "en",
    as_of: int | dt.date | None = None,
    center: str | None = None,
    radius: int = 2,
) -> str:
    """Serialise a view as text in a graph file format.

    Parameters
    ----------
    kg_or_graph : KnowledgeGraph, Engine or networkx.MultiDiGraph
        The graph, or a view already made with :meth:`KnowledgeGraph.to_networkx`
        (then ``view``, ``lang``, ``as_of``, ``center`` and ``radius`` are ignored).
    fmt : {"graphml", "gexf", "json", "cyjs", "dot", "html"}
        ``json`` is networkx node-link data; ``cyjs`` Cytoscape.js elements;
        ``html`` the interactive page of :func:`fwgraph.views.html.to_html`
        (needs a KnowledgeGraph).
    view, lang, as_of, center, radius
        As for :meth:`KnowledgeGraph.to_networkx`.

    Returns
    -------
    str

    Raises
    ------
    UnsupportedFormatError
        For any other format.

    Examples
    --------
    >>> import fwgraph
    >>> text = dumps(fwgraph.load(), "json", view="lineage")
    >>> '"id": "keras"' in text
    True
    """
    import networkx  # noqa: PLC0415

    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise UnsupportedFormatError(fmt, tuple(FORMATS), "export format")
    if fmt == "html":
        from fwgraph.views.html import to_html  # noqa: PLC0415

        engine = _engine_of(kg_or_graph)
        if engine is None:
            raise UnsupportedFormatError(
                "html",
                tuple(f for f in FORMATS if f != "html"),
                "format for a networkx graph (html needs the KnowledgeGraph):",
            )
        # A framework links to its IRI, which w3id.org redirects to its page on the site.
        return to_html(
            engine,
            view,
            lang=lang,
            as_of=as_of,
            center=center,
            radius=radius,
            href=f"{FWD}{{slug}}",
        )
    graph = safe_graph(
        _view_graph(kg_or_graph, view=view, lang=lang, as_of=as_of, center=center, radius=radius)
    )
    if fmt == "graphml":
        return "\n".join(networkx.generate_graphml(graph, named_key_ids=True)) + "\n"
    if fmt == "gexf":
        return "\n".join(networkx.generate_gexf(graph)) + "\n"
    if fmt == "json":
        data = networkx.node_link_data(graph, edges="links")
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if fmt == "cyjs":
        return json.dumps(_cytoscape(graph), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return to_dot(graph) + "\n"


def write(
    kg_or_graph: Engine | Any | nx.MultiDiGraph[str],
    path: str | Path,
    fmt: str | None = None,
    *,
    view: str = "lineage",
    lang: str = "en",
    as_of: int | dt.date | None = None,
    center: str | None = None,
    radius: int = 2,
) -> Path:
    """Write a view to a file; the format comes from ``fmt`` or the suffix.

    Parameters
    ----------
    kg_or_graph : KnowledgeGraph, Engine or networkx.MultiDiGraph
    path : str or pathlib.Path
        Target file (UTF-8).
    fmt : str, optional
        One of :data:`FORMATS`; by default from the suffix (``.graphml``,
        ``.gexf``, ``.json``, ``.cyjs``, ``.dot``/``.gv``, ``.html``).
    view, lang, as_of, center, radius
        As for :func:`dumps`.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    UnsupportedFormatError
        If neither ``fmt`` nor the suffix names a supported format.
    """
    target = Path(path)
    if fmt is None:
        suffix = target.suffix.lower()
        if suffix not in _SUFFIXES:
            raise UnsupportedFormatError(suffix or str(target), tuple(_SUFFIXES), "file suffix")
        fmt = _SUFFIXES[suffix]
    text = dumps(kg_or_graph, fmt, view=view, lang=lang, as_of=as_of, center=center, radius=radius)
    target.write_text(text, encoding="utf-8")
    return target

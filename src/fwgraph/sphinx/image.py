"""``.. fwgraph-graph::``: draw a view of the graph at build time with :func:`fwgraph.draw.draw`.

.. code-block:: rst

   .. fwgraph-graph:: ego
      :center: keras
      :as-of: 2018
      :format: svg
      :alt: Keras and the frameworks it ran on in 2018

Views: ``lineage``, ``organizations``, ``languages`` and ``ego`` (with
``:center:`` and ``:radius:``). The image is drawn when the page is written,
into the build's ``_images`` directory, under a name hashed from the options
and the data files, so an unchanged picture is drawn once and nothing
generated lives in the source tree. Builders other than HTML leave it out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from fwgraph.errors import FwgraphError
from fwgraph.namespace import slug_of
from fwgraph.sphinx._state import graph_for
from fwgraph.sphinx.query import extra_graph, note_error

__all__ = [
    "MIN_TEXT_PX",
    "GraphDirective",
    "as_of_option",
    "fwgraph_graph",
    "measure_figure",
    "parse_as_of",
    "visit_graph_html",
]

logger = logging.getLogger(__name__)

VIEWS = ("lineage", "organizations", "languages", "ego")


class fwgraph_graph(nodes.General, nodes.Element):  # type: ignore[misc]  # noqa: N801 - docutils names nodes in lower case
    """A picture to draw when the page is written (options in the attributes)."""


def parse_as_of(text: str) -> int | dt.date:
    """``"2018"`` → 2018, ``"2018-06-30"`` → a date.

    Raises
    ------
    ValueError
        For anything else.
    """
    text = text.strip()
    if text.isdigit():
        return int(text)
    return dt.date.fromisoformat(text)


def as_of_option(argument: str) -> str:
    """The ``:as-of:`` option: a year or an ISO date, checked, kept as written."""
    try:
        parse_as_of(argument)
    except ValueError as exc:
        msg = f"expected a year (2018) or a date (2018-06-30), not {argument!r}"
        raise ValueError(msg) from exc
    return argument.strip()


def _figsize(argument: str) -> str:
    parts = argument.replace(",", " ").split()
    if len(parts) != 2:
        msg = "expected two numbers, width and height in inches: 12 6"
        raise ValueError(msg)
    return " ".join(str(float(p)) for p in parts)


class GraphDirective(SphinxDirective):
    """Draw the lineage, organizations, languages or ego view of the graph."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, object]] = {
        "center": directives.unchanged_required,
        "as-of": as_of_option,
        "lang": lambda a: directives.choice(a, ("en", "ko")),
        "radius": directives.positive_int,
        "format": lambda a: directives.choice(a, ("svg", "png")),
        "alt": directives.unchanged,
        "caption": directives.unchanged,
        "title": directives.unchanged,
        "figsize": _figsize,
        "extra": lambda a: [p for p in a.replace(",", " ").split() if p],
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        """Check the options against the graph and leave a node to draw at write time."""
        view = self.arguments[0].strip()
        if view not in VIEWS:
            return [
                note_error(
                    self, f"fwgraph-graph: unknown view {view!r}; use one of {', '.join(VIEWS)}"
                )
            ]
        try:
            handle = extra_graph(self)
        except FwgraphError as exc:
            return [note_error(self, f"fwgraph-graph: {exc}")]
        center = self.options.get("center")
        if view == "ego" and not center:
            return [note_error(self, "fwgraph-graph: the ego view needs :center:")]
        if center:
            try:
                center = slug_of(handle.kg.resolve(center))
            except FwgraphError as exc:
                return [note_error(self, f"fwgraph-graph: {exc}")]
        spec: dict[str, Any] = {
            "view": view,
            "center": center,
            "as_of": self.options.get("as-of"),
            "lang": self.options.get("lang", "en"),
            "radius": self.options.get("radius", 2),
            "title": self.options.get("title"),
            "figsize": self.options.get("figsize"),
        }
        fmt = self.options.get("format", "svg")
        key = hashlib.sha256(
            json.dumps([spec, fmt, handle.fingerprint], sort_keys=True).encode()
        ).hexdigest()[:16]
        alt = self.options.get("alt") or _default_alt(spec)
        node = fwgraph_graph(
            spec=json.dumps(spec, sort_keys=True),
            format=fmt,
            key=key,
            alt=alt,
            caption=self.options.get("caption", ""),
            extra=[str(p) for p in handle.files],
            classes=["fwgraph-graph", f"fwgraph-view-{view}", *self.options.get("class", [])],
        )
        self.set_source_info(node)
        return [node]


def _default_alt(spec: dict[str, Any]) -> str:
    words = {
        "lineage": "Lineage of deep-learning frameworks on a time axis",
        "organizations": "Frameworks and the organizations that develop them",
        "languages": "Frameworks and their programming languages",
        "ego": f"The neighbourhood of {spec['center']} in the graph",
    }
    text = words[spec["view"]]
    if spec["as_of"]:
        text += f" as of {spec['as_of']}"
    return text


def render_image(node: fwgraph_graph, path: Path) -> None:
    """Draw the picture described by ``node`` into ``path`` (svg or png)."""
    from sphinx.config import Config  # noqa: PLC0415

    from fwgraph.draw import draw  # noqa: PLC0415 - matplotlib only when a page has a picture

    spec = json.loads(node["spec"])
    config = node.get("fwgraph_config")
    assert isinstance(config, Config)  # noqa: S101 - set by the visitor
    kg = graph_for(config, Path(node["fwgraph_srcdir"]), [Path(p) for p in node["extra"]]).kg
    figsize: tuple[float, float] | None = None
    if spec["figsize"]:
        width, height = (float(x) for x in spec["figsize"].split())
        figsize = (width, height)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp" + path.suffix)
    fig = draw(
        kg,
        spec["view"],
        output=tmp,
        lang=spec["lang"],
        as_of=parse_as_of(spec["as_of"]) if spec["as_of"] else None,
        center=spec["center"],
        radius=spec["radius"],
        figsize=figsize,
        title=spec["title"],
    )
    _measure_path(path).write_text(json.dumps(measure_figure(fig, path.suffix)), encoding="utf-8")
    tmp.replace(path)


#: Smallest text, in CSS pixels, a picture may show: it is never shown narrower than that allows.
MIN_TEXT_PX = 9.0
_PX_PER_INCH = {".svg": 96.0, ".png": 150.0}  # CSS px of an SVG inch; the PNGs' dpi


def _measure_path(image: Path) -> Path:
    return image.with_name(image.name + ".json")


def measure_figure(fig: Any, suffix: str) -> dict[str, float]:
    """Natural width of a drawn figure in CSS pixels, and its smallest text there.

    ``min_width`` is the narrowest the picture may be shown with every text
    at least :data:`MIN_TEXT_PX` tall; pages show it at the content width but
    never narrower than that (wider pictures scroll sideways instead).
    """
    from matplotlib.text import Text  # noqa: PLC0415

    px_per_inch = _PX_PER_INCH.get(suffix, 96.0)
    width = float(fig.get_figwidth()) * px_per_inch
    sizes = [
        float(t.get_fontsize())
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip()
    ]
    smallest = min(sizes, default=12.0) * px_per_inch / 72.0
    return {
        "width": round(width, 1),
        "min_text": round(smallest, 2),
        "min_width": round(min(width, width * MIN_TEXT_PX / smallest), 1),
    }


def visit_graph_html(self: SphinxTranslator, node: fwgraph_graph) -> None:
    """Draw the image (unless an identical one exists) and emit an ``<img>``."""
    builder = self.builder
    name = f"fwgraph-{node['key']}.{node['format']}"
    path = Path(builder.outdir) / builder.imagedir / name
    if not path.is_file() or not _measure_path(path).is_file():
        node["fwgraph_config"] = self.config
        node["fwgraph_srcdir"] = str(builder.srcdir)
        try:
            render_image(node, path)
        except (FwgraphError, ValueError, ImportError) as exc:
            logger.error("fwgraph-graph: drawing failed: %s", exc, location=node)
            raise nodes.SkipNode from exc
        finally:
            node.attributes.pop("fwgraph_config", None)
    uri = f"{builder.imgpath}/{name}"
    classes = " ".join(node["classes"])
    body: list[str] = self.body
    caption = node.get("caption", "")
    alt = html.escape(node["alt"])
    size = json.loads(_measure_path(path).read_text(encoding="utf-8"))
    style = f"width:100%;max-width:{size['width']}px;min-width:{size['min_width']}px"
    body.append(
        f'<figure class="{html.escape(classes)}">'
        f'<div class="fwgraph-scroll"><a href="{html.escape(uri)}">'
        f'<img src="{html.escape(uri)}" alt="{alt}" style="{style}"'
        f' data-natural-width="{size["width"]}" data-min-text="{size["min_text"]}"'
        ' loading="lazy"/></a></div>'
        + (f"<figcaption>{html.escape(caption)}</figcaption>" if caption else "")
        + "</figure>\n"
    )
    raise nodes.SkipNode


def skip_node(_self: SphinxTranslator, _node: nodes.Element) -> None:
    """Leave the picture out of builders that cannot show it."""
    raise nodes.SkipNode

"""``.. fwgraph-explorer::``: the interactive family tree (cytoscape.js) in a page.

The block is computed at read time from the graph (:func:`fwgraph.views.html.explorer_data`),
links each framework to its generated page when ``fwgraph_framework_pages`` is set,
and the pages that hold one load the bundled ``cytoscape.min.js`` and ``explorer.js``
(nothing from a CDN: the files are copied into ``_static`` with the build).

Options: ``:center:`` (a framework: its neighbourhood), ``:radius:``, ``:lang:``,
``:as-of:`` (where the year slider starts) and ``:height:`` (CSS length of the canvas).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from fwgraph.errors import FwgraphError
from fwgraph.layout.graphs import DRAW_VIEWS
from fwgraph.namespace import slug_of
from fwgraph.sphinx.image import as_of_option, parse_as_of
from fwgraph.sphinx.query import extra_graph, note_error
from fwgraph.views.html import explorer_block, explorer_data

__all__ = ["ExplorerDirective", "add_explorer_assets"]

#: Files of :data:`fwgraph.views.html.STATIC` a page with an explorer loads, in order.
SCRIPTS = ("cytoscape.min.js", "explorer.js")
_HEIGHT = re.compile(r"\d{2,4}(px|vh|em|rem)")


def _height(argument: str) -> str:
    value = argument.strip()
    if not _HEIGHT.fullmatch(value):
        msg = f"height {value!r}: use a CSS length such as 480px or 70vh"
        raise ValueError(msg)
    return value


class ExplorerDirective(SphinxDirective):
    """Put the interactive view of the graph (search, year slider, filters) in the page."""

    optional_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, object]] = {
        "center": directives.unchanged_required,
        "radius": directives.positive_int,
        "lang": lambda a: directives.choice(a, ("en", "ko")),
        "as-of": as_of_option,
        "height": _height,
    }

    def run(self) -> list[nodes.Node]:
        """Compute the explorer's data now; the page's scripts draw it in the browser."""
        view = (self.arguments[0] if self.arguments else "lineage").strip()
        if view not in DRAW_VIEWS:
            return [note_error(self, f"fwgraph-explorer: unknown view {view!r}")]
        try:
            handle = extra_graph(self)
            center = self.options.get("center")
            if center:
                center = slug_of(handle.kg.resolve(center))
            elif view == "ego":
                return [note_error(self, "fwgraph-explorer: the ego view needs :center:")]
            as_of = self.options.get("as-of")
            data = explorer_data(
                handle.kg.engine,
                view,
                lang=self.options.get("lang", "en"),
                as_of=parse_as_of(as_of) if as_of else None,
                center=center,
                radius=self.options.get("radius", 1 if center else 2),
                href=self._href(),
            )
        except FwgraphError as exc:
            return [note_error(self, f"fwgraph-explorer: {exc}")]
        serial = self.env.new_serialno("fwgraph-explorer")
        element = f"fw-explorer-{serial}"
        block = explorer_block(data, element)
        if "height" in self.options:
            style = f"<style>#{element} .fw-x-canvas{{height:{self.options['height']}}}</style>"
            block = style + block
        node = nodes.raw("", block, format="html")
        self.set_source_info(node)
        return [node]

    def _href(self) -> str | None:
        """Where a framework's page is, relative to this page (the html builder's URIs)."""
        pages = str(self.config.fwgraph_framework_pages or "").strip("/")
        if not pages:
            return None
        uri = relative_uri(f"{self.env.docname}.html", f"{pages}/SLUG.html")
        return uri.replace("SLUG", "{slug}")


def add_explorer_assets(
    app: Sphinx, _pagename: str, _template: str, context: dict[str, Any], _doctree: object
) -> None:
    """Load cytoscape.js and the explorer on the pages that hold an explorer, only there."""
    if 'class="fw-explorer"' in str(context.get("body", "")):
        for name in SCRIPTS:
            app.add_js_file(name, priority=600)
        app.add_css_file("explorer.css")

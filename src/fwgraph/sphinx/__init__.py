"""``fwgraph.sphinx``: put the knowledge graph in Sphinx documentation, evaluated at build time.

Add it to ``conf.py``::

    extensions = ["fwgraph.sphinx"]
    fwgraph_extra = ["data/my-frameworks.ttl"]   # optional, relative to conf.py
    fwgraph_framework_pages = "frameworks"      # optional: one page per framework

Directives and roles:

* ``.. fwgraph-query::`` runs SPARQL (read only, no ``SERVICE``) and shows the
  query and its result table (:mod:`fwgraph.sphinx.query`);
* ``.. fwgraph-graph:: lineage`` draws a view with :func:`fwgraph.draw.draw`
  (:mod:`fwgraph.sphinx.image`);
* ``.. fwgraph-explorer::`` puts the interactive family tree in the page: search,
  year slider, relation filters, click to open a framework
  (:mod:`fwgraph.sphinx.explorer`);
* ``.. fwgraph-framework:: keras`` renders a framework card
  (:mod:`fwgraph.sphinx.card`);
* ``.. fwgraph-compare:: tensorflow pytorch`` puts frameworks side by side
  (:mod:`fwgraph.sphinx.compare`);
* ``.. fwgraph-ontology::`` is the vocabulary reference
  (:mod:`fwgraph.sphinx.ontology`);
* ``.. fwgraph-downloads::`` lists the dumps of the graph and its licence
  (:mod:`fwgraph.sphinx.linked_data`, which also puts schema.org JSON-LD and
  Turtle/JSON-LD files beside every framework page and writes ``data/``);
* ``:fw:`keras``` links to a framework's card (:mod:`fwgraph.sphinx.domain`).

HTML builds also get a Hangul web font for the Korean text they contain
(:mod:`fwgraph.sphinx.webfont`).

The graph is loaded once per build from local files (``fwgraph_store`` is
``"memory"`` or ``"oxigraph"``; endpoints are refused so that a build never
reaches the network).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from fwgraph._version import __version__

__all__ = ["setup"]

_STATIC = Path(__file__).parent / "static"


def _check_config(_app: Sphinx, config: Config) -> None:
    store = str(config.fwgraph_store)
    if store not in {"memory", "oxigraph"}:
        msg = (
            f"fwgraph_store = {store!r}: use 'memory' or 'oxigraph'; "
            "fwgraph.sphinx never reads a graph over the network"
        )
        raise ConfigError(msg)
    from fwgraph.views.html import STATIC as EXPLORER_STATIC  # noqa: PLC0415

    for static in (str(_STATIC), str(EXPLORER_STATIC)):
        if static not in config.html_static_path:
            config.html_static_path.append(static)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the fwgraph directives, role, domain, configuration values and hooks."""
    from fwgraph.sphinx.card import FrameworkDirective  # noqa: PLC0415
    from fwgraph.sphinx.compare import CompareDirective  # noqa: PLC0415
    from fwgraph.sphinx.domain import FrameworkRole, FwgraphDomain  # noqa: PLC0415
    from fwgraph.sphinx.explorer import ExplorerDirective, add_explorer_assets  # noqa: PLC0415
    from fwgraph.sphinx.image import (  # noqa: PLC0415
        GraphDirective,
        fwgraph_graph,
        skip_node,
        visit_graph_html,
    )
    from fwgraph.sphinx.linked_data import (  # noqa: PLC0415
        DownloadsDirective,
        add_linked_data,
        resolve_downloads,
        write_data,
    )
    from fwgraph.sphinx.ontology import OntologyDirective  # noqa: PLC0415
    from fwgraph.sphinx.pages import generate_pages  # noqa: PLC0415
    from fwgraph.sphinx.query import QueryDirective, report_errors, sparql_lexer  # noqa: PLC0415
    from fwgraph.sphinx.webfont import add_hangul_font  # noqa: PLC0415

    app.add_config_value("fwgraph_store", "memory", "env", types=frozenset({str}))
    app.add_config_value("fwgraph_extra", [], "env", types=frozenset({list, tuple}))
    app.add_config_value("fwgraph_framework_pages", "", "env", types=frozenset({str}))
    app.connect("config-inited", _check_config)
    app.connect("builder-inited", generate_pages)
    app.connect("build-finished", report_errors)
    app.connect("html-page-context", add_explorer_assets)
    app.connect("html-page-context", add_linked_data)
    app.connect("doctree-resolved", resolve_downloads)
    app.connect("build-finished", write_data)
    app.connect("build-finished", add_hangul_font)

    app.add_lexer("sparql", sparql_lexer())
    app.add_domain(FwgraphDomain)
    app.add_role("fw", FrameworkRole())
    app.add_directive("fwgraph-query", QueryDirective)
    app.add_directive("fwgraph-graph", GraphDirective)
    app.add_directive("fwgraph-explorer", ExplorerDirective)
    app.add_directive("fwgraph-framework", FrameworkDirective)
    app.add_directive("fwgraph-compare", CompareDirective)
    app.add_directive("fwgraph-ontology", OntologyDirective)
    app.add_directive("fwgraph-downloads", DownloadsDirective)
    skip = (skip_node, None)
    app.add_node(
        fwgraph_graph,
        html=(visit_graph_html, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_css_file("fwgraph.css")
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 1,
    }

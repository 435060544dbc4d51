"""Linked data on the site: schema.org JSON-LD in framework pages, RDF files, dumps and VoID.

Hooked into Sphinx events, so the generated pages themselves are untouched:

* ``html-page-context``: a framework page (``<fwgraph_framework_pages>/<slug>``)
  gets, in its ``<head>``, a ``<script type="application/ld+json">`` with the
  framework as a schema.org ``SoftwareApplication``
  (:func:`fwgraph.views.linked_data.software_application`, written with
  ``fwgraph.views.html.script_json``, so no label can end the element) and
  ``<link rel="alternate">`` to its Turtle and JSON-LD files;
* ``build-finished`` (``html`` and ``dirhtml`` builders): writes those files
  next to the pages (``<slug>.ttl``, ``<slug>.jsonld``: the framework, its
  statement nodes and the sources they cite) and, at the site root,
  ``data/fwgraph.ttl``, ``data/fwgraph.nt``, ``data/fwgraph.jsonld`` (every
  triple) and ``data/void.ttl`` (:func:`fwgraph.views.void.void_description`);
* ``.. fwgraph-downloads::`` lists those files with the data's licence, read
  from the ontology header.

Addresses are relative to each file, or absolute under ``html_baseurl`` when
it is set. Together with the ``fwd:`` IRIs these files are what a redirect of
``https://w3id.org/fwgraph/id/<slug>`` to the site can point to.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path
from typing import Any

from docutils import nodes
from rdflib import URIRef
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from fwgraph.resources import ontology_file
from fwgraph.sphinx._nodes import paragraph
from fwgraph.sphinx._state import graph_for
from fwgraph.views.html import script_json
from fwgraph.views.linked_data import (
    describe,
    ontology_header,
    schema_graph,
    serialize_graph,
    software_application,
    whole_graph,
)
from fwgraph.views.void import DUMP_FORMATS, Dump, void_description

__all__ = ["DATA_DIR", "DownloadsDirective", "add_linked_data", "resolve_downloads", "write_data"]

logger = logging.getLogger(__name__)

#: The folder of the dumps and the VoID description, under the site root.
DATA_DIR = "data"
_BUILDERS = frozenset({"html", "dirhtml"})
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")
_ALTERNATES = (("text/turtle", ".ttl"), ("application/ld+json", ".jsonld"))
_APPLICATIONS: dict[str, dict[str, dict[str, Any]]] = {}


def _pages_dir(app: Sphinx) -> str:
    return str(app.config.fwgraph_framework_pages or "").strip("/")


def _applications(app: Sphinx) -> dict[str, dict[str, Any]]:
    """Slug → schema.org JSON-LD of every framework, computed once per graph."""
    handle = graph_for(app.config, Path(app.srcdir))
    found = _APPLICATIONS.get(handle.fingerprint)
    if found is None:
        schema = schema_graph(handle.kg.engine)
        found = {
            fw.slug: software_application(schema, URIRef(fw.iri))
            for fw in handle.kg.frameworks()
            if _SLUG.fullmatch(fw.slug)
        }
        _APPLICATIONS[handle.fingerprint] = found
    return found


def add_linked_data(
    app: Sphinx, pagename: str, _templatename: str, context: dict[str, Any], _doctree: object
) -> None:
    """``html-page-context``: JSON-LD and alternate links in a framework page's head."""
    target = _pages_dir(app)
    if not target or app.builder.name not in _BUILDERS or not pagename.startswith(f"{target}/"):
        return
    slug = pagename[len(target) + 1 :]
    doc = _applications(app).get(slug)
    if doc is None:
        return
    pathto = context["pathto"]
    head = [f'<script type="application/ld+json">{script_json(doc)}</script>']
    for media_type, suffix in _ALTERNATES:
        href = html.escape(pathto(f"{target}/{slug}{suffix}", resource=True))
        head.append(f'<link rel="alternate" type="{media_type}" href="{href}" />')
    context["metatags"] = str(context.get("metatags", "")) + "\n".join(head) + "\n"


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path.stat().st_size


def _modified() -> dt.date:
    """The build date, or ``SOURCE_DATE_EPOCH``'s for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def _description() -> str | None:
    """The package's one-line summary (its metadata), if it is installed."""
    try:
        return str(metadata("fwgraph")["Summary"])
    except PackageNotFoundError:  # a source checkout on sys.path without an install
        return None


def _base(app: Sphinx) -> str:
    base = str(app.config.html_baseurl or "")
    return base if not base or base.endswith("/") else base + "/"


def write_data(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the framework files, the dumps and the VoID description."""
    if exception is not None or app.builder.name not in _BUILDERS:
        return
    kg = graph_for(app.config, Path(app.srcdir)).kg
    out = Path(app.outdir)
    target = _pages_dir(app)
    written = 0
    if target:
        for fw in kg.frameworks():
            if not _SLUG.fullmatch(fw.slug):
                logger.warning("fwgraph: no data files for %r: not a safe file name", fw.slug)
                continue
            doc = describe(kg.engine, URIRef(fw.iri))
            for fmt in DUMP_FORMATS:
                if fmt.suffix != ".nt":
                    text = serialize_graph(doc, fmt.rdf_format)
                    _write(out / target / f"{fw.slug}{fmt.suffix}", text)
                    written += 1
    data = whole_graph(kg.engine)
    dumps = []
    for fmt in DUMP_FORMATS:
        name = f"fwgraph{fmt.suffix}"
        size = _write(out / DATA_DIR / name, serialize_graph(data, fmt.rdf_format))
        dumps.append(Dump(name, fmt, size))
    base = _base(app)
    void = void_description(
        data,
        dumps,
        title=str(app.config.project),
        description=_description(),
        license=ontology_header(kg.engine).license,
        modified=_modified(),
        base=f"{base}{DATA_DIR}/" if base else "",
        homepage=base or None,
    )
    _write(out / DATA_DIR / "void.ttl", void.serialize(format="turtle"))
    logger.info(
        "fwgraph: %d framework data file(s), %d dump(s) of %d triples and data/void.ttl",
        written,
        len(dumps),
        len(data),
    )


class DownloadsDirective(SphinxDirective):
    """``.. fwgraph-downloads::``: the dumps, the VoID description and the data's licence."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """List the files ``build-finished`` writes, with the licence of the data."""
        self.env.note_dependency(str(ontology_file()))
        kg = graph_for(self.config, Path(self.env.srcdir)).kg
        header = ontology_header(kg.engine)
        out: list[nodes.Node] = []
        if header.license:
            name = header.license_label or header.license
            link = nodes.reference("", name, refuri=header.license)
            out.append(paragraph("The data is licensed under ", link, "."))
        items = nodes.bullet_list()
        size = f"{len(kg):,} triples"
        files = [(f"fwgraph{f.suffix}", f"{f.title}, all {size}") for f in DUMP_FORMATS]
        files.append(("void.ttl", "the dataset described in VoID and DCAT"))
        for name, text in files:
            ref = nodes.reference("", f"{DATA_DIR}/{name}", internal=False)
            ref["fwgraph_data"] = f"{DATA_DIR}/{name}"
            items += nodes.list_item("", paragraph(ref, f" — {text}"))
        out.append(items)
        return out


def resolve_downloads(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: point the download links at the files, relative to the page."""
    base = _base(app)
    here = app.builder.get_target_uri(docname)
    for ref in doctree.findall(nodes.reference):
        path = ref.get("fwgraph_data")
        if path:
            ref["refuri"] = f"{base}{path}" if base else relative_uri(here, path)

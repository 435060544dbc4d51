"""The ``fwgraph`` domain: where each framework is documented, and the ``:fw:`` role linking to it.

A ``fwgraph-framework`` card registers its framework as a link target. The
``:fw:`keras``` role (also ``:fw:`the Keras API <keras>```) accepts a slug, an
English or Korean label; an unknown name is a build warning with the closest
matches ("did you mean 'keras'?"). A known framework that no page documents is
shown as plain text, so query tables can link every ``fwd:`` IRI they show.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode, split_explicit_title

from fwgraph.errors import UnknownEntityError
from fwgraph.namespace import FW, slug_of
from fwgraph.sphinx._nodes import framework_ref
from fwgraph.sphinx._state import graph_for

__all__ = ["FrameworkRole", "FwgraphDomain", "anchor_for"]

logger = logging.getLogger(__name__)


def anchor_for(slug: str) -> str:
    """The HTML id of a framework card: ``fw-keras``."""
    return f"fw-{slug}"


class FwgraphDomain(Domain):
    """Link targets for frameworks documented with ``fwgraph-framework``."""

    name = "fwgraph"
    label = "fwgraph"
    object_types = {"framework": ObjType("framework", "framework")}  # noqa: RUF012 - Sphinx API
    initial_data = {"frameworks": {}, "errors": {}}  # noqa: RUF012 - Sphinx API

    @property
    def frameworks(self) -> dict[str, tuple[str, str, str]]:
        """``slug → (docname, anchor, label)``."""
        data: dict[str, tuple[str, str, str]] = self.data.setdefault("frameworks", {})
        return data

    @property
    def errors(self) -> dict[str, list[str]]:
        """``docname → messages`` of directive errors, which fail the build."""
        data: dict[str, list[str]] = self.data.setdefault("errors", {})
        return data

    def note_framework(self, slug: str, label: str, docname: str, location: Element) -> None:
        """Register the card of ``slug`` in ``docname``; a second card is a warning."""
        if slug in self.frameworks and self.frameworks[slug][0] != docname:
            other = self.frameworks[slug][0]
            logger.warning(
                "framework %r is already documented in %s; use :noindex: on one card",
                slug,
                other,
                location=location,
                type="fwgraph",
                subtype="duplicate",
            )
            return
        self.frameworks[slug] = (docname, anchor_for(slug), label)

    def clear_doc(self, docname: str) -> None:
        """Forget the frameworks documented in ``docname`` and its errors."""
        self.errors.pop(docname, None)
        for slug, (doc, _, _) in list(self.frameworks.items()):
            if doc == docname:
                del self.frameworks[slug]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Merge what parallel readers found."""
        for slug, entry in otherdata.get("frameworks", {}).items():
            if entry[0] in docnames:
                self.frameworks[slug] = entry
        for docname, messages in otherdata.get("errors", {}).items():
            if docname in docnames:
                self.errors[docname] = list(messages)

    def resolve_xref(  # noqa: PLR0917 - Sphinx's Domain API
        self,
        env: BuildEnvironment,  # noqa: ARG002 - Sphinx's Domain API
        fromdocname: str,
        builder: Builder,
        typ: str,  # noqa: ARG002
        target: str,
        node: pending_xref,  # noqa: ARG002
        contnode: Element,
    ) -> Element | None:
        """Link to the framework's card, or leave the text as it is when no page has one."""
        entry = self.frameworks.get(target)
        if entry is None:
            return contnode
        docname, anchor, label = entry
        return make_refnode(builder, fromdocname, docname, anchor, contnode, label)

    def resolve_any_xref(  # noqa: PLR0917 - Sphinx's Domain API
        self,
        env: BuildEnvironment,  # noqa: ARG002 - Sphinx's Domain API
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,  # noqa: ARG002
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        """Let ``:any:`keras``` find framework cards too."""
        entry = self.frameworks.get(target)
        if entry is None:
            return []
        docname, anchor, label = entry
        return [
            (
                "fwgraph:framework",
                make_refnode(builder, fromdocname, docname, anchor, contnode, label),
            )
        ]

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """Frameworks for the search index."""
        for slug, (docname, anchor, label) in sorted(self.frameworks.items()):
            yield slug, label, "framework", docname, anchor, 1


class FrameworkRole(SphinxRole):
    """``:fw:`keras```: a link to the page of a framework, by slug or label."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Resolve the name against the graph and emit a pending cross-reference."""
        has_title, title, target = split_explicit_title(self.text)
        kg = graph_for(self.config, self.env.srcdir).kg
        try:
            iri = kg.resolve(target, kind=FW.Framework)
        except UnknownEntityError as exc:
            logger.warning(
                ":fw: role: %s",
                exc,
                location=self.get_location(),
                type="fwgraph",
                subtype="unknown",
            )
            return [nodes.literal(self.rawtext, target, classes=["fwgraph-unknown"])], []
        text = title if has_title else kg.label(iri)
        return [framework_ref(slug_of(iri), text)], []

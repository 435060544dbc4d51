"""``.. fwgraph-compare:: tensorflow pytorch``: frameworks side by side.

Renders :meth:`fwgraph.KnowledgeGraph.compare` as a table with one column per
framework (names link to their pages). ``:as-of: 2018`` restricts the
time-qualified rows (developers, license, built on) to one year; ``:rows:``
picks rows by name, separated by commas. More frameworks than ``:columns:``
(default 4) are split into several tables of that many, so that none is hidden
off the right edge of the page.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from fwgraph.errors import FwgraphError
from fwgraph.sphinx._nodes import Cell, framework_ref, make_table, paragraph
from fwgraph.sphinx.image import parse_as_of
from fwgraph.sphinx.query import extra_graph, note_error

__all__ = ["CompareDirective"]


def _rows_option(argument: str) -> list[str]:
    return [p.strip() for p in argument.split(",") if p.strip()]


class CompareDirective(SphinxDirective):
    """Render a comparison table of two or more frameworks."""

    required_arguments = 1
    optional_arguments = 20
    option_spec: ClassVar[dict[str, object]] = {
        "as-of": directives.unchanged_required,
        "rows": _rows_option,
        "extra": lambda a: [p for p in a.replace(",", " ").split() if p],
        "class": directives.class_option,
        "columns": directives.positive_int,
    }

    def run(self) -> list[nodes.Node]:
        """Compare the frameworks named in the arguments."""
        names = [n for arg in self.arguments for n in arg.split() if n]
        try:
            as_of = parse_as_of(self.options["as-of"]) if "as-of" in self.options else None
        except ValueError:
            return [note_error(self, f"fwgraph-compare: bad :as-of: {self.options['as-of']!r}")]
        try:
            kg = extra_graph(self).kg
            comparison = kg.compare(*names, as_of=as_of)
        except FwgraphError as exc:
            return [note_error(self, f"fwgraph-compare: {exc}")]
        wanted = self.options.get("rows")
        rows = comparison.rows
        if wanted:
            known = {name for name, _ in rows}
            unknown = [w for w in wanted if w not in known]
            if unknown:
                return [
                    note_error(
                        self,
                        f"fwgraph-compare: unknown row(s) {', '.join(map(repr, unknown))}; "
                        f"rows are {', '.join(name for name, _ in rows)}",
                    )
                ]
            rows = tuple(r for r in rows if r[0] in wanted)
        width = int(self.options.get("columns", 4))
        out: list[nodes.Node] = []
        for start in range(0, len(comparison.frameworks), width):
            header: list[Cell] = [""]
            for framework in comparison.frameworks[start : start + width]:
                head = paragraph(framework_ref(framework.slug, framework.label))
                if framework.label_ko:
                    head += nodes.inline(text=f" {framework.label_ko}", classes=["fwgraph-lang-ko"])
                header.append(head)
            body: list[list[Cell]] = [[name, *cells[start : start + width]] for name, cells in rows]
            out.append(
                make_table(
                    header,
                    body,
                    classes=["fwgraph-compare", *self.options.get("class", [])],
                    stub_columns=1,
                )
            )
        if as_of is not None:
            out.append(
                paragraph(f"Time-qualified rows as of {as_of}.", classes=["fwgraph-rowcount"])
            )
        return out

"""Docutils builders shared by the directives: tables, RDF terms, framework and source links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from docutils import nodes
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node
from sphinx import addnodes

from fwgraph.model import SourceRef
from fwgraph.namespace import FWD
from fwgraph.results import term_text

__all__ = [
    "Cell",
    "framework_ref",
    "make_table",
    "paragraph",
    "source_links",
    "term_node",
]

Cell: TypeAlias = str | nodes.Node | Sequence[nodes.Node]


def paragraph(*children: nodes.Node | str, classes: Sequence[str] = ()) -> nodes.paragraph:
    """A paragraph of text and inline nodes."""
    para = nodes.paragraph(classes=list(classes))
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


def _entry(cell: Cell) -> nodes.entry:
    entry = nodes.entry()
    if isinstance(cell, str):
        entry += nodes.paragraph(text=cell)
    elif isinstance(cell, nodes.Node):
        entry += cell if isinstance(cell, nodes.Body) else paragraph(cell)
    else:
        para = nodes.paragraph()
        for child in cell:
            para += child
        entry += para
    return entry


def make_table(
    header: Sequence[Cell],
    rows: Sequence[Sequence[Cell]],
    *,
    classes: Sequence[str] = (),
    stub_columns: int = 0,
    widths: Sequence[int] | None = None,
) -> nodes.table:
    """Build a docutils table with a header row; cells are text, inline nodes or body nodes."""
    table = nodes.table(classes=["fwgraph-table", *classes])
    group = nodes.tgroup(cols=len(header))
    table += group
    for i in range(len(header)):
        width = widths[i] if widths is not None else 1
        spec = nodes.colspec(colwidth=width)
        if i < stub_columns:
            spec["stub"] = True
        group += spec
    head = nodes.thead()
    row = nodes.row()
    for cell in header:
        row += _entry(cell)
    head += row
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            row += _entry(cell)
        body += row
    group += body
    return table


def framework_ref(slug: str, text: str, *, literal: bool = False) -> addnodes.pending_xref:
    """A link to a framework's page (plain text when no page documents it)."""
    inner: nodes.Element = nodes.literal(text, text) if literal else nodes.inline(text, text)
    return addnodes.pending_xref(
        "",
        inner,
        refdomain="fwgraph",
        reftype="framework",
        reftarget=slug,
        refexplicit=True,
        refwarn=False,
    )


def term_node(term: Node | None) -> nodes.Node:  # noqa: PLR0911 - one return per kind of term
    """Render an RDF term: ``fwd:`` IRIs link to framework pages, web IRIs are links."""
    if term is None:
        return nodes.Text("")
    text = term_text(term)
    if isinstance(term, URIRef):
        if term.startswith(str(FWD)):
            return framework_ref(str(term)[len(str(FWD)) :], text, literal=True)
        if str(term).startswith(("http://", "https://")) and text == str(term):
            return nodes.reference(text, text, refuri=str(term))
        return nodes.literal(text, text)
    if isinstance(term, BNode):
        return nodes.literal(text, text)
    if isinstance(term, Literal) and term.language:
        return nodes.inline(text, text, classes=[f"fwgraph-lang-{term.language}"])
    return nodes.Text(text)


def source_links(sources: Sequence[SourceRef]) -> list[nodes.Node]:
    """Source titles separated by semicolons, linked where the source has a URL."""
    out: list[nodes.Node] = []
    for i, src in enumerate(sources):
        if i:
            out.append(nodes.Text("; "))
        if src.url:
            out.append(nodes.reference(src.title, src.title, refuri=src.url))
        else:
            out.append(nodes.inline(src.title, src.title, classes=["fwgraph-source"]))
    return out

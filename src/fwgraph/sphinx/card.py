"""``.. fwgraph-framework:: keras``: a framework card with facts, sources, lineage and claims.

The card shows the English and Korean names, the one-line description, every
sourced fact with its period and links to its sources, the ancestors and
descendants with the years each relation held, and the claims made about the
framework with their polarity, today's verdict and the verdict's explanation in
English and Korean. The card is the link target of ``:fw:`keras```.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from fwgraph.analysis.lineage import Lineage, LineageEdge
from fwgraph.errors import FwgraphError
from fwgraph.graph import KnowledgeGraph
from fwgraph.model import Claim, Fact, Framework, Ref
from fwgraph.namespace import FW
from fwgraph.sphinx._nodes import framework_ref, make_table, paragraph, source_links
from fwgraph.sphinx.domain import FwgraphDomain, anchor_for
from fwgraph.sphinx.infobox import infobox
from fwgraph.sphinx.query import extra_graph, note_error

__all__ = ["FrameworkDirective", "claim_node", "facts_table", "lineage_list"]

SECTIONS = ("name", "infobox", "comment", "facts", "lineage", "claims")

_ORDER = (
    "developedBy",
    "createdBy",
    "firstReleased",
    "status",
    "discontinued",
    "license",
    "implementedIn",
    "apiLanguage",
    "builtOn",
    "derivedFrom",
    "mergedInto",
    "influencedBy",
    "platform",
    "hardware",
    "supports",
    "specializesIn",
    "repository",
    "homepage",
)


def _value_node(fact: Fact) -> nodes.Node:
    value = fact.value
    if isinstance(value, Ref):
        same = not value.label_ko or value.label_ko == value.label
        text = value.label + ("" if same else f" ({value.label_ko})")
        if value.kind == "framework":
            return framework_ref(value.slug, text)
        if value.iri.startswith("http://spdx.org/licenses/"):
            return nodes.reference(value.slug, value.slug, refuri=value.iri)
        return nodes.Text(text)
    if value.startswith(("http://", "https://")):
        return nodes.reference(value, value, refuri=value)
    return nodes.Text(value)


def facts_table(kg: KnowledgeGraph, framework: Framework) -> nodes.table:
    """Property, value (with the statement's note), period and sources of every fact."""
    rank = {name: i for i, name in enumerate(_ORDER)}
    facts = sorted(
        framework.facts,
        key=lambda f: (
            rank.get(f.predicate, len(rank)),
            f.predicate,
            f.valid_from or "",
            str(f.value),
        ),
    )
    rows = []
    for fact in facts:
        value = paragraph(_value_node(fact))
        cell: list[nodes.Node] = [value]
        if fact.note:
            cell.append(paragraph(fact.note, classes=["fwgraph-note"]))
        when = fact.period or (f"as of {fact.as_of}" if fact.as_of else "")
        rows.append(
            [kg.label(FW[fact.predicate]), cell, when, paragraph(*source_links(fact.sources))]
        )
    return make_table(
        ["Property", "Value", "When", "Sources"],
        [[r[0], _body(r[1]), r[2], r[3]] for r in rows],
        classes=["fwgraph-facts"],
        widths=[14, 40, 10, 36],
    )


def _body(items: list[nodes.Node]) -> nodes.container:
    box = nodes.container(classes=["fwgraph-cell"])
    for item in items:
        box += item
    return box


def lineage_list(lineage: Lineage, depth: int | None = None) -> nodes.Node:
    """A nested bullet list of the lineage, each relation with the years it held.

    ``depth=1`` lists only direct relatives (a page's descendants: not those of PyTorch
    on Caffe's page).
    """
    up = lineage.direction == "ancestors"
    step: Callable[[str], list[tuple[LineageEdge, str]]] = (
        lineage.parents if up else lineage.children
    )
    seen = {lineage.root.slug}

    def branch(slug: str, level: int = 1) -> nodes.bullet_list | None:
        items = step(slug)
        if not items:
            return None
        out = nodes.bullet_list(classes=["fwgraph-lineage"])
        for edge, other in items:
            node = lineage.node(other)
            item = nodes.list_item()
            para = paragraph(lineage.phrase(edge, "up" if up else "down") + " ")
            para += framework_ref(other, node.label)
            facts = []
            if node.year is not None:
                facts.append(str(node.year))
            if node.status == "discontinued" and node.discontinued:
                facts.append(f"discontinued {node.discontinued[:4]}")
            if facts:
                para += nodes.Text(f" ({', '.join(facts)})")
            if edge.period:
                para += nodes.Text(" ")
                para += nodes.inline(text=f"[{edge.period}]", classes=["fwgraph-period"])
            item += para
            if other not in seen and (depth is None or level < depth):
                seen.add(other)
                sub = branch(other, level + 1)
                if sub is not None:
                    item += sub
            item_list = item
            out += item_list
        return out

    tree = branch(lineage.root.slug)
    return tree if tree is not None else paragraph("none recorded", classes=["fwgraph-none"])


def claim_node(claim: Claim) -> nodes.container:
    """One claim: title, polarity and verdict badges, text and verdict in English and Korean."""
    box = nodes.container(classes=["fwgraph-claim", f"fwgraph-verdict-{claim.verdict}"])
    title = paragraph(nodes.strong(text=claim.label), classes=["fwgraph-claim-title"])
    title += nodes.Text(" ")
    title += nodes.inline(
        text=claim.polarity, classes=["fwgraph-badge", f"fwgraph-{claim.polarity}"]
    )
    title += nodes.Text(" ")
    title += nodes.inline(
        text=f"verdict: {claim.verdict}",
        classes=["fwgraph-badge", f"fwgraph-verdict-{claim.verdict}"],
    )
    if claim.aspects:
        title += nodes.Text(" ")
        title += nodes.inline(text=", ".join(claim.aspects), classes=["fwgraph-aspects"])
    box += title
    box += paragraph(claim.text_en, classes=["fwgraph-claim-text"])
    if claim.text_ko:
        box += paragraph(claim.text_ko, classes=["fwgraph-claim-text", "fwgraph-lang-ko"])
    verdict = paragraph(
        nodes.emphasis(text=f"Verdict ({claim.verdict_date or 'undated'}): "),
        claim.verdict_note_en,
        classes=["fwgraph-verdict-note"],
    )
    box += verdict
    if claim.verdict_note_ko:
        box += paragraph(
            nodes.emphasis(text="판정: "),
            claim.verdict_note_ko,
            classes=["fwgraph-verdict-note", "fwgraph-lang-ko"],
        )
    sources = paragraph(nodes.emphasis(text="Claimed by: "), classes=["fwgraph-claim-sources"])
    for child in source_links(claim.claimed_by):
        sources += child
    if claim.evidence:
        sources += nodes.Text(". ")
        sources += nodes.emphasis(text="Evidence: ")
        for child in source_links(claim.evidence):
            sources += child
    box += sources
    return box


def _sections_option(argument: str) -> list[str]:
    names = [p for p in argument.replace(",", " ").split() if p]
    for name in names:
        if name not in SECTIONS:
            msg = f"unknown section {name!r}; use {', '.join(SECTIONS)}"
            raise ValueError(msg)
    return names


class FrameworkDirective(SphinxDirective):
    """Render the card of one framework."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, object]] = {
        "noindex": directives.flag,
        "sections": _sections_option,
        "extra": lambda a: [p for p in a.replace(",", " ").split() if p],
        "all-descendants": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        """Look the framework up and build the card."""
        try:
            kg = extra_graph(self).kg
            framework = kg.framework(self.arguments[0])
        except FwgraphError as exc:
            return [note_error(self, f"fwgraph-framework: {exc}")]
        sections = self.options.get("sections", list(SECTIONS))
        card = nodes.container(classes=["fwgraph-card"])
        anchor = anchor_for(framework.slug)
        card["ids"].append(anchor)
        self.set_source_info(card)
        if "noindex" not in self.options:
            domain = self.env.get_domain("fwgraph")
            assert isinstance(domain, FwgraphDomain)  # noqa: S101 - registered by setup()
            domain.note_framework(framework.slug, framework.label, self.env.docname, card)
        if "name" in sections:
            name = paragraph(nodes.strong(text=framework.label), classes=["fwgraph-card-name"])
            if framework.label_ko:
                name += nodes.Text(" · ")
                name += nodes.inline(text=framework.label_ko, classes=["fwgraph-lang-ko"])
            name += nodes.Text(" ")
            name += nodes.literal(text=f"fwd:{framework.slug}")
            card += name
        if "infobox" in sections:
            facts_anchor = f"facts-{framework.slug}" if "facts" in sections else None
            card += infobox(kg, framework, facts_anchor)
        if "comment" in sections:
            comment = paragraph(framework.comment, classes=["fwgraph-card-comment"])
            if "name" not in sections and "infobox" not in sections:
                comment.insert(0, nodes.literal(text=f"fwd:{framework.slug}"))
                comment.insert(1, nodes.Text(" — "))
            card += comment
        if "lineage" in sections:
            card += nodes.rubric(text="Ancestors")
            card += lineage_list(kg.lineage(framework.slug, direction="ancestors"))
            every = "all-descendants" in self.options
            card += nodes.rubric(text="Descendants" if every else "Direct descendants")
            card += lineage_list(
                kg.lineage(framework.slug, direction="descendants"), None if every else 1
            )
        if "claims" in sections and framework.claims:
            card += nodes.rubric(text="Claims and today's verdicts")
            for claim in framework.claims:
                card += claim_node(claim)
        if "facts" in sections:
            box = nodes.container(ids=[f"facts-{framework.slug}"], classes=["fwgraph-facts-box"])
            box += nodes.raw(
                "",
                "<details><summary>All facts with their periods and sources</summary>",
                format="html",
            )
            box += facts_table(kg, framework)
            box += nodes.raw("", "</details>", format="html")
            card += nodes.rubric(text="Facts and sources")
            card += box
        return [card]

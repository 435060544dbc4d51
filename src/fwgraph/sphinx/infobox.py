"""The infobox at the top of a framework's page, as an encyclopedia has one.

Developer, first release, latest release, status with its date, licence (today's,
then earlier ones with their years), languages, what it runs on and what runs on
it today, repository and home page. Every row holds today's value; the full
record with periods and sources is one click away, in the facts table below it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docutils import nodes

from fwgraph.analysis.lineage import Lineage
from fwgraph.graph import KnowledgeGraph
from fwgraph.model import Fact, Framework, Ref
from fwgraph.sphinx._nodes import framework_ref, paragraph

__all__ = ["infobox"]


def _refs(items: Sequence[Ref | str]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(", "))
        if isinstance(item, Ref) and item.kind == "framework":
            out.append(framework_ref(item.slug, item.label))
        elif isinstance(item, Ref) and item.iri.startswith("http://spdx.org/licenses/"):
            out.append(nodes.reference(item.slug, item.slug, refuri=item.iri))
        else:
            out.append(nodes.Text(item.label if isinstance(item, Ref) else str(item)))
    return out


def _link(url: str | None) -> list[nodes.Node]:
    if not url:
        return []
    text = url.removeprefix("https://").removeprefix("http://").removesuffix("/")
    return [nodes.reference(text, text, refuri=url)]


def _current(facts: Sequence[Fact], today: int) -> list[Fact]:
    return [f for f in facts if f.holds_in(today)]


def _status(framework: Framework, today: int) -> list[nodes.Node]:
    facts = _current(framework.facts_for("status"), today) or list(framework.facts_for("status"))
    if not facts:
        return []
    fact = max(facts, key=lambda f: f.valid_from or f.as_of or "")
    label = fact.value.label if isinstance(fact.value, Ref) else str(fact.value)
    if fact.valid_from:
        label += f" (since {fact.valid_from[:4]})"
    elif fact.as_of:
        label += f" (as of {fact.as_of})"
    return [nodes.Text(label)]


def _licences(framework: Framework, today: int) -> list[nodes.Node]:
    facts = framework.facts_for("license")
    now = [f.value for f in _current(facts, today)]
    out = _refs(list(dict.fromkeys(now)))
    earlier = [f for f in facts if f.valid_until and not f.holds_in(today)]
    for fact in sorted(earlier, key=lambda f: f.valid_until or ""):
        out.append(
            nodes.Text(
                f"; earlier {fact.value.label if isinstance(fact.value, Ref) else fact.value}"
            )
        )
        out.append(nodes.Text(f" ({fact.period})"))
    return out


def _runs_it(lineage: Lineage, slug: str, today: int) -> list[nodes.Node]:
    users = [
        other
        for edge, other in lineage.children(slug)
        if edge.relation == "builtOn" and edge.holds_in(today)
    ]
    out: list[nodes.Node] = []
    for i, other in enumerate(sorted(set(users), key=lambda s: lineage.node(s).label.casefold())):
        if i:
            out.append(nodes.Text(", "))
        out.append(framework_ref(other, lineage.node(other).label))
    return out


def infobox(
    kg: KnowledgeGraph, framework: Framework, facts_anchor: str | None = None
) -> nodes.table:
    """The infobox of one framework: a two-column table of today's key facts.

    ``facts_anchor`` is the id of the full facts table on the same page, linked from the box.
    """
    today = dt.date.today().year
    releases = kg.releases(framework.slug)
    released = framework.first_released or ""
    first = next((r for r in releases if released and r.date.startswith(released)), None)
    latest = next((r for r in reversed(releases) if r.latest), None)
    descendants = kg.lineage(framework.slug, direction="descendants")
    first_text = framework.first_released or (
        framework.released_text if framework.never_released else ""
    )
    if first is not None and first.version:
        first_text = f"{first.version}, {first.date}"
    rows: list[tuple[str, list[nodes.Node]]] = [
        ("Developer", _refs(framework.values("developedBy", as_of=today) or framework.developers)),
        ("Created by", _refs(framework.creators)),
        ("First release", [nodes.Text(first_text)] if first_text else []),
        (
            "Latest release",
            [nodes.Text(f"{latest.version} ({latest.date})")] if latest is not None else [],
        ),
        ("Status", _status(framework, today)),
        ("License", _licences(framework, today)),
        ("Written in", _refs(framework.implemented_in)),
        ("API languages", _refs(framework.api_languages)),
        ("Runs on", _refs(framework.values("builtOn", as_of=today))),
        ("Runs it", _runs_it(descendants, framework.slug, today)),
        ("Replaced by", _refs(framework.replaced_by)),
        ("Merged into", _refs(framework.merged_into)),
        ("Repository", _link(framework.repository)),
        ("Website", _link(framework.homepage)),
    ]
    table = nodes.table(classes=["fwgraph-infobox"])
    group = nodes.tgroup(cols=2)
    group += nodes.colspec(colwidth=35)
    group += nodes.colspec(colwidth=65)
    table += group
    head = nodes.thead()
    title_row = nodes.row()
    title_entry = nodes.entry(morecols=1)
    name = paragraph(nodes.strong(text=framework.label))
    if framework.label_ko and framework.label_ko != framework.label:
        name += nodes.Text(" · ")
        name += nodes.inline(text=framework.label_ko, classes=["fwgraph-lang-ko"])
    title_entry += name
    title_row += title_entry
    head += title_row
    group += head
    body = nodes.tbody()
    for label, value in rows:
        if not value:
            continue
        row = nodes.row()
        key = nodes.entry()
        key += paragraph(label)
        cell = nodes.entry()
        cell += paragraph(*value)
        row += key
        row += cell
        body += row
    if facts_anchor:
        more = nodes.row()
        more_entry = nodes.entry(morecols=1)
        more_entry += paragraph(
            nodes.reference("", "All facts with their sources ↓", refid=facts_anchor),
            classes=["fwgraph-infobox-more"],
        )
        more += more_entry
        body += more
    group += body
    return table

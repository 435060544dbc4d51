"""The data-quality report a maintainer watches: counts, coverage, unsourced facts."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fwgraph.graph import slug_of
from fwgraph.namespace import FW, SOURCED_PROPERTIES
from fwgraph.provenance import sourced_statements, truthy_facts
from fwgraph.results import render_table, term_text

if TYPE_CHECKING:
    from fwgraph.graph import KnowledgeGraph

__all__ = ["REQUIRED_PROPERTIES", "Stats", "compute_stats"]

#: Properties every framework must have (the SHACL shapes enforce them too).
REQUIRED_PROPERTIES = (
    "developedBy",
    "implementedIn",
    "firstReleased",
    "license",
    "status",
)

_COVERAGE = (
    *REQUIRED_PROPERTIES,
    "apiLanguage",
    "createdBy",
    "repository",
    "homepage",
    "supports",
    "platform",
    "hardware",
    "specializesIn",
    "builtOn",
    "derivedFrom",
    "mergedInto",
    "influencedBy",
    "hasClaim",
)


@dataclass(frozen=True)
class Stats:
    """Numbers about the graph's content and the quality of its evidence.

    Attributes
    ----------
    triples : int
    classes : dict of str to int
        Instances per fwgraph class (``Framework``, ``Claim`` …).
    coverage : dict of str to int
        For each framework property: how many frameworks have at least one value.
    frameworks : int
    facts : int
        Truthy triples whose predicate must be sourced.
    unsourced : tuple of str
        ``"subject predicate object"`` of facts with no statement node citing a source.
    orphan_statements : int
        Statement nodes whose truthy triple is missing.
    oldest_as_of : str or None
        The oldest ``fw:asOf`` date: the fact checked longest ago.
    claims_by_verdict : dict of str to int
    sources : int

    Examples
    --------
    >>> import fwgraph
    >>> s = fwgraph.load().stats()
    >>> s.frameworks >= 7 and s.unsourced == ()
    True
    """

    triples: int
    classes: dict[str, int]
    coverage: dict[str, int]
    frameworks: int
    facts: int
    unsourced: tuple[str, ...]
    orphan_statements: int
    oldest_as_of: str | None
    claims_by_verdict: dict[str, int]
    sources: int
    missing_required: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        return {
            "triples": self.triples,
            "classes": self.classes,
            "frameworks": self.frameworks,
            "coverage": self.coverage,
            "facts": self.facts,
            "unsourced_facts": list(self.unsourced),
            "orphan_statements": self.orphan_statements,
            "oldest_as_of": self.oldest_as_of,
            "claims_by_verdict": self.claims_by_verdict,
            "sources": self.sources,
            "missing_required": {k: list(v) for k, v in self.missing_required.items()},
        }

    def to_json(self) -> str:
        """JSON form of :meth:`to_dict`."""
        return json.dumps(self.to_dict(), indent=2)

    def to_text(self) -> str:
        """The report for people."""
        parts = [f"triples: {self.triples}", "", "instances by class:"]
        parts.append(
            render_table(["class", "count"], [[k, str(v)] for k, v in self.classes.items()])
        )
        parts += ["", f"coverage of framework properties ({self.frameworks} frameworks):"]
        parts.append(
            render_table(
                ["property", "frameworks", "share"],
                [
                    [k, str(v), f"{100 * v / self.frameworks:.0f}%" if self.frameworks else "-"]
                    for k, v in self.coverage.items()
                ],
            )
        )
        parts += [
            "",
            f"sourced facts: {self.facts - len(self.unsourced)} of {self.facts}",
            f"facts without a source: {len(self.unsourced)}",
            *(f"  {u}" for u in self.unsourced[:20]),
            f"statement nodes without their fact: {self.orphan_statements}",
            f"sources: {self.sources}",
            f"oldest asOf: {self.oldest_as_of or '-'}",
            "claims by verdict: "
            + (", ".join(f"{k} {v}" for k, v in self.claims_by_verdict.items()) or "-"),
        ]
        if self.missing_required:
            parts.append("frameworks missing a required property:")
            parts += [f"  {k}: {', '.join(v)}" for k, v in self.missing_required.items()]
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(self.to_text())}</pre>"


_CLASSES = (
    "Framework",
    "Organization",
    "Person",
    "ProgrammingLanguage",
    "Feature",
    "Platform",
    "Hardware",
    "Domain",
    "Claim",
    "Source",
)


def compute_stats(kg: KnowledgeGraph) -> Stats:
    """Compute :class:`Stats` with a handful of aggregate queries."""
    classes = {}
    for name in _CLASSES:
        r = kg.query(
            "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c }", bindings={"c": FW[name]}
        )
        classes[name] = int(str(r.rows[0][0]))
    frameworks = classes["Framework"]
    coverage = {}
    missing: dict[str, tuple[str, ...]] = {}
    all_frameworks = {
        slug_of(row[0])
        for row in kg.query("SELECT ?f WHERE { ?f a fw:Framework }").rows
        if row[0] is not None
    }
    for prop in _COVERAGE:
        r = kg.query(
            "SELECT DISTINCT ?f WHERE { ?f a fw:Framework ; ?p ?v }", bindings={"p": FW[prop]}
        )
        having = {slug_of(row[0]) for row in r.rows if row[0] is not None}
        coverage[prop] = len(having)
        if prop in REQUIRED_PROPERTIES and having != all_frameworks:
            missing[prop] = tuple(sorted(all_frameworks - having))
    truthy = truthy_facts(kg.graph)
    reified, sourced = sourced_statements(kg.graph)
    unsourced = tuple(
        sorted(f"{slug_of(s)} {term_text(p)} {term_text(o)}" for s, p, o in truthy - sourced)
    )
    orphans = len({k for k in reified if k[1] in SOURCED_PROPERTIES} - truthy)
    r = kg.query("SELECT (MIN(STR(?d)) AS ?oldest) WHERE { ?st fw:asOf ?d }")
    oldest = str(r.rows[0][0]) if r.rows and r.rows[0][0] is not None else None
    verdicts: dict[str, int] = {}
    r = kg.query(
        "SELECT ?v (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a fw:Claim ; fw:verdict ?v } "
        "GROUP BY ?v ORDER BY ?v"
    )
    for v, n in r.rows:
        verdicts[str(v).rsplit("#", 1)[-1].lower()] = int(str(n))
    return Stats(
        triples=len(kg.graph),
        classes=classes,
        coverage=coverage,
        frameworks=frameworks,
        facts=len(truthy),
        unsourced=unsourced,
        orphan_statements=orphans,
        oldest_as_of=oldest,
        claims_by_verdict=verdicts,
        sources=classes["Source"],
        missing_required=missing,
    )

"""The data-quality report a maintainer watches: counts, coverage, unsourced facts."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from rdflib.term import Node

from fwgraph.analysis.vocabulary import local_name
from fwgraph.engines import Engine, select
from fwgraph.namespace import slug_of
from fwgraph.results import render_table, term_text

__all__ = ["REQUIRED_PROPERTIES", "Stats", "compute_stats"]

#: Properties every framework must have (the SHACL shapes enforce them too).
REQUIRED_PROPERTIES = (
    "developedBy",
    "implementedIn",
    "firstReleased",
    "license",
    "status",
)

#: Required properties that describe released code: a framework marked
#: ``fw:neverReleased true`` has no first release or license, and its language only if published.
_RELEASE_PROPERTIES = frozenset({"implementedIn", "firstReleased", "license"})

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
    never_released : tuple of str
        Slugs of frameworks described in public but never released (``fw:neverReleased``);
        they are not counted as missing a first release, a license or a language.
    matrix : dict of str to dict of str to int
        For each column of the comparison matrix (``fw:comparisonColumn``): how
        many frameworks answer ``yes``, ``no`` (``fw:lacks``), ``unknown``
        (``fw:supportUnknown``), and how many leave it ``blank``.

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
    never_released: tuple[str, ...] = ()
    matrix: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def matrix_valued(self) -> float:
        """Share of matrix cells with a sourced yes or no (0–1)."""
        cells = sum(sum(v.values()) for v in self.matrix.values())
        return sum(v["yes"] + v["no"] for v in self.matrix.values()) / cells if cells else 0.0

    @property
    def matrix_answered(self) -> float:
        """Share of matrix cells that are valued or explicitly unknown (0–1)."""
        cells = sum(sum(v.values()) for v in self.matrix.values())
        return (cells - sum(v["blank"] for v in self.matrix.values())) / cells if cells else 0.0

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
            "never_released": list(self.never_released),
            "matrix": self.matrix,
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
        if self.matrix:
            parts += [
                "",
                f"comparison matrix: {100 * self.matrix_valued:.1f}% of cells valued "
                f"(yes or a sourced no), {100 * self.matrix_answered:.1f}% valued or "
                "explicitly unknown",
                render_table(
                    ["column", "yes", "no", "unknown", "blank"],
                    [
                        [k, *(str(v[x]) for x in ("yes", "no", "unknown", "blank"))]
                        for k, v in self.matrix.items()
                    ],
                ),
            ]
        if self.never_released:
            unreleased = ", ".join(self.never_released)
            parts.append(f"never released (no first release or license): {unreleased}")
        if self.missing_required:
            parts.append("frameworks missing a required property:")
            parts += [f"  {k}: {', '.join(v)}" for k, v in self.missing_required.items()]
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(self.to_text())}</pre>"


def compute_stats(engine: Engine) -> Stats:
    """Compute :class:`Stats` with a handful of named aggregate queries (one request each)."""
    counted = {local_name(r["c"]): int(str(r["n"])) for r in select(engine, "stats_classes")}
    wanted = (
        *("Framework", "Organization", "Person", "ProgrammingLanguage", "Feature"),
        *("Platform", "Hardware", "Domain", "Release", "Claim", "Source"),
    )
    classes = {name: counted.get(name, 0) for name in wanted}
    frameworks = classes["Framework"]
    per_prop = {local_name(r["p"]): r for r in select(engine, "stats_coverage")}
    coverage = {
        prop: int(str(per_prop[prop]["n"])) if prop in per_prop else 0 for prop in _COVERAGE
    }
    unreleased = tuple(slug_of(r["f"]) for r in select(engine, "stats_unreleased"))
    missing: dict[str, tuple[str, ...]] = {}
    if any(coverage[p] != frameworks for p in REQUIRED_PROPERTIES):
        props: dict[str, set[str]] = {}
        for row in select(engine, "outgoing"):
            props.setdefault(slug_of(row["s"]), set()).add(local_name(row["p"]))
        for prop in REQUIRED_PROPERTIES:
            exempt = set(unreleased) if prop in _RELEASE_PROPERTIES else set()
            lacking = sorted(
                slug for slug, have in props.items() if prop not in have and slug not in exempt
            )
            if lacking:
                missing[prop] = tuple(lacking)
    truthy = {(r["s"], r["p"], r["o"]) for r in select(engine, "stats_truthy")}
    reified = {(r["s"], r["p"], r["o"]) for r in select(engine, "stats_reified")}
    sourced = {(r["s"], r["p"], r["o"]) for r in select(engine, "stats_sourced")}
    unsourced = tuple(
        sorted(f"{slug_of(s)} {term_text(p)} {term_text(o)}" for s, p, o in truthy - sourced)
    )
    orphans = len(reified - truthy)
    misc = select(engine, "stats_misc")
    oldest = str(misc[0]["oldest"]) if misc and "oldest" in misc[0] else None
    verdicts = {
        local_name(r["v"]).lower(): int(str(r["n"])) for r in select(engine, "stats_verdicts")
    }
    return Stats(
        matrix=_matrix(engine, frameworks),
        triples=len(engine),
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
        never_released=unreleased,
    )


def _matrix(engine: Engine, frameworks: int) -> dict[str, dict[str, int]]:
    """Answers per column of the comparison matrix; a yes beats an unknown for the same cell."""
    rank = {"yes": 0, "no": 1, "unknown": 2}
    best: dict[tuple[Node, Node], str] = {}
    for row in select(engine, "matrix"):
        cell = (row["f"], row["col"])
        answer = str(row["answer"])
        if cell not in best or rank[answer] < rank[best[cell]]:
            best[cell] = answer
    out: dict[str, dict[str, int]] = {}
    for row in select(engine, "matrix_columns"):
        counts = {"yes": 0, "no": 0, "unknown": 0}
        for (_, col), answer in best.items():
            if col == row["col"]:
                counts[answer] += 1
        counts["blank"] = frameworks - sum(counts.values())
        out[slug_of(row["col"])] = counts
    return dict(sorted(out.items()))

"""Typed values the public API returns: frozen dataclasses, never rdflib results.

Every value knows its slug (``"keras"``), its IRI and its English label; the
Korean label is there when the data has one.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

__all__ = [
    "Claim",
    "Fact",
    "Framework",
    "Ref",
    "Release",
    "SourceRef",
]


@dataclass(frozen=True, order=True)
class Ref:
    """A reference to a resource in the graph (or an external IRI such as a license).

    Attributes
    ----------
    slug : str
        The local name: ``"google"`` for ``fwd:google``, ``"Apache-2.0"`` for an
        SPDX license, the IRI itself for anything else.
    label : str
        English label, or the slug when there is none.
    iri : str
        The full IRI.
    label_ko : str or None
        Korean label, when the data has one.
    kind : str or None
        Its fwgraph class in lower case (``"framework"``, ``"organization"`` …).
    """

    slug: str
    label: str
    iri: str
    label_ko: str | None = None
    kind: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.label

    def display(self, lang: str = "en") -> str:
        """Return the label in ``lang`` (``"en"`` or ``"ko"``), falling back to English."""
        if lang == "ko" and self.label_ko:
            return self.label_ko
        return self.label


@dataclass(frozen=True, order=True)
class SourceRef:
    """A source a fact or claim is cited to.

    Attributes
    ----------
    slug, title : str
        ``"src-keras-license"`` and the document's title.
    url : str or None
        Where it can be read, if anywhere.
    kind : str or None
        ``"license"``, ``"paper"``, ``"article"`` …
    """

    slug: str
    title: str
    url: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Fact:
    """One truthy fact with the qualifiers of its statement node.

    Attributes
    ----------
    predicate : str
        Local name of the predicate: ``"builtOn"``, ``"license"`` …
    value : Ref or str
        A :class:`Ref` for resources, the lexical form for literals.
    valid_from, valid_until : str or None
        Lexical forms of ``fw:validFrom`` / ``fw:validUntil`` (until is exclusive).
    as_of : str or None
        ``fw:asOf`` of the statement.
    sources : tuple of SourceRef
        Every source cited for the fact.
    note : str or None
        The statement's ``fw:note``.
    """

    predicate: str
    value: Ref | str
    valid_from: str | None = None
    valid_until: str | None = None
    as_of: str | None = None
    sources: tuple[SourceRef, ...] = ()
    note: str | None = None

    def holds_in(self, when: int | dt.date | None) -> bool:
        """Whether the fact holds in a year or on a date (always, when ``when`` is None).

        Examples
        --------
        >>> f = Fact("builtOn", "x", valid_from="2015", valid_until="2020")
        >>> [f.holds_in(y) for y in (2014, 2015, 2019, 2020)]
        [False, True, True, False]
        """
        return holds_in(self.valid_from, self.valid_until, when)

    @property
    def period(self) -> str:
        """``"2015–2020"``, ``"2023–"`` or ``""`` for a fact without time qualifiers."""
        if not self.valid_from and not self.valid_until:
            return ""
        start = (self.valid_from or "")[:4]
        end = (self.valid_until or "")[:4]
        return f"{start}–{end}"


def _as_date(value: str) -> dt.date:
    """First day of a gYear, gYearMonth or date lexical form."""
    parts = value.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 1
    day = int(parts[2][:2]) if len(parts) > 2 else 1
    return dt.date(year, month, day)


def holds_in(valid_from: str | None, valid_until: str | None, when: int | dt.date | None) -> bool:
    """Whether a period ``[valid_from, valid_until)`` covers a year or a date.

    A year counts when the period overlaps it by the year of its bounds:
    ``validFrom 2023-11-28`` holds in 2023, ``validUntil 2020`` does not hold in 2020.
    """
    if when is None:
        return True
    if isinstance(when, int):
        if valid_from and int(valid_from[:4]) > when:
            return False
        return not (valid_until and int(valid_until[:4]) <= when)
    if valid_from and _as_date(valid_from) > when:
        return False
    return not (valid_until and _as_date(valid_until) <= when)


@dataclass(frozen=True)
class Claim:
    """A strength or weakness a source states about a framework, with today's verdict.

    Attributes
    ----------
    slug : str
        ``"claim-theano-compile-time"``.
    framework : str
        Slug of the framework the claim is about.
    label : str
        Short English title.
    text_en, text_ko : str
        The claim in the graph's own words.
    polarity : str
        ``"strength"`` or ``"weakness"``.
    aspects : tuple of str
        ``("performance",)`` …
    verdict : str
        ``"holds"``, ``"outdated"``, ``"false"``, ``"disputed"`` or ``"unverified"``.
    verdict_date : str or None
        When the verdict was reached.
    verdict_note_en, verdict_note_ko : str
        Why.
    claimed_by : tuple of SourceRef
        The source that made the claim.
    evidence : tuple of SourceRef
        Sources for the verdict.
    """

    slug: str
    framework: str
    label: str
    text_en: str
    text_ko: str
    polarity: str
    aspects: tuple[str, ...]
    verdict: str
    verdict_date: str | None
    verdict_note_en: str
    verdict_note_ko: str
    claimed_by: tuple[SourceRef, ...]
    evidence: tuple[SourceRef, ...]

    def _repr_html_(self) -> str:
        return (
            f"<div><b>{html.escape(self.label)}</b> — {html.escape(self.polarity)}, "
            f"verdict <i>{html.escape(self.verdict)}</i><br>"
            f"{html.escape(self.verdict_note_en)}</div>"
        )


@dataclass(frozen=True)
class Framework:
    """Everything the graph says about one framework.

    The list-valued attributes hold every value ever recorded; time-qualified
    ones (Keras's back ends, a license change) are told apart by :attr:`facts`.
    Use :meth:`values` to ask for one property in one year.

    Attributes
    ----------
    slug, iri, label : str
        ``"keras"``, its IRI and English name.
    label_ko : str or None
        Korean name.
    comment : str
        One-line description.
    developers, creators : tuple of Ref
        ``fw:developedBy`` and ``fw:createdBy``.
    implemented_in, api_languages : tuple of Ref
        Languages of the core and of the user-facing API.
    first_released : str or None
        Lexical form of ``fw:firstReleased`` (``"2015"``, ``"2015-03-27"``).
    never_released : bool
        ``fw:neverReleased``: described in public but never released (then there is no
        first release and no license).
    status : str or None
        ``"active"``, ``"maintenance"`` or ``"discontinued"``.
    discontinued : str or None
        Year development ended.
    licenses : tuple of Ref
        SPDX licenses (slug = SPDX identifier).
    repository, homepage : str or None
        Web addresses.
    features, platforms, hardware, domains : tuple of Ref
        ``fw:supports``, ``fw:platform``, ``fw:hardware``, ``fw:specializesIn``.
    built_on, derived_from, merged_into, influenced_by, replaced_by : tuple of Ref
        The lineage relations, as stated (``replaced_by``: what users were told to move to).
    lacks, support_unknown : tuple of Ref
        Features, platforms and hardware a source says it does not support, or for
        which no public source says either way.
    aliases : tuple of str
        Other names in use (``skos:altLabel``): ``"TF"``, ``"tf.keras"``.
        Lineage to other frameworks (outgoing edges).
    claims : tuple of Claim
        Strengths and weaknesses with verdicts.
    facts : tuple of Fact
        Every sourced fact with its qualifiers.
    """

    slug: str
    iri: str
    label: str
    label_ko: str | None
    comment: str
    developers: tuple[Ref, ...] = ()
    creators: tuple[Ref, ...] = ()
    implemented_in: tuple[Ref, ...] = ()
    api_languages: tuple[Ref, ...] = ()
    first_released: str | None = None
    never_released: bool = False
    status: str | None = None
    discontinued: str | None = None
    licenses: tuple[Ref, ...] = ()
    repository: str | None = None
    homepage: str | None = None
    features: tuple[Ref, ...] = ()
    platforms: tuple[Ref, ...] = ()
    hardware: tuple[Ref, ...] = ()
    domains: tuple[Ref, ...] = ()
    built_on: tuple[Ref, ...] = ()
    derived_from: tuple[Ref, ...] = ()
    merged_into: tuple[Ref, ...] = ()
    influenced_by: tuple[Ref, ...] = ()
    replaced_by: tuple[Ref, ...] = ()
    lacks: tuple[Ref, ...] = ()
    support_unknown: tuple[Ref, ...] = ()
    aliases: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    facts: tuple[Fact, ...] = field(default=(), repr=False)

    @property
    def released_text(self) -> str:
        """The first release as people read it (the date, ``"never released"`` or ``"—"``)."""
        if self.first_released:
            return self.first_released
        return "never released" if self.never_released else "—"

    @property
    def year(self) -> int | None:
        """Year of the first release, if known."""
        return int(self.first_released[:4]) if self.first_released else None

    def values(self, prop: str, *, as_of: int | dt.date | None = None) -> tuple[Ref | str, ...]:
        """Values of one property, optionally only those that held in a year or on a date.

        Parameters
        ----------
        prop : str
            Local name of the property: ``"builtOn"``, ``"license"`` …
        as_of : int or datetime.date, optional
            Keep only facts whose period covers this year or date.
        """
        seen: dict[Ref | str, None] = {}
        for fact in self.facts:
            if fact.predicate == prop and fact.holds_in(as_of):
                seen[fact.value] = None
        return tuple(seen)

    def facts_for(self, prop: str) -> tuple[Fact, ...]:
        """Every fact recorded for one property, with qualifiers and sources."""
        return tuple(f for f in self.facts if f.predicate == prop)

    @property
    def sources(self) -> tuple[SourceRef, ...]:
        """Every source cited by the framework's facts, sorted."""
        return tuple(sorted({s for f in self.facts for s in f.sources}))

    def _repr_html_(self) -> str:
        def refs(items: tuple[Ref, ...]) -> str:
            return html.escape(", ".join(r.label for r in items)) or "—"

        rows = [
            ("Developed by", refs(self.developers)),
            ("First released", html.escape(self.released_text)),
            ("Status", html.escape(self.status or "—")),
            ("License", refs(self.licenses)),
            ("Implemented in", refs(self.implemented_in)),
            ("API languages", refs(self.api_languages)),
            ("Built on", refs(self.built_on)),
            ("Derived from", refs(self.derived_from)),
        ]
        body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
        title = html.escape(self.label + (f" ({self.label_ko})" if self.label_ko else ""))
        return f"<table><caption>{title}</caption>{body}</table>"


@dataclass(frozen=True, order=True)
class Release:
    """A published version of a framework.

    Attributes
    ----------
    date : str
        Release date as written in the data (``"2023-03-15"``, ``"2017-02"``).
    version : str
        ``"2.0.0"``.
    slug, label : str
        ``"pytorch-2-0-0"`` and ``"PyTorch 2.0.0"``.
    major, latest : bool
        First release of a major version; newest release as of :attr:`as_of`.
    as_of : str or None
        When "latest" was checked.
    """

    date: str
    version: str
    slug: str
    label: str
    major: bool = False
    latest: bool = False
    as_of: str | None = None

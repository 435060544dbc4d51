"""Building :class:`~fwgraph.model.Framework` and :class:`~fwgraph.model.Claim` values."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node

from fwgraph.analysis.facts import (
    Qualifiers,
    current_status,
    kinds,
    labels,
    qualifiers,
    source_refs,
)
from fwgraph.analysis.names import resolve, resolve_status
from fwgraph.engines import Engine, Row, select
from fwgraph.model import Claim, Fact, Framework, Ref, Release, SourceRef, holds_in
from fwgraph.namespace import FW, FWD, slug_of

__all__ = [
    "build_framework",
    "build_frameworks",
    "filter_frameworks",
    "load_claims",
    "load_releases",
    "matrix_columns",
    "organization_parts",
]

_SINGLE_FIELDS: dict[Node, str] = {
    FW.firstReleased: "first_released",
    FW.discontinued: "discontinued",
    FW.repository: "repository",
    FW.homepage: "homepage",
}
_LIST_FIELDS: dict[Node, str] = {
    FW.developedBy: "developers",
    FW.createdBy: "creators",
    FW.implementedIn: "implemented_in",
    FW.apiLanguage: "api_languages",
    FW.license: "licenses",
    FW.supports: "features",
    FW.platform: "platforms",
    FW.hardware: "hardware",
    FW.specializesIn: "domains",
    FW.builtOn: "built_on",
    FW.derivedFrom: "derived_from",
    FW.mergedInto: "merged_into",
    FW.influencedBy: "influenced_by",
    FW.replacedBy: "replaced_by",
    FW.lacks: "lacks",
    FW.supportUnknown: "support_unknown",
}


def _local(iri: Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def _ref(iri: Node, names: dict[str, str] | None, kind: str | None) -> Ref:
    slug = slug_of(iri)
    names = names or {}
    label = names.get("en", slug)
    return Ref(slug=slug, label=label, iri=str(iri), label_ko=names.get("ko"), kind=kind)


def _value(
    obj: Node, label_map: dict[Node, dict[str, str]], kind_map: dict[Node, str]
) -> Ref | str:
    if isinstance(obj, URIRef) and (
        obj.startswith(str(FWD)) or obj.startswith("http://spdx.org/licenses/")
    ):
        return _ref(obj, label_map.get(obj), kind_map.get(obj))
    return str(obj)


def build_framework(engine: Engine, iri: URIRef) -> Framework:
    """Assemble one framework from its triples, its statement nodes and its claims."""
    return _assemble(
        engine,
        iri,
        select(engine, "outgoing", s=iri),
        load_claims(engine, iri),
        qualifiers(engine, iri),
    )


def build_frameworks(engine: Engine, iris: list[URIRef]) -> list[Framework]:
    """Assemble many frameworks from the same named queries, each run once for all."""
    wanted = set(iris)
    outgoing: dict[Node, list[Row]] = defaultdict(list)
    claims: dict[str, list[Claim]] = defaultdict(list)
    for row in select(engine, "outgoing"):
        if row["s"] in wanted:
            outgoing[row["s"]].append(row)
    for claim in load_claims(engine, None):
        claims[claim.framework].append(claim)
    quals = qualifiers(engine)
    return [_assemble(engine, iri, outgoing[iri], claims[slug_of(iri)], quals) for iri in iris]


def _assemble(
    engine: Engine,
    iri: URIRef,
    rows: list[Row],
    all_claims: list[Claim],
    quals: dict[tuple[Node, Node, Node], list[Qualifiers]],
) -> Framework:
    label_map = labels(engine)
    kind_map = kinds(engine)
    names = label_map.get(iri, {})
    comment = ""
    aliases: list[str] = []
    lists: dict[str, dict[Ref, None]] = defaultdict(dict)
    single: dict[str, str] = {}
    values: dict[tuple[Node, Node], Ref | str] = {}
    claim_iris: set[Node] = set()
    never_released = False
    for row in rows:
        p, o = row["p"], row["o"]
        if p == RDFS.comment and isinstance(o, Literal) and (o.language in (None, "en")):
            comment = comment or str(o)
        elif p == SKOS.altLabel:
            aliases.append(str(o))
        elif p == FW.hasClaim:
            claim_iris.add(o)
        elif p in _LIST_FIELDS:
            value = _value(o, label_map, kind_map)
            if isinstance(value, Ref):
                lists[_LIST_FIELDS[p]][value] = None
            values[(p, o)] = value
        elif p == FW.status:
            values[(p, o)] = _local(o).lower()
        elif p == FW.neverReleased:
            never_released = never_released or (isinstance(o, Literal) and o.toPython() is True)
            values[(p, o)] = str(o)
        elif p in _SINGLE_FIELDS:
            single[_SINGLE_FIELDS[p]] = str(o)
            values[(p, o)] = str(o)
    facts = _facts(iri, values, quals)
    status = current_status(iri, [o for p, o in values if p == FW.status], quals)
    claims = tuple(c for c in all_claims if FWD[c.slug] in claim_iris)
    return Framework(
        slug=slug_of(iri),
        iri=str(iri),
        label=names.get("en", slug_of(iri)),
        label_ko=names.get("ko"),
        comment=comment,
        first_released=single.get("first_released"),
        never_released=never_released,
        status=_local(status).lower() if status is not None else None,
        discontinued=single.get("discontinued"),
        repository=single.get("repository"),
        homepage=single.get("homepage"),
        aliases=tuple(sorted(aliases)),
        claims=claims,
        facts=facts,
        **{name: tuple(sorted(lists[name])) for name in _LIST_FIELDS.values()},
    )


def _facts(
    iri: Node,
    values: dict[tuple[Node, Node], Ref | str],
    quals: dict[tuple[Node, Node, Node], list[Qualifiers]],
) -> tuple[Fact, ...]:
    """One Fact per statement node (or per truthy triple that has none)."""
    facts: list[Fact] = []
    for (p, o), value in values.items():
        found = quals.get((iri, p, o))
        if not found:
            facts.append(Fact(predicate=_local(p), value=value))
            continue
        facts.extend(
            Fact(
                predicate=_local(p),
                value=value,
                valid_from=q.valid_from,
                valid_until=q.valid_until,
                as_of=q.as_of,
                sources=q.sources,
                note=q.note,
            )
            for q in found
        )
    facts.sort(  # a total order: the same facts in the same order on every engine
        key=lambda f: (
            f.predicate,
            str(f.value),
            f.valid_from or "",
            f.valid_until or "",
            f.as_of or "",
            f.note or "",
            tuple(s.slug for s in f.sources),
        )
    )
    return tuple(facts)


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _org_closure(engine: Engine, org: URIRef, when: int | dt.date | None) -> set[Node]:
    """The organization and every organization that is (transitively) part of it."""
    children: dict[Node, set[Node]] = defaultdict(set)
    for row in select(engine, "org_parents"):
        if holds_in(_text(row.get("from")), _text(row.get("until")), when):
            children[row["parent"]].add(row["org"])
    found: set[Node] = {org}
    stack: list[Node] = [org]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def organization_parts(engine: Engine, org: URIRef, when: int | dt.date | None = None) -> list[Ref]:
    """The organizations that are (transitively) part of ``org`` (then), sorted by label.

    These are the ones ``filter_frameworks(organization=...)`` counts as well:
    Google Brain and Google DeepMind for Google.
    """
    label_map = labels(engine)
    kind_map = kinds(engine)
    parts = _org_closure(engine, org, when) - {org}
    return sorted(
        (_ref(node, label_map.get(node), kind_map.get(node)) for node in parts),
        key=lambda ref: (ref.label.casefold(), ref.slug),
    )


def matrix_columns(engine: Engine) -> tuple[Ref, ...]:
    """The columns of the comparison matrix (``fw:comparisonColumn``), each with its kind.

    The kind (``"platform"``, ``"hardware"`` or ``"feature"``) says which row of a
    comparison the column belongs to.
    """
    label_map = labels(engine)
    kind_map = kinds(engine)
    found = {
        _ref(row["col"], label_map.get(row["col"]), kind_map.get(row["col"]))
        for row in select(engine, "matrix_columns")
    }
    return tuple(sorted(found))


def filter_frameworks(
    engine: Engine,
    *,
    language: str | None = None,
    api_language: str | None = None,
    implemented_in: str | None = None,
    organization: str | None = None,
    status: str | None = None,
    built_on: str | None = None,
    as_of: int | dt.date | None = None,
) -> list[URIRef]:
    """IRIs of frameworks matching every given filter, sorted by slug.

    ``organization`` includes what its labs and member projects build
    (``fw:partOf``); ``as_of`` keeps only values that held then.
    """
    wanted: dict[str, set[Node]] = {}
    lang_kind = FW.ProgrammingLanguage
    if language is not None:
        wanted["language"] = {resolve(engine, language, kind=lang_kind)}
    if api_language is not None:
        wanted["apiLanguage"] = {resolve(engine, api_language, kind=lang_kind)}
    if implemented_in is not None:
        wanted["implementedIn"] = {resolve(engine, implemented_in, kind=lang_kind)}
    if organization is not None:
        wanted["agent"] = _org_closure(engine, resolve(engine, organization), as_of)
    if status is not None:
        wanted["status"] = {resolve_status(status)}
    if built_on is not None:
        wanted["builtOn"] = {resolve(engine, built_on, kind=FW.Framework)}
    have: dict[Node, dict[str, set[Node]]] = defaultdict(lambda: defaultdict(set))
    quals = qualifiers(engine)
    for row in select(engine, "facets"):
        f = row["f"]
        periods = [(q.valid_from, q.valid_until) for q in quals.get((f, row["p"], row["o"]), ())]
        if not any(holds_in(a, b, as_of) for a, b in periods or [(None, None)]):
            continue
        prop = str(row["p"]).rsplit("#", 1)[-1]
        have[f][prop].add(row["o"])
        if prop in ("implementedIn", "apiLanguage"):
            have[f]["language"].add(row["o"])
        if prop in ("developedBy", "createdBy"):
            have[f]["agent"].add(row["o"])
        have[f]["any"].add(row["o"])
    iris = [
        f
        for f, values in have.items()
        if isinstance(f, URIRef) and all(values[key] & need for key, need in wanted.items())
    ]
    return sorted(iris, key=slug_of)


def load_claims(engine: Engine, framework: URIRef | None) -> list[Claim]:
    """Claims about one framework (or all), sorted by framework then slug."""
    rows = select(engine, "claims", **({"f": framework} if framework is not None else {}))
    by_claim: dict[tuple[Node, Node], list[dict[str, Node]]] = defaultdict(list)
    for row in rows:
        by_claim[(row["f"], row["c"])].append(row)
    refs = source_refs(engine)
    claims = [_claim(f, c, claim_rows, refs) for (f, c), claim_rows in by_claim.items()]
    claims.sort(key=lambda c: (c.framework, c.slug))
    return claims


def _claim(
    framework: Node, claim: Node, rows: list[dict[str, Node]], refs: dict[Node, SourceRef]
) -> Claim:
    text: dict[tuple[str, str], str] = {}
    label = slug_of(claim)
    polarity = verdict = ""
    verdict_date = None
    aspects: set[str] = set()
    claimed_by: set[SourceRef] = set()
    evidence: set[SourceRef] = set()
    for row in rows:
        p, o = row["p"], row["o"]
        lang = o.language or "" if isinstance(o, Literal) else ""
        if p == RDFS.label and lang in ("en", ""):
            label = str(o)
        elif p in (FW.claimText, FW.verdictNote):
            text[(_local(p), lang)] = str(o)
        elif p == FW.polarity:
            polarity = _local(o).lower()
        elif p == FW.verdict:
            verdict = _local(o).lower()
        elif p == FW.verdictDate:
            verdict_date = str(o)
        elif p == FW.aspect:
            aspects.add(_local(o).lower())
        elif p in (FW.claimedBy, FW.evidence):
            ref = refs.get(o, SourceRef(slug=slug_of(o), title=slug_of(o)))
            (claimed_by if p == FW.claimedBy else evidence).add(ref)
    return Claim(
        slug=slug_of(claim),
        framework=slug_of(framework),
        label=label,
        text_en=text.get(("claimText", "en"), ""),
        text_ko=text.get(("claimText", "ko"), ""),
        polarity=polarity,
        aspects=tuple(sorted(aspects)),
        verdict=verdict,
        verdict_date=verdict_date,
        verdict_note_en=text.get(("verdictNote", "en"), ""),
        verdict_note_ko=text.get(("verdictNote", "ko"), ""),
        claimed_by=tuple(sorted(claimed_by)),
        evidence=tuple(sorted(evidence)),
    )


def load_releases(engine: Engine, framework: URIRef) -> list[Release]:
    """Releases of a framework, oldest first (by date, then version)."""
    found: dict[Node, dict[str, object]] = {}
    for row in select(engine, "releases", f=framework):
        entry = found.setdefault(row["r"], {"kinds": set()})
        q, v = row["q"], row["v"]
        if q == FW.version:
            entry["version"] = str(v)
        elif q == FW.releaseDate:
            entry["date"] = str(v)
        elif q == FW.releaseKind:
            entry["kinds"].add(_local(v))  # type: ignore[attr-defined]
        elif q == RDFS.label and getattr(v, "language", None) in (None, "en"):
            entry["label"] = str(v)
    quals = qualifiers(engine, framework)
    releases = []
    for r, e in found.items():
        as_of = [q.as_of for q in quals.get((framework, FW.hasRelease, r), ()) if q.as_of]
        releases.append(
            Release(
                date=str(e.get("date", "")),
                version=str(e.get("version", "")),
                slug=slug_of(r),
                label=str(e.get("label", slug_of(r))),
                major="MajorRelease" in e["kinds"],  # type: ignore[operator]
                latest="LatestRelease" in e["kinds"],  # type: ignore[operator]
                as_of=as_of[0] if as_of else None,
            )
        )
    return sorted(releases)

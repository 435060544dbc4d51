"""The fwgraph namespaces: ``FW`` for terms, ``FWD`` for instances.

``FW`` is a closed :class:`rdflib.namespace.DefinedNamespace`: a misspelt term
fails at once instead of silently minting a new IRI. ``tests/test_sync.py``
checks that it lists exactly the terms of ``ontology/fwgraph.ttl``.

Examples
--------
>>> from fwgraph.namespace import FW, FWD
>>> FW.builtOn
rdflib.term.URIRef('https://w3id.org/fwgraph/ns#builtOn')
>>> FWD["keras"]
rdflib.term.URIRef('https://w3id.org/fwgraph/id/keras')
>>> FW.builtIn
Traceback (most recent call last):
...
AttributeError: term 'builtIn' not in namespace 'https://w3id.org/fwgraph/ns#'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD, DefinedNamespace

__all__ = ["FW", "FWD", "PREFIXES", "SPDX", "slug_of"]


class FW(DefinedNamespace):
    """Terms of the fwgraph ontology (``https://w3id.org/fwgraph/ns#``)."""

    _NS = Namespace("https://w3id.org/fwgraph/ns#")
    _fail = True

    # classes
    Agent: URIRef
    Aspect: URIRef
    Claim: URIRef
    Domain: URIRef
    Feature: URIRef
    Framework: URIRef
    Hardware: URIRef
    Organization: URIRef
    Person: URIRef
    Platform: URIRef
    Polarity: URIRef
    ProgrammingLanguage: URIRef
    Source: URIRef
    Status: URIRef
    Verdict: URIRef
    LineageDirection: URIRef
    Release: URIRef
    ReleaseKind: URIRef
    # individuals
    Active: URIRef
    Maintenance: URIRef
    Discontinued: URIRef
    Strength: URIRef
    Weakness: URIRef
    Holds: URIRef
    Outdated: URIRef
    Disputed: URIRef
    Unverified: URIRef
    Usability: URIRef
    Performance: URIRef
    Ecosystem: URIRef
    Scalability: URIRef
    Debugging: URIRef
    Flexibility: URIRef
    Portability: URIRef
    Support: URIRef
    Capability: URIRef
    Popularity: URIRef
    History: URIRef
    Older: URIRef
    Newer: URIRef
    MajorRelease: URIRef
    LatestRelease: URIRef
    # properties
    accessed: URIRef
    affiliation: URIRef
    apiLanguage: URIRef
    asOf: URIRef
    aspect: URIRef
    builtOn: URIRef
    claimText: URIRef
    claimedBy: URIRef
    comparisonColumn: URIRef
    createdBy: URIRef
    derivedFrom: URIRef
    developedBy: URIRef
    discontinued: URIRef
    evidence: URIRef
    firstReleased: URIRef
    hardware: URIRef
    hasClaim: URIRef
    hasRelease: URIRef
    homepage: URIRef
    implementedIn: URIRef
    influencedBy: URIRef
    inverseLabel: URIRef
    lacks: URIRef
    language: URIRef
    needsSource: URIRef
    neverReleased: URIRef
    license: URIRef
    lineage: URIRef
    mergedInto: URIRef
    note: URIRef
    partOf: URIRef
    platform: URIRef
    pointsTo: URIRef
    polarity: URIRef
    published: URIRef
    releaseDate: URIRef
    releaseKind: URIRef
    replacedBy: URIRef
    repository: URIRef
    sourceKind: URIRef
    specializesIn: URIRef
    status: URIRef
    supportUnknown: URIRef
    supports: URIRef
    url: URIRef
    validFrom: URIRef
    validUntil: URIRef
    verdict: URIRef
    verdictDate: URIRef
    verdictNote: URIRef
    version: URIRef
    wikidataProperty: URIRef

    # ``fw:False`` is spelt ``FW["False"]``: ``False`` is a Python keyword.
    _extras = ["False"]  # noqa: RUF012 - rdflib reads this class attribute as a list


FWD = Namespace("https://w3id.org/fwgraph/id/")
"""The namespace of the instances (``fwd:keras``, ``fwd:google``, ``fwd:python`` …)."""

SPDX = Namespace("http://spdx.org/licenses/")
"""SPDX license IRIs, the values of ``fw:license``."""

#: Prefixes bound in every query and every serialization.
PREFIXES: dict[str, Namespace] = {
    "fw": Namespace(str(FW._NS)),
    "fwd": FWD,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "prov": Namespace(str(PROV)),
    "schema": Namespace(str(SDO)),
    "skos": Namespace(str(SKOS)),
    "sh": Namespace(str(SH)),
    "spdx": SPDX,
}


def slug_of(iri: object) -> str:
    """``fwd:keras`` → ``"keras"``; an SPDX IRI → its identifier; anything else → its text.

    Examples
    --------
    >>> slug_of(FWD.keras)
    'keras'
    >>> slug_of(SPDX["Apache-2.0"])
    'Apache-2.0'
    """
    text = str(iri)
    if text.startswith(str(FWD)):
        return text[len(str(FWD)) :]
    if text.startswith(str(SPDX)):
        return text[len(str(SPDX)) :]
    return text

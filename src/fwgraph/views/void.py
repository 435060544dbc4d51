"""A VoID and DCAT description of the published graph: what it holds, under which licence, where.

:func:`void_description` describes a dump (the result of
:func:`fwgraph.views.linked_data.whole_graph`) as one resource that is both a
``void:Dataset`` and a ``dcat:Dataset``: title, description, licence,
modification date, counts (triples, entities, classes, properties), the
``fwd:`` IRI space, the vocabularies its predicates and classes come from, the
dumps (``void:dataDump``) and one ``dcat:Distribution`` per dump with its media
type, download address and size. The licence is the one the ontology header
states (:func:`fwgraph.views.linked_data.ontology_header`); nothing here
retypes it.

Addresses are relative to the folder the description is written to, unless a
``base`` address is given: relative IRIs in a Turtle file resolve against the
file's own address, so the description stays right wherever the site is served.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD

from fwgraph.namespace import FWD, PREFIXES

__all__ = ["DUMP_FORMATS", "Dump", "DumpFormat", "void_description"]

#: The IANA registry's page of a media type is its IRI for ``dcat:mediaType``.
_IANA = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class DumpFormat:
    """A format the graph is dumped in: file suffix, rdflib format name, media type, name."""

    suffix: str
    rdf_format: str
    media_type: str
    title: str


#: The formats of the dumps, in the order they are listed.
DUMP_FORMATS = (
    DumpFormat(".ttl", "turtle", "text/turtle", "Turtle"),
    DumpFormat(".nt", "nt", "application/n-triples", "N-Triples"),
    DumpFormat(".jsonld", "json-ld", "application/ld+json", "JSON-LD"),
)


@dataclass(frozen=True)
class Dump:
    """A file of the graph: its name in the data folder, its format and its size in bytes."""

    name: str
    format: DumpFormat
    size: int


def _namespace(iri: str) -> str:
    """The namespace of a term: the longest known prefix, else up to the last ``#`` or ``/``."""
    known = [str(ns) for ns in PREFIXES.values() if iri.startswith(str(ns))]
    if known:
        return max(known, key=len)
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def _vocabularies(data: Graph) -> list[str]:
    terms = {str(p) for p in data.predicates()} | {str(c) for c in data.objects(None, RDF.type)}
    return sorted({_namespace(t) for t in terms if isinstance(t, str) and "://" in t})


def void_description(
    data: Graph,
    dumps: list[Dump],
    *,
    title: str,
    description: str | None,
    license: str | None,
    modified: dt.date,
    base: str = "",
    homepage: str | None = None,
) -> Graph:
    """Describe a dump of the graph in VoID and DCAT.

    Parameters
    ----------
    data : rdflib.Graph
        Every triple that was dumped (the counts are taken from it).
    dumps : list of Dump
        The files written, by name in the folder of the description.
    title : str
        ``dcterms:title``.
    description : str or None
        ``dcterms:description`` (English).
    license : str or None
        The licence IRI of the data, from the ontology header.
    modified : datetime.date
        ``dcterms:modified``.
    base : str
        The address of the data folder, ending in ``/``; ``""`` keeps every
        address relative to the description's own file.
    homepage : str, optional
        The site (``foaf:homepage`` and ``dcat:landingPage``).

    Returns
    -------
    rdflib.Graph
        The dataset is ``<{base}void.ttl#dataset>``; the description file
        ``<{base}void.ttl>`` is a ``void:DatasetDescription`` about it.

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((FWD.keras, RDF.type, URIRef("https://w3id.org/fwgraph/ns#Framework")))
    >>> dump = Dump("fwgraph.ttl", DUMP_FORMATS[0], 120)
    >>> void = void_description(g, [dump], title="t", description="d", license=None,
    ...                         modified=dt.date(2026, 1, 1))
    >>> void.value(URIRef("void.ttl#dataset"), VOID.triples)
    rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    out = Graph()
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF)):
        out.bind(prefix, ns)
    out.bind("xsd", XSD)
    dataset = URIRef(f"{base}void.ttl#dataset")
    document = URIRef(f"{base}void.ttl")
    out.add((document, RDF.type, VOID.DatasetDescription))
    out.add((document, FOAF.primaryTopic, dataset))
    out.add((dataset, RDF.type, VOID.Dataset))
    out.add((dataset, RDF.type, DCAT.Dataset))
    out.add((dataset, DCTERMS.title, Literal(title)))
    if description:
        out.add((dataset, DCTERMS.description, Literal(description, lang="en")))
    out.add((dataset, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.date)))
    if license:
        out.add((dataset, DCTERMS.license, URIRef(license)))
    if homepage:
        out.add((dataset, FOAF.homepage, URIRef(homepage)))
        out.add((dataset, DCAT.landingPage, URIRef(homepage)))
    entities = {s for s in data.subjects() if isinstance(s, URIRef) and s.startswith(str(FWD))}
    counts = {
        VOID.triples: len(data),
        VOID.entities: len(entities),
        VOID.classes: len(set(data.objects(None, RDF.type))),
        VOID.properties: len(set(data.predicates())),
    }
    for prop, count in counts.items():
        out.add((dataset, prop, Literal(count)))
    out.add((dataset, VOID.uriSpace, Literal(str(FWD))))
    for vocabulary in _vocabularies(data):
        out.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for dump in dumps:
        url = URIRef(f"{base}{dump.name}")
        distribution = URIRef(f"{base}void.ttl#{dump.name.replace('.', '-')}")
        out.add((dataset, VOID.dataDump, url))
        out.add((dataset, DCAT.distribution, distribution))
        out.add((distribution, RDF.type, DCAT.Distribution))
        out.add((distribution, DCTERMS.title, Literal(dump.format.title, lang="en")))
        out.add((distribution, DCAT.mediaType, URIRef(_IANA + dump.format.media_type)))
        out.add((distribution, DCAT.downloadURL, url))
        out.add((distribution, DCAT.byteSize, Literal(dump.size, datatype=XSD.nonNegativeInteger)))
        if license:
            out.add((distribution, DCTERMS.license, URIRef(license)))
    return out

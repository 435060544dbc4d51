"""The graph as linked data: whole-graph dumps, one resource's document, schema.org JSON-LD.

Three readings of the same triples, each from a named query:

* :func:`whole_graph` and :func:`serialize_graph` write every triple as
  Turtle, N-Triples (sorted lines) or JSON-LD with an ``@context`` that maps
  the prefixes of ``fwgraph.PREFIXES``;
* :func:`describe` is the document of one resource (``describe.rq``: its
  triples and its statement nodes) with the sources those statements cite;
* :func:`schema_graph` is the graph in schema.org terms as the ontology maps
  them (``schema_profile.rq``), and :func:`software_application` turns one
  framework of it into the JSON-LD object a search engine reads.

:func:`ontology_header` reads the ``owl:Ontology`` header, including the
licence of the data (``dcterms:license``), which is stated there and nowhere
else.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from fwgraph.analysis.vocabulary import vocabulary_rows
from fwgraph.engines import Engine, named_query, select
from fwgraph.namespace import FWD, PREFIXES

__all__ = [
    "APPLICATION_CATEGORY",
    "SCHEMA",
    "SCHEMA_CONTEXT",
    "OntologyHeader",
    "describe",
    "jsonld_context",
    "ontology_header",
    "schema_graph",
    "serialize_graph",
    "software_application",
    "whole_graph",
]

SCHEMA = "https://schema.org/"

#: The ``@context`` of the whole graph in schema.org terms (``export --profile schema``).
SCHEMA_CONTEXT = {"@vocab": SCHEMA, "fwd": str(FWD)}

#: schema.org's ``applicationCategory`` for every framework: tools for software developers.
#: The ontology has no property that maps to it; every ``fw:Framework`` is one.
APPLICATION_CATEGORY = "DeveloperApplication"


@dataclass(frozen=True)
class OntologyHeader:
    """What the ``owl:Ontology`` header says about the vocabulary and the data.

    Attributes
    ----------
    iri : str
        The ontology's IRI (``https://w3id.org/fwgraph/ns``).
    title, version : str or None
        ``dcterms:title`` (English) and ``owl:versionInfo``.
    license : str or None
        ``dcterms:license``: the licence of the data.
    license_label : str or None
        The licence's English ``rdfs:label``.
    """

    iri: str
    title: str | None
    version: str | None
    license: str | None
    license_label: str | None


def _text(row: dict[str, Node], key: str) -> str | None:
    value = row.get(key)
    return None if value is None else str(value)


def ontology_header(engine: Engine) -> OntologyHeader:
    """Read the ontology header from the engine (or from the packaged ontology if it has none).

    Examples
    --------
    >>> import fwgraph
    >>> ontology_header(fwgraph.load().engine).license
    'https://creativecommons.org/licenses/by/4.0/'
    """
    rows = sorted(vocabulary_rows(engine, "ontology_header"), key=lambda r: str(r["ontology"]))
    row = rows[0]
    return OntologyHeader(
        iri=str(row["ontology"]),
        title=_text(row, "title"),
        version=_text(row, "version"),
        license=_text(row, "license"),
        license_label=_text(row, "license_label"),
    )


def jsonld_context() -> dict[str, str]:
    """The ``@context`` of the JSON-LD files: prefix → namespace, as ``fwgraph.PREFIXES``."""
    return {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}


def _bound(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    return graph


def whole_graph(engine: Engine) -> Graph:
    """Every triple of the engine in a fresh :class:`rdflib.Graph` with fwgraph's prefixes bound."""
    data = _bound(Graph())
    for triple in engine.triples():
        data.add(triple)
    return data


def serialize_graph(graph: Graph, fmt: str) -> str:
    """Write a graph: ``nt`` as sorted lines, ``json-ld`` compacted with :func:`jsonld_context`.

    Other formats (``turtle``, ``trig``, ``xml``, ``n3``) are rdflib's own.

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((FWD.keras, RDF.type, URIRef("https://w3id.org/fwgraph/ns#Framework")))
    >>> json.loads(serialize_graph(g, "json-ld"))["@type"]
    'fw:Framework'
    """
    if fmt == "nt":
        return "".join(sorted(graph.serialize(format="nt").splitlines(keepends=True)))
    if fmt == "json-ld":
        return graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    return graph.serialize(format=fmt)


def describe(engine: Engine, iri: URIRef) -> Graph:
    """The document of one resource: its triples, its statement nodes, and the sources they cite.

    Parameters
    ----------
    engine : Engine
    iri : rdflib.URIRef
        A resource, such as ``fwd:keras``.

    Returns
    -------
    rdflib.Graph
        The rows of ``describe.rq`` for ``iri``, and those of every source named
        by ``prov:wasDerivedFrom`` on its statement nodes; fwgraph's prefixes bound.

    Examples
    --------
    >>> import fwgraph
    >>> doc = describe(fwgraph.load().engine, FWD.keras)
    >>> (FWD.keras, PREFIXES["rdfs"].label, Literal("Keras", lang="en")) in doc
    True
    """
    data = _bound(Graph())
    rows = select(engine, "describe", s=iri)
    sources = {row["o"] for row in rows if row["p"] == PROV.wasDerivedFrom and row["x"] != iri}
    for source in sorted(s for s in sources if isinstance(s, URIRef)):
        rows = [*rows, *select(engine, "describe", s=source)]
    for row in rows:
        data.add((row["x"], row["p"], row["o"]))
    return data


def schema_graph(engine: Engine) -> Graph:
    """The graph in schema.org terms (``schema_profile.rq``), statement nodes left out.

    Each fwgraph property becomes the schema.org property it is a sub-property
    of, each class its schema.org class, ``rdfs:label`` ``schema:name``,
    ``rdfs:comment`` ``schema:description`` and ``owl:sameAs`` ``schema:sameAs``.
    schema.org cannot say when a fact held, so facts that have ended (every
    statement of them has ``fw:validUntil``; ``schema_ended.rq``) are left out:
    Keras is Apache-2.0, no longer MIT.

    Examples
    --------
    >>> import fwgraph
    >>> from rdflib.namespace import SDO
    >>> schema = schema_graph(fwgraph.load().engine)
    >>> sorted(str(o) for o in schema.objects(FWD.keras, SDO.license))
    ['http://spdx.org/licenses/Apache-2.0']
    """
    with engine.reading():
        result = engine.query(named_query("schema_profile"), {})
    data = Graph()
    data.bind("schema", SCHEMA)
    data.bind("fwd", str(FWD))
    if result.graph is not None:
        data += result.graph
    for row in select(engine, "schema_ended"):
        data.remove((row["s"], row["sp"], row["o"]))
    return data


def _schema_key(predicate: Node) -> str | None:
    text = str(predicate)
    return text[len(SCHEMA) :] if text.startswith(SCHEMA) else None


def _types(schema: Graph, node: Node) -> list[str]:
    return sorted(k for k in map(_schema_key, schema.objects(node, RDF.type)) if k)


def _english(values: list[Literal]) -> str | None:
    """The English (or untagged) value, else any; the smallest of several, for stable output."""
    english = sorted(str(v) for v in values if not v.language or v.language.startswith("en"))
    return english[0] if english else (min(str(v) for v in values) if values else None)


def _linked(schema: Graph, node: URIRef) -> dict[str, Any] | None:
    """A resource the page mentions, embedded with its schema.org types and name."""
    types = _types(schema, node)
    names = schema.objects(node, URIRef(SCHEMA + "name"))
    name = _english([n for n in names if isinstance(n, Literal)])
    if not types and name is None:
        return None
    embedded: dict[str, Any] = {"@id": str(node)}
    if types:
        embedded["@type"] = types[0] if len(types) == 1 else types
    if name is not None:
        embedded["name"] = name
    return embedded


def _one_or_many(values: list[Any]) -> Any:
    unique = {json.dumps(v, sort_keys=True, ensure_ascii=False): v for v in values}
    ordered = [unique[k] for k in sorted(unique)]
    return ordered[0] if len(ordered) == 1 else ordered


def software_application(schema: Graph, iri: URIRef) -> dict[str, Any]:
    """The schema.org JSON-LD object of one framework, from :func:`schema_graph`.

    Literals become strings (names and descriptions in other languages than
    English keep their language; other names go to ``alternateName``);
    organizations, people and languages are embedded with their type and
    name; IRIs with nothing more to say (licence, repository, home page) are
    plain strings that the ``@context`` declares as IRIs.

    Parameters
    ----------
    schema : rdflib.Graph
        The result of :func:`schema_graph`.
    iri : rdflib.URIRef
        The framework.

    Returns
    -------
    dict
        With ``@context``, ``@id`` (the framework's IRI), ``@type``,
        ``applicationCategory`` (:data:`APPLICATION_CATEGORY`) and one key per
        schema.org property the graph has for it. Serialize it for a
        ``<script>`` element with ``fwgraph.views.html.script_json``.

    Examples
    --------
    >>> import fwgraph
    >>> doc = software_application(schema_graph(fwgraph.load().engine), FWD.keras)
    >>> doc["@type"], doc["name"], doc["license"]
    ('SoftwareApplication', 'Keras', 'http://spdx.org/licenses/Apache-2.0')
    """
    values: dict[str, list[Any]] = defaultdict(list)
    as_iri: set[str] = set()
    for predicate, obj in schema.predicate_objects(iri):
        key = _schema_key(predicate)
        if key is None:
            continue
        if isinstance(obj, Literal):
            if obj.language and not obj.language.startswith("en"):
                key = "alternateName" if key == "name" else key
                values[key].append({"@value": str(obj), "@language": obj.language})
            else:
                values[key].append(str(obj))
        elif isinstance(obj, URIRef):
            embedded = _linked(schema, obj)
            if embedded is None:
                as_iri.add(key)
            values[key].append(str(obj) if embedded is None else embedded)
    context: dict[str, Any] = {"@vocab": SCHEMA}
    context.update({key: {"@id": SCHEMA + key, "@type": "@id"} for key in sorted(as_iri)})
    doc: dict[str, Any] = {"@context": context, "@id": str(iri)}
    types = _types(schema, iri)
    doc["@type"] = types[0] if len(types) == 1 else types
    doc["applicationCategory"] = APPLICATION_CATEGORY
    for key in sorted(values):
        doc[key] = _one_or_many(values[key])
    return doc

"""networkx views: structure, attributes, determinism, and the way back to RDF."""

from __future__ import annotations

import pytest

import fwgraph
from fwgraph import FW, FWD


def test_lineage_view_nodes_and_edges(kg) -> None:
    G = kg.to_networkx("lineage")
    assert G.graph["view"] == "lineage"
    assert set(G.nodes) == {f.slug for f in kg.frameworks()}
    assert G.nodes["keras"]["label"] == "Keras"
    assert G.nodes["theano"]["status"] == "discontinued"
    assert G.nodes["theano"]["discontinued"] == 2017
    edge = G.edges["keras", "theano", "builtOn"]
    assert edge["valid_from"] == "2015"
    assert edge["valid_until"] == "2020"
    assert "src-article-2017" in edge["sources"].split(";")
    assert all(isinstance(v, str | int) for _, d in G.nodes(data=True) for v in d.values())


def test_views_select_their_relations(kg) -> None:
    orgs = kg.to_networkx("organizations")
    assert {k for _, _, k in orgs.edges(keys=True)} <= {
        "developedBy",
        "createdBy",
        "partOf",
        "affiliation",
    }
    assert orgs.has_edge("tensorflow", "google")
    langs = kg.to_networkx("languages")
    assert langs.has_edge("torch", "lua", key="apiLanguage")
    full = kg.to_networkx("full")
    assert full.number_of_edges() > orgs.number_of_edges() + langs.number_of_edges()


def test_korean_labels(kg) -> None:
    G = kg.to_networkx("lineage", lang="ko")
    assert G.nodes["keras"]["label"] == "케라스"
    assert G.nodes["keras"]["label_en"] == "Keras"


def test_as_of_drops_relations_that_did_not_hold(kg) -> None:
    G = kg.to_networkx("lineage", as_of=2022)
    assert not G.has_edge("keras", "theano")
    assert G.has_edge("keras", "tensorflow")


def test_ego_view_of_keras_shows_backends_over_time(kg) -> None:
    G = kg.to_networkx("ego", center="keras", radius=1)
    assert {"theano", "tensorflow", "jax", "pytorch", "google"} <= set(G.nodes)
    assert G.edges["keras", "jax", "builtOn"]["valid_from"].startswith("2023")


def test_output_is_deterministic(kg) -> None:
    a = kg.to_networkx("full")
    b = fwgraph.load().to_networkx("full")
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


def test_round_trip_back_to_rdf(kg) -> None:
    G = kg.to_networkx("lineage")
    rdf = fwgraph.from_networkx(G)
    assert (FWD.pytorch, FW.derivedFrom, FWD.torch) in rdf
    back = fwgraph.KnowledgeGraph(rdf)
    H = back.to_networkx("lineage")
    keep = ("label", "label_en", "label_ko", "kind", "year", "status", "discontinued", "license")
    assert sorted(H.nodes) == sorted(G.nodes)
    for node in G.nodes:
        assert {k: G.nodes[node].get(k) for k in keep} == {k: H.nodes[node].get(k) for k in keep}
    assert sorted(H.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))


def test_unknown_view_and_missing_center(kg) -> None:
    with pytest.raises(ValueError, match="unknown view"):
        kg.to_networkx("galaxy")
    with pytest.raises(ValueError, match="center"):
        kg.to_networkx("ego")


def test_schema_org_profile_reads_back_as_schema_terms(kg) -> None:
    from rdflib import Graph, Namespace
    from rdflib.namespace import RDF

    text = kg.serialize("jsonld", profile="schema")
    schema = Namespace("https://schema.org/")
    graph = Graph().parse(data=text, format="json-ld")
    keras = FWD.keras
    assert (keras, RDF.type, schema.SoftwareApplication) in graph
    assert (keras, schema.maintainer, FWD.google) in graph
    assert (keras, schema.codeRepository, None) in graph
    # Only schema.org terms (and rdf:type) remain: no fwgraph vocabulary leaks through.
    assert all(str(p).startswith(str(schema)) or p == RDF.type for p in graph.predicates())


# Cases the scan must read as the named queries do: several periods and sources, a
# statement node whose truthy triple is missing, an ended status next to the current
# one, an untagged label, a literal where a relation expects a resource, a blank
# node and a non-fwgraph IRI as ends of an edge.
EDGE_CASES = """
@prefix fw: <https://w3id.org/fwgraph/ns#> .
@prefix fwd: <https://w3id.org/fwgraph/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
fwd:a a fw:Framework ; rdfs:label "A"@en , "에이"@ko ; rdfs:comment "First."@en ;
    fw:firstReleased "2010-05-01"^^xsd:date ; fw:status fw:Active , fw:Discontinued ;
    fw:discontinued "2020"^^xsd:gYear ; fw:license <http://spdx.org/licenses/MIT> ,
    <http://spdx.org/licenses/BSD-3-Clause> ;
    fw:builtOn fwd:b , fwd:c , <http://example.org/elsewhere> ;
    fw:platform "linux" , "https://w3id.org/fwgraph/id/c" ;
    fw:developedBy fwd:org .
fwd:b a fw:Framework ; rdfs:label "B" ; fw:mergedInto fwd:c .
fwd:c a fw:Framework ; rdfs:label "C"@en .
fwd:org a fw:Organization ; rdfs:label "Org"@en .
_:x fw:builtOn fwd:a .
fwd:src1 a fw:Source . fwd:src2 a fw:Source .
[] a rdf:Statement ; rdf:subject fwd:a ; rdf:predicate fw:builtOn ; rdf:object fwd:b ;
   fw:validFrom "2011"^^xsd:gYear ; fw:validUntil "2013"^^xsd:gYear ;
   prov:wasDerivedFrom fwd:src1 , fwd:src2 .
[] a rdf:Statement ; rdf:subject fwd:a ; rdf:predicate fw:builtOn ; rdf:object fwd:b ;
   fw:validFrom "2015"^^xsd:gYear ; prov:wasDerivedFrom fwd:src2 .
[] rdf:subject fwd:a ; rdf:predicate fw:builtOn ; rdf:object fwd:org ;
   prov:wasDerivedFrom fwd:src1 .
[] rdf:subject fwd:a ; rdf:predicate fw:status ; rdf:object fw:Active ;
   fw:validUntil "2019"^^xsd:gYear .
[] rdf:subject fwd:b ; rdf:predicate fw:mergedInto ; rdf:object fwd:c ;
   fw:validFrom "2016-02"^^xsd:gYearMonth .
"""


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
@pytest.mark.parametrize("data", ["packaged", "edge cases"])
def test_the_full_view_reads_the_same_from_one_scan_as_from_the_named_queries(store, data) -> None:
    import networkx
    from rdflib import Graph

    from fwgraph.engines.oxigraph import OxigraphEngine
    from fwgraph.views.networkx import _by_queries, _by_scan, _graph, view_relations

    graph = fwgraph.load().graph if data == "packaged" else Graph().parse(data=EDGE_CASES)
    engine = fwgraph.KnowledgeGraph(graph).engine
    if store == "oxigraph":
        engine = OxigraphEngine.open()
        engine.add(graph)
    relations = view_relations(engine, "full")
    for lang, as_of in (("en", None), ("ko", 2014), ("en", 2019)):
        views = [
            _graph(
                networkx,
                engine,
                read(engine, relations),
                relations,
                "full",
                lang=lang,
                as_of=as_of,
                isolated=True,
            )
            for read in (_by_scan, _by_queries)
        ]
        assert views[0].number_of_edges() >= 2
        assert list(views[0].nodes(data=True)) == list(views[1].nodes(data=True))
        assert list(views[0].edges(keys=True, data=True)) == list(
            views[1].edges(keys=True, data=True)
        )
    if data == "edge cases":
        G = fwgraph.KnowledgeGraph(engine).to_networkx("full")
        assert G.nodes["a"]["status"] == "discontinued"
        assert G.nodes["a"]["license"] == "BSD-3-Clause, MIT"
        assert G.nodes["b"]["label"] == "B"
        edge = G.edges["a", "b", "builtOn"]
        assert edge["periods"] == "2011/2013;2015/"
        assert edge["sources"] == "src1;src2"
        assert "valid_until" not in edge
        assert G.edges["a", "org", "developedBy"]["sources"] == ""
        assert G.edges["b", "c", "mergedInto"]["valid_from"] == "2016-02"
        assert not G.has_edge("a", "org", "builtOn")
    engine.close()

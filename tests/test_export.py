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

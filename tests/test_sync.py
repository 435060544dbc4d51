"""The ontology is the one source of truth: namespace object, shapes and data agree with it."""

from __future__ import annotations

import re

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from fwgraph.namespace import FW
from fwgraph.resources import data_files, ontology_file, shapes_file

NS = str(FW._NS)


def _terms(graph: Graph) -> set[str]:
    found = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef) and term.startswith(NS):
                found.add(term[len(NS) :])
    return found


def _defined() -> set[str]:
    tbox = Graph().parse(ontology_file())
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    return {
        str(s)[len(NS) :]
        for s, o in tbox.subject_objects(RDF.type)
        if str(s).startswith(NS) and (o in kinds or str(o).startswith(NS))
    }


def test_namespace_object_lists_exactly_the_ontology_terms() -> None:
    annotated = set(FW.__annotations__) | set(FW._extras)
    assert annotated == _defined()


def test_every_term_has_english_and_korean_label_and_a_comment() -> None:
    tbox = Graph().parse(ontology_file())
    for name in _defined():
        term = FW[name]
        langs = {label.language for label in tbox.objects(term, RDFS.label)}
        assert {"en", "ko"} <= langs, name
        assert list(tbox.objects(term, RDFS.comment)), name


def test_shapes_use_only_defined_terms() -> None:
    shapes = Graph().parse(shapes_file())
    text = shapes_file().read_text(encoding="utf-8")
    in_sparql = set(re.findall(r"\bfw:(\w+)", text))
    assert (_terms(shapes) | in_sparql) <= _defined()


def test_data_uses_only_defined_terms() -> None:
    for path in data_files():
        used = _terms(Graph().parse(path))
        assert used <= _defined(), (path.name, used - _defined())


def test_every_class_has_a_shape() -> None:
    shapes = Graph().parse(shapes_file())
    targeted = {
        str(o)[len(NS) :]
        for o in shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass"))
    }
    tbox = Graph().parse(ontology_file())
    classes = {
        str(c)[len(NS) :] for c in tbox.subjects(RDF.type, OWL.Class) if str(c).startswith(NS)
    }
    enumerations = {
        "Status",
        "Polarity",
        "Verdict",
        "Aspect",
        "Agent",
        "LineageDirection",
        "ReleaseKind",
    }  # closed lists checked by sh:in / sh:or
    assert classes - enumerations <= targeted


def test_sourced_properties_match_the_shape_constraint() -> None:
    text = shapes_file().read_text(encoding="utf-8")
    block = text[text.index("fwsh:everyFactHasSource\n") :]
    listed = set(re.findall(r"fw:(\w+)", block[block.index("IN (") : block.index("))")]))
    tbox = Graph().parse(ontology_file())
    marked = {str(p)[len(NS) :] for p in tbox.subjects(FW.needsSource, None)}
    assert listed == marked - {"partOf", "affiliation"}

"""The shapes compiled to SPARQL: every constraint kept, unknown SHACL refused."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from fwgraph.analysis.shacl import compile_shapes
from fwgraph.engines.files import parse_turtle
from fwgraph.resources import ontology_file, shapes_file

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:property [ sh:path ex:p ; {constraint} ; sh:message "ex:p is wrong" ] .
"""


def test_every_message_of_the_shapes_has_a_query() -> None:
    shapes = parse_turtle(shapes_file())
    checks = compile_shapes(shapes, parse_turtle(ontology_file()))
    compiled = {c.message for c in checks}
    targeted = set(shapes.subjects(SH.targetClass, None))
    used = {
        str(message)
        for shape in targeted
        for part in [*shapes.objects(shape, SH.property), *shapes.objects(shape, SH.sparql)]
        for message in shapes.objects(part, SH.message)
    }
    assert used
    assert used == compiled


@pytest.mark.parametrize(
    "constraint", ["sh:minLength 3", 'sh:hasValue "x"', "sh:lessThan ex:q", "sh:closed true"]
)
def test_unknown_constraints_are_refused(constraint: str) -> None:
    shapes = Graph().parse(data=SHAPES.replace("{constraint}", constraint), format="turtle")
    with pytest.raises(ValueError, match="cannot compile"):
        compile_shapes(shapes, Graph())


def test_a_target_class_takes_its_subclasses() -> None:
    shapes = Graph().parse(data=SHAPES.replace("{constraint}", "sh:minCount 1"), format="turtle")
    ontology = Graph().parse(
        data="@prefix ex: <http://example.org/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "ex:D rdfs:subClassOf ex:C .",
        format="turtle",
    )
    (check,) = compile_shapes(shapes, ontology)
    assert "<http://example.org/D>" in check.query

"""``.. fwgraph-ontology::``: the vocabulary reference, generated from the Turtle at build time.

An overview table of the classes and properties, each with its meaning and a link to its
entry; then one section per class and per property of ``ontology/fwgraph.ttl`` with its
labels (English and Korean), description, IRI, super- and sub-terms,
domain and range, the SHACL constraints of ``ontology/shapes.ttl`` that
apply to it (path, counts, class or datatype, message), how often the data
uses it and an example triple from the data — what pyLODE gives, inside Sphinx.
Members of an enumerated class (``fw:Active``, ``fw:Holds``, …) are anchored in their
class's table, so every link to an ``fw:`` term lands on the page; a term this directive
does not show (``:only:``) is named, not linked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH
from rdflib.term import Node
from sphinx.util.docutils import SphinxDirective

from fwgraph.errors import FwgraphError
from fwgraph.namespace import FW, FWD
from fwgraph.resources import ontology_file, shapes_file
from fwgraph.results import term_text
from fwgraph.sphinx._nodes import Cell, make_table, paragraph, term_node
from fwgraph.sphinx.query import extra_graph, note_error

__all__ = ["OntologyDirective", "curie", "shape_constraints", "term_id"]

_MORE_PREFIXES = {
    "http://usefulinc.com/ns/doap#": "doap",
    "http://xmlns.com/foaf/0.1/": "foaf",
    "http://purl.org/dc/terms/": "dcterms",
    "https://w3id.org/fwgraph/shapes#": "fwsh",
}
_FW = str(FW._NS)


def curie(term: Node) -> str:
    """``fw:Framework``, ``schema:Person``, ``doap:Project``; the IRI when no prefix fits."""
    text = term_text(term)
    if isinstance(term, URIRef) and text == str(term):
        for ns, prefix in _MORE_PREFIXES.items():
            if text.startswith(ns):
                return f"{prefix}:{text[len(ns) :]}"
    return text


def term_id(term: Node) -> str:
    """The HTML id of a term's section: ``term-Framework``."""
    return "term-" + str(term)[len(_FW) :]


def _term_ref(term: Node, anchored: Container[Node]) -> nodes.Node:
    """A link to the term's entry when ``anchored`` has it, to the web for other IRIs."""
    text = curie(term)
    if term in anchored:
        return nodes.reference(text, "", nodes.literal(text, text), refid=term_id(term))
    if (
        isinstance(term, URIRef)
        and not str(term).startswith(_FW)
        and str(term).startswith(("http://", "https://"))
    ):
        return nodes.reference(text, "", nodes.literal(text, text), refuri=str(term))
    return nodes.literal(text, text)


def _refs(terms: Iterable[Node], anchored: Container[Node]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, term in enumerate(sorted(terms, key=str)):
        if i:
            out.append(nodes.Text(", "))
        out.append(_term_ref(term, anchored))
    return out


def _labels(graph: Graph, term: Node) -> dict[str, str]:
    found: dict[str, str] = {}
    for label in graph.objects(term, RDFS.label):
        if isinstance(label, Literal):
            found.setdefault(label.language or "", str(label))
    return found


def _one(graph: Graph, subject: Node, predicate: URIRef) -> Node | None:
    return next(iter(sorted(graph.objects(subject, predicate), key=str)), None)


def _list(graph: Graph, head: Node) -> list[Node]:
    return list(Collection(graph, head))


def _describe_constraint(shapes: Graph, prop: Node) -> str:
    """Everything a property shape asks for, except path and message, in a few words."""
    bits: list[str] = []
    for key, name in ((SH.minCount, "min"), (SH.maxCount, "max")):
        value = _one(shapes, prop, key)
        if value is not None:
            bits.append(f"{name} {value}")
    qualified = _one(shapes, prop, SH.qualifiedValueShape)
    if qualified is not None:
        langs = _one(shapes, qualified, SH.languageIn)
        tags = ", ".join(f"@{x}" for x in _list(shapes, langs)) if langs is not None else ""
        counts = [
            f"{name} {v}"
            for key, name in ((SH.qualifiedMinCount, "min"), (SH.qualifiedMaxCount, "max"))
            if (v := _one(shapes, prop, key)) is not None
        ]
        bits.append(f"{' '.join(counts)} value(s) in {tags or 'a qualified shape'}")
    for key, name in ((SH["class"], "class"), (SH.datatype, "datatype"), (SH.nodeKind, "kind")):
        value = _one(shapes, prop, key)
        if value is not None:
            bits.append(f"{name} {curie(value)}")
    node = _one(shapes, prop, SH.node)
    if node is not None:
        comment = _one(shapes, node, RDFS.comment)
        bits.append(f"node {curie(node)}" + (f" ({comment})" if comment else ""))
    in_list = _one(shapes, prop, SH["in"])
    if in_list is not None:
        bits.append(
            "one of "
            + ", ".join(
                curie(x) if isinstance(x, URIRef) else str(x) for x in _list(shapes, in_list)
            )
        )
    pattern = _one(shapes, prop, SH.pattern)
    if pattern is not None:
        bits.append(f"matches {pattern}")
    if _one(shapes, prop, SH.uniqueLang) is not None:
        bits.append("one value per language")
    return "; ".join(bits) or "—"


def shape_constraints(shapes: Graph) -> list[tuple[Node, Node | None, Node, str, str]]:
    """``(node shape, target class, path, constraint, message)`` for every property shape."""
    out = []
    for shape in sorted(set(shapes.subjects(SH.property, None)), key=str):
        targets: list[Node | None] = [*sorted(shapes.objects(shape, SH.targetClass), key=str)]
        targets = targets or [None]
        for prop in shapes.objects(shape, SH.property):
            path = _one(shapes, prop, SH.path)
            if path is None:
                continue
            message = str(_one(shapes, prop, SH.message) or "")
            for target in targets:
                out.append((shape, target, path, _describe_constraint(shapes, prop), message))
    out.sort(key=lambda row: (str(row[1]), str(row[2]), row[4]))
    return out


def _sparql_messages(shapes: Graph) -> dict[Node, list[str]]:
    found: dict[Node, list[str]] = {}
    for shape, constraint in shapes.subject_objects(SH.sparql):
        message = _one(shapes, constraint, SH.message)
        for target in shapes.objects(shape, SH.targetClass):
            found.setdefault(target, []).append(str(message or ""))
    return {k: sorted(v) for k, v in found.items()}


def _field(name: str, body: nodes.Node | list[nodes.Node] | str) -> nodes.field:
    field = nodes.field()
    field += nodes.field_name(text=name)
    value = nodes.field_body()
    if isinstance(body, str):
        value += paragraph(body)
    elif isinstance(body, list):
        value += paragraph(*body)
    else:
        value += body
    field += value
    return field


class OntologyDirective(SphinxDirective):
    """Render the reference of every class and property of the fwgraph ontology."""

    has_content = False
    option_spec: ClassVar[dict[str, object]] = {
        "extra": lambda a: [p for p in a.replace(",", " ").split() if p],
        "only": lambda a: directives.choice(a, ("classes", "properties")),
    }

    def run(self) -> list[nodes.Node]:
        """Parse the TBox and the shapes and build one section per term."""
        try:
            data = extra_graph(self).kg.graph
        except FwgraphError as exc:
            return [note_error(self, f"fwgraph-ontology: {exc}")]
        tbox_path, shapes_path = ontology_file(), shapes_file()
        for path in (tbox_path, shapes_path):
            self.env.note_dependency(str(path))
        tbox = Graph().parse(tbox_path, format="turtle")
        shapes = Graph().parse(shapes_path, format="turtle")
        self.tbox, self.shapes, self.data = tbox, shapes, data
        self.constraints = shape_constraints(shapes)
        self.sparql = _sparql_messages(shapes)
        self.usage = Counter(p for _, p, _ in data)
        self.instances = Counter(o for _, o in data.subject_objects(RDF.type))
        only = self.options.get("only")
        out: list[nodes.Node] = []
        fw_terms = [t for t in tbox.subjects(RDF.type, None) if str(t).startswith(_FW)]
        classes = sorted({t for t in fw_terms if (t, RDF.type, OWL.Class) in tbox}, key=str)
        kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
        props = sorted(
            {t for t in fw_terms if any((t, RDF.type, kind) in tbox for kind in kinds)}, key=str
        )
        classes = classes if only in (None, "classes") else []
        props = props if only in (None, "properties") else []
        members = [m for c in classes if (m := _one(tbox, c, OWL.oneOf)) is not None]
        self.anchored = {*classes, *props, *(t for m in members for t in _list(tbox, m))}
        out.append(self._overview(classes, props))
        if classes:
            out.append(self._group("Classes", "fwgraph-classes", [self._class(c) for c in classes]))
        if props:
            out.append(
                self._group("Properties", "fwgraph-properties", [self._property(p) for p in props])
            )
        return out

    def _refs(self, terms: Iterable[Node]) -> list[nodes.Node]:
        return _refs(terms, self.anchored)

    def _overview(self, classes: list[Node], props: list[Node]) -> nodes.section:
        """One row per term: a link to its entry, its names and its one-line meaning."""
        section = nodes.section(ids=["fwgraph-overview"], names=["overview"])
        section += nodes.title(text="Overview")

        def names(term: Node) -> list[Cell]:
            labels = _labels(self.tbox, term)
            korean = nodes.inline(text=labels.get("ko", ""), classes=["fwgraph-lang-ko"])
            return [[self._refs([term])[0]], labels.get("en", ""), [korean]]

        def meaning(term: Node) -> str:
            return str(_one(self.tbox, term, RDFS.comment) or "")

        if classes:
            section += nodes.rubric(text="Classes")
            rows = [[*names(c), meaning(c)] for c in classes]
            section += make_table(
                ["Class", "Name", "Korean", "Meaning"], rows, classes=["fwgraph-overview"]
            )
        if props:
            section += nodes.rubric(text="Properties")
            rows = [
                [
                    *names(p),
                    self._refs(self.tbox.objects(p, RDFS.domain)),
                    self._refs(self.tbox.objects(p, RDFS.range)),
                    meaning(p),
                ]
                for p in props
            ]
            section += make_table(
                ["Property", "Name", "Korean", "From", "To", "Meaning"],
                rows,
                classes=["fwgraph-overview"],
            )
        return section

    def _group(self, title: str, ident: str, sections: list[nodes.section]) -> nodes.section:
        group = nodes.section(ids=[ident], names=[title.lower()])
        group += nodes.title(text=title)
        for section in sections:
            group += section
        return group

    def _header(self, term: Node) -> nodes.section:
        section = nodes.section(
            ids=[term_id(term)], names=[curie(term).lower()], classes=["fwgraph-term"]
        )
        section += nodes.title(text=curie(term))
        labels = _labels(self.tbox, term)
        head = paragraph(nodes.strong(text=labels.get("en", "")), classes=["fwgraph-term-label"])
        if "ko" in labels:
            head += nodes.Text(" · ")
            head += nodes.inline(text=labels["ko"], classes=["fwgraph-lang-ko"])
        section += head
        comment = _one(self.tbox, term, RDFS.comment)
        if comment is not None:
            section += paragraph(str(comment))
        return section

    def _class(self, cls: Node) -> nodes.section:
        section = self._header(cls)
        tbox = self.tbox
        fields = nodes.field_list()
        fields += _field("IRI", [nodes.literal(text=str(cls))])
        supers = list(tbox.objects(cls, RDFS.subClassOf))
        if supers:
            fields += _field("Subclass of", self._refs(supers))
        subs = list(tbox.subjects(RDFS.subClassOf, cls))
        if subs:
            fields += _field("Superclass of", self._refs(subs))
        equivalent = list(tbox.objects(cls, OWL.equivalentClass))
        if equivalent:
            fields += _field("Equivalent to", self._refs(equivalent))
        domain_of = list(tbox.subjects(RDFS.domain, cls))
        if domain_of:
            fields += _field("Domain of", self._refs(domain_of))
        range_of = list(tbox.subjects(RDFS.range, cls))
        if range_of:
            fields += _field("Range of", self._refs(range_of))
        fields += _field("Instances in the data", str(self.instances.get(cls, 0)))
        example = self._example_instance(cls)
        if example is not None:
            fields += _field("Example", [term_node(example)])
        section += fields
        members = _one(tbox, cls, OWL.oneOf)
        if members is not None:
            rows = []
            for member in _list(tbox, members):
                labels = _labels(tbox, member)
                used = sum(1 for _ in self.data.subjects(None, member))
                anchor = nodes.inline("", "", ids=[term_id(member)])
                anchor += nodes.literal(text=curie(member))
                rows.append(
                    [
                        [anchor],
                        labels.get("en", ""),
                        labels.get("ko", ""),
                        str(_one(tbox, member, RDFS.comment) or ""),
                        str(used),
                    ]
                )
            section += nodes.rubric(text="Members")
            section += make_table(
                ["Member", "Label", "Korean", "Meaning", "Used"], rows, classes=["fwgraph-members"]
            )
        rows = [
            [[_term_ref(path, self.anchored)], constraint, message, curie(shape)]
            for shape, target, path, constraint, message in self.constraints
            if target == cls
        ]
        if rows:
            section += nodes.rubric(text="Shape constraints")
            section += make_table(
                ["Path", "Constraint", "Message", "Shape"], rows, classes=["fwgraph-shapes"]
            )
        messages = self.sparql.get(cls, [])
        if messages:
            section += nodes.rubric(text="SPARQL constraints")
            items = nodes.bullet_list()
            for message in messages:
                item = nodes.list_item()
                item += paragraph(message)
                items += item
            section += items
        return section

    def _example_instance(self, cls: Node) -> Node | None:
        found = sorted(
            (s for s in self.data.subjects(RDF.type, cls) if not isinstance(s, BNode)), key=str
        )
        preferred = [s for s in found if str(s) == f"{FWD}keras"]
        candidates = preferred or found
        return candidates[0] if candidates else None

    def _property(self, prop: Node) -> nodes.section:
        section = self._header(prop)
        tbox = self.tbox
        fields = nodes.field_list()
        fields += _field("IRI", [nodes.literal(text=str(prop))])
        kinds = [curie(t) for t in sorted(tbox.objects(prop, RDF.type), key=str)]
        fields += _field("Type", ", ".join(kinds))
        for key, name in (
            (RDFS.domain, "Domain"),
            (RDFS.range, "Range"),
            (RDFS.subPropertyOf, "Subproperty of"),
        ):
            values = list(tbox.objects(prop, key))
            if values:
                fields += _field(name, self._refs(values))
        subs = list(tbox.subjects(RDFS.subPropertyOf, prop))
        if subs:
            fields += _field("Superproperty of", self._refs(subs))
        fields += _field("Triples in the data", str(self.usage.get(prop, 0)))
        example = self._example_triple(prop)
        if example is not None:
            s, o = example
            fields += _field(
                "Example",
                [
                    term_node(s),
                    nodes.Text(" "),
                    nodes.literal(text=curie(prop)),
                    nodes.Text(" "),
                    term_node(o),
                ],
            )
        section += fields
        rows = [
            [curie(target) if target is not None else "—", constraint, message, curie(shape)]
            for shape, target, path, constraint, message in self.constraints
            if path == prop
        ]
        if rows:
            section += nodes.rubric(text="Shape constraints")
            section += make_table(
                ["On", "Constraint", "Message", "Shape"], rows, classes=["fwgraph-shapes"]
            )
        return section

    def _example_triple(self, prop: Node) -> tuple[Node, Node] | None:
        pairs = sorted(
            ((s, o) for s, o in self.data.subject_objects(prop) if not isinstance(s, BNode)),
            key=lambda p: (str(p[0]) != f"{FWD}keras", str(p[0]), str(p[1])),
        )
        if pairs:
            return pairs[0]
        bnodes = sorted(self.data.subject_objects(prop), key=lambda p: str(p[1]))
        return bnodes[0] if bnodes else None

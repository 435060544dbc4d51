"""The SHACL shapes compiled to SPARQL: one query per constraint, for all focus nodes at once.

pyshacl walks the focus nodes one by one in Python; a SPARQL engine (Oxigraph,
in Rust) can judge every focus node of a constraint in one query. This module
turns ``ontology/shapes.ttl`` into such queries; :mod:`fwgraph.analysis.store_validation`
runs them. Only the parts of SHACL that the shapes use are compiled — target
classes; property shapes with a predicate or inverse path; ``sh:minCount``,
``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:in``, ``sh:nodeKind``,
``sh:pattern``, ``sh:node``, ``sh:or``, ``sh:languageIn``, ``sh:uniqueLang``,
qualified value shapes; SPARQL-based constraints — and anything else is refused
with :class:`ValueError`, so a new kind of constraint cannot be skipped silently.
Each query reports what pyshacl reports (``tests/test_shacl.py`` compares them):
the focus node, the value at fault for value constraints, none for counts.

Each query holds the line ``#fwgraph-focus`` right after the focus pattern; the
runner may replace it with a filter on the focus nodes (a comment otherwise).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

__all__ = ["FOCUS_HOOK", "Check", "compile_shapes"]

FOCUS_HOOK = "#fwgraph-focus\n"

# What a node shape (or sh:node / sh:or member) may hold besides the constraints below.
_DESCRIPTIVE = {RDF.type, RDFS.label, RDFS.comment, SH.message, SH.severity, SH.name}
_VALUE_KEYS = {SH["class"], SH.datatype, SH["in"], SH.nodeKind, SH.pattern, SH.flags}
_VALUE_KEYS |= {SH.node, SH["or"], SH.languageIn}
_PROPERTY_KEYS = _DESCRIPTIVE | _VALUE_KEYS | {SH.path, SH.minCount, SH.maxCount, SH.uniqueLang}
_PROPERTY_KEYS |= {SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount}
_NODE_KEYS = _DESCRIPTIVE | {SH.targetClass, SH.property, SH.sparql, SH.declare}
_NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}


@dataclass(frozen=True)
class Check:
    """One compiled constraint.

    Attributes
    ----------
    query : str
        A SPARQL ``SELECT`` whose rows are the violations: ``?this`` (the focus
        node), ``?value`` where a value is at fault, and the variables that
        ``message`` names.
    prefixes : str
        The ``PREFIX`` lines the query needs (from the shapes' ``sh:declare``).
    message : str
        The shape's ``sh:message``; ``{?name}`` is filled from the row.
    path : str or None
        The IRI of the property, for property shapes with a predicate path.
    severity : str
        ``"violation"``, ``"warning"`` or ``"info"``.
    screens : tuple of str
        Group graph patterns (``{ … }``), cheap to ask about: when none has a
        solution, ``query`` has no rows and need not run. Empty: always run it.
    unique : str or None
        For ``sh:maxCount 1`` on this predicate: run ``query`` only when some
        resource has two values of it (the runner counts all such predicates
        in one pass).
    classes : tuple of str
        The target classes (with their subclasses): without an instance of
        one, there is nothing to judge.
    uses : str or None
        A predicate without which the check has nothing to report (it judges
        the values of that property).
    """

    query: str
    prefixes: str
    message: str
    path: str | None
    severity: str = "violation"
    screens: tuple[str, ...] = ()
    unique: str | None = None
    classes: tuple[str, ...] = ()
    uses: str | None = None


def compile_shapes(shapes: Graph, ontology: Graph) -> tuple[Check, ...]:
    """Compile every targeted node shape of ``shapes`` into :class:`Check` queries.

    Parameters
    ----------
    shapes : rdflib.Graph
        The shapes graph (``ontology/shapes.ttl``).
    ontology : rdflib.Graph
        Where ``rdfs:subClassOf`` is read: a target class and ``sh:class`` also
        take the instances of its subclasses, as in SHACL.

    Returns
    -------
    tuple of Check

    Raises
    ------
    ValueError
        For a part of SHACL this compiler does not know.

    Examples
    --------
    >>> from fwgraph.engines.files import parse_turtle
    >>> from fwgraph.resources import ontology_file, shapes_file
    >>> checks = compile_shapes(parse_turtle(shapes_file()), parse_turtle(ontology_file()))
    >>> any("needs at least one license" in c.message for c in checks)
    True
    """
    compiler = _Compiler(shapes, ontology)
    checks: list[Check] = []
    for shape in sorted(set(shapes.subjects(SH.targetClass, None)), key=str):
        checks.extend(compiler.node_shape(shape))
    return tuple(checks)


class _Compiler:
    def __init__(self, shapes: Graph, ontology: Graph) -> None:
        self.shapes = shapes
        self.ontology = ontology
        self.prefixes = "".join(
            f"PREFIX {self.shapes.value(d, SH.prefix)}: <{self.shapes.value(d, SH.namespace)}>\n"
            for d in sorted(set(shapes.objects(None, SH.declare)), key=str)
        )

    # ------------------------------------------------------------------ node shapes

    def node_shape(self, shape: Node) -> Iterator[Check]:
        self._refuse_unknown(shape, _NODE_KEYS, "node shape")
        if (shape, SH.deactivated, Literal(True)) in self.shapes:
            return
        severity = self._severity(shape, "violation")
        classes = [self._closure(c) for c in self.shapes.objects(shape, SH.targetClass)]
        focus = " UNION ".join(
            "{ " + self._typed("?this", closure, "?fwv_t") + " }" for closure in classes
        )
        pending: list[tuple[Check, str | None]] = []
        for prop in sorted(self.shapes.objects(shape, SH.property), key=str):
            pending.extend(self.property_shape(prop, focus, severity))
        # One pass over the focus nodes tells whether any lacks a required value.
        lacks = sorted({test for _, test in pending if test is not None})
        screen = f"{{\n{{ {focus} }}\n{FOCUS_HOOK}FILTER ({' || '.join(lacks)})\n}}"
        targets = tuple(sorted({str(c) for closure in classes for c in closure}))
        for check, test in pending:
            screens = check.screens if test is None else (*check.screens, screen)
            yield replace(check, classes=targets, screens=screens)
        for constraint in sorted(self.shapes.objects(shape, SH.sparql), key=str):
            yield replace(self.sparql_constraint(constraint, focus, severity), classes=targets)

    def _typed(self, var: str, closure: list[URIRef], helper: str) -> str:
        if len(closure) == 1:
            return f"{var} a {_n3(closure[0])} ."
        values = " ".join(_n3(c) for c in closure)
        return f"VALUES {helper} {{ {values} }} {var} a {helper} ."

    def _closure(self, cls: Node) -> list[URIRef]:
        if not isinstance(cls, URIRef):
            raise ValueError(f"sh:targetClass / sh:class must be an IRI, not {cls!r}")
        found = {cls}
        found.update(
            c
            for c in self.ontology.transitive_subjects(RDFS.subClassOf, cls)
            if isinstance(c, URIRef)
        )
        return sorted(found)

    def _severity(self, shape: Node, default: str) -> str:
        severity = self.shapes.value(shape, SH.severity)
        return str(severity).rsplit("#", 1)[-1].lower() if severity is not None else default

    def _message(self, shape: Node) -> str:
        message = self.shapes.value(shape, SH.message)
        if message is None:
            raise ValueError(f"shape {shape} has no sh:message: fwgraph names the missing piece")
        return str(message)

    def _refuse_unknown(self, shape: Node, known: set[URIRef], what: str) -> None:
        unknown = {p for p in self.shapes.predicates(shape, None) if p not in known}
        if unknown:
            names = ", ".join(sorted(str(p) for p in unknown))
            raise ValueError(f"the {what} {shape} uses what fwgraph cannot compile: {names}")

    def _query(self, head: str, focus: str, body: str, tail: str = "") -> str:
        return f"SELECT {head} WHERE {{\n{{ {focus} }}\n{FOCUS_HOOK}{body}\n}}{tail}"

    # ------------------------------------------------------------------ property shapes

    def property_shape(
        self, prop: Node, focus: str, severity: str
    ) -> Iterator[tuple[Check, str | None]]:
        """Checks, each with the test (if any) that the node shape's screen folds in.

        A check whose screens all answer false has nothing to report, and is not
        run: screens judge every value at once (no join with the focus nodes),
        so they cost little; a screen may also report values of resources that
        are not focus nodes, and then the check itself runs.
        """
        self._refuse_unknown(prop, _PROPERTY_KEYS, "property shape")
        path_node = self.shapes.value(prop, SH.path)
        path, path_iri = self._path(path_node)
        predicate = path_iri or str(self.shapes.value(path_node, SH.inversePath))
        message = self._message(prop)
        severity = self._severity(prop, severity)

        def check(
            query: str, *screens: str, unique: str | None = None, uses: str | None = predicate
        ) -> Check:
            return Check(
                query, self.prefixes, message, path_iri, severity, screens, unique, uses=uses
            )

        count = f"?this {path} ?value ."
        minimum = self._integer(prop, SH.minCount)
        if minimum is not None and minimum > 0:
            too_few = self._too_few(focus, count, minimum)
            yield check(too_few, uses=None), self._lacks(path, "true", minimum)
        maximum = self._integer(prop, SH.maxCount)
        if maximum is not None:
            having = f"HAVING (COUNT(DISTINCT ?value) > {maximum})"
            query = self._query("?this", focus, count, f"\nGROUP BY ?this {having}")
            if maximum == 1 and path_iri is not None:
                yield check(query, unique=path_iri), None
            else:
                yield check(query, self._two_values(path, "true", maximum)), None
        qualified = self.shapes.value(prop, SH.qualifiedValueShape)
        if qualified is not None:
            yield self._qualified(prop, focus, path, qualified, check)
        if (prop, SH.uniqueLang, Literal(True)) in self.shapes:
            same = (
                'FILTER (!sameTerm(?value, ?other) && LANG(?value) != ""'
                " && LCASE(LANG(?value)) = LCASE(LANG(?other)))"
            )
            body = f"?this {path} ?value , ?other .\n{same}"
            screen = f"{{ {body} }}"
            yield check(self._query("DISTINCT ?this", focus, body), screen), None
        for condition in self._value_conditions(prop, "?value"):
            body = f"?this {path} ?value .\nFILTER (!({condition}))"
            screen = f"{{ {body} }}"
            yield check(self._query("DISTINCT ?this ?value", focus, body), screen), None

    def _lacks(self, path: str, condition: str, low: int) -> str:
        """The screen's test that a focus node has too few values (exact for one)."""
        if low != 1:
            return "true"  # the screen cannot tell: the check runs
        keep = "" if condition == "true" else f" FILTER ({condition})"
        return f"NOT EXISTS {{ ?this {path} ?value .{keep} }}"

    def _two_values(self, path: str, condition: str, high: int) -> str:
        """A screen: some resource has more than ``high`` values (exact for one)."""
        if high != 1:
            return "{}"  # always a solution: the check runs
        both = "true"
        if condition != "true":
            both = f"({condition}) && ({condition.replace('?value', '?other')})"
        return f"{{ ?this {path} ?value , ?other FILTER (!sameTerm(?value, ?other) && {both}) }}"

    def _path(self, path: Node | None) -> tuple[str, str | None]:
        if isinstance(path, URIRef):
            return _n3(path), str(path)
        inverse = self.shapes.value(path, SH.inversePath) if isinstance(path, BNode) else None
        if isinstance(inverse, URIRef) and len(set(self.shapes.predicate_objects(path))) == 1:
            return f"^{_n3(inverse)}", None
        raise ValueError(f"sh:path {path!r}: only a predicate or its sh:inversePath is compiled")

    def _integer(self, shape: Node, key: URIRef) -> int | None:
        value = self.shapes.value(shape, key)
        return int(value) if isinstance(value, Literal) else None

    def _too_few(self, focus: str, count: str, minimum: int) -> str:
        if minimum == 1:
            return self._query("?this", focus, f"FILTER NOT EXISTS {{ {count} }}")
        having = f"HAVING (COUNT(DISTINCT ?value) < {minimum})"
        return self._query("?this", focus, f"OPTIONAL {{ {count} }}", f"\nGROUP BY ?this {having}")

    def _qualified(
        self, prop: Node, focus: str, path: str, qualified: Node, check: Callable[..., Check]
    ) -> tuple[Check, str | None]:
        self._refuse_unknown(qualified, _DESCRIPTIVE | _VALUE_KEYS, "qualified value shape")
        if (prop, SH.qualifiedValueShapesDisjoint, Literal(True)) in self.shapes:
            raise ValueError("sh:qualifiedValueShapesDisjoint is not compiled")
        condition = " && ".join(f"({c})" for c in self._value_conditions(qualified, "?value"))
        condition = condition or "true"
        low = self._integer(prop, SH.qualifiedMinCount) or 0
        high = self._integer(prop, SH.qualifiedMaxCount)
        inner = f"?this {path} ?value . FILTER ({condition})"
        tests = []
        if low > 0:
            tests.append(f"COUNT(DISTINCT ?value) < {low}")
        if high is not None:
            tests.append(f"COUNT(DISTINCT ?value) > {high}")
        having = f"\nGROUP BY ?this HAVING ({' || '.join(tests) or 'false'})"
        query = self._query("?this", focus, f"OPTIONAL {{ {inner} }}", having)
        screens = () if high is None else (self._two_values(path, condition, high),)
        if low > 0:  # too few values is a violation too: it does not need the predicate
            return check(query, *screens, uses=None), self._lacks(path, condition, low)
        return check(query, *screens), None

    # ------------------------------------------------------------------ value constraints

    def _value_conditions(self, shape: Node, var: str) -> list[str]:
        """One SPARQL expression per value constraint of ``shape``: true when ``var`` passes."""
        conditions: list[str] = []
        for cls in self.shapes.objects(shape, SH["class"]):
            conditions.append(self._is_instance(var, self._closure(cls)))
        for datatype in self.shapes.objects(shape, SH.datatype):
            conditions.append(_has_datatype(var, datatype))
        for members in self.shapes.objects(shape, SH["in"]):
            terms = list(Collection(self.shapes, members))
            conditions.append(" || ".join(f"sameTerm({var}, {_n3(t)})" for t in terms) or "false")
        for kind in self.shapes.objects(shape, SH.nodeKind):
            if kind not in _NODE_KINDS:
                raise ValueError(f"sh:nodeKind {kind} is not compiled")
            conditions.append(_NODE_KINDS[kind].format(v=var))
        flags = self.shapes.value(shape, SH.flags)
        for pattern in self.shapes.objects(shape, SH.pattern):
            regex = f"REGEX(STR({var}), {_string(str(pattern))}"
            regex += f", {_string(str(flags))})" if flags is not None else ")"
            conditions.append(f"!isBlank({var}) && {regex}")
        for languages in self.shapes.objects(shape, SH.languageIn):
            tags = [str(t) for t in Collection(self.shapes, languages)]
            tests = [f"langMatches(LANG({var}), {_string(t)})" for t in tags]
            conditions.append(" || ".join(tests) or "false")
        for node in self.shapes.objects(shape, SH.node):
            conditions.append(self._conforms(node, var))
        for members in self.shapes.objects(shape, SH["or"]):
            options = [self._conforms(m, var) for m in Collection(self.shapes, members)]
            conditions.append(" || ".join(f"({o})" for o in options) or "false")
        return conditions

    def _conforms(self, shape: Node, var: str) -> str:
        self._refuse_unknown(shape, _DESCRIPTIVE | _VALUE_KEYS, "value shape")
        return " && ".join(f"({c})" for c in self._value_conditions(shape, var)) or "true"

    def _is_instance(self, var: str, closure: list[URIRef]) -> str:
        return f"EXISTS {{ {self._typed(var, closure, '?fwv_k')} }}"

    # ------------------------------------------------------------------ SPARQL constraints

    def sparql_constraint(self, constraint: Node, focus: str, severity: str) -> Check:
        select = self.shapes.value(constraint, SH.select)
        if select is None:
            raise ValueError(f"SPARQL constraint {constraint} has no sh:select")
        text = re.sub(r"\$(\w+)", r"?\1", str(select))
        start = text.index("{") + 1
        end = _closing(text, start - 1)
        if re.match(r"\s*\?this\s+[^\s?$]", text[start:end]):
            # The query starts from a property of the focus node: let Oxigraph
            # walk that property first and test the type of each node it finds.
            inner = f"{text[start:end]}\nFILTER EXISTS {{ {focus} }}\n{FOCUS_HOOK}"
        else:
            inner = f"\n{{ {focus} }}\n{FOCUS_HOOK}{text[start:end]}"
        text = text[:start] + inner + text[end:]
        path = self.shapes.value(constraint, SH.path)
        return Check(
            query=text.strip(),
            prefixes=self.prefixes,
            message=self._message(constraint),
            path=str(path) if isinstance(path, URIRef) else None,
            severity=self._severity(constraint, severity),
        )


def _closing(text: str, opening: int) -> int:
    """The index of the ``}`` that closes the ``{`` at ``opening`` (no braces in strings)."""
    depth = 0
    for index in range(opening, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index
    raise ValueError("unbalanced braces in a SPARQL constraint")


def _has_datatype(var: str, datatype: Node) -> str:
    """``var`` is a literal of ``datatype``; an ill-formed ``xsd:date`` fails, as in pyshacl."""
    test = f"isLiteral({var}) && DATATYPE({var}) = {_n3(datatype)}"
    if datatype == XSD.date:  # pyshacl also rejects dates that do not parse
        test += f" && COALESCE(isLiteral(<{XSD.date}>({var})), false)"
    return test


def _n3(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = _string(str(term))
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^<{term.datatype}>"
        return text
    raise ValueError(f"cannot write {term!r} into a query")


def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r") + '"'

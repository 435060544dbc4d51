"""SHACL validation with messages that name the framework and the missing piece."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from fwgraph.analysis.provenance import unsourced_facts
from fwgraph.engines import Engine, select
from fwgraph.engines.files import packaged_graph, parse_turtle, parse_turtle_files
from fwgraph.errors import MissingDependencyError, ValidationError
from fwgraph.namespace import FW, slug_of
from fwgraph.resources import ontology_file, shapes_file
from fwgraph.results import term_text

__all__ = ["ValidationReport", "Violation", "validate", "validate_graph"]


@dataclass(frozen=True, order=True)
class Violation:
    """One way the data breaks the shapes.

    Attributes
    ----------
    resource : str
        The resource at fault: a slug (``"keras"``); for a statement node, the
        framework it is about followed by the fact (``"keras builtOn theano"``).
    message : str
        What is missing or wrong.
    path : str or None
        The property involved, as ``fw:license``.
    value : str or None
        The offending value, if any.
    severity : str
        ``"violation"``, ``"warning"`` or ``"info"``.
    """

    resource: str
    message: str
    path: str | None = None
    value: str | None = None
    severity: str = "violation"

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path and self.path not in self.message else ""
        return f"{self.resource}: {self.message}{where}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of checking a graph against ``ontology/shapes.ttl``.

    Attributes
    ----------
    conforms : bool
    violations : tuple of Violation
        Sorted by resource.
    """

    conforms: bool
    violations: tuple[Violation, ...]

    def to_text(self) -> str:
        """``"conforms"`` or one line per violation."""
        if self.conforms:
            return "conforms: the data satisfies every shape"
        lines = [f"does not conform: {len(self.violations)} violation(s)"]
        lines += [f"  {v}" for v in self.violations]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(self.to_text())}</pre>"


def sort_key(violation: Violation) -> tuple[str, str, str, str, str]:
    """Violations in the order they are listed: by resource, then message (``None`` first)."""
    v = violation
    return (v.resource, v.message, v.path or "", v.value or "", v.severity)


def _shapes() -> Graph:
    return parse_turtle(shapes_file())


def _split_sparql(shapes: Graph) -> tuple[Graph, list[tuple[Node, str, str]]]:
    """Separate SPARQL-based constraints from the SHACL Core shapes.

    pyshacl runs a SPARQL constraint once per focus node, which took minutes on
    this data. Each constraint is run here once for all focus nodes instead
    (``$this`` becomes a variable restricted to the shape's target class),
    which gives the same results in well under a second.

    Returns
    -------
    (core shapes, [(target class, SELECT text, message)])
    """
    core = Graph()
    core += shapes
    constraints: list[tuple[Node, str, str]] = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        if constraint == _NATIVE:
            core.remove((shape, SH.sparql, constraint))
            continue
        select = shapes.value(constraint, SH.select)
        message = shapes.value(constraint, SH.message)
        for target in shapes.objects(shape, SH.targetClass):
            constraints.append((target, str(select), str(message)))
        core.remove((shape, SH.sparql, constraint))
        for triple in list(core.triples((constraint, None, None))):
            core.remove(triple)
    return core, constraints


_NATIVE = URIRef("https://w3id.org/fwgraph/shapes#everyFactHasSource")


def _unsourced_violations(data: Graph) -> set[Violation]:
    """``fwsh:everyFactHasSource``, run natively over the graph's indexes."""
    message = "fact {path} {value} has no statement node citing a source"
    message += " (rdf:Statement with prov:wasDerivedFrom a fw:Source)"
    return {
        Violation(
            resource=slug_of(s),
            message=message.format(path=term_text(p), value=term_text(o)),
            path=term_text(p),
            value=term_text(o),
        )
        for s, p, o in unsourced_facts(data, FW.Framework)
    }


def _run_sparql_constraints(
    data: Graph, constraints: list[tuple[Node, str, str]]
) -> set[Violation]:
    from fwgraph.namespace import PREFIXES  # noqa: PLC0415

    found: set[Violation] = set()
    for target, select_text, message in constraints:
        text = select_text.replace("$this", "?this")
        brace = text.index("{") + 1
        text = f"{text[:brace]}\n ?this a <{target}> .{text[brace:]}"
        for row in data.query(text, initNs=PREFIXES):
            values = row.asdict()  # type: ignore[union-attr]
            focus = values.get("this")

            def fill(match: re.Match[str], values: dict[str, Any] = values) -> str:
                term = values.get(match.group(1))
                return term_text(term) if term is not None else match.group(0)

            found.add(
                Violation(
                    resource=_describe(data, focus) if focus is not None else "?",
                    message=re.sub(r"\{[?$](\w+)\}", fill, message),
                    path=term_text(values["path"]) if "path" in values else None,
                    value=term_text(values["value"]) if "value" in values else None,
                )
            )
    return found


def describe_statement(s: Node | None, p: Node | None, o: Node | None) -> str:
    """How a statement node is named in a violation: ``"statement keras builtOn theano"``."""
    parts = [slug_of(s) if s is not None else "?"]
    if p is not None:
        parts.append(str(p).rsplit("#", 1)[-1])
    if o is not None:
        parts.append(slug_of(o) if isinstance(o, URIRef) else str(o))
    return "statement " + " ".join(parts)


def _describe(data: Graph, focus: Node) -> str:
    if isinstance(focus, BNode) and (focus, RDF.type, RDF.Statement) in data:
        return describe_statement(
            data.value(focus, RDF.subject),
            data.value(focus, RDF.predicate),
            data.value(focus, RDF.object),
        )
    if isinstance(focus, URIRef):
        return slug_of(focus)
    return term_text(focus)


def validate_graph(
    data: Graph, *, raise_on_error: bool = False, new_data: Graph | None = None
) -> ValidationReport:
    """Validate an rdflib graph against the fwgraph shapes.

    Parameters
    ----------
    data : rdflib.Graph
        The data, including the ontology (``fwgraph.ttl``) for class hierarchy.
    raise_on_error : bool
        Raise :class:`ValidationError` instead of returning a failed report.
    new_data : rdflib.Graph, optional
        New data being added: violations about its resources are listed first.

    Returns
    -------
    ValidationReport

    Raises
    ------
    ValidationError
        When ``raise_on_error`` and the data does not conform.
    MissingDependencyError
        Without pyshacl installed.
    """
    try:
        from pyshacl import validate as shacl_validate  # noqa: PLC0415 - heavy, optional at import
    except ImportError as exc:
        raise MissingDependencyError("pyshacl", "validate", "validation") from exc
    core, constraints = _split_sparql(_shapes())
    conforms, results, _text = shacl_validate(
        data, shacl_graph=core, inference="none", allow_warnings=True
    )
    violations = _run_sparql_constraints(data, constraints) | _unsourced_violations(data)
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if (None, SH.detail, result) in results:
            continue  # pyshacl's detail of another result (why an sh:node failed), not a result
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        violations.add(
            Violation(
                resource=_describe(data, focus) if focus is not None else "?",
                message=str(message) if isinstance(message, Literal) else "violates a shape",
                path=term_text(path) if isinstance(path, URIRef) else None,
                value=term_text(value) if value is not None else None,
                severity=str(severity).rsplit("#", 1)[-1].lower() if severity else "violation",
            )
        )
    mine = {slug_of(s) for s in new_data.subjects()} if new_data is not None else set()

    def first_mine(v: Violation) -> tuple[bool, tuple[str, str, str, str, str]]:
        resource = v.resource.removeprefix("statement ").split(" ", 1)[0]
        return (resource not in mine, sort_key(v))

    report = ValidationReport(
        conforms=bool(conforms) and not violations,
        violations=tuple(sorted(violations, key=first_mine)),
    )
    if raise_on_error and not report.conforms:
        first = report.violations[0] if report.violations else "see the report"
        more = len(report.violations) - 1
        msg = f"the data does not conform to the shapes: {first}" + (
            f" (and {more} more)" if more > 0 else ""
        )
        raise ValidationError(report, msg)
    return report


def validate(extra: Sequence[str | Path] = ()) -> ValidationReport:
    """Validate the packaged data, plus your own Turtle files.

    Parameters
    ----------
    extra : sequence of paths
        Files to check together with the packaged data.

    Returns
    -------
    ValidationReport

    Raises
    ------
    TurtleSyntaxError
        If a file does not parse (file and line).

    Examples
    --------
    >>> import fwgraph
    >>> fwgraph.validate().conforms
    True
    """
    data = packaged_graph()
    if extra:
        data += parse_turtle_files(extra)
    return validate_graph(data, new_data=parse_turtle_files(extra) if extra else None)


def _context(engine: Engine, new: Graph) -> Graph:
    """What the shapes need from the engine to judge ``new``.

    That is the ontology, the full description of every resource ``new`` adds
    facts to, and the types of what it points at.
    """
    context = Graph()
    context += parse_turtle(ontology_file())
    defined = set(new.subjects(RDF.type, None))
    looked: set[Node] = set()
    for subject in set(new.subjects()):
        if isinstance(subject, URIRef) and subject not in defined and subject not in looked:
            looked.add(subject)
            for row in select(engine, "describe", s=subject):
                context.add((row["x"], row["p"], row["o"]))
    for obj in set(new.objects()):
        if isinstance(obj, URIRef) and obj not in defined and obj not in looked:
            looked.add(obj)
            for row in select(engine, "types", s=obj):
                context.add((obj, RDF.type, row["type"]))
    return context


def validate_addition(
    engine: Engine, new: Graph, *, raise_on_error: bool = True
) -> ValidationReport:
    """Validate only what ``new`` adds and what it touches, against the shapes.

    The data graph is ``new`` plus the ontology, the descriptions (with their
    statement nodes) of existing resources that ``new`` adds facts to, and the
    types of existing resources it points at; violations about anything else
    are not reported. Cost grows with ``new``, not with the store.

    Raises
    ------
    ValidationError
        When ``raise_on_error`` and ``new`` breaks a shape.
    """
    data = Graph()
    data += new
    data += _context(engine, new)
    report = validate_graph(data, new_data=new)
    mine = {_describe(data, s) for s in new.subjects()}
    mine |= {_describe(data, s) for s in new.subjects() if isinstance(s, URIRef)}
    kept = tuple(v for v in report.violations if v.resource in mine)
    result = ValidationReport(conforms=not kept, violations=kept)
    if raise_on_error and not result.conforms:
        first = kept[0]
        more = len(kept) - 1
        msg = f"the data does not conform to the shapes: {first}" + (
            f" (and {more} more)" if more > 0 else ""
        )
        raise ValidationError(result, msg)
    return result

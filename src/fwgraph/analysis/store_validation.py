"""Validation run by the store itself: the compiled shapes as SPARQL, over what the user adds.

Used for the Oxigraph engine, where the user's files are parsed once, by
Oxigraph, and never copied into rdflib. The data judged is a store (``new``)
whose default graph holds the user's triples; :func:`borrowed_context` lends
it, from the store they are added to (``base``), what the shapes need to judge
them: the descriptions of existing resources the user adds facts to (with their
statement nodes and the triples pointing at them) and the types of the existing
resources these point at. Those pointed-at resources are context only: they
are not judged (:func:`validate_store` leaves them out), so the cost grows
with the user's data, not with the store.

Each query of :mod:`fwgraph.analysis.shacl` comes with cheap *screens*; in the
usual case (the data conforms) a few queries answer them all, and only the
constraints whose screens fire run in full. A load with validation takes 2.3
(10^6 triples) to 2.9 (10^4) times pyoxigraph's own load.

Why not pyshacl or a Rust SHACL engine: measured on a valid, fwgraph-shaped
synthetic file (``benchmarks/bench_load_validation.py``'s generator), core shapes
only, one process and one run each, against ``pyoxigraph.Store().load`` of the same file
(0.065 s / 26 MB at 10^4 triples, 0.62 s / 58 MB at 10^5, 6.4 s / 376 MB at 10^6):

* pyshacl 0.40 on rdflib: 1.4 s at 10^4, 24.6 s / 173 MB at 10^5 (40x the raw load);
* pyrudof 0.3.35 (Rust): 0.5 s / 178 MB at 10^4, 12.1 s / 1.3 GB at 10^5,
  199 s / 12.5 GB at 10^6 (it also rejects the shapes' SPARQL constraints);
* maplib 0.20.26: its open-source wheel has no SHACL (``Model.validate`` panics
  "not implemented: Contact Data Treehouse to try");
* these queries run by Oxigraph: see the figures at the top of the benchmark.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from fwgraph._version import __version__
from fwgraph.analysis import shacl
from fwgraph.analysis.shacl import FOCUS_HOOK, Check
from fwgraph.analysis.validation import ValidationReport, Violation, describe_statement, sort_key
from fwgraph.engines import Engine
from fwgraph.engines.files import cache_dir, parse_turtle
from fwgraph.errors import ValidationError
from fwgraph.namespace import PREFIXES, slug_of
from fwgraph.resources import ontology_file, shapes_file
from fwgraph.results import term_text

if TYPE_CHECKING:
    from fwgraph.engines.oxigraph import OxigraphEngine

__all__ = [
    "add_checked",
    "borrowed_context",
    "build_checked",
    "compiled_checks",
    "validate_store",
]

_BATCH = 1000  # IRIs per VALUES block
_UNION = 8  # screens asked in one query (Oxigraph plans a long UNION in more than linear time)
_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}
_SAFE_IRI = re.compile(r'^[^\s<>"{}|^`\\]+$')
_DESCRIBE = f"""CONSTRUCT {{ ?s ?p ?o . ?st ?sp ?so . ?in ?ip ?s }}
WHERE {{ VALUES ?s {{ %s }}
  {{ ?s ?p ?o }} UNION {{ ?st <{RDF.subject}> ?s ; ?sp ?so }} UNION {{ ?in ?ip ?s }} }}"""
_TYPES = "CONSTRUCT { ?s a ?t } WHERE { VALUES ?s { %s } ?s a ?t }"


@cache
def compiled_checks() -> tuple[tuple[Check, ...], frozenset[URIRef]]:
    """The packaged shapes as queries, and the predicates whose objects they judge too.

    A user triple ``?x p ?y`` touches ``?y`` (not only ``?x``) when ``p`` is
    followed backwards by a shape (``sh:inversePath``) or is ``rdf:subject``
    (a statement node needs its fact). Compiled once and cached on disk, keyed
    by the shapes, the ontology and the compiler's own source.
    """
    sources = [shapes_file(), ontology_file(), Path(shacl.__file__)]
    digest = hashlib.sha256(__version__.encode())
    for source in sources:
        digest.update(source.read_bytes())
    path = cache_dir() / f"shacl-{digest.hexdigest()[:24]}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError):
        cached = pickle.loads(path.read_bytes())  # noqa: S301 - our own cache file
        if isinstance(cached, tuple) and len(cached) == 2:
            return cached
    shapes = parse_turtle(shapes_file())
    checks = shacl.compile_shapes(shapes, parse_turtle(ontology_file()))
    inverse = {p for p in shapes.objects(None, SH.inversePath) if isinstance(p, URIRef)}
    compiled = (checks, frozenset(inverse | {RDF.subject}))
    with contextlib.suppress(OSError):  # a read-only cache: compile each time
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)
    return compiled


# ---------------------------------------------------------------- running the checks


def validate_store(
    engine: OxigraphEngine, *, exclude: Collection[str] = (), raise_on_error: bool = False
) -> ValidationReport:
    """Judge every focus node in ``engine``'s default graph, but those in ``exclude``.

    The queries go straight to the pyoxigraph store (they are fwgraph's own);
    only the rows of violations become rdflib terms.

    Parameters
    ----------
    engine : OxigraphEngine
        Holds the data.
    exclude : collection of str
        Context only: resources whose types were copied in, not to be judged.
    raise_on_error : bool
        Raise :class:`ValidationError` instead of returning a failed report.

    Returns
    -------
    ValidationReport
    """
    checks, _ = compiled_checks()
    hook = ""
    if exclude:
        values = " ".join(f"<{iri}>" for iri in sorted(exclude) if _SAFE_IRI.match(iri))
        hook = f"MINUS {{ VALUES ?this {{ {values} }} }}\n"
    present = _present_terms(checks, engine)
    checks = tuple(
        c
        for c in checks
        if (not c.classes or present.intersection(c.classes))
        and (c.uses is None or c.uses in present)
    )
    repeated = _repeated({c.unique for c in checks if c.unique is not None}, engine)
    answers: dict[str, bool] = {}
    screens = sorted({s for c in checks for s in c.screens})
    for start in range(0, len(screens), _UNION):  # the usual case: a few queries answer all
        group = screens[start : start + _UNION]
        if not _ask(engine, checks[0], " UNION ".join(group), hook, {}):
            answers.update(dict.fromkeys(group, False))
    violations: set[Violation] = set()
    for check in checks:
        if check.unique is not None and check.unique not in repeated:
            continue
        if check.screens and not any(_ask(engine, check, s, hook, answers) for s in check.screens):
            continue
        text = (
            f"{check.prefixes}SELECT * WHERE {{ {{ {check.query.replace(FOCUS_HOOK, hook)} }}\n"
            f"OPTIONAL {{ ?this a ?fwv_st FILTER (?fwv_st = <{RDF.Statement}>)\n"
            f"OPTIONAL {{ ?this <{RDF.subject}> ?fwv_s }}\n"
            f"OPTIONAL {{ ?this <{RDF.predicate}> ?fwv_p }}\n"
            f"OPTIONAL {{ ?this <{RDF.object}> ?fwv_o }} }} }}"
        )
        violations.update(_violations(check, _run(engine, text)))
    listed = tuple(sorted(violations, key=sort_key))
    report = ValidationReport(conforms=not listed, violations=listed)
    if raise_on_error and not report.conforms:
        first = report.violations[0]
        more = len(report.violations) - 1
        msg = f"the data does not conform to the shapes: {first}" + (
            f" (and {more} more)" if more > 0 else ""
        )
        raise ValidationError(report, msg)
    return report


def _run(engine: OxigraphEngine, text: str) -> Any:
    return engine.store.query(text, prefixes=_PREFIXES)


def _rows(result: Any) -> Iterator[dict[str, Node]]:
    names = [v.value for v in result.variables]
    for solution in result:
        yield {n: _term(t) for n, t in zip(names, solution, strict=True) if t is not None}


def _term(term: Any) -> Node:
    """A pyoxigraph term as the rdflib term (for the rows of violations only)."""
    kind = type(term).__name__
    if kind == "NamedNode":
        return URIRef(term.value)
    if kind == "BlankNode":
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


def _ask(
    engine: OxigraphEngine, check: Check, screen: str, hook: str, answers: dict[str, bool]
) -> bool:
    """A screen's answer, asked once per validation (node shapes share theirs)."""
    if screen not in answers:
        text = f"{check.prefixes}ASK {{ {screen.replace(FOCUS_HOOK, hook)} }}"
        answers[screen] = bool(_run(engine, text))
    return answers[screen]


def _present_terms(checks: Iterable[Check], engine: OxigraphEngine) -> set[str]:
    """The checks' classes that have an instance and predicates that are used: one query."""
    checks = list(checks)
    classes = " ".join(sorted({f"<{c}>" for check in checks for c in check.classes}))
    used = " ".join(sorted({f"<{c.uses}>" for c in checks if c.uses is not None}))
    text = (
        f"SELECT ?x WHERE {{ {{ VALUES ?x {{ {classes} }} FILTER EXISTS {{ ?i a ?x }} }}\n"
        f"UNION {{ VALUES ?x {{ {used} }} FILTER EXISTS {{ ?s ?x ?o }} }} }}"
    )
    return {row[0].value for row in _run(engine, text)}


def _repeated(predicates: Collection[str], engine: OxigraphEngine) -> set[str]:
    """Those of ``predicates`` that some resource has twice: one pass over their triples."""
    if not predicates:
        return set()
    values = " ".join(f"<{p}>" for p in sorted(predicates))
    text = (
        "SELECT ?p (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?d) "
        f"WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }} GROUP BY ?p"
    )
    return {row[0].value for row in _run(engine, text) if row[1] != row[2]}


def _violations(check: Check, result: Any) -> Iterator[Violation]:
    for values in _rows(result):
        focus = values.get("this")

        def fill(match: re.Match[str], values: dict[str, Node] = values) -> str:
            term = values.get(match.group(1))
            return term_text(term) if term is not None else match.group(0)

        path = values.get("path", URIRef(check.path) if check.path else None)
        value = values.get("value")
        yield Violation(
            resource=_resource(focus, values),
            message=re.sub(r"\{[?$](\w+)\}", fill, check.message),
            path=term_text(path) if path is not None else None,
            value=term_text(value) if value is not None else None,
            severity=check.severity,
        )


def _resource(focus: Node | None, values: dict[str, Node]) -> str:
    if focus is None:
        return "?"
    if isinstance(focus, BNode) and "fwv_st" in values:
        return describe_statement(values.get("fwv_s"), values.get("fwv_p"), values.get("fwv_o"))
    if isinstance(focus, URIRef):
        return slug_of(focus)
    return term_text(focus)


# ---------------------------------------------------------------- the context


@contextlib.contextmanager
def borrowed_context(
    new: OxigraphEngine, base: OxigraphEngine, *, scan_base: bool
) -> Iterator[set[str]]:
    """Lend ``new`` what the shapes need from ``base`` to judge ``new``'s triples.

    Copies the triples in (blank nodes keep their identity) and takes them out
    again on leaving, so ``new`` ends as it began.

    Parameters
    ----------
    new : OxigraphEngine
        Holds the user's triples (its default graph).
    base : OxigraphEngine
        The store they are added to.
    scan_base : bool
        Walk ``base``'s resources and look each up in ``new`` (when ``base`` is
        the smaller, as the packaged data under a large file), instead of the
        other way round.

    Yields
    ------
    set of str
        The IRIs lent as context only (their types): not to be judged.
    """
    _, touching = compiled_checks()
    inverse = ", ".join(f"<{p}>" for p in sorted(touching))
    if scan_base:
        known = _column(base, "SELECT DISTINCT ?x WHERE { ?x ?p ?o FILTER (isIRI(?x)) }")
        subjects = _present(new, known, "?x ?p ?o")
        touched = _present(new, known, f"?s ?p ?x FILTER (?p IN ({inverse}))")
        objects = _present(new, known, "?s ?p ?x")
    else:
        subjects = _column(new, "SELECT DISTINCT ?x WHERE { ?x ?p ?o FILTER (isIRI(?x)) }")
        touched = _column(
            new, f"SELECT DISTINCT ?x WHERE {{ ?s ?p ?x FILTER (isIRI(?x) && ?p IN ({inverse})) }}"
        )
        objects = _column(new, "SELECT DISTINCT ?x WHERE { ?s ?p ?x FILTER (isIRI(?x)) }")
    judged = subjects | touched
    lent = _construct(base, _DESCRIBE, judged)
    from pyoxigraph import NamedNode  # noqa: PLC0415 - only with the oxigraph extra

    objects |= {t.object.value for t in lent if isinstance(t.object, NamedNode)}
    objects |= {t.subject.value for t in lent if isinstance(t.subject, NamedNode)}  # pointing in
    types = _construct(base, _TYPES, objects - judged)
    lent += types
    store = new.store
    missing = [q for q in lent if q not in store]  # the user may state some of them too
    store.extend(missing)
    try:
        yield {t.subject.value for t in types}
    finally:
        for quad in missing:
            store.remove(quad)


def _column(engine: OxigraphEngine, text: str) -> set[str]:
    return {row[0].value for row in engine.store.query(text) if row[0] is not None}


def _batches(iris: Iterable[str]) -> Iterator[str]:
    safe = sorted(i for i in iris if _SAFE_IRI.match(i))
    for start in range(0, len(safe), _BATCH):
        yield " ".join(f"<{iri}>" for iri in safe[start : start + _BATCH])


def _present(engine: OxigraphEngine, iris: Iterable[str], pattern: str) -> set[str]:
    """Those of ``iris`` that match ``pattern`` (on ``?x``) in ``engine``."""
    found: set[str] = set()
    for values in _batches(iris):
        found |= _column(
            engine, f"SELECT DISTINCT ?x WHERE {{ VALUES ?x {{ {values} }} {pattern} }}"
        )
    return found


def _construct(engine: OxigraphEngine, template: str, iris: Iterable[str]) -> list[Any]:
    """The triples of a ``CONSTRUCT`` over ``iris``, as pyoxigraph quads of the default graph."""
    from pyoxigraph import Quad  # noqa: PLC0415 - only with the oxigraph extra

    quads = []
    for values in _batches(iris):
        quads += [
            Quad(t.subject, t.predicate, t.object) for t in engine.store.query(template % values)
        ]
    return quads


# ---------------------------------------------------------------- loading with validation


def build_checked(
    engine: OxigraphEngine,
    files: Sequence[Path],
    *,
    packaged: bool,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Fill a *new* Oxigraph store with the user's files (and the packaged data), validated.

    The files are parsed once, by Oxigraph, straight into the new store; the
    shapes then judge them there, with what they touch in the packaged data.
    A failure leaves a store that :meth:`OxigraphEngine.open` throws away.

    Raises
    ------
    TurtleSyntaxError
        For a malformed file (file and line).
    ValidationError
        When the files break a shape.
    """
    from fwgraph.engines.files import packaged_files  # noqa: PLC0415
    from fwgraph.engines.oxigraph import OxigraphEngine  # noqa: PLC0415 - optional extra

    engine.load_files(files, progress=progress)
    base: OxigraphEngine | None = None
    if packaged:
        base = OxigraphEngine.open()
        base.load_files(packaged_files())
    if progress is not None:
        progress("validating your files against the shapes")
    if base is None:
        validate_store(engine, raise_on_error=True)
        return
    scan_base = _size(files) > _size(packaged_files())  # walk the smaller side
    with borrowed_context(engine, base, scan_base=scan_base) as exclude:
        validate_store(engine, exclude=exclude, raise_on_error=True)
    engine.load_from(base)
    base.close()


def add_checked(
    engine: Engine,
    files: Sequence[Path],
    *,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Add the user's files to an Oxigraph store, validated first; all or nothing.

    The files are parsed once, by Oxigraph, into a scratch store in memory,
    judged there with what they touch in ``engine``, and added in one
    transaction only if they conform.

    Raises
    ------
    TurtleSyntaxError
        For a malformed file (file and line); nothing is added.
    ValidationError
        When the files break a shape; nothing is added.
    """
    from fwgraph.engines.oxigraph import OxigraphEngine  # noqa: PLC0415 - optional extra

    scratch = OxigraphEngine.open()
    try:
        scratch.load_files(files, progress=progress)
        if progress is not None:
            progress("validating your files against the shapes")
        with borrowed_context(scratch, engine, scan_base=False) as exclude:  # type: ignore[arg-type]
            validate_store(scratch, exclude=exclude, raise_on_error=True)
        engine.load_from(scratch)  # type: ignore[attr-defined] # an OxigraphEngine
    finally:
        scratch.close()


def _size(files: Iterable[Path]) -> int:
    return sum(f.stat().st_size for f in files if f.is_file())

"""Checking SPARQL before it runs: syntax with positions, and network safety.

Every query fwgraph runs, from the Python API, the CLI, the Sphinx directives
or the HTTP endpoint, goes through :func:`check_query` (or
:func:`check_update`) first. It parses the text with the fw:/fwd: prefixes
bound, turns a syntax error into :class:`~fwgraph.errors.QuerySyntaxError`
with line and column, and refuses ``SERVICE`` (and, in updates, ``LOAD``)
unless the caller opted in — rdflib and Oxigraph would otherwise open network
connections on their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rdflib import URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier

from fwgraph.errors import QuerySyntaxError, UnsafeQueryError
from fwgraph.namespace import PREFIXES

__all__ = ["CheckedQuery", "check_query", "check_update", "values_clause", "with_prefixes"]

_POSITION = re.compile(r"\(line:(\d+), col:(\d+)\)")


@dataclass(frozen=True)
class CheckedQuery:
    """A query that parsed and passed the safety checks.

    Attributes
    ----------
    text : str
        The query as given.
    form : str
        ``"SELECT"``, ``"ASK"``, ``"CONSTRUCT"`` or ``"DESCRIBE"``.
    prepared : rdflib.plugins.sparql.sparql.Query
        The translated algebra, reusable by rdflib's own engine.
    """

    text: str
    form: str
    prepared: Query


def _syntax_error(exc: Exception, text: str) -> QuerySyntaxError:
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "col", None)
    message = str(exc)
    if line is None or column is None:
        match = _POSITION.search(message)
        if match:
            line, column = int(match.group(1)), int(match.group(2))
        else:  # no position reported: point at the end of the text
            lines = text.splitlines() or [""]
            line, column = len(lines), len(lines[-1]) + 1
    detail = _POSITION.sub("", message).strip().rstrip(",").strip()
    detail = re.sub(r"\s*\(at char \d+\)", "", detail)
    return QuerySyntaxError(int(line), int(column), detail)


def _walk(node: Any) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _walk(item)


@lru_cache(maxsize=256)
def check_query(text: str, *, allow_service: bool = False) -> CheckedQuery:
    r"""Parse a read-only SPARQL query and refuse what would reach the network.

    Parameters
    ----------
    text : str
        SPARQL 1.1 query. The prefixes ``fw:``, ``fwd:``, ``rdf:``, ``rdfs:``,
        ``owl:``, ``xsd:``, ``prov:``, ``schema:``, ``skos:``, ``sh:`` and
        ``spdx:`` are bound without being declared.
    allow_service : bool
        Let ``SERVICE`` clauses through (federated queries reach other servers).

    Returns
    -------
    CheckedQuery

    Raises
    ------
    QuerySyntaxError
        If the text does not parse, or is an update; names line and column.
    UnsafeQueryError
        If the query uses ``SERVICE`` and ``allow_service`` is false.

    Examples
    --------
    >>> check_query("SELECT ?f WHERE { ?f fw:builtOn fwd:tensorflow }").form
    'SELECT'
    >>> check_query("SELECT ?f WHERE {\n  ?f fw:builtOn }")
    Traceback (most recent call last):
    ...
    fwgraph.errors.QuerySyntaxError: SPARQL syntax error at line 2, column 3: ...
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    fwgraph.errors.UnsafeQueryError: SERVICE clauses reach other servers ...
    """
    try:
        parsed = parseQuery(text)
        prepared = translateQuery(parsed, initNs=PREFIXES)
    except Exception as exc:
        if _looks_like_update(text):
            raise UnsafeQueryError(
                "update",
                "this is a SPARQL update; queries are read-only here "
                "(use KnowledgeGraph.update for changes)",
            ) from exc
        raise _syntax_error(exc, text) from exc
    if not allow_service:
        for node in _walk(prepared.algebra):
            if node.name == "ServiceGraphPattern":
                raise UnsafeQueryError(
                    "SERVICE",
                    "SERVICE clauses reach other servers and are refused; "
                    "pass allow_service=True (CLI: --allow-service) to run federated queries",
                )
    form = prepared.algebra.name.removesuffix("Query").upper()
    return CheckedQuery(text=text, form=form, prepared=prepared)


def _looks_like_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - any failure means: not an update either
        return False
    return True


def check_update(text: str, *, allow_load: bool = False, allow_service: bool = False) -> None:
    """Parse a SPARQL update and refuse ``LOAD`` and ``SERVICE`` unless allowed.

    Parameters
    ----------
    text : str
        SPARQL 1.1 update, with the same prefixes bound as in :func:`check_query`.
    allow_load : bool
        Let ``LOAD <url>`` through (it fetches a document from the network).
    allow_service : bool
        Let ``SERVICE`` clauses through.

    Raises
    ------
    QuerySyntaxError
        If the text does not parse; names line and column.
    UnsafeQueryError
        If the update uses ``LOAD`` or ``SERVICE`` without permission.

    Examples
    --------
    >>> check_update("INSERT DATA { fwd:x a fw:Framework }")
    >>> check_update("LOAD <http://example.org/data.ttl>")
    Traceback (most recent call last):
    ...
    fwgraph.errors.UnsafeQueryError: LOAD fetches data from the network ...
    """
    try:
        parsed = parseUpdate(text)
    except Exception as exc:
        raise _syntax_error(exc, text) from exc
    for operation in parsed.request:
        if operation.name == "Load" and not allow_load:
            raise UnsafeQueryError(
                "LOAD", "LOAD fetches data from the network and is refused; pass allow_load=True"
            )
        if not allow_service and any(n.name == "ServiceGraphPattern" for n in _walk(operation)):
            raise UnsafeQueryError("SERVICE", "SERVICE clauses reach other servers and are refused")


_UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def values_clause(bindings: Mapping[str, Identifier]) -> str:
    r"""Render bindings as a trailing SPARQL ``VALUES`` clause, escaped by rdflib.

    Used for engines whose own binding mechanism cannot be used. Literals are
    escaped by :meth:`rdflib.term.Literal.n3`; IRIs with characters that could
    end the IRI early are refused, so no value can change the query.

    Raises
    ------
    UnsafeQueryError
        For an IRI containing ``<``, ``>``, quotes, braces or white space.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> values_clause({"b": URIRef("https://w3id.org/fwgraph/id/jax")})
    'VALUES (?b) { (<https://w3id.org/fwgraph/id/jax>) }'
    >>> values_clause({"l": Literal('a" } DROP ALL #')})
    'VALUES (?l) { ("a\\" } DROP ALL #") }'
    """
    if not bindings:
        return ""
    names = sorted(bindings)
    cells = []
    for name in names:
        term = bindings[name]
        if isinstance(term, URIRef) and _UNSAFE_IRI.search(str(term)):
            msg = f"the IRI bound to ?{name} contains characters not allowed in an IRI"
            raise UnsafeQueryError("binding", msg)
        cells.append(term.n3())
    head = " ".join(f"?{n}" for n in names)
    return f"VALUES ({head}) {{ ({' '.join(cells)}) }}"


def with_prefixes(text: str) -> str:
    """Return the query text with PREFIX lines for the bound prefixes it does not declare.

    Used when the text goes to another engine (Oxigraph, a remote endpoint)
    that does not know fwgraph's prefixes.

    Examples
    --------
    >>> print(with_prefixes("ASK { fwd:keras a fw:Framework }").splitlines()[0])
    PREFIX fw: <https://w3id.org/fwgraph/ns#>
    """
    declared = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", text)}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p.lower() not in declared]
    return "\n".join([*lines, text])

"""Query results as typed values with table, JSON, CSV and TSV renderings."""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass, field
from typing import Any, Self

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from fwgraph.errors import MissingDependencyError
from fwgraph.namespace import FWD, PREFIXES

__all__ = [
    "QueryResult",
    "render_table",
    "require_pandas",
    "result_from_rdflib",
    "result_from_triples",
    "term_text",
]


def require_pandas() -> Any:
    """Import pandas, or say which extra brings it."""
    try:
        import pandas  # noqa: PLC0415 - optional, heavy
    except ImportError as exc:
        raise MissingDependencyError("pandas", "pandas", "to_dataframe") from exc
    return pandas


def term_text(term: Node | None) -> str:
    """Show a term the way a person reads it: ``fwd:keras``, ``2015``, ``Keras``.

    Examples
    --------
    >>> from rdflib import URIRef, Literal
    >>> term_text(URIRef("https://w3id.org/fwgraph/id/keras"))
    'fwd:keras'
    >>> term_text(Literal("Keras", lang="en"))
    'Keras'
    >>> term_text(None)
    ''
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if term.startswith(str(ns)) and len(term) > len(str(ns)):
                return f"{prefix}:{term[len(str(ns)) :]}"
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _json_value(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float | str):
            return value
        return str(term)
    if isinstance(term, URIRef) and term.startswith(str(FWD)):
        return term_text(term)
    return str(term)


def render_table(header: list[str], rows: list[list[str]]) -> str:
    """Render rows as an aligned plain-text table.

    Examples
    --------
    >>> print(render_table(["a", "bb"], [["1", "2"], ["333", ""]]))
    a    bb
    ---  --
    1    2
    333
    """
    widths = [len(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    )
    return "\n".join(lines)


@dataclass(frozen=True)
class QueryResult:
    """The answer to a SPARQL query.

    One shape per query form:

    * ``SELECT``: :attr:`variables` and :attr:`rows` (tuples of rdflib terms,
      ``None`` where a variable is unbound);
    * ``ASK``: :attr:`boolean`;
    * ``CONSTRUCT`` / ``DESCRIBE``: :attr:`graph`.

    Examples
    --------
    >>> import fwgraph
    >>> kg = fwgraph.load()
    >>> q = "SELECT ?label WHERE { fwd:keras rdfs:label ?label FILTER(lang(?label) = 'en') }"
    >>> r = kg.query(q)
    >>> r.variables, [str(row[0]) for row in r]
    (('label',), ['Keras'])
    >>> kg.query("ASK { fwd:pytorch fw:derivedFrom fwd:torch }").boolean
    True
    >>> r = kg.query("CONSTRUCT { fwd:keras fw:builtOn ?b } WHERE { fwd:keras fw:builtOn ?b }")
    >>> len(r.graph) >= 2
    True
    """

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = field(default=None, compare=False)

    @classmethod
    def select(cls, variables: tuple[str, ...], rows: tuple[tuple[Node | None, ...], ...]) -> Self:
        """A ``SELECT`` result, built without the frozen dataclass's ``__init__``.

        That ``__init__`` sets each of the five fields through ``object.__setattr__``
        (~1.5 us); an engine answering a short query in ~20 us builds one per query.
        """
        result = object.__new__(cls)
        result.__dict__.update(
            form="SELECT", variables=variables, rows=rows, boolean=None, graph=None
        )
        return result

    def __iter__(self) -> Any:
        return iter(self.rows)

    def __len__(self) -> int:
        if self.graph is not None:
            return len(self.graph)
        return len(self.rows)

    def as_dicts(self) -> list[dict[str, Any]]:
        """Rows as dictionaries of plain Python values (``fwd:`` IRIs as ``fwd:slug``)."""
        return [
            {v: _json_value(t) for v, t in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]

    def to_table(self) -> str:
        """Aligned text table for people (``ASK``: ``yes``/``no``; graphs: Turtle)."""
        if self.boolean is not None:
            return "yes" if self.boolean else "no"
        if self.graph is not None:
            return self.graph.serialize(format="turtle")
        rows = [[term_text(t) for t in row] for row in self.rows]
        return render_table(list(self.variables), rows)

    def to_json(self) -> str:
        """JSON: a list of row objects, ``{"boolean": …}`` for ASK, JSON-LD for graphs."""
        if self.boolean is not None:
            return json.dumps({"boolean": self.boolean})
        if self.graph is not None:
            return self.graph.serialize(format="json-ld")
        return json.dumps(self.as_dicts(), ensure_ascii=False, indent=2)

    def to_csv(self, delimiter: str = ",") -> str:
        r"""CSV (or TSV with ``delimiter="\t"``) with a header row."""
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        if self.boolean is not None:
            writer.writerow(["boolean"])
            writer.writerow(["true" if self.boolean else "false"])
        else:
            writer.writerow(self.variables)
            for row in self.rows:
                writer.writerow([term_text(t) for t in row])
        return out.getvalue()

    def to_dataframe(self) -> Any:
        """The rows as a ``pandas.DataFrame`` of plain values (needs ``fwgraph[pandas]``).

        Raises
        ------
        MissingDependencyError
            Without pandas installed.
        ValueError
            For ASK, CONSTRUCT and DESCRIBE results, which have no rows.
        """
        if self.form != "SELECT":
            msg = f"a {self.form} result has no rows to put in a data frame"
            raise ValueError(msg)
        pandas = require_pandas()
        return pandas.DataFrame(self.as_dicts(), columns=list(self.variables))

    def render(self, fmt: str) -> str:
        """Render as ``table``, ``json``, ``csv`` or ``tsv``."""
        if fmt == "json":
            return self.to_json()
        if fmt == "csv":
            return self.to_csv()
        if fmt == "tsv":
            return self.to_csv("\t")
        return self.to_table()

    def _repr_html_(self) -> str:
        if self.boolean is not None or self.graph is not None:
            return f"<pre>{html.escape(self.to_table())}</pre>"
        head = "".join(f"<th>{html.escape(v)}</th>" for v in self.variables)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(term_text(t))}</td>" for t in row) + "</tr>"
            for row in self.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _bound_graph() -> Graph:
    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    return out


def result_from_rdflib(form: str, result: Any) -> QueryResult:
    """Turn an rdflib ``Result`` into a :class:`QueryResult` of the given form."""
    if form == "ASK":
        return QueryResult(form="ASK", boolean=bool(result.askAnswer))
    if form in {"CONSTRUCT", "DESCRIBE"}:
        out = _bound_graph()
        if result.graph is not None:
            out += result.graph
        return QueryResult(form=form, graph=out)
    variables = tuple(str(v) for v in (result.vars or ()))
    return QueryResult(form="SELECT", variables=variables, rows=tuple(tuple(r) for r in result))


def result_from_triples(form: str, triples: Any) -> QueryResult:
    """A ``CONSTRUCT`` / ``DESCRIBE`` result from an iterable of rdflib triples."""
    out = _bound_graph()
    for triple in triples:
        out.add(triple)
    return QueryResult(form=form, graph=out)

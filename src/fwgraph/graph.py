"""The knowledge graph object: SPARQL, name look-ups and safe additions over any store."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from functools import cache, cached_property
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Identifier, Node

from fwgraph.errors import FwgraphError, QueryError, StoreError, UnknownEntityError
from fwgraph.namespace import FW, FWD, PREFIXES
from fwgraph.results import QueryResult
from fwgraph.store import parse_turtle_files

if TYPE_CHECKING:
    import networkx as nx

    from fwgraph.compare import Comparison
    from fwgraph.lineage import Lineage
    from fwgraph.model import Claim, Framework
    from fwgraph.sparql import CheckedQuery
    from fwgraph.stats import Stats
    from fwgraph.validation import ValidationReport

__all__ = ["KnowledgeGraph", "named_query"]

Binding = Node | str | int | float | bool | dt.date

_SLUG = re.compile(r"[a-z0-9][a-z0-9.+_-]*")


@cache
def named_query(name: str) -> str:
    """Return the text of a named query shipped in ``fwgraph/queries/<name>.rq``.

    Examples
    --------
    >>> "rdf:subject" in named_query("statements")
    True
    """
    return (files("fwgraph") / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def slug_of(iri: Node) -> str:
    """``fwd:keras`` → ``"keras"``; an SPDX IRI → its identifier; anything else → the IRI."""
    text = str(iri)
    if text.startswith(str(FWD)):
        return text[len(str(FWD)) :]
    if text.startswith("http://spdx.org/licenses/"):
        return text.rsplit("/", 1)[1]
    return text


class KnowledgeGraph:
    """The fwgraph knowledge graph over one rdflib graph (any store).

    Create it with :func:`fwgraph.load`. Every method works on every store:
    the in-memory default, Oxigraph, or a remote SPARQL endpoint.

    Attributes
    ----------
    graph : rdflib.Graph
        The graph underneath, for anything rdflib can do.
    store : str
        ``"memory"``, ``"oxigraph"`` or the endpoint URL.
    """

    def __init__(self, graph: Graph, *, store: str = "memory", allow_service: bool = False):
        self.graph = graph
        self.store = store
        self.allow_service = allow_service

    def __repr__(self) -> str:
        return f"<KnowledgeGraph store={self.store!r}>"

    def __len__(self) -> int:
        return len(self.graph)

    # ------------------------------------------------------------------ SPARQL

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Binding] | None = None,
        allow_service: bool | None = None,
    ) -> QueryResult:
        """Run a read-only SPARQL query with the fwgraph prefixes bound.

        Parameters
        ----------
        sparql : str
            A ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` query. ``fw:``,
            ``fwd:``, ``rdf:``, ``rdfs:``, ``owl:``, ``xsd:``, ``prov:``,
            ``schema:``, ``skos:``, ``sh:`` and ``spdx:`` need no declaration.
        bindings : mapping, optional
            Values for variables, bound by the engine (never pasted into the
            text). A ``str`` names a resource (slug or label, resolved like
            :meth:`resolve`); use :class:`rdflib.Literal` for a plain string;
            numbers, booleans and dates become typed literals.
        allow_service : bool, optional
            Permit ``SERVICE`` (federation reaches other servers).

        Returns
        -------
        QueryResult
            Rows for ``SELECT``, a boolean for ``ASK``, a graph for the others.

        Raises
        ------
        QuerySyntaxError
            If the query does not parse (with line and column).
        UnsafeQueryError
            For ``SERVICE`` without permission, or an update.
        UnknownEntityError
            If a ``str`` binding names nothing in the graph.

        Examples
        --------
        >>> import fwgraph
        >>> kg = fwgraph.load()
        >>> q = "SELECT ?f WHERE { ?f fw:builtOn ?b } ORDER BY ?f"
        >>> r = kg.query(q, bindings={"b": "theano"})
        >>> "fwd:keras" in [row["f"] for row in r.as_dicts()]
        True
        """
        from fwgraph.sparql import check_query  # noqa: PLC0415 - heavy parser

        service = self.allow_service if allow_service is None else allow_service
        checked = check_query(sparql, allow_service=service)
        init = {k: self._binding(v) for k, v in (bindings or {}).items()}
        try:
            return self._run(sparql, checked, init)
        except FwgraphError:
            raise
        except Exception as exc:
            msg = f"the query failed while running: {type(exc).__name__}: {exc}"
            raise QueryError(msg) from exc

    def _run(self, sparql: str, checked: CheckedQuery, init: dict[str, Identifier]) -> QueryResult:
        from fwgraph.sparql import values_clause, with_prefixes  # noqa: PLC0415

        if self.store == "memory":
            result = self.graph.query(checked.prepared, initBindings=init)
        elif self.store == "oxigraph":
            # Oxigraph substitutes only projected variables; bind through VALUES instead.
            text = with_prefixes(sparql) + "\n" + values_clause(init)
            result = self.graph.query(text)
        else:
            result = self.graph.query(with_prefixes(sparql), initBindings=init)
        if checked.form == "ASK":
            return QueryResult(form="ASK", boolean=bool(result.askAnswer))
        if checked.form in {"CONSTRUCT", "DESCRIBE"}:
            out = Graph()
            for prefix, ns in PREFIXES.items():
                out.bind(prefix, ns)
            if result.graph is not None:
                out += result.graph
            return QueryResult(form=checked.form, graph=out)
        variables = tuple(str(v) for v in (result.vars or ()))
        rows = tuple(tuple(row) for row in result)  # type: ignore[arg-type]
        return QueryResult(form="SELECT", variables=variables, rows=rows)

    def _select(self, name: str, **bindings: Node) -> list[dict[str, Node]]:
        """Run a named query; rows as dicts without unbound variables.

        Local stores answer the hot queries natively (see :mod:`fwgraph._native`).
        """
        if not self.store.startswith(("http://", "https://")):
            from fwgraph._native import NATIVE  # noqa: PLC0415

            native = NATIVE.get(name)
            if native is not None:
                return native(self.graph, **bindings)
        result = self.query(named_query(name), bindings=bindings)
        return [
            {v: t for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]

    def update(self, sparql: str, *, allow_load: bool = False) -> None:
        """Apply a SPARQL update; on failure the graph keeps what it had.

        Parameters
        ----------
        sparql : str
            SPARQL 1.1 update with the fwgraph prefixes bound.
        allow_load : bool
            Permit ``LOAD <url>`` (it fetches from the network).

        Raises
        ------
        QuerySyntaxError
            If the update does not parse; nothing is changed.
        UnsafeQueryError
            For ``LOAD`` or ``SERVICE`` without permission; nothing is changed.

        Examples
        --------
        >>> import fwgraph
        >>> kg = fwgraph.load()
        >>> kg.update('INSERT DATA { fwd:keras rdfs:label "Keras (test)"@de }')
        >>> kg.query('ASK { fwd:keras rdfs:label "Keras (test)"@de }').boolean
        True
        """
        from fwgraph.sparql import check_update, with_prefixes  # noqa: PLC0415 - heavy parser

        check_update(sparql, allow_load=allow_load, allow_service=self.allow_service)
        text = sparql if self.store == "memory" else with_prefixes(sparql)
        snapshot = set(self.graph) if self.store == "memory" else None
        try:
            self.graph.update(text, initNs=PREFIXES)
        except Exception as exc:
            if snapshot is not None:
                self.graph.remove((None, None, None))
                for triple in snapshot:
                    self.graph.add(triple)
            msg = f"the update failed and was rolled back: {exc}"
            raise StoreError(msg) from exc

    def _binding(self, value: Binding) -> Identifier:
        if isinstance(value, Identifier):
            return value
        if isinstance(value, str):
            return self.resolve(value)
        return Literal(value)

    # ------------------------------------------------------------------ names

    @cached_property
    def _names(self) -> dict[str, tuple[URIRef, frozenset[URIRef]]]:
        """Index: case-folded slug or label → (IRI, its types).

        Built from two triple patterns (labels, types), which every store
        answers directly; far cheaper than a SPARQL join on rdflib's engine.
        """
        fwd = str(FWD)
        labels: dict[URIRef, set[str]] = {}
        for subject, label in self.graph.subject_objects(RDFS.label):
            if isinstance(subject, URIRef) and subject.startswith(fwd):
                labels.setdefault(subject, set()).add(str(label))
        types: dict[URIRef, set[URIRef]] = {}
        for subject, kind in self.graph.subject_objects(RDF.type):
            if subject in labels and isinstance(kind, URIRef):
                types.setdefault(subject, set()).add(kind)  # type: ignore[arg-type]
        index: dict[str, tuple[URIRef, frozenset[URIRef]]] = {}
        for iri, names in labels.items():
            entry = (iri, frozenset(types.get(iri, ())))
            for name in names:
                index.setdefault(name.casefold(), entry)
        for iri in labels:  # slugs win over labels
            index[slug_of(iri).casefold()] = (iri, frozenset(types.get(iri, ())))
        return index

    def resolve(self, name: str | URIRef, *, kind: URIRef | None = None) -> URIRef:
        """Find a resource by slug, IRI, ``fwd:`` name or label (English or Korean).

        Parameters
        ----------
        name : str
            ``"keras"``, ``"Keras"``, ``"케라스"``, ``"fwd:keras"`` or the full IRI.
        kind : rdflib.URIRef, optional
            Only accept resources of this class (``FW.Framework`` …).

        Returns
        -------
        rdflib.URIRef

        Raises
        ------
        UnknownEntityError
            With close matches ("did you mean …").

        Examples
        --------
        >>> import fwgraph
        >>> kg = fwgraph.load()
        >>> kg.resolve("TensorFlow")
        rdflib.term.URIRef('https://w3id.org/fwgraph/id/tensorflow')
        >>> kg.resolve("kears")
        Traceback (most recent call last):
        ...
        fwgraph.errors.UnknownEntityError: unknown entity 'kears'; did you mean 'keras' or ...?
        """
        text = str(name).strip()
        if text.startswith("fwd:"):
            text = text[4:]
        elif text.startswith(str(FWD)):
            text = text[len(str(FWD)) :]
        # Fast path: an exact slug needs no index of every label in the graph.
        if _SLUG.fullmatch(text) and "_names" not in self.__dict__:
            candidate = FWD[text]
            if (
                (candidate, RDF.type, kind) in self.graph
                if kind is not None
                else any(True for _ in self.graph.triples((candidate, RDFS.label, None)))
            ):
                return candidate
        entry = self._names.get(text.casefold())
        if entry is not None and (kind is None or kind in entry[1]):
            return entry[0]
        kind_name = "entity" if kind is None else _class_name(kind)
        candidates = sorted(
            {
                slug_of(iri)
                for key, (iri, types) in self._names.items()
                if kind is None or kind in types
            }
        )
        lowered = {c.casefold(): c for c in candidates}
        close = difflib.get_close_matches(text.casefold(), list(lowered), n=3, cutoff=0.6)
        raise UnknownEntityError(text, kind_name, [lowered[c] for c in close])

    def resolve_status(self, name: str) -> URIRef:
        """Map ``"active"``, ``"maintenance"`` or ``"discontinued"`` to its ``fw:`` term.

        Raises
        ------
        UnknownEntityError
            For any other word, with close matches.
        """
        options = {"active": FW.Active, "maintenance": FW.Maintenance}
        options["discontinued"] = FW.Discontinued
        key = name.strip().casefold()
        if key in options:
            return options[key]
        close = difflib.get_close_matches(key, list(options), n=2, cutoff=0.5)
        raise UnknownEntityError(name, "status", close)

    def label(self, iri: Node, lang: str = "en") -> str:
        """The label of a resource in a language, falling back to English, then the slug."""
        best: dict[str, str] = {}
        for obj in self.graph.objects(iri, RDFS.label):
            if isinstance(obj, Literal):
                best.setdefault(obj.language or "", str(obj))
        return best.get(lang) or best.get("en") or best.get("") or slug_of(iri)

    # ------------------------------------------------------------------ adding data

    def add(self, *paths: str | Path, validate: bool = True) -> int:
        """Add Turtle files to the graph, all or nothing.

        Parameters
        ----------
        *paths : str or pathlib.Path
            Turtle files.
        validate : bool
            Check the graph with the new files against the SHACL shapes first.

        Returns
        -------
        int
            Number of triples added.

        Raises
        ------
        TurtleSyntaxError
            If a file does not parse (file and line); nothing is added.
        ValidationError
            If the data would break the shapes; nothing is added.
        """
        scratch = parse_turtle_files(paths)
        if validate:
            from fwgraph.validation import validate_graph  # noqa: PLC0415 - pyshacl is heavy

            combined = Graph()
            for triple in self.graph:
                combined.add(triple)
            combined += scratch
            validate_graph(combined, raise_on_error=True, new_data=scratch)
        before = len(self.graph)
        if self.store.startswith("http"):
            self._insert_remote(scratch)
        else:
            self.graph.addN((s, p, o, self.graph) for s, p, o in scratch)
        self.__dict__.pop("_names", None)
        return len(self.graph) - before

    def _insert_remote(self, scratch: Graph) -> None:
        ntriples = scratch.serialize(format="nt")
        self.graph.update(f"INSERT DATA {{\n{ntriples}\n}}")

    # ------------------------------------------------------------------ domain API

    def framework(self, name: str) -> Framework:
        """Everything about one framework.

        Parameters
        ----------
        name : str
            Slug, label (English or Korean) or IRI.

        Returns
        -------
        Framework

        Raises
        ------
        UnknownEntityError
            If no framework has that name ("did you mean …").

        Examples
        --------
        >>> import fwgraph
        >>> keras = fwgraph.load().framework("keras")
        >>> keras.label, keras.label_ko
        ('Keras', '케라스')
        >>> sorted(r.slug for r in keras.values("builtOn", as_of=2018))
        ['cntk', 'tensorflow', 'theano']

        See Also
        --------
        frameworks, lineage, compare
        """
        from fwgraph.frameworks import build_framework  # noqa: PLC0415 - keeps import light

        return build_framework(self, self.resolve(name, kind=FW.Framework))

    def frameworks(
        self,
        *,
        language: str | None = None,
        organization: str | None = None,
        status: str | None = None,
    ) -> list[Framework]:
        """Frameworks, optionally filtered, sorted by slug.

        Parameters
        ----------
        language : str, optional
            Keep frameworks implemented in or used from this language.
        organization : str, optional
            Keep frameworks developed or created by this organization or person.
        status : str, optional
            ``"active"``, ``"maintenance"`` or ``"discontinued"``.

        Examples
        --------
        >>> import fwgraph
        >>> kg = fwgraph.load()
        >>> [f.slug for f in kg.frameworks(language="lua")]
        ['torch', 'torch-nn']
        """
        from fwgraph.frameworks import build_framework, filter_frameworks  # noqa: PLC0415

        iris = filter_frameworks(self, language=language, organization=organization, status=status)
        return [build_framework(self, iri) for iri in iris]

    def claims(self, name: str | None = None) -> list[Claim]:
        """Strengths and weaknesses stated about a framework (or all), with verdicts.

        Examples
        --------
        >>> import fwgraph
        >>> claims = fwgraph.load().claims("caffe")
        >>> {c.polarity for c in claims} == {"strength", "weakness"}
        True
        """
        from fwgraph.frameworks import load_claims  # noqa: PLC0415

        iri = self.resolve(name, kind=FW.Framework) if name is not None else None
        return load_claims(self, iri)

    def lineage(
        self,
        name: str,
        *,
        direction: str = "ancestors",
        as_of: int | dt.date | None = None,
        relations: Iterable[str] | None = None,
        depth: int | None = None,
    ) -> Lineage:
        """Walk the lineage of a framework; see :func:`fwgraph.lineage.walk`."""
        from fwgraph.lineage import walk  # noqa: PLC0415

        return walk(
            self,
            self.resolve(name, kind=FW.Framework),
            direction=direction,
            as_of=as_of,
            relations=relations,
            depth=depth,
        )

    def compare(self, *names: str, as_of: int | dt.date | None = None) -> Comparison:
        """Compare frameworks side by side; see :class:`fwgraph.compare.Comparison`."""
        from fwgraph.compare import compare  # noqa: PLC0415

        return compare([self.framework(n) for n in names], as_of=as_of)

    def stats(self) -> Stats:
        """Data-quality numbers; see :class:`fwgraph.stats.Stats`."""
        from fwgraph.stats import compute_stats  # noqa: PLC0415

        return compute_stats(self)

    def validate(self) -> ValidationReport:
        """Check the graph against the SHACL shapes; see :func:`fwgraph.validate`."""
        from fwgraph.validation import validate_graph  # noqa: PLC0415

        return validate_graph(self.graph)

    def to_networkx(self, view: str = "lineage", **options: Any) -> nx.MultiDiGraph[str]:
        """Export a view as a networkx graph; see :func:`fwgraph.export.to_networkx`."""
        from fwgraph.export import to_networkx  # noqa: PLC0415

        return to_networkx(self, view=view, **options)

    def serialize(self, fmt: str = "turtle") -> str:
        """Serialize the whole graph: ``turtle``/``ttl``, ``nt``, ``trig``, ``jsonld``, ``xml``."""
        aliases = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml"}
        fmt = aliases.get(fmt, fmt)
        if fmt not in {"turtle", "nt", "trig", "json-ld", "xml", "n3"}:
            msg = f"unknown RDF format {fmt!r}: use ttl, nt, trig, jsonld or xml"
            raise StoreError(msg)
        if fmt == "nt":
            return "".join(sorted(self.graph.serialize(format="nt").splitlines(keepends=True)))
        return self.graph.serialize(format=fmt)


def _class_name(iri: URIRef) -> str:
    name = str(iri).rsplit("#", 1)[-1]
    return {"ProgrammingLanguage": "programming language"}.get(name, name.lower())

"""The thin facade: :class:`KnowledgeGraph` = one engine + the analyses as methods.

Nothing below this module imports it: the analyses, views and drawings take an
:class:`~fwgraph.engines.Engine` and are called from here, as networkx's
algorithms take a graph.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from fwgraph.analysis.names import resolve, resolve_status
from fwgraph.engines import Engine, select
from fwgraph.errors import StoreError
from fwgraph.namespace import FW, PREFIXES, slug_of
from fwgraph.results import QueryResult
from fwgraph.sparql import check_bindings, check_query, check_update

if TYPE_CHECKING:
    import networkx as nx

    from fwgraph.analysis.compare import Comparison
    from fwgraph.analysis.lineage import Lineage
    from fwgraph.analysis.stats import Stats
    from fwgraph.analysis.validation import ValidationReport
    from fwgraph.model import Claim, Framework, Ref, Release

__all__ = ["Binding", "KnowledgeGraph"]

Binding = Node | str | int | float | bool | dt.date


_F = TypeVar("_F", bound=Callable[..., Any])


def _one_reading(method: _F) -> _F:
    """Run a method as one reading of the engine (an endpoint shares answers within it)."""

    @functools.wraps(method)
    def wrapper(self: KnowledgeGraph, *args: Any, **kwargs: Any) -> Any:
        with self.engine.reading():
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


class KnowledgeGraph:
    """The fwgraph knowledge graph over one engine (memory, Oxigraph or an endpoint).

    Create it with :func:`fwgraph.load`; use it as a context manager or call
    :meth:`close`. Every method gives the same answer on every engine: each
    read is a named SPARQL query sent whole to the engine.

    Attributes
    ----------
    engine : Engine
        Where the triples live (:mod:`fwgraph.engines`).
    allow_service, allow_load : bool
        Whether ``SERVICE`` and ``FROM``/``USING``/``LOAD`` may reach the network.
    """

    def __init__(
        self, engine: Engine | Graph, *, allow_service: bool = False, allow_load: bool = False
    ) -> None:
        if isinstance(engine, Graph):  # an rdflib graph of your own: serve it from memory
            from fwgraph.engines.memory import MemoryEngine  # noqa: PLC0415

            engine = MemoryEngine(engine)
        self.engine: Engine = engine
        self.allow_service = allow_service
        self.allow_load = allow_load

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.engine.kind} at {self.engine.location}>"

    def __len__(self) -> int:
        return len(self.engine)

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the engine (an on-disk store's lock, cached answers); idempotent."""
        self.engine.close()

    @property
    def store(self) -> str:
        """``"memory"``, ``"oxigraph"`` or the endpoint URL."""
        return self.engine.location if self.engine.kind == "endpoint" else self.engine.kind

    @property
    def graph(self) -> Graph:
        """The :class:`rdflib.Graph` underneath (memory engine; an oxrdflib view for Oxigraph).

        Raises
        ------
        StoreError
            For an endpoint, whose triples live on the server.
        """
        graph = getattr(self.engine, "graph", None)
        if isinstance(graph, Graph):
            return graph
        store = getattr(self.engine, "store", None)
        if store is not None:
            from oxrdflib import OxigraphStore  # noqa: PLC0415 - with the oxigraph extra
            from rdflib.graph import DATASET_DEFAULT_GRAPH_ID  # noqa: PLC0415

            view = Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
            for prefix, ns in PREFIXES.items():
                view.bind(prefix, ns)
            return view
        msg = "an endpoint's triples live on the server: use query() or serialize()"
        raise StoreError(msg)

    # ------------------------------------------------------------------ SPARQL

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Binding] | None = None,
        allow_service: bool | None = None,
        allow_load: bool | None = None,
    ) -> QueryResult:
        """Run a read-only SPARQL query with the fwgraph prefixes bound.

        Parameters
        ----------
        sparql : str
            A ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` query. ``fw:``,
            ``fwd:``, ``rdf:``, ``rdfs:``, ``owl:``, ``xsd:``, ``prov:``,
            ``schema:``, ``skos:``, ``sh:`` and ``spdx:`` need no declaration.
        bindings : mapping, optional
            Values for variables of the query, bound by the engine (never pasted
            into the text). A ``str`` names a resource (slug or label, resolved
            like :meth:`resolve`); use :class:`rdflib.Literal` for a plain string;
            numbers, booleans and dates become typed literals.
        allow_service, allow_load : bool, optional
            Permit ``SERVICE`` / ``FROM`` (they reach other servers).

        Returns
        -------
        QueryResult
            Rows for ``SELECT``, a boolean for ``ASK``, a graph for the others.

        Raises
        ------
        QuerySyntaxError
            If the query does not parse (with line and column).
        UnsafeQueryError
            For ``SERVICE`` or ``FROM`` without permission, an update, or a
            binding name that is not a variable of the query.
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
        checked = check_query(
            sparql,
            allow_service=self.allow_service if allow_service is None else allow_service,
            allow_load=self.allow_load if allow_load is None else allow_load,
        )
        if not bindings:  # most reads: no terms to resolve or check (~0.5 us a query)
            return self.engine.query(checked, {})
        terms = {k: self._term(v) for k, v in bindings.items()}
        return self.engine.query(checked, check_bindings(checked, terms))

    def update(self, sparql: str, *, allow_load: bool = False) -> None:
        """Apply a SPARQL update; on failure the graph keeps what it had.

        Parameters
        ----------
        sparql : str
            SPARQL 1.1 update with the fwgraph prefixes bound.
        allow_load : bool
            Permit ``LOAD <url>`` and ``USING <url>`` (they fetch from the network).

        Raises
        ------
        QuerySyntaxError
            If the update does not parse; nothing is changed.
        UnsafeQueryError
            For ``LOAD``, ``USING`` or ``SERVICE`` without permission; nothing is changed.

        Examples
        --------
        >>> import fwgraph
        >>> kg = fwgraph.load()
        >>> kg.update('INSERT DATA { fwd:keras rdfs:label "Keras (test)"@de }')
        >>> kg.query('ASK { fwd:keras rdfs:label "Keras (test)"@de }').boolean
        True
        """
        checked = check_update(
            sparql, allow_load=allow_load or self.allow_load, allow_service=self.allow_service
        )
        self.engine.update(checked)

    def _term(self, value: Binding) -> Identifier:
        if isinstance(value, Identifier):
            return value
        if isinstance(value, str):
            return self.resolve(value)
        return Literal(value)

    # ------------------------------------------------------------------ names

    @_one_reading
    def resolve(self, name: str | URIRef, *, kind: URIRef | None = None) -> URIRef:
        """Find a resource by slug, IRI, ``fwd:`` name, label (English or Korean) or alias.

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
        return resolve(self.engine, name, kind=kind)

    def resolve_status(self, name: str) -> URIRef:
        """Map ``"active"``, ``"maintenance"`` or ``"discontinued"`` to its ``fw:`` term."""
        return resolve_status(name)

    @_one_reading
    def label(self, iri: Node, lang: str = "en") -> str:
        """The label of a resource in a language, falling back to English, then the slug."""
        best: dict[str, str] = {}
        for row in select(self.engine, "labels", s=iri):  # type: ignore[arg-type]
            label = row["label"]
            if isinstance(label, Literal):
                best.setdefault(label.language or "", str(label))
        return best.get(lang) or best.get("en") or best.get("") or slug_of(iri)

    # ------------------------------------------------------------------ adding data

    def add(self, *paths: str | Path, validate: bool = True) -> int:
        """Add Turtle files to the graph, all or nothing.

        Parameters
        ----------
        *paths : str or pathlib.Path
            Turtle files.
        validate : bool
            Check the new triples, and the resources they touch, against the shapes first.

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
        from fwgraph.engines.files import parse_turtle_files  # noqa: PLC0415

        loader = getattr(self.engine, "load_files", None)
        if loader is not None:  # Oxigraph parses, judges and loads the files itself
            before = len(self.engine)
            if validate:
                from fwgraph.analysis.store_validation import add_checked  # noqa: PLC0415

                add_checked(self.engine, [Path(p) for p in paths])
            else:
                loader([Path(p) for p in paths])
            return len(self.engine) - before
        scratch = parse_turtle_files(paths)
        if validate:
            from fwgraph.analysis.validation import validate_addition  # noqa: PLC0415 - pyshacl

            validate_addition(self.engine, scratch)
        before = len(self.engine)
        self.engine.add(scratch)
        return len(self.engine) - before

    # ------------------------------------------------------------------ domain API

    @_one_reading
    def framework(self, name: str) -> Framework:
        """Everything about one framework.

        Parameters
        ----------
        name : str
            Slug, label (English or Korean), alias or IRI.

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
        from fwgraph.analysis.frameworks import build_framework  # noqa: PLC0415 - light import

        return build_framework(self.engine, self.resolve(name, kind=FW.Framework))

    @_one_reading
    def frameworks(
        self,
        *,
        language: str | None = None,
        api_language: str | None = None,
        implemented_in: str | None = None,
        organization: str | None = None,
        status: str | None = None,
        built_on: str | None = None,
        as_of: int | dt.date | None = None,
    ) -> list[Framework]:
        """Frameworks, optionally filtered, sorted by slug.

        Parameters
        ----------
        language : str, optional
            Implemented in or used from this language.
        api_language, implemented_in : str, optional
            Only the API languages, or only the implementation languages.
        organization : str, optional
            Developed or created by this organization or person, or by one that
            is part of it (Google includes Google Brain and DeepMind).
        status : str, optional
            ``"active"``, ``"maintenance"`` or ``"discontinued"``.
        built_on : str, optional
            Runs on this framework (``fw:builtOn``).
        as_of : int or datetime.date, optional
            Judge every filter by the values that held then.

        Examples
        --------
        >>> import fwgraph
        >>> kg = fwgraph.load()
        >>> [f.slug for f in kg.frameworks(language="lua")]
        ['shogun', 'torch', 'torch-nn']
        """
        from fwgraph.analysis.frameworks import (  # noqa: PLC0415
            build_frameworks,
            filter_frameworks,
        )

        iris = filter_frameworks(
            self.engine,
            language=language,
            api_language=api_language,
            implemented_in=implemented_in,
            organization=organization,
            status=status,
            built_on=built_on,
            as_of=as_of,
        )
        return build_frameworks(self.engine, iris)

    @_one_reading
    def organization_parts(self, name: str, *, as_of: int | dt.date | None = None) -> list[Ref]:
        """The organizations that are part of one (its labs, its member projects), sorted.

        :meth:`frameworks` with ``organization=name`` counts what these build too.

        Parameters
        ----------
        name : str
            An organization (slug, label or IRI).
        as_of : int or datetime.date, optional
            Only the ``fw:partOf`` links that held then.

        Raises
        ------
        UnknownEntityError
            If nothing has that name ("did you mean …").

        Examples
        --------
        >>> import fwgraph
        >>> [r.label for r in fwgraph.load().organization_parts("google")]
        ['Google Brain', 'Google DeepMind']
        """
        from fwgraph.analysis.frameworks import organization_parts  # noqa: PLC0415

        return organization_parts(self.engine, self.resolve(name), as_of)

    @_one_reading
    def claims(self, name: str | None = None) -> list[Claim]:
        """Strengths and weaknesses stated about a framework (or all), with verdicts.

        Examples
        --------
        >>> import fwgraph
        >>> claims = fwgraph.load().claims("caffe")
        >>> {c.polarity for c in claims} == {"strength", "weakness"}
        True
        """
        from fwgraph.analysis.frameworks import load_claims  # noqa: PLC0415

        iri = self.resolve(name, kind=FW.Framework) if name is not None else None
        return load_claims(self.engine, iri)

    @_one_reading
    def releases(self, name: str) -> list[Release]:
        """Published versions of a framework, oldest first; see :class:`~fwgraph.model.Release`."""
        from fwgraph.analysis.frameworks import load_releases  # noqa: PLC0415

        return load_releases(self.engine, self.resolve(name, kind=FW.Framework))

    @_one_reading
    def lineage(
        self,
        name: str,
        *,
        direction: str = "ancestors",
        as_of: int | dt.date | None = None,
        relations: Iterable[str] | None = None,
        depth: int | None = None,
    ) -> Lineage:
        """Walk the lineage of a framework; see :func:`fwgraph.analysis.lineage.walk`."""
        from fwgraph.analysis.lineage import walk  # noqa: PLC0415

        return walk(
            self.engine,
            self.resolve(name, kind=FW.Framework),
            direction=direction,
            as_of=as_of,
            relations=relations,
            depth=depth,
        )

    @_one_reading
    def compare(self, *names: str, as_of: int | dt.date | None = None) -> Comparison:
        """Compare frameworks side by side; see :class:`fwgraph.analysis.compare.Comparison`."""
        from fwgraph.analysis.compare import compare  # noqa: PLC0415
        from fwgraph.analysis.frameworks import matrix_columns  # noqa: PLC0415

        return compare(
            [self.framework(n) for n in names],
            as_of=as_of,
            columns=matrix_columns(self.engine),
        )

    @_one_reading
    def stats(self) -> Stats:
        """Data-quality numbers; see :class:`fwgraph.analysis.stats.Stats`."""
        from fwgraph.analysis.stats import compute_stats  # noqa: PLC0415

        return compute_stats(self.engine)

    def validate(self) -> ValidationReport:
        """Check the whole graph against the SHACL shapes; see :func:`fwgraph.validate`."""
        from fwgraph.analysis.validation import validate_graph  # noqa: PLC0415

        data = Graph()
        for triple in self.engine.triples():
            data.add(triple)
        return validate_graph(data)

    @_one_reading
    def to_networkx(self, view: str = "lineage", **options: Any) -> nx.MultiDiGraph[str]:
        """Export a view as a networkx graph; see :func:`fwgraph.views.networkx.to_networkx`."""
        from fwgraph.views.networkx import to_networkx  # noqa: PLC0415

        return to_networkx(self.engine, view=view, **options)

    def serialize(self, fmt: str = "turtle", *, profile: str = "fwgraph") -> str:
        """Serialize the whole graph: ``turtle``/``ttl``, ``nt``, ``trig``, ``jsonld``, ``xml``.

        Parameters
        ----------
        fmt : str
            The RDF format.
        profile : {"fwgraph", "schema"}
            ``"schema"`` writes the graph in schema.org terms (the ontology's
            mappings: ``fw:developedBy`` → ``schema:maintainer``, ``fw:Framework``
            → ``schema:SoftwareApplication`` …), JSON-LD with ``@vocab`` schema.org.

        Examples
        --------
        >>> import fwgraph, json
        >>> doc = json.loads(fwgraph.load().serialize("jsonld", profile="schema"))
        >>> doc["@context"]["@vocab"]
        'https://schema.org/'
        """
        aliases = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml"}
        fmt = aliases.get(fmt, fmt)
        if fmt not in {"turtle", "nt", "trig", "json-ld", "xml", "n3"}:
            msg = f"unknown RDF format {fmt!r}: use ttl, nt, trig, jsonld or xml"
            raise StoreError(msg)
        if profile not in ("fwgraph", "schema"):
            msg = f"unknown profile {profile!r}: use 'fwgraph' or 'schema'"
            raise StoreError(msg)
        from fwgraph.views.linked_data import (  # noqa: PLC0415
            SCHEMA_CONTEXT,
            schema_graph,
            serialize_graph,
            whole_graph,
        )

        if profile == "schema":
            data = schema_graph(self.engine)
            if fmt == "json-ld":
                return data.serialize(format="json-ld", context=SCHEMA_CONTEXT, auto_compact=True)
        else:
            data = whole_graph(self.engine)
        return serialize_graph(data, fmt)

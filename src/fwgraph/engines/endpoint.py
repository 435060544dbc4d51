"""The endpoint engine: any SPARQL 1.1 server over HTTP (Oxigraph, Virtuoso, Fuseki, …).

Each named query is one HTTP request (SPARQL 1.1 Protocol, ``POST`` with a
form-encoded ``query``), answered as SPARQL JSON results or N-Triples; writes are
SPARQL 1.1 Update requests in batches that keep each blank node's triples
together. Nothing is cached: another client may change the server's data.
Only the standard library is used (``urllib``), so endpoints need no extra.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from fwgraph.engines.base import ResultCache, Triple
from fwgraph.errors import FwgraphError, QueryError, QuerySyntaxError, StoreError
from fwgraph.results import QueryResult, result_from_triples
from fwgraph.sparql import CheckedQuery, check_query, prefix_block, values_clause

__all__ = ["GRAPH", "EndpointEngine", "group_by_blank_nodes"]

#: The named graph fwgraph's data lives in on a server (``fwgraph push`` and ``load(url)``).
GRAPH = "https://w3id.org/fwgraph/graph"
#: Prefix of the staging graphs a push writes into before it adds them to the target.
STAGING = "https://w3id.org/fwgraph/staging/"
_UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')

_ACCEPT = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    "CONSTRUCT": "application/n-triples, text/turtle;q=0.9",
    "DESCRIBE": "application/n-triples, text/turtle;q=0.9",
}
_PREFIX_LINES = prefix_block().count("\n")


def _term(value: Mapping[str, Any]) -> Node:
    kind = value.get("type")
    text = str(value.get("value", ""))
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    lang = value.get("xml:lang")
    datatype = value.get("datatype")
    if lang:
        return Literal(text, lang=str(lang))
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(text, datatype=URIRef(str(datatype)))
    return Literal(text)  # "literal" and Virtuoso's "typed-literal" without a datatype


def group_by_blank_nodes(triples: Iterable[Triple]) -> list[list[Triple]]:
    """Split triples into units that keep every blank node's triples together.

    A blank node means the same node only within one request, so a statement
    node split over two ``INSERT DATA`` requests would become two nodes.
    """
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    plain: list[list[Triple]] = []
    with_bnodes: list[Triple] = []
    for triple in triples:
        bnodes = [t for t in (triple[0], triple[2]) if isinstance(t, BNode)]
        if not bnodes:
            plain.append([triple])
            continue
        with_bnodes.append(triple)
        first = find(bnodes[0])
        for other in bnodes[1:]:
            parent[find(other)] = first
    groups: dict[Node, list[Triple]] = {}
    for triple in with_bnodes:
        node = triple[0] if isinstance(triple[0], BNode) else triple[2]
        groups.setdefault(find(node), []).append(triple)
    return plain + list(groups.values())


class EndpointEngine:
    """A SPARQL 1.1 endpoint behind the engine protocol.

    Parameters
    ----------
    url : str
        The query endpoint (``http://127.0.0.1:7878/query``, ``…/sparql``).
    update_url : str, optional
        The update endpoint; by default ``…/update`` for a URL ending in
        ``/query``, else the query URL itself (Virtuoso, Fuseki's ``/sparql``).
    timeout : float
        Seconds to wait for each answer.
    graph : str or None
        The named graph that holds fwgraph's data on the server (queries are
        sent with ``default-graph-uri``, ``push`` writes into it); ``None`` for
        the server's default graph. The default, :data:`GRAPH`, works on every
        server (Virtuoso has no writable default graph).
    """

    kind = "endpoint"

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        timeout: float = 60.0,
        graph: str | None = None,
    ) -> None:
        if graph is not None and (
            _UNSAFE_IRI.search(graph) or not graph.startswith(("http", "urn:"))
        ):
            msg = f"not a usable graph IRI: {graph!r}"
            raise StoreError(msg)
        self.graph = graph
        self.location = url
        if update_url is None:
            update_url = url[: -len("/query")] + "/update" if url.endswith("/query") else url
        self.update_url = update_url
        self.timeout = timeout
        self.cache = ResultCache()
        self._epoch = uuid.uuid4().hex
        self._depth = 0

    def __repr__(self) -> str:
        return f"<EndpointEngine {self.location}>"

    @property
    def content_key(self) -> str:
        """Fixed within one API call (:meth:`reading`), new for the next one."""
        return self._epoch if self._depth else uuid.uuid4().hex

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Share answers within one API call; forget them after it."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if not self._depth:
                self._epoch = uuid.uuid4().hex
                self.cache.clear()

    # ------------------------------------------------------------------ HTTP

    def _post(
        self, url: str, field: str, text: str, accept: str, *, scoped: bool = True
    ) -> tuple[str, bytes]:
        fields = {field: text}
        if field == "query" and self.graph is not None and scoped:
            fields["default-graph-uri"] = self.graph
        body = urllib.parse.urlencode(fields).encode("utf-8")
        request = urllib.request.Request(  # noqa: S310 - the user's own endpoint URL
            url,
            data=body,
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read(2000).decode("utf-8", "replace").strip()
            first = " ".join(detail.split())[:300] or exc.reason
            if exc.code == 400 and field == "query":
                raise QuerySyntaxError(1, 1, f"the endpoint refused the query: {first}") from exc
            msg = f"the SPARQL endpoint {url} answered HTTP {exc.code}: {first}"
            raise StoreError(msg) from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            msg = f"cannot reach the SPARQL endpoint {url}: {reason}"
            raise StoreError(msg) from exc

    # ------------------------------------------------------------------ protocol

    def query(self, checked: CheckedQuery, bindings: Mapping[str, Identifier]) -> QueryResult:
        """Send the checked text (with prefix lines and a checked ``VALUES``) in one request."""
        text = checked.text
        if bindings:
            text = check_query(f"{text}\n{values_clause(bindings)}").text
        content_type, body = self._post(
            self.location, "query", prefix_block() + text, _ACCEPT[checked.form]
        )
        try:
            if checked.form in {"CONSTRUCT", "DESCRIBE"}:
                fmt = "turtle" if "turtle" in content_type else "nt"
                graph = Graph().parse(data=body.decode("utf-8"), format=fmt)
                return result_from_triples(checked.form, graph)
            data = json.loads(body)
        except (ValueError, SyntaxError) as exc:
            msg = f"the SPARQL endpoint {self.location} sent an answer that does not parse: {exc}"
            raise QueryError(msg) from exc
        if checked.form == "ASK":
            return QueryResult(form="ASK", boolean=bool(data.get("boolean")))
        variables = tuple(str(v) for v in data.get("head", {}).get("vars", ()))
        rows = tuple(
            tuple(_term(b[v]) if v in b else None for v in variables)
            for b in data.get("results", {}).get("bindings", ())
        )
        return QueryResult(form="SELECT", variables=variables, rows=rows)

    def update(self, checked: CheckedQuery) -> None:
        """Send a checked update to the update endpoint."""
        self._post(self.update_url, "update", prefix_block() + checked.text, "*/*")

    def add(
        self,
        triples: Graph,
        *,
        batch_size: int = 1000,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Add triples, all or nothing, in requests of about ``batch_size`` triples.

        The batches go into a staging graph of their own (``INSERT {…} WHERE {}``;
        1000 by default: Virtuoso's SPARQL compiler runs out of memory on about
        5000, and refuses blank nodes in ``INSERT DATA``); one last request adds
        it to the target graph (``ADD``) and drops it. A push killed half-way
        leaves the target as it was; the next push removes abandoned staging graphs.
        """
        self._drop_abandoned_staging()
        staging = f"{STAGING}{uuid.uuid4().hex}"
        units = group_by_blank_nodes(triples)
        total = sum(len(u) for u in units)
        done = 0
        batch: list[Triple] = []
        try:
            for unit in itertools.chain(units, [[]]):
                if (not unit and batch) or len(batch) + len(unit) > batch_size:
                    lines = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in batch)
                    text = f"INSERT {{ GRAPH <{staging}> {{\n{lines}\n}} }} WHERE {{}}"
                    self._post(self.update_url, "update", text, "*/*")
                    done += len(batch)
                    if progress is not None:
                        progress(done, total)
                    batch = []
                batch.extend(unit)
            target = f"GRAPH <{self.graph}>" if self.graph is not None else "DEFAULT"
            self._post(
                self.update_url,
                "update",
                f"ADD SILENT GRAPH <{staging}> TO {target} ; DROP SILENT GRAPH <{staging}>",
                "*/*",
            )
        except FwgraphError:
            with contextlib.suppress(FwgraphError):
                self._post(self.update_url, "update", f"DROP SILENT GRAPH <{staging}>", "*/*")
            raise

    def _drop_abandoned_staging(self) -> None:
        text = (
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{STAGING}")) }}'
        )
        # Without default-graph-uri: with it, the dataset would have no named graphs.
        _, body = self._post(self.location, "query", text, _ACCEPT["SELECT"], scoped=False)
        bindings = json.loads(body).get("results", {}).get("bindings", [])
        for row in bindings:
            graph = str(row.get("g", {}).get("value", ""))
            if graph.startswith(STAGING) and not _UNSAFE_IRI.search(graph):
                self._post(self.update_url, "update", f"DROP SILENT GRAPH <{graph}>", "*/*")

    def triples(self) -> Iterator[Triple]:
        """Every triple of the server's default graph (one ``CONSTRUCT``)."""
        result = self.query(check_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), {})
        assert result.graph is not None  # noqa: S101 - CONSTRUCT always returns a graph
        return iter(result.graph.triples((None, None, None)))

    def __len__(self) -> int:
        result = self.query(check_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), {})
        return int(str(result.rows[0][0])) if result.rows else 0

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

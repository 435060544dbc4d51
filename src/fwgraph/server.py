"""A read-only SPARQL 1.1 endpoint over the graph, safe to leave running.

``fwgraph serve`` answers ``GET /query?query=…`` and ``POST /query`` (form or
``application/sparql-query``) with SPARQL JSON results (or Turtle for graphs).
It binds to 127.0.0.1 unless told otherwise, refuses updates and ``SERVICE``,
stops a query after a timeout and refuses results over a row limit.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlparse

from rdflib import BNode, Literal, URIRef

from fwgraph.errors import QueryError

if TYPE_CHECKING:
    from fwgraph.graph import KnowledgeGraph
    from fwgraph.results import QueryResult

__all__ = ["make_server", "sparql_json"]


def _term(term: Any) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
    return out


def sparql_json(result: QueryResult) -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON for a SELECT or ASK result.

    Examples
    --------
    >>> import fwgraph
    >>> sparql_json(fwgraph.load().query("ASK { fwd:keras a fw:Framework }"))
    {'head': {}, 'boolean': True}
    """
    if result.boolean is not None:
        return {"head": {}, "boolean": result.boolean}
    bindings = [
        {v: _term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def make_server(
    kg: KnowledgeGraph,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 10.0,
    max_rows: int = 10_000,
) -> ThreadingHTTPServer:
    """Build (but do not start) the read-only endpoint.

    Parameters
    ----------
    kg : KnowledgeGraph
        The graph to serve.
    host, port : str, int
        Where to listen; loopback by default. Port 0 picks a free port.
    timeout : float
        Seconds a query may run before the client gets 503.
    max_rows : int
        Largest result returned; more gives 413.

    Returns
    -------
    http.server.ThreadingHTTPServer
        Call ``serve_forever()``; ``server.server_address`` has the port.
    """
    pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="fwgraph-query")
    lock = threading.Lock()  # rdflib's in-memory store is not safe for concurrent queries

    def run(text: str) -> QueryResult:
        with lock:
            return kg.query(text)

    class Handler(BaseHTTPRequestHandler):
        server_version = "fwgraph"

        def log_message(self, *_args: Any) -> None:
            """Keep requests off the terminal; errors reach the client."""

        def _send(self, status: HTTPStatus, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _error(self, status: HTTPStatus, message: str) -> None:
            self._send(status, (message + "\n").encode(), "text/plain; charset=utf-8")

        def _answer(self, text: str | None) -> None:
            if not text:
                self._error(HTTPStatus.BAD_REQUEST, "missing 'query' parameter")
                return
            future = pool.submit(run, text)
            try:
                result = future.result(timeout=timeout)
            except FutureTimeout:
                self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out after {timeout} s")
                return
            except QueryError as exc:
                self._error(HTTPStatus.BAD_REQUEST, str(exc))
                return
            if result.graph is not None:
                if len(result.graph) > max_rows:
                    self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"over {max_rows} triples")
                    return
                body = result.graph.serialize(format="turtle").encode()
                self._send(HTTPStatus.OK, body, "text/turtle; charset=utf-8")
                return
            if len(result.rows) > max_rows:
                self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"over {max_rows} rows")
                return
            body = json.dumps(sparql_json(result)).encode()
            self._send(HTTPStatus.OK, body, "application/sparql-results+json")

        def do_GET(self) -> None:
            url = urlparse(self.path)
            if url.path != "/query":
                self._error(HTTPStatus.NOT_FOUND, "use /query")
                return
            self._answer(parse_qs(url.query).get("query", [None])[0])

        def do_POST(self) -> None:
            if urlparse(self.path).path != "/query":
                self._error(HTTPStatus.NOT_FOUND, "use /query (this endpoint is read-only)")
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            ctype = self.headers.get("Content-Type", "")
            if ctype.startswith("application/sparql-query"):
                self._answer(body)
            elif ctype.startswith("application/x-www-form-urlencoded"):
                form = parse_qs(body)
                if "update" in form:
                    self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only")
                    return
                self._answer(form.get("query", [None])[0])
            else:
                self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send a SPARQL query")

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    shutdown: Callable[[], None] = server.server_close

    def close() -> None:
        pool.shutdown(wait=False, cancel_futures=True)
        shutdown()

    server.server_close = close  # type: ignore[method-assign]
    return server

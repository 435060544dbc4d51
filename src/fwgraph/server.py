"""``fwgraph serve``: a read-only SPARQL endpoint, safe to leave running.

The queries are answered by the ``oxigraph`` server (``oxigraph
serve-read-only``, from the ``fwgraph[server]`` extra), a well-kept Rust
server with content negotiation (JSON, XML, CSV, TSV; Turtle, N-Triples,
JSON-LD), in a pool of processes on private loopback ports
(:mod:`fwgraph.oxigraph_server`): a query still running at the timeout is
ended by killing its process. In front of them sits fwgraph's gate, a small
threaded HTTP server that

* checks every query with :func:`fwgraph.sparql.check_query` (no ``SERVICE``,
  ``FROM``, updates or ambiguous escapes) and forwards exactly the checked
  text, with fwgraph's prefixes, and the client's ``Accept`` header;
* bounds the request body, the result size (counted while it streams) and
  the number of requests in flight, drops idle and slow clients, and checks
  the ``Host`` header (no DNS rebinding);
* keeps recent answers, keyed by the query text exactly as received and the
  ``Accept`` header, in a cache bounded in bytes: the store is read-only while
  served, so an answer never goes stale, and a repeated query skips the check
  (it passed it when its answer was stored) and Oxigraph alike;
* binds to loopback unless told otherwise.

Why not serve with rdflib: rdflib cannot stop a running query, so one
cartesian product held the lock for minutes; ending an Oxigraph process ends it.
"""

from __future__ import annotations

import contextlib
import ipaddress
import queue
import socket
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from fwgraph.errors import FwgraphError, StoreError
from fwgraph.oxigraph_server import OxigraphProcess, serve_directory
from fwgraph.sparql import check_query, prefix_block, syntax_error

__all__ = ["AnswerCache", "ServerLimits", "SparqlGate", "is_loopback", "serve_directory"]

_PREFIX_LINES = prefix_block().count("\n")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address or ``localhost`` (``::1`` included).

    Examples
    --------
    >>> [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "10.0.0.1")]
    [True, True, True, False, False]
    """
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServerLimits:
    """What one request may cost.

    Attributes
    ----------
    timeout : float
        Seconds a query may run (Oxigraph ends it).
    max_body : int
        Largest request body in bytes (a query text).
    max_result : int
        Largest answer in bytes, counted while it streams from Oxigraph.
    max_in_flight : int
        Requests answered at once; more get 503 at once.
    idle : float
        Seconds a client may take to send its request line, headers and body.
    max_cache : int
        Bytes of recent answers kept (``AnswerCache``); 0 keeps none.
    """

    timeout: float = 10.0
    max_body: int = 1 << 20
    max_result: int = 64 << 20
    max_in_flight: int = 32
    idle: float = 10.0
    max_cache: int = 64 << 20


class AnswerCache:
    """Recent answers by (query text, ``Accept``), least recently used first out.

    Bounded in bytes (keys and answers counted); an answer larger than a
    quarter of the bound is not kept. Thread-safe.

    Examples
    --------
    >>> cache = AnswerCache(4000)
    >>> cache.put(("q", "a"), (200, "text/csv", b"x" * 20))
    >>> cache.get(("q", "a"))
    (200, 'text/csv', b'xxxxxxxxxxxxxxxxxxxx')
    >>> cache.put(("big", "a"), (200, "text/csv", b"x" * 1500))  # over a quarter: not kept
    >>> cache.get(("big", "a")) is None
    True
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._items: OrderedDict[tuple[str, str], tuple[int, str, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _cost(key: tuple[str, str], value: tuple[int, str, bytes]) -> int:
        return len(key[0]) * 4 + len(key[1]) + len(value[1]) + len(value[2]) + 200

    def get(self, key: tuple[str, str]) -> tuple[int, str, bytes] | None:
        """The stored answer, or ``None``."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: tuple[str, str], value: tuple[int, str, bytes]) -> None:
        """Keep an answer, dropping the least recently used ones over the bound."""
        cost = self._cost(key, value)
        if cost > self.max_bytes // 4:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= self._cost(key, old)
            self._items[key] = value
            self.size += cost
            while self.size > self.max_bytes:
                dropped_key, dropped = self._items.popitem(last=False)
                self.size -= self._cost(dropped_key, dropped)


class SparqlGate:
    """The gate in front of ``oxigraph serve-read-only``; see the module docstring.

    Queries run in a pool of Oxigraph processes over the same read-only store,
    one query per process at a time. A query still running at the timeout is
    ended by killing its process, which is started again at once; the other
    processes keep answering (Oxigraph's own ``--timeout-s`` did not stop every
    query and ran out of threads under load: see :mod:`fwgraph.oxigraph_server`).

    Parameters
    ----------
    store : pathlib.Path
        An Oxigraph store folder (nothing else may write to it while served).
    host, port : str, int
        Where clients connect; loopback by default; port 0 picks a free one.
    limits : ServerLimits
    workers : int
        Oxigraph processes, i.e. queries answered at once.
    allowed_hosts : sequence of str, optional
        Extra ``Host`` header names to accept (a public name when not on loopback).
    """

    def __init__(
        self,
        store: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 7878,
        limits: ServerLimits | None = None,
        workers: int = 4,
        allowed_hosts: tuple[str, ...] = (),
    ) -> None:
        self.limits = limits or ServerLimits()
        self._free: queue.Queue[OxigraphProcess] = queue.Queue()
        self._all: list[OxigraphProcess] = []
        try:
            for _ in range(workers):
                backend = OxigraphProcess(store, self.limits.timeout)
                self._all.append(backend)
                self._free.put(backend)
        except FwgraphError:
            self.close()
            raise
        family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
        server_class = type("Server", (ThreadingHTTPServer,), {"address_family": family})
        try:
            self.httpd: ThreadingHTTPServer = server_class((host.strip("[]"), port), _handler(self))
        except OSError as exc:
            self.close()
            msg = f"cannot listen on {host}:{port}: {exc.strerror or exc}"
            raise StoreError(msg) from exc
        self.httpd.daemon_threads = True
        self.host = host
        self.port = int(self.httpd.server_address[1])
        names = {"localhost", "127.0.0.1", "::1", "[::1]", host, host.strip("[]"), *allowed_hosts}
        self.allowed_hosts = {n.lower() for n in names}
        self.slots = threading.BoundedSemaphore(self.limits.max_in_flight)
        self.answers = AnswerCache(self.limits.max_cache)

    @property
    def url(self) -> str:
        """The query URL clients use."""
        host = f"[{self.host.strip('[]')}]" if ":" in self.host.strip("[]") else self.host
        return f"http://{host}:{self.port}/query"

    def run(self, text: str, accept: str) -> tuple[int, str, bytes]:
        """Send a checked query to a free Oxigraph process; ``(status, type, body)``.

        Raises
        ------
        TimeoutError
            When the query ran over the timeout (its process was restarted).
        OverflowError
            When the answer grew over ``max_result`` bytes.
        """
        try:
            backend = self._free.get(timeout=self.limits.timeout)
        except queue.Empty:
            raise ConnectionRefusedError("every query engine is busy") from None
        try:
            return self._run(backend, text, accept)
        finally:
            self._free.put(backend)

    def _run(self, backend: OxigraphProcess, text: str, accept: str) -> tuple[int, str, bytes]:
        deadline = time.monotonic() + self.limits.timeout
        body = text.encode("utf-8")
        for attempt in (1, 2):  # a kept-alive connection may have been closed
            try:
                return backend.exchange(body, accept, self.limits.max_result, deadline)
            except (TimeoutError, OverflowError):
                backend.restart()  # stop the query that is still running or streaming
                raise
            except (OSError, ValueError, IndexError):
                backend.restart()
                if attempt == 2:
                    raise
        raise ConnectionError  # pragma: no cover - the loop returns or raises

    def serve_forever(self) -> None:
        """Answer requests until :meth:`shutdown`."""
        self.httpd.serve_forever()

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` (from another thread)."""
        self.httpd.shutdown()

    def close(self) -> None:
        """Stop listening and end the Oxigraph processes."""
        httpd = getattr(self, "httpd", None)
        if httpd is not None:
            httpd.server_close()
        for backend in self._all:
            backend.stop()


def _handler(gate: SparqlGate) -> type[BaseHTTPRequestHandler]:
    limits = gate.limits

    class Handler(BaseHTTPRequestHandler):
        server_version = "fwgraph"
        protocol_version = "HTTP/1.1"
        timeout = limits.idle  # slow or idle clients are dropped
        # Headers and body leave in two writes: with Nagle's algorithm each answer
        # waited ~40 ms for a delayed ACK (measured: p50 44 ms -> 0.6 ms).
        disable_nagle_algorithm = True

        def log_message(self, *_args: Any) -> None:
            """Keep requests off the terminal; errors reach the client."""

        def _send(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _error(self, status: HTTPStatus, message: str) -> None:
            self._send(status, (message + "\n").encode(), "text/plain; charset=utf-8")

        def _host_ok(self) -> bool:
            host = (self.headers.get("Host") or "").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name in gate.allowed_hosts:
                return True
            self._error(HTTPStatus.MISDIRECTED_REQUEST, f"unexpected Host header {host!r}")
            return False

        def _body(self) -> bytes | None:
            raw = self.headers.get("Content-Length")
            if raw is None:
                self._error(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length")
                return None
            try:
                length = int(raw)
            except ValueError:
                length = -1
            if length < 0:
                self._error(HTTPStatus.BAD_REQUEST, f"bad Content-Length {raw!r}")
                return None
            if length > limits.max_body:
                self._error(
                    HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                    f"request body over {limits.max_body} bytes",
                )
                return None
            return self.rfile.read(length)

        def _answer(self, text: str | None) -> None:
            if not text:
                self._error(HTTPStatus.BAD_REQUEST, "missing 'query' parameter")
                return
            # One line: a folded header keeps its line break, which must not reach the
            # request the gate writes to Oxigraph by hand.
            accept = " ".join((self.headers.get("Accept") or "").split())
            accept = accept or "application/sparql-results+json"
            key = (text, accept)
            cached = gate.answers.get(key)
            if cached is not None:  # checked and answered before; the store is read-only
                status, ctype, body = cached
                self._send(status, body, ctype)
                return
            try:
                checked = check_query(text)
            except FwgraphError as exc:
                self._error(HTTPStatus.BAD_REQUEST, str(exc))
                return
            if not gate.slots.acquire(blocking=False):
                self._error(HTTPStatus.SERVICE_UNAVAILABLE, "too many requests in flight")
                return
            try:
                self._forward(prefix_block() + checked.text, accept, key)
            finally:
                gate.slots.release()

        def _forward(self, text: str, accept: str, key: tuple[str, str]) -> None:
            try:
                status, ctype, body = gate.run(text, accept)
            except TimeoutError:
                self._error(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"the query ran over {limits.timeout:g} s and was stopped",
                )
                return
            except OverflowError:
                self._error(
                    HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                    f"the answer is over {limits.max_result} bytes; add a LIMIT",
                )
                return
            except ConnectionRefusedError as exc:
                self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
                return
            except (OSError, ValueError, IndexError):  # the process broke off or spoke no HTTP
                self._error(HTTPStatus.BAD_GATEWAY, "the query engine is not reachable")
                return
            if status >= 400:
                self._backend_error(status, body.decode("utf-8", "replace"), text)
                return
            if status == HTTPStatus.OK:
                gate.answers.put(key, (status, ctype, body))
            self._send(status, body, ctype)

        def _backend_error(self, status: int, message: str, text: str) -> None:
            lowered = message.lower()
            if "timeout" in lowered or "timed out" in lowered:
                self._error(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"the query ran over {limits.timeout:g} s and was stopped",
                )
            elif status == HTTPStatus.BAD_REQUEST and "error at" in lowered:
                user = text[len(prefix_block()) :]
                error = syntax_error(Exception(message), user, offset_lines=_PREFIX_LINES)
                self._error(HTTPStatus.BAD_REQUEST, str(error))
            else:
                self._error(HTTPStatus(status), " ".join(message.split())[:500])

        def _route(self) -> str | None:
            path = urlparse(self.path).path
            if path not in ("/query", "/sparql"):
                self._error(HTTPStatus.NOT_FOUND, "use /query (this endpoint is read-only)")
                return None
            return path

        def do_GET(self) -> None:
            if not self._host_ok() or self._route() is None:
                return
            params = parse_qs(urlparse(self.path).query)
            if "update" in params:
                self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only")
                return
            self._answer(params.get("query", [None])[0])

        def do_POST(self) -> None:
            if not self._host_ok() or self._route() is None:
                return
            body = self._body()
            if body is None:
                return
            text = body.decode("utf-8", "replace")
            ctype = self.headers.get("Content-Type", "")
            if ctype.startswith("application/sparql-query"):
                self._answer(text)
            elif ctype.startswith("application/x-www-form-urlencoded"):
                form = parse_qs(text)
                if "update" in form:
                    self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only")
                    return
                self._answer(form.get("query", [None])[0])
            elif ctype.startswith("application/sparql-update"):
                self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only")
            else:
                self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send a SPARQL query")

    return Handler


@contextlib.contextmanager
def temporary_store(triples: Iterator[tuple[Any, Any, Any]]) -> Iterator[Path]:
    """A throw-away Oxigraph store holding ``triples``, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="fwgraph-serve-") as tmp:
        yield serve_directory(triples, Path(tmp))

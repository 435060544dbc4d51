"""The gate's exchange with an ``oxigraph serve-read-only`` process: HTTP/1.1 read by hand."""

from __future__ import annotations

import io
import time

import pytest
from rdflib import Graph

from fwgraph.engines.files import packaged_graph
from fwgraph.oxigraph_server import OxigraphProcess, _chunks, _read_head, _sized, serve_directory


def test_a_chunked_answer_with_trailers_is_read_whole() -> None:
    raw = io.BytesIO(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"4\r\nab\r\n\r\n3;ext=1\r\ncde\r\n0\r\nX-Trailer: 1\r\n\r\n"
        b"HTTP/1.1 200 OK\r\n"  # the next answer on the kept-alive connection stays unread
    )
    assert tuple(_read_head(raw)) == (200, "text/csv", -1, True, False)
    assert b"".join(_chunks(raw)) == b"ab\r\ncde"
    assert raw.read() == b"HTTP/1.1 200 OK\r\n"


def test_a_sized_answer_is_read_to_its_length_and_a_short_one_is_an_error() -> None:
    raw = io.BytesIO(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 5\r\n\r\nhello, next")
    assert tuple(_read_head(raw)) == (400, "application/octet-stream", 5, False, False)
    closing = io.BytesIO(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
    assert _read_head(closing).close
    assert _read_head(io.BytesIO(b"HTTP/1.0 200 OK\r\n\r\n")).close
    assert b"".join(_sized(raw, 5)) == b"hello"
    with pytest.raises(ConnectionResetError):
        b"".join(_sized(io.BytesIO(b"abc"), 5))
    with pytest.raises(ConnectionResetError):
        b"".join(_chunks(io.BytesIO(b"a\r\nshort")))
    with pytest.raises(ConnectionResetError):
        _read_head(io.BytesIO(b""))
    assert b"".join(_sized(io.BytesIO(b"to the end"), -1)) == b"to the end"


@pytest.fixture(scope="module")
def process(tmp_path_factory):  # type: ignore[no-untyped-def]
    store = serve_directory(iter(packaged_graph()), tmp_path_factory.mktemp("store"))
    proc = OxigraphProcess(store, timeout=10)
    yield proc
    proc.stop()


def _ask(proc: OxigraphProcess, text: str, accept: str, max_result: int = 1 << 20) -> object:
    return proc.exchange(text.encode(), accept, max_result, time.monotonic() + 10)


PREFIX = "PREFIX fw: <https://w3id.org/fwgraph/ns#>\n"


def test_answers_in_every_format_on_one_kept_alive_connection(process) -> None:
    query = PREFIX + "SELECT ?f WHERE { ?f fw:builtOn ?b } ORDER BY ?f LIMIT 3"
    connection = process.conn
    status, ctype, body = _ask(process, query, "text/csv")  # type: ignore[misc]
    assert (status, ctype.split(";")[0]) == (200, "text/csv")
    assert body.decode().splitlines()[0] == "f" and len(body.decode().splitlines()) == 4
    status, ctype, body = _ask(process, query, "application/sparql-results+json")  # type: ignore[misc]
    assert ctype.startswith("application/sparql-results+json") and b'"bindings"' in body
    graph = PREFIX + "CONSTRUCT { ?f fw:builtOn ?b } WHERE { ?f fw:builtOn ?b }"
    status, ctype, body = _ask(process, graph, "text/turtle")  # type: ignore[misc]
    assert len(Graph().parse(data=body.decode(), format="turtle")) > 50
    status, _, body = _ask(process, "SELECT nonsense", "text/csv")  # type: ignore[misc]
    assert status == 400 and body
    assert process.conn is connection  # no reconnection between answers


def test_an_answer_over_the_bound_stops_reading(process) -> None:
    everything = "SELECT * WHERE { ?s ?p ?o }"
    with pytest.raises(OverflowError):
        _ask(process, everything, "text/csv", max_result=10_000)
    process.restart()  # what the gate does: the rest of the answer is never read
    status, _, body = _ask(process, "ASK { ?s ?p ?o }", "text/csv")  # type: ignore[misc]
    assert status == 200 and body.strip() == b"true"


def test_a_process_that_closes_each_connection_is_reconnected_not_restarted() -> None:
    # A real HTTP/1.1 server on 127.0.0.1 that says "Connection: close" after each answer.
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Closing(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Closing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    proc = OxigraphProcess.__new__(OxigraphProcess)  # no oxigraph process: the fake is it
    proc.port, proc.timeout, proc.process, proc.conn, proc.reader = (
        server.server_address[1],
        5,
        None,
        None,
        None,
    )
    try:
        proc._connect()
        for text in ("first", "second", "third"):
            assert _ask(proc, text, "text/csv") == (200, "text/csv", text.encode())
    finally:
        proc.stop()
        server.shutdown()
        server.server_close()

"""``fwgraph serve``: the gate in front of a real ``oxigraph serve-read-only``."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper

import fwgraph
from fwgraph.server import ServerLimits, SparqlGate, temporary_store


@pytest.fixture(scope="module")
def gate() -> Iterator[SparqlGate]:
    kg = fwgraph.load()
    limits = ServerLimits(timeout=1, max_body=4096, max_result=200_000, idle=2)
    with temporary_store(kg.engine.triples()) as store:
        server = SparqlGate(store, port=0, limits=limits)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield server
        server.shutdown()
        server.close()


def _get(url: str, query: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    full = url + "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(full, headers=headers or {})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_binds_loopback_and_answers_with_fwgraph_prefixes(gate) -> None:
    assert gate.url.startswith("http://127.0.0.1:")
    status, body = _get(gate.url, "SELECT ?b WHERE { fwd:keras fw:builtOn ?b } ORDER BY ?b")
    assert status == 200
    values = [r["b"]["value"] for r in json.loads(body)["results"]["bindings"]]
    assert "https://w3id.org/fwgraph/id/theano" in values


@pytest.mark.parametrize(("fmt", "check"), [(JSON, "json"), (XML, "xml"), (CSV, "csv")])
def test_content_negotiation_with_sparqlwrapper(gate, fmt, check) -> None:
    client = SPARQLWrapper(gate.url)
    client.setQuery("SELECT ?f WHERE { ?f fw:builtOn fwd:jax } ORDER BY ?f")
    client.setReturnFormat(fmt)
    result = client.query().convert()
    if check == "json":
        names = [b["f"]["value"] for b in result["results"]["bindings"]]  # type: ignore[index]
    elif check == "xml":
        names = [n.firstChild.data for n in result.getElementsByTagName("uri")]  # type: ignore[union-attr]
    else:
        rows = list(csv.reader(io.StringIO(result.decode())))  # type: ignore[union-attr]
        names = [r[0] for r in rows[1:]]
    assert "https://w3id.org/fwgraph/id/keras" in names


def test_graphs_as_turtle_and_ntriples(gate) -> None:
    query = "CONSTRUCT { fwd:keras fw:builtOn ?b } WHERE { fwd:keras fw:builtOn ?b }"
    status, body = _get(gate.url, query, {"Accept": "application/n-triples"})
    assert status == 200
    assert b"<https://w3id.org/fwgraph/id/keras> <https://w3id.org/fwgraph/ns#builtOn>" in body
    status, body = _get(gate.url, query, {"Accept": "text/turtle"})
    assert status == 200
    assert b"builtOn" in body


def test_refuses_updates_service_and_bad_queries(gate) -> None:
    status, body = _get(gate.url, "DELETE WHERE { ?s ?p ?o }")
    assert (status, b"update" in body) == (400, True)
    status, body = _get(gate.url, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert (status, b"SERVICE" in body) == (400, True)
    status, body = _get(gate.url, "SELECT ?x WHERE {\n  ?x }")
    assert status == 400
    assert b"line 2, column" in body
    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    request = urllib.request.Request(gate.url, data=form, method="POST")  # noqa: S310
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310 - loopback test server
    assert info.value.code == 403


def test_a_cartesian_product_is_stopped_and_the_next_query_answers_at_once(gate) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    status, body = _get(gate.url, slow)
    assert status == 503, body
    assert b"stopped" in body
    assert time.monotonic() - started < 10
    started = time.monotonic()
    status, body = _get(gate.url, "ASK { fwd:keras a fw:Framework }")
    assert (status, json.loads(body)["boolean"]) == (200, True)
    assert time.monotonic() - started < 2


def test_repeated_queries_are_answered_from_a_bounded_cache(gate) -> None:
    query = "SELECT ?f WHERE { ?f fw:builtOn fwd:tensorflow } ORDER BY ?f"
    before = gate.answers.size
    first = _get(gate.url, query)
    grown = gate.answers.size
    assert grown > before
    assert _get(gate.url, query) == first  # the same bytes, from the cache
    assert gate.answers.size == grown
    csv_answer = _get(gate.url, query, {"Accept": "text/csv"})
    assert csv_answer[1].startswith(b"f\r\n")  # another Accept is another entry
    assert gate.answers.size > grown
    refused = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    assert _get(gate.url, refused)[0] == 400
    assert _get(gate.url, refused)[0] == 400  # refusals are never cached
    assert gate.answers.size <= gate.limits.max_cache


def test_answer_cache_drops_the_least_recently_used() -> None:
    from fwgraph.server import AnswerCache

    cache = AnswerCache(4000)
    for n in range(20):
        cache.put((f"q{n}", "json"), (200, "application/json", b"x" * 500))
        cache.get(("q0", "json"))  # kept in use
    assert cache.size <= 4000
    assert cache.get(("q0", "json")) is not None
    assert cache.get(("q1", "json")) is None


def test_result_and_body_bounds(gate) -> None:
    status, body = _get(gate.url, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 413
    assert b"over 200000 bytes" in body
    big = urllib.parse.urlencode({"query": "ASK {}" + " " * 5000}).encode()
    request = urllib.request.Request(gate.url, data=big, method="POST")  # noqa: S310
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310 - loopback test server
    assert info.value.code == 413


def _raw(gate: SparqlGate, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", gate.port), timeout=10) as conn:
        conn.sendall(data)
        return conn.recv(4096)


def test_bad_content_length_host_header_and_idle_clients(gate) -> None:
    host = f"127.0.0.1:{gate.port}"
    for length in (b"-5", b"abc"):
        answer = _raw(
            gate,
            b"POST /query HTTP/1.1\r\nHost: " + host.encode() + b"\r\n"
            b"Content-Type: application/sparql-query\r\nContent-Length: "
            + length
            + b"\r\n\r\nASK {}",
        )
        assert answer.startswith(b"HTTP/1.1 400"), answer
    answer = _raw(gate, b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: evil.example:80\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 421"), answer
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", gate.port), timeout=10) as conn:
        conn.sendall(b"GET /query")  # never finishes its request line
        assert conn.recv(100) == b""  # closed by the server
    assert time.monotonic() - started < 6


def test_a_folded_accept_header_is_answered_as_one_line(gate) -> None:
    # The gate writes its request to Oxigraph by hand: a folded (obsolete, still legal)
    # header is passed on as one line, its break read as a space, as RFC 9112 allows.
    answer = _raw(
        gate,
        f"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1:{gate.port}\r\n".encode()
        + b"Accept: text/csv,\r\n\tapplication/sparql-results+json\r\n"
        + b"Connection: close\r\n\r\n",
    )
    assert answer.startswith(b"HTTP/1.1 200"), answer
    assert b"text/csv" in answer.split(b"\r\n\r\n")[0], answer
    assert answer.rstrip().endswith(b"true"), answer


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _ipv6_loopback(), reason="this machine has no IPv6 loopback")
def test_serves_on_the_ipv6_loopback_without_a_warning(capsys) -> None:
    from fwgraph.server import is_loopback

    kg = fwgraph.load()
    with temporary_store(kg.engine.triples()) as store:
        server = SparqlGate(store, host="::1", port=0, limits=ServerLimits(timeout=2), workers=1)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            assert server.url.startswith("http://[::1]:")
            status, body = _get(server.url, "ASK { fwd:keras a fw:Framework }")
            assert (status, json.loads(body)["boolean"]) == (200, True)
        finally:
            server.shutdown()
            server.close()
    assert is_loopback("::1") and is_loopback("127.0.0.2")

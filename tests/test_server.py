"""The read-only HTTP endpoint: answers queries, refuses updates, SERVICE and oversized results."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from fwgraph.server import make_server


@pytest.fixture(scope="module")
def endpoint(kg) -> Iterator[str]:
    server = make_server(kg, port=0, timeout=5, max_rows=100)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}/query"
    server.shutdown()
    server.server_close()


def _get(url: str, query: str) -> tuple[int, bytes]:
    full = url + "?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(full, timeout=10) as response:  # noqa: S310 - loopback test server
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_binds_loopback_and_answers_select(endpoint) -> None:
    assert endpoint.startswith("http://127.0.0.1:")
    status, body = _get(endpoint, "SELECT ?b WHERE { fwd:keras fw:builtOn ?b } ORDER BY ?b")
    assert status == 200
    data = json.loads(body)
    assert data["head"]["vars"] == ["b"]
    values = [row["b"]["value"] for row in data["results"]["bindings"]]
    assert "https://w3id.org/fwgraph/id/theano" in values


def test_refuses_updates_service_and_bad_queries(endpoint) -> None:
    status, body = _get(endpoint, "DELETE WHERE { ?s ?p ?o }")
    assert status == 400
    assert b"update" in body
    status, body = _get(endpoint, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert status == 400
    assert b"SERVICE" in body
    status, body = _get(endpoint, "SELECT ?x WHERE { ?x }")
    assert status == 400
    assert b"line 1, column" in body
    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    request = urllib.request.Request(endpoint, data=form, method="POST")  # noqa: S310
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310 - loopback test server
    assert info.value.code == 403


def test_result_size_limit(endpoint) -> None:
    status, body = _get(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 413
    assert b"over 100 rows" in body

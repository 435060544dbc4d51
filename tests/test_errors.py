"""Bad input gets a clear error that says where, and loses nothing."""

from __future__ import annotations

import socket
import threading

import pytest

import fwgraph
from fwgraph import (
    QuerySyntaxError,
    TurtleSyntaxError,
    UnknownEntityError,
    UnsafeQueryError,
    ValidationError,
)


def test_malformed_sparql_names_line_and_column(kg) -> None:
    query = "SELECT ?f WHERE {\n  ?f fw:builtOn fwd:keras\n  FILTER(?f = )\n}"
    with pytest.raises(QuerySyntaxError) as info:
        kg.query(query)
    assert info.value.line == 3
    assert info.value.column > 1
    assert "line 3, column" in str(info.value)


def test_unknown_framework_suggests_close_names(kg) -> None:
    with pytest.raises(UnknownEntityError) as info:
        kg.framework("tensorflw")
    assert "did you mean 'tensorflow'" in str(info.value)
    assert info.value.suggestions[0] == "tensorflow"
    assert isinstance(info.value, KeyError)


def test_unknown_name_of_the_wrong_kind_is_unknown(kg) -> None:
    # google is an organization, not a framework
    with pytest.raises(UnknownEntityError, match="unknown framework 'google'"):
        kg.framework("google")


def test_malformed_turtle_names_file_and_line(data_dir) -> None:
    path = data_dir / "malformed.ttl"
    with pytest.raises(TurtleSyntaxError) as info:
        fwgraph.load(extra=[path])
    assert info.value.path == path
    assert info.value.line == 10
    assert str(info.value).startswith(f"{path}:10: malformed Turtle")


def test_failed_add_leaves_the_graph_unchanged(data_dir) -> None:
    kg = fwgraph.load()
    before = set(kg.graph)
    with pytest.raises(TurtleSyntaxError):
        kg.add(data_dir / "good-framework.ttl", data_dir / "malformed.ttl")
    assert set(kg.graph) == before, "the good file parsed first must not be kept either"
    with pytest.raises(ValidationError) as info:
        kg.add(data_dir / "bad" / "framework-missing-license.ttl")
    assert "tinynet" in str(info.value) and "license" in str(info.value)
    assert set(kg.graph) == before


def test_valid_user_file_is_added(data_dir) -> None:
    kg = fwgraph.load(extra=[data_dir / "good-framework.ttl"])
    tiny = kg.framework("tinynet")
    assert [b.slug for b in tiny.built_on] == ["jax"]
    assert "tinynet" in kg.lineage("jax", direction="descendants").slugs


def test_missing_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(TurtleSyntaxError, match="no such file"):
        fwgraph.load(extra=[tmp_path / "nope.ttl"])


class _Listener:
    """A TCP listener on 127.0.0.1 that records whether anyone connected."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.connected = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        try:
            conn, _ = self.sock.accept()
            self.connected = True
            conn.close()
        except OSError:
            pass

    def close(self) -> None:
        self._thread.join(timeout=2)
        self.sock.close()


def test_service_is_refused_and_never_connects(kg) -> None:
    listener = _Listener()
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(UnsafeQueryError) as info:
        kg.query(query)
    listener.close()
    assert info.value.feature == "SERVICE"
    assert not listener.connected


def test_load_in_an_update_is_refused_and_never_connects() -> None:
    kg = fwgraph.load()
    listener = _Listener()
    with pytest.raises(UnsafeQueryError) as info:
        kg.update(f"LOAD <http://127.0.0.1:{listener.port}/data.ttl>")
    listener.close()
    assert info.value.feature == "LOAD"
    assert not listener.connected


def test_query_refuses_updates(kg) -> None:
    with pytest.raises(UnsafeQueryError, match="update"):
        kg.query("DELETE WHERE { ?s ?p ?o }")
    assert len(kg.graph) > 0


def test_evaluation_errors_become_query_errors(kg) -> None:
    # rdflib raises NotBoundError evaluating this aggregate; users get a QueryError.
    query = "SELECT (GROUP_CONCAT(DISTINCT ?x) AS ?all) WHERE { OPTIONAL { fwd:keras fw:note ?x } }"
    with pytest.raises(fwgraph.QueryError, match="failed while running"):
        kg.query(query)

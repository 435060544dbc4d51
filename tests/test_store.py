"""The same API on every store: rdflib in memory, Oxigraph (memory, disk), a real SPARQL server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import fwgraph


def _summary(kg: fwgraph.KnowledgeGraph) -> tuple[object, ...]:
    keras = kg.framework("keras")
    return (
        keras.label,
        keras.label_ko,
        sorted(r.slug for r in keras.developers),
        sorted(f"{f.predicate}:{f.value}:{f.period}" for f in keras.facts),
        kg.lineage("keras", as_of=2018, depth=1).slugs,
        len(kg.claims("keras")),
    )


def test_oxigraph_store_in_memory_answers_like_rdflib(kg) -> None:
    ox = fwgraph.load("oxigraph")
    assert len(ox.graph) == len(kg.graph)
    assert _summary(ox) == _summary(kg)
    result = ox.query("SELECT ?f WHERE { ?f fw:builtOn ?b } ORDER BY ?f", bindings={"b": "jax"})
    assert "fwd:flax" in [r["f"] for r in result.as_dicts()]


def test_oxigraph_store_on_disk_persists(tmp_path, kg) -> None:
    with fwgraph.load("oxigraph", path=tmp_path / "store") as first:
        size = len(first)
    with fwgraph.load("oxigraph", path=tmp_path / "store") as again:
        assert len(again) == size, "an existing store is reused, not loaded twice"
        assert _summary(again) == _summary(kg)
    # Closed, the folder can be opened again in the same process.
    with fwgraph.load("oxigraph", path=tmp_path / "store") as third:
        assert len(third) == size


def test_oxigraph_refuses_a_folder_that_is_not_a_store(tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(fwgraph.StoreError, match="not an fwgraph store"):
        fwgraph.load("oxigraph", path=tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_oxigraph_store_refuses_service(kg) -> None:
    ox = fwgraph.load("oxigraph")
    with pytest.raises(fwgraph.UnsafeQueryError):
        ox.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `oxigraph serve` on 127.0.0.1, stopped after the tests."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(exe).exists():
        pytest.fail("the oxigraph server is not installed: pip install 'fwgraph[server]'")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1):  # noqa: S310 - loopback
                break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("oxigraph serve did not start")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def test_endpoint_store_answers_like_rdflib(server, kg) -> None:
    remote = fwgraph.load(f"{server}/query", update_endpoint=f"{server}/update", packaged=True)
    assert remote.query("ASK { fwd:keras a fw:Framework }").boolean
    assert _summary(remote) == _summary(kg)
    # A fresh client of the same server sees the data: it lives on the server.
    reader = fwgraph.load(f"{server}/query")
    assert reader.framework("pytorch").label == "PyTorch"
    with pytest.raises(fwgraph.UnknownEntityError, match="did you mean"):
        reader.framework("pytorh")


def test_endpoint_add_is_validated_and_all_or_nothing(server, data_dir) -> None:
    remote = fwgraph.load(f"{server}/query", update_endpoint=f"{server}/update")
    before = len(remote.query("SELECT * WHERE { ?s ?p ?o }").rows)
    with pytest.raises(fwgraph.TurtleSyntaxError):
        remote.add(data_dir / "good-framework.ttl", data_dir / "malformed.ttl")
    assert len(remote.query("SELECT * WHERE { ?s ?p ?o }").rows) == before
    remote.add(data_dir / "good-framework.ttl")
    assert remote.framework("tinynet").label == "TinyNet"


def test_oxigraph_loads_user_files_natively_all_or_nothing(data_dir) -> None:
    ox = fwgraph.load("oxigraph", extra=[data_dir / "good-framework.ttl"], validate=False)
    assert ox.framework("tinynet").label == "TinyNet"
    assert "tinynet" in ox.lineage("jax", direction="descendants").slugs
    with pytest.raises(fwgraph.TurtleSyntaxError) as info:
        fwgraph.load(
            "oxigraph",
            extra=[data_dir / "good-framework.ttl", data_dir / "malformed.ttl"],
            validate=False,
        )
    assert info.value.line == 10
    assert str(info.value.path).endswith("malformed.ttl")


KILLED_BUILD = """
import sys, fwgraph
fwgraph.load("oxigraph", path=sys.argv[1])
print("done", flush=True)
"""


@pytest.mark.parametrize("after", [0.3, 0.8, 1.5])
def test_a_build_killed_half_way_leaves_no_store_and_the_next_open_completes_it(
    tmp_path, after
) -> None:
    import signal
    import subprocess
    import sys
    import time

    target = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(target)])
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)  # kill -9: no clean-up code runs
    proc.wait()
    # Whatever moment it died, the store folder is either absent or complete.
    if target.exists():
        assert (target / "fwgraph-store.json").is_file()
    with fwgraph.load("oxigraph", path=target) as kg:
        assert len(kg.frameworks()) == len(fwgraph.load().frameworks())
    assert not list(tmp_path.glob(".store.building-*")), "the abandoned build was removed"


KILLED_ADD = """
import sys, fwgraph
kg = fwgraph.load("oxigraph", path=sys.argv[1])
kg.add(sys.argv[2], validate=False)
print("added", flush=True)
"""


def test_an_add_killed_half_way_leaves_the_store_as_it_was_or_complete(tmp_path) -> None:
    import signal
    import subprocess
    import sys
    import time

    store = tmp_path / "store"
    with fwgraph.load("oxigraph", path=store) as kg:
        before = len(kg)
    big = tmp_path / "big.ttl"
    with big.open("w", encoding="utf-8") as out:
        for i in range(300_000):
            out.write(f'<urn:fwgraph:test:{i}> <urn:fwgraph:test:p> "{i}" .\n')
    for after in (0.5, 1.0, 2.0):
        proc = subprocess.Popen([sys.executable, "-c", KILLED_ADD, str(store), str(big)])
        time.sleep(after)
        proc.send_signal(signal.SIGKILL)  # kill -9: Oxigraph's transaction is all or nothing
        proc.wait()
        with fwgraph.load("oxigraph", path=store) as kg:
            assert len(kg) in (before, before + 300_000)
            if len(kg) > before:
                break


def test_the_answer_cache_is_bounded_in_bytes() -> None:
    from rdflib import Literal

    from fwgraph.engines import ResultCache

    cache = ResultCache(max_bytes=100_000)
    row = {"label": Literal("x" * 1000)}
    cache.put(("k", "big"), [row] * 1000)  # ~1.3 MB: larger than the whole cache
    assert cache.get(("k", "big")) is None
    for i in range(200):
        cache.put(("k", str(i)), [row] * 10)  # ~13 KB each
    assert cache.bytes <= 100_000
    assert cache.get(("k", "199")) is not None  # the newest stay
    assert cache.get(("k", "0")) is None  # the oldest went first


TERMS = """
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p ex:b , "http://example.org/b" , "01"^^xsd:integer , "1"^^xsd:integer ,
    "2015-03-27"^^xsd:date , "Keras"@en , "Keras"@de , "케라스"@ko , "" , "plain" ,
    [ ex:q "inner" ] .
"""


def test_oxigraph_terms_are_the_same_when_converted_again_and_the_memo_stays_bounded(
    monkeypatch,
) -> None:
    from rdflib import BNode, Graph

    from fwgraph.engines import oxigraph

    graph = Graph().parse(data=TERMS, format="turtle")
    memory = fwgraph.KnowledgeGraph(graph)
    ox = fwgraph.KnowledgeGraph(oxigraph.OxigraphEngine.open())
    ox.engine.add(graph)
    text = "SELECT ?p ?o ?x WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?x } }"

    def cell(term: object) -> tuple[object, ...]:
        # types and Python values too: "01"^^xsd:integer stays 1, a date a date
        text = "_:" if isinstance(term, BNode) else getattr(term, "n3", str)()
        return (type(term), text, getattr(term, "value", None))

    def rows(kg: fwgraph.KnowledgeGraph) -> list[tuple[object, ...]]:
        return sorted((tuple(cell(t) for t in row) for row in kg.query(text).rows), key=repr)

    want = rows(memory)
    assert rows(ox) == want  # first conversion
    assert rows(ox) == want  # from the memo
    monkeypatch.setattr(oxigraph._TERMS, "max_size", 3)
    oxigraph._TERMS.clear()
    assert rows(ox) == want  # converted again, forgotten three at a time
    assert len(oxigraph._TERMS) <= 3
    named = [
        sorted((tuple(map(cell, t)) for t in kg.engine.triples()), key=repr) for kg in (ox, memory)
    ]
    assert named[0] == named[1]


@pytest.mark.parametrize("width", [1, 2, 3, 4, 5])
def test_oxigraph_rows_of_every_width_match_the_memory_engine(width: int) -> None:
    # Rows are read from Oxigraph's solutions by position for one to three columns,
    # by iteration beyond: every shape, unbound cells (None) included, reads alike.
    from rdflib import BNode, Graph

    from fwgraph.engines import oxigraph

    graph = Graph().parse(data=TERMS, format="turtle")
    memory = fwgraph.KnowledgeGraph(graph)
    ox = fwgraph.KnowledgeGraph(oxigraph.OxigraphEngine.open())
    ox.engine.add(graph)
    names = ["?s", "?p", "?o", "?x", "?y"][:width]
    text = (
        f"SELECT {' '.join(names)} WHERE {{ ?s ?p ?o OPTIONAL {{ ?o ?q ?x }} "
        "OPTIONAL { ?s rdfs:seeAlso ?y } }"
    )

    def rows(kg: fwgraph.KnowledgeGraph) -> list[str]:
        result = kg.query(text)
        assert result.variables == tuple(n[1:] for n in names)
        assert all(len(row) == width for row in result.rows)
        return sorted(
            repr(tuple("_:" if isinstance(t, BNode) else None if t is None else t.n3() for t in r))
            for r in result.rows
        )

    want = rows(memory)
    assert len(want) == 11
    assert any("None" in r for r in want) == (width >= 4)  # unbound cells are read too
    assert rows(ox) == want


def test_oxigraph_remembers_prefixes_of_a_bounded_number_of_texts() -> None:
    from fwgraph.engines import oxigraph

    ox = fwgraph.KnowledgeGraph(oxigraph.OxigraphEngine.open())
    for i in range(oxigraph._PREFIX_MEMO + 10):
        assert ox.query(f"ASK {{ fwd:fw-{i} rdfs:label ?l }}").boolean is False
    assert len(ox.engine._prefixes_of) <= oxigraph._PREFIX_MEMO
    long_text = "ASK { ?s fw:builtOn ?o }" + " " * oxigraph._PREFIX_MEMO_TEXT
    assert ox.query(long_text).boolean is False  # answered, not remembered
    assert long_text not in ox.engine._prefixes_of

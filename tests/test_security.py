r"""Nothing fwgraph runs reaches the network unless asked: a corpus of bypass attempts.

Every text below tries to make an engine open a connection — ``SERVICE``,
``LOAD``, ``FROM`` / ``FROM NAMED``, ``USING`` / ``USING NAMED`` — spelled in
every way we could think of (case, ``\u``/``\U`` escapes, the ``\u00000022``
rdflib/Oxigraph differential, comments, odd white space, nested patterns,
variable and prefixed-name and BASE-relative IRIs). Each one points at a
loopback TCP listener that counts the connections it accepts; each is run on
the memory engine, the Oxigraph engine and through a running ``fwgraph
serve`` gate. Each must be refused (``UnsafeQueryError``) or fail to parse
(``QuerySyntaxError``; HTTP 400/403 from the gate) — and the listener must
have accepted no connection at all.

A positive control (``allow_service=True``) shows the listener does count a
real federated query, so "zero connections" means something.
"""

from __future__ import annotations

import contextlib
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

import fwgraph
from fwgraph import QuerySyntaxError, UnsafeQueryError
from fwgraph.server import ServerLimits, SparqlGate, temporary_store
from fwgraph.sparql import check_query, check_update
from tests.servers import Listener

# ---------------------------------------------------------------------- the corpus
# {u}: the listener's SPARQL URL; {b}: its base (http://127.0.0.1:PORT); {p}: its port.

SERVICE_QUERIES: list[str] = [
    "SELECT * WHERE { SERVICE <{u}> { ?s ?p ?o } }",
    "select * where { service <{u}> { ?s ?p ?o } }",
    "SELECT * WHERE { SeRvIcE <{u}> { ?s ?p ?o } }",
    r"SELECT * WHERE { \u0053ERVICE <{u}> { ?s ?p ?o } }",
    r"SELECT * WHERE { SERVIC\u0045 <{u}> { ?s ?p ?o } }",
    r"SELECT * WHERE { \U00000053ERVICE <{u}> { ?s ?p ?o } }",
    r"SELECT * WHERE { \u0073\u0065\u0072\u0076\u0069\u0063\u0065 <{u}> { ?s ?p ?o } }",
    r"SELECT * WHERE { \u005Cu0053ERVICE <{u}> { ?s ?p ?o } }",
    r"SELECT * WHERE { SERVICE <http\u003A//127.0.0.1:{p}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <{u}> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE\tSILENT\t<{u}>\t{ ?s ?p ?o } }",
    "SELECT * WHERE {\r\nSERVICE\r\n<{u}>\r\n{ ?s ?p ?o } }",
    "SELECT * WHERE {\x0cSERVICE\x0c<{u}>\x0c{ ?s ?p ?o } }",
    "SELECT * WHERE {SERVICE<{u}>{?s ?p ?o}}",
    "SELECT * WHERE { # a comment\nSERVICE # another\n<{u}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . #\rSERVICE <{u}> { ?s ?p ?o } }",
    "SELECT * WHERE { { SELECT * WHERE { SERVICE <{u}> { ?s ?p ?o } } } }",
    "SELECT * WHERE { ?s a fw:Framework OPTIONAL { SERVICE <{u}> { ?s ?p ?o } } }",
    "SELECT * WHERE { { ?s a fw:Framework } UNION { SERVICE <{u}> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?s a fw:Framework MINUS { SERVICE <{u}> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?s a fw:Framework FILTER EXISTS { SERVICE <{u}> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?s a fw:Framework FILTER NOT EXISTS { SERVICE <{u}> { ?s ?p ?o } } }",
    "SELECT * WHERE { GRAPH ?g { SERVICE <{u}> { ?s ?p ?o } } }",
    "SELECT * WHERE { VALUES ?x { <{u}> } SERVICE ?x { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT ?x { ?s ?p ?o } } VALUES ?x { <{u}> }",
    'SELECT * WHERE { BIND(IRI("{u}") AS ?x) SERVICE ?x { ?s ?p ?o } }',
    "PREFIX ex: <{b}/> SELECT * WHERE { SERVICE ex:sparql { ?s ?p ?o } }",
    "PREFIX ex: <{u}> SELECT * WHERE { SERVICE ex: { ?s ?p ?o } }",
    "BASE <{b}/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    "BASE <{u}> SELECT * WHERE { SERVICE <> { ?s ?p ?o } }",
    "ASK { SERVICE <{u}> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{u}> { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { SERVICE <{u}> { ?s ?p ?o } }",
    "SELECT (COUNT(*) AS ?n) WHERE { SERVICE <{u}> { ?s ?p ?o } }",
    # the two readings of "<": an operator to one parser, an IRI to another
    "SELECT * WHERE { ?a ?b ?c FILTER(?a<?b)SERVICE<{u}>{?s ?p ?o} }",
    "SELECT * WHERE { ?a ?b ?c FILTER(?a <?b) SERVICE <{u}> { ?s ?p ?o } FILTER(?c> ?a) }",
    "SELECT * WHERE { ?s ?p <http://example.org/#> . SERVICE <{u}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<?s||?s>?o)SERVICE<{u}>{?s ?p ?o} }",
    # Python's str.upper() folds the long s (U+017F) to S: refused, or no keyword at all
    "SELECT * WHERE { \u017fervice <{u}> { ?s ?p ?o } }",
    # the \u00000022 differential: rdflib alone would read U+0022 ('"'), Oxigraph NUL + "0022"
    r'SELECT * WHERE { BIND("x\u00000022 AS ?a) SERVICE <{u}> { ?s ?p ?o } BIND("y" AS ?b) }',
    r"SELECT * WHERE { BIND('x\U00000027 AS ?a) SERVICE <{u}> { ?s ?p ?o } BIND('y' AS ?b) }",
]

FROM_QUERIES: list[str] = [
    "SELECT * FROM <{u}> WHERE { ?s ?p ?o }",
    "select * from <{u}> where { ?s ?p ?o }",
    "SELECT * FROM NAMED <{u}> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * from named <{u}> WHERE { GRAPH ?g { ?s ?p ?o } }",
    r"SELECT * \u0046ROM <{u}> WHERE { ?s ?p ?o }",
    r"SELECT * \U00000046\U00000052\U0000004F\U0000004D <{u}> WHERE { ?s ?p ?o }",
    r"SELECT * FROM \u004EAMED <{u}> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * FROM\tNAMED\t<{u}> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT *FROM<{u}>WHERE{?s ?p ?o}",
    "SELECT ?s # the subject\nFROM <{u}> WHERE { ?s ?p ?o }",
    "SELECT ?s\r\nFROM\r\n<{u}>\x0cWHERE { ?s ?p ?o }",
    "PREFIX ex: <{b}/> SELECT * FROM ex:sparql WHERE { ?s ?p ?o }",
    "BASE <{b}/> SELECT * FROM <sparql> WHERE { ?s ?p ?o }",
    "ASK FROM <{u}> { ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } FROM <{u}> WHERE { ?s ?p ?o }",
    "DESCRIBE ?s FROM <{u}> WHERE { ?s ?p ?o }",
    "SELECT * WHERE { { SELECT * FROM <{u}> WHERE { ?s ?p ?o } } }",
    "SELECT (1 AS ?x) FROM <{u}> FROM NAMED <{b}/other> WHERE { }",
]

UPDATES: list[str] = [
    "LOAD <{u}>",
    "load <{u}>",
    "LOAD SILENT <{u}>",
    "LOAD <{u}> INTO GRAPH <urn:fwgraph:g>",
    r"\u004COAD <{u}>",
    r"\U0000004CO\u0041D <{u}>",
    "LOAD\t<{u}>",
    "# a comment\nLOAD\x0c<{u}>",
    "PREFIX ex: <{b}/> LOAD ex:sparql",
    "BASE <{b}/> LOAD <sparql>",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> } ; LOAD <{u}>",
    "INSERT { ?s ?p ?o } USING <{u}> WHERE { ?s ?p ?o }",
    "INSERT { ?s ?p ?o } using named <{u}> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "DELETE { ?s ?p ?o } USING <{u}> WHERE { ?s ?p ?o }",
    r"INSERT { ?s ?p ?o } \u0055SING <{u}> WHERE { ?s ?p ?o }",
    "WITH <urn:fwgraph:g> DELETE { ?s ?p ?o } INSERT { ?s ?p ?o } USING <{u}> WHERE { ?s ?p ?o }",
    "WITH <urn:fwgraph:g> INSERT { ?s ?p ?o } USING NAMED <{u}> WHERE { ?s ?p ?o }",
    "PREFIX ex: <{b}/> INSERT { ?s ?p ?o } USING ex:sparql WHERE { ?s ?p ?o }",
    "INSERT { ?s ?p ?o } WHERE { SERVICE <{u}> { ?s ?p ?o } }",
    "INSERT { ?s ?p ?o } WHERE { SERVICE SILENT ?x { ?s ?p ?o } VALUES ?x { <{u}> } }",
    "INSERT { ?s ?p ?o } WHERE { { SELECT * WHERE { SERVICE <{u}> { ?s ?p ?o } } } }",
    "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{u}> { } } }",
]


def _fill(template: str, listener: Listener) -> str:
    return (
        template.replace("{u}", listener.url)
        .replace("{b}", listener.base)
        .replace("{p}", str(listener.port))
    )


QUERY_IDS = [f"q{i:02d}" for i in range(len(SERVICE_QUERIES + FROM_QUERIES))]
UPDATE_IDS = [f"u{i:02d}" for i in range(len(UPDATES))]

# Texts that hold the keywords only in strings, IRIs, comments or names: accepted.
BENIGN_QUERIES = [
    'SELECT ?x WHERE { BIND("service from load using" AS ?x) }',
    "SELECT ?x WHERE { BIND('SERVICE <http://127.0.0.1:9/> { }' AS ?x) }",
    'SELECT ?x WHERE { BIND("""FROM NAMED <http://127.0.0.1:9/>\nUSING""" AS ?x) }',
    "SELECT * WHERE { ?s ?p <http://example.org/service/load> }",
    "SELECT * WHERE { ?s ?p <http://example.org/from/using.service> }",
    "SELECT * WHERE { ?s ?p <http://example.org/a?x=from&y=load#service> }",
    "SELECT * WHERE { ?s ?p <urn:service:load:from> }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { }",
    "# FROM <http://127.0.0.1:9/>\nSELECT * WHERE { ?s ?p ?o } LIMIT 1",
    "SELECT ?service ?from ?load ?using WHERE { ?service ?from ?load . BIND(1 AS ?using) } LIMIT 1",
    "SELECT $service WHERE { $service a fw:Framework }",
    "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:load ?o }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:from ex:using }",
    "SELECT * WHERE { ?s rdfs:label 'FROM'@en }",
    'SELECT * WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), "using")) } LIMIT 1',
    "ASK { <http://example.org/#SERVICE> ?p ?o }",
    'SELECT ?x WHERE { BIND("서비스 SERVICE" AS ?x) }',
    r'SELECT ?x WHERE { BIND("\u0053ERVICE" AS ?x) }',
]
BENIGN_UPDATES = [
    'INSERT DATA { <urn:fwgraph:a> rdfs:label "LOAD <http://127.0.0.1:9/> USING" }',
    "# LOAD <http://127.0.0.1:9/>\nINSERT DATA { <urn:fwgraph:a> <urn:fwgraph:load> 1 }",
    "DELETE DATA { <http://example.org/using/from> <urn:fwgraph:service> <urn:x> }",
]

# A differential that, once decoded, is harmless: its SERVICE sits in a string.
HARMLESS_DIFFERENTIAL = [
    r'SELECT * WHERE { ?s ?p "\u00000022 } SERVICE <{u}> { ?s ?p ?o } { ?s ?p " }',
    r'SELECT * WHERE { ?s ?p "\u00000022 . SERVICE <{u}> { ?s ?p ?o } # " }',
]

QUERY_FAILURES = (UnsafeQueryError, QuerySyntaxError)


# ---------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def engines() -> Iterator[dict[str, fwgraph.KnowledgeGraph]]:
    graphs = {"memory": fwgraph.load(), "oxigraph": fwgraph.load("oxigraph")}
    yield graphs
    for kg in graphs.values():
        kg.close()


@pytest.fixture(scope="module")
def gate() -> Iterator[SparqlGate]:
    kg = fwgraph.load()
    limits = ServerLimits(timeout=5, max_body=16384, max_result=200_000, idle=5)
    with temporary_store(kg.engine.triples()) as store:
        kg.close()
        server = SparqlGate(store, port=0, limits=limits, workers=2)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield server
        server.shutdown()
        server.close()


def _http(gate: SparqlGate, text: str, *, update: bool = False) -> tuple[int, bytes]:
    if update:
        request = urllib.request.Request(  # noqa: S310 - loopback test server
            gate.url,
            data=text.encode("utf-8"),
            method="POST",
            headers={"Content-Type": "application/sparql-update"},
        )
    else:
        form = urllib.parse.urlencode({"query": text}).encode()
        request = urllib.request.Request(  # noqa: S310 - loopback test server
            gate.url,
            data=form,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


# ---------------------------------------------------------------------- the corpus, refused


def test_corpus_is_large_enough() -> None:
    assert len(SERVICE_QUERIES) + len(FROM_QUERIES) + len(UPDATES) >= 60


@pytest.mark.parametrize("engine", ["memory", "oxigraph"])
@pytest.mark.parametrize("template", SERVICE_QUERIES + FROM_QUERIES, ids=QUERY_IDS)
def test_query_is_refused_and_nothing_connects(engine, template, engines, listener) -> None:
    text = _fill(template, listener)
    with pytest.raises(QUERY_FAILURES):
        engines[engine].query(text)
    assert listener.count == 0


@pytest.mark.parametrize("engine", ["memory", "oxigraph"])
@pytest.mark.parametrize("template", UPDATES, ids=UPDATE_IDS)
def test_update_is_refused_and_nothing_connects(engine, template, engines, listener) -> None:
    kg = engines[engine]
    before = len(kg)
    text = _fill(template, listener)
    with pytest.raises(QUERY_FAILURES):
        kg.update(text)
    assert listener.count == 0
    assert len(kg) == before


@pytest.mark.parametrize("template", SERVICE_QUERIES + FROM_QUERIES, ids=QUERY_IDS)
def test_query_is_refused_by_the_serve_gate(template, gate, listener) -> None:
    status, body = _http(gate, _fill(template, listener))
    assert status in (400, 403), body
    assert listener.count == 0


@pytest.mark.parametrize("template", UPDATES, ids=UPDATE_IDS)
def test_update_is_refused_by_the_serve_gate(template, gate, listener) -> None:
    status, body = _http(gate, _fill(template, listener), update=True)
    assert status in (400, 403), body
    status, body = _http(gate, _fill(template, listener))  # sent as a query
    assert status in (400, 403), body
    assert listener.count == 0


def test_after_every_engine_the_listener_accepted_nothing(engines, gate, listener) -> None:
    for kg in engines.values():
        for template in SERVICE_QUERIES + FROM_QUERIES:
            with pytest.raises(QUERY_FAILURES):
                kg.query(_fill(template, listener))
        for template in UPDATES:
            with pytest.raises(QUERY_FAILURES):
                kg.update(_fill(template, listener))
        assert listener.count == 0, kg
    for template in SERVICE_QUERIES + FROM_QUERIES:
        assert _http(gate, _fill(template, listener))[0] in (400, 403)
    assert listener.count == 0


@pytest.mark.parametrize("engine", ["memory", "oxigraph"])
@pytest.mark.parametrize("template", HARMLESS_DIFFERENTIAL)
def test_a_decoded_differential_runs_without_connecting(
    engine, template, engines, listener
) -> None:
    # Decoded, the SERVICE sits inside a string; the check may still refuse the text
    # for the NUL character its escapes produce. Either way nothing connects.
    with contextlib.suppress(fwgraph.UnsafeQueryError):
        engines[engine].query(_fill(template, listener))
    assert listener.count == 0


# ---------------------------------------------------------------------- known bypass
# A backslash outside strings (PN_LOCAL_ESC: the local part of a prefixed name may
# hold \' \" \# …) is read by the check as "other", after which the ', " or # starts
# a string or comment *for the check only*: the engines read ex:a\' as one name and
# see the SERVICE / LOAD that follows. Found by this corpus and fixed in
# src/fwgraph/sparql.py: a backslash and the character after it are blanked first.

PN_ESCAPE_CASES = {
    "quote-prefixed": "PREFIX ex: <http://example.org/> SELECT * WHERE "
    "{ VALUES ?z { ex:a\\' } SERVICE <{u}> { ?s ?p ?o } FILTER(?z != 'x') }",
    "hash": "SELECT * WHERE { VALUES ?z { fwd:a\\# } SERVICE <{u}> { ?s ?p ?o } }",
    "dquote": 'SELECT * WHERE { BIND(fwd:a\\" AS ?z) SERVICE <{u}> { ?s ?p ?o } '
    'FILTER(?z != "x") }',
    "quote-bind": "SELECT * WHERE { BIND(fwd:a\\' AS ?z) SERVICE <{u}> { ?s ?p ?o } "
    "FILTER(?z != 'x') }",
    "from-hash": "SELECT * FROM fwd:a\\# FROM <{u}> WHERE { ?s ?p ?o }",
    "update-load": "INSERT DATA { fwd:a\\# fwd:b fwd:c } ; LOAD <{u}>",
    "update-load-quote": "INSERT DATA { fwd:a\\' fwd:b 'x' } ; LOAD <{u}>",
    "update-using": "INSERT { ?s ?p ?o } USING fwd:a\\# USING <{u}> WHERE { ?s ?p ?o }",
    "update-service": "INSERT { ?s ?p ?o } WHERE { BIND(fwd:a\\' AS ?z) "
    "SERVICE <{u}> { ?s ?p ?o } FILTER(?z != 'x') }",
}


def _pn_escape_params() -> list[Any]:
    params = []
    for name in PN_ESCAPE_CASES:
        where_all = ["memory", "oxigraph"] + ([] if name.startswith("update") else ["serve"])
        for where in where_all:
            params.append(pytest.param(name, where, id=f"{name}-{where}"))
    return params


@pytest.mark.parametrize(("name", "where"), _pn_escape_params())
def test_a_backslash_in_a_prefixed_name_hides_nothing(name, where, gate, engines) -> None:
    """Each with its own listener: a connection here must not spoil the counts above.

    Updates run on a graph of their own (one of them does change it today).
    """
    own = Listener()
    try:
        text = _fill(PN_ESCAPE_CASES[name], own)
        if where == "serve":
            status, body = _http(gate, text)
            assert status in (400, 403), body
        elif name.startswith("update"):
            with fwgraph.load(where) as kg, pytest.raises(QUERY_FAILURES):
                kg.update(text)
        else:
            with pytest.raises(QUERY_FAILURES):
                engines[where].query(text)
        time.sleep(0.05)  # a connection the engine opened has been accepted by now
        assert own.count == 0
    finally:
        own.close()


# ---------------------------------------------------------------------- at least as strict


def _network_nodes(tree: Any) -> set[str]:
    """Names of rdflib parse-tree nodes that would reach the network."""
    from rdflib.plugins.sparql.parserutils import CompValue

    wanted = {"ServiceGraphPattern", "DatasetClause", "Load", "UsingClause"}
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name in wanted:
                found.add(node.name)
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(list(node))
    return found


def rdflib_network_nodes(text: str, *, update: bool = False) -> set[str]:
    """What rdflib's own parser finds in ``text`` that reaches the network ("" if no parse)."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseUpdate(text) if update else parseQuery(text)
    except Exception:  # noqa: BLE001 - an unparseable text reaches nothing
        return set()
    return _network_nodes(tree)


@pytest.mark.parametrize("template", SERVICE_QUERIES + FROM_QUERIES, ids=QUERY_IDS)
def test_the_check_is_at_least_as_strict_as_rdflib_on_queries(template, listener) -> None:
    text = _fill(template, listener)
    try:
        checked = check_query(text)
    except UnsafeQueryError:
        return  # refused: fine
    except QuerySyntaxError:
        return
    assert rdflib_network_nodes(checked.text) == set(), checked.text


@pytest.mark.parametrize("template", UPDATES, ids=UPDATE_IDS)
def test_the_check_is_at_least_as_strict_as_rdflib_on_updates(template, listener) -> None:
    text = _fill(template, listener)
    try:
        checked = check_update(text)
    except (UnsafeQueryError, QuerySyntaxError):
        return
    assert rdflib_network_nodes(checked.text, update=True) == set(), checked.text


def test_rdflib_does_see_the_network_in_the_plain_corpus(listener) -> None:
    """The strictness test above is not vacuous: rdflib finds SERVICE/FROM/LOAD/USING."""
    assert "ServiceGraphPattern" in rdflib_network_nodes(_fill(SERVICE_QUERIES[0], listener))
    assert rdflib_network_nodes(_fill(FROM_QUERIES[0], listener))
    assert "Load" in rdflib_network_nodes(_fill(UPDATES[0], listener), update=True)
    assert rdflib_network_nodes(_fill(UPDATES[11], listener), update=True)


@pytest.mark.parametrize("text", BENIGN_QUERIES)
def test_benign_queries_are_accepted_and_run(text, engines) -> None:
    check_query(text)
    for kg in engines.values():
        kg.query(text)


@pytest.mark.parametrize("text", BENIGN_UPDATES)
def test_benign_updates_are_accepted(text) -> None:
    assert check_update(text).form == "UPDATE"


# ---------------------------------------------------------------------- positive control


@pytest.mark.parametrize("engine", ["memory", "oxigraph"])
def test_the_listener_counts_a_federated_query_when_allowed(engine) -> None:
    """With allow_service=True both engines do connect: the zero counts above are real."""
    control = Listener()
    try:
        with fwgraph.load(engine) as kg:
            query = f"SELECT * WHERE {{ SERVICE <{control.url}> {{ ?s ?p ?o }} }}"
            kg.query(query, allow_service=True)
        assert control.count >= 1
    finally:
        control.close()


# ---------------------------------------------------------------------- bindings


@pytest.mark.parametrize("engine", ["memory", "oxigraph"])
def test_binding_names_cannot_inject_text(engine, engines, listener) -> None:
    kg = engines[engine]
    query = "SELECT ?f WHERE { ?f fw:builtOn ?b }"
    with pytest.raises(UnsafeQueryError):
        kg.query(query, bindings={"b) { (fwd:theano) } #": "jax"})
    with pytest.raises(UnsafeQueryError):
        kg.query(query, bindings={"nosuchvariable": "jax"})
    with pytest.raises(UnsafeQueryError):
        kg.query(query, bindings={f"b }} SERVICE <{listener.url}> {{ ?s ?p ?o }} #": "jax"})
    assert listener.count == 0
    assert kg.query(query, bindings={"b": "jax"}).rows

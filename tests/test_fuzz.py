r"""Generated inputs: the check, the engines, the Turtle reader, names and the CLI.

Query texts are assembled from SPARQL fragments — the network keywords in
every spelling (``\u``/``\U`` escapes of their letters), comments, strings,
IRIs, odd white space — and from whole queries with fragments spliced in.
For each text:

* :func:`check_query` / :func:`check_update` return or raise an ``FwgraphError``;
* when the check passes, rdflib's own parser, given the decoded text the
  engines would run, finds no ``SERVICE``, ``FROM``, ``LOAD`` or ``USING``;
* (a smaller share) the text runs on the memory and Oxigraph engines with a
  loopback listener up: it answers or raises an ``FwgraphError``, and the
  listener accepts no connection.

Turtle texts go through :func:`parse_turtle`, names through
:meth:`KnowledgeGraph.resolve`, argument lists through :func:`fwgraph.cli.main`.

The CI run generates about 10^4 cases, each under a hypothesis deadline. For
a longer soak, multiply every count with ``FWGRAPH_FUZZ_EXAMPLES`` (e.g.
``FWGRAPH_FUZZ_EXAMPLES=20 pytest tests/test_fuzz.py``).
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fwgraph
from fwgraph import FwgraphError, UnknownEntityError, cli
from fwgraph.cli import _run as cli_run
from fwgraph.engines.files import parse_turtle
from fwgraph.engines.oxigraph import OxigraphEngine
from fwgraph.errors import TurtleSyntaxError
from fwgraph.sparql import check_query, check_update
from tests.servers import Listener
from tests.test_security import rdflib_network_nodes
from tests.test_sparql import assert_shortcuts_agree

SCALE = max(1, int(os.environ.get("FWGRAPH_FUZZ_EXAMPLES", "1")))


def fuzz(examples: int, deadline_ms: int) -> settings:
    """Settings for one fuzz test: ``examples`` × ``FWGRAPH_FUZZ_EXAMPLES``, per-case deadline."""
    return settings(
        max_examples=examples * SCALE,
        deadline=deadline_ms,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# The listener's URL is not known when the strategies are built: texts hold {u}.
URL = "{u}"

# ---------------------------------------------------------------------- SPARQL fragments

NETWORK_WORDS = ["SERVICE", "LOAD", "FROM", "USING", "NAMED", "SILENT", "WITH"]
WORDS = [
    *NETWORK_WORDS,
    "SELECT",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "WHERE",
    "INSERT",
    "DELETE",
    "DATA",
    "GRAPH",
    "OPTIONAL",
    "UNION",
    "MINUS",
    "FILTER",
    "EXISTS",
    "NOT",
    "BIND",
    "AS",
    "VALUES",
    "PREFIX",
    "BASE",
    "LIMIT 3",
    "DISTINCT",
    "INTO",
    "a",
]
PUNCTUATION = [*list("{}().;,<>=!^|/#?$:*+-@\"'"), "\\", "<<", ">>", "&&", "||", "^^", "[]"]
TERMS = [
    "?s",
    "?p",
    "?o",
    "?x",
    "$g",
    f"<{URL}>",
    "<http://example.org/service/load>",
    "<http://example.org/#x>",
    "<>",
    "<sparql>",
    "ex:",
    "ex:sparql",
    "fwd:keras",
    "fw:builtOn",
    "rdfs:label",
    "1",
    "2.5",
    "true",
    "_:b",
    "()",
]
STRINGS = [
    '"x"',
    "'y'",
    '"""z\n"""',
    "'''w'''",
    f'"SERVICE <{URL}> {{ }}"',
    '"\\""',
    "'\\''",
    '"\\u00000022"',
    '"a\\\\"',
]
COMMENTS = [f"# SERVICE <{URL}>\n", "#\n", "#\r", "# FROM\r\n", "#"]
SPACES = [" ", " ", " ", "\t", "\n", "\r", "\r\n", "\x0c", "\x0b", "\u00a0", "\u3000"]
SPACES += ["\u2028", "\u0085", "\ufeff", "\u200b", ""]
RAW_ESCAPES = [
    "\\u0053",
    "\\U00000053",
    "\\u005C",
    "\\u005Cu0053",
    "\\u0022",
    "\\u0027",
    "\\u003C",
    "\\u003E",
    "\\u0023",
    "\\u000A",
    "\\u0000",
    "\\u00000022",
    "\\U0010FFFF",
    "\\uD800",
    "\\u",
    "\\U0011FFFF",
]
PREFIXES = [f"PREFIX ex: <{URL}/>\n", f"BASE <{URL}/>\n", "PREFIX : <http://example.org/>\n"]

TEMPLATES = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 3",
    f"SELECT * WHERE {{ SERVICE <{URL}> {{ ?s ?p ?o }} }}",
    f"SELECT * FROM <{URL}> WHERE {{ ?s ?p ?o }}",  # noqa: S608 - SPARQL, on purpose
    f"SELECT * FROM NAMED <{URL}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",  # noqa: S608
    f"SELECT * WHERE {{ VALUES ?x {{ <{URL}> }} SERVICE SILENT ?x {{ ?s ?p ?o }} }}",
    "SELECT ?s WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?r } FILTER(?s != ?o) } LIMIT 3",
    "ASK { ?s ?p ?o FILTER NOT EXISTS { ?o ?p ?s } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { ?o ?p ?s } } LIMIT 3",
    "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 2 } MINUS { ?s a ?t } }",
    'SELECT ?x WHERE { BIND("service from load" AS ?x) }',
    "SELECT * WHERE { ?a ?b ?c FILTER(?a<?b) }",
    f"LOAD <{URL}>",
    f"INSERT {{ ?s ?p ?o }} USING <{URL}> WHERE {{ ?s ?p ?o }}",
    f"WITH <urn:g> DELETE {{ ?s ?p ?o }} USING NAMED <{URL}> WHERE {{ ?s ?p ?o }}",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
]


@st.composite
def escaped_word(draw: st.DrawFn) -> str:
    """A keyword with some letters written as \\u or \\U escapes, in any case."""
    word = draw(st.sampled_from([*NETWORK_WORDS, "SELECT", "WHERE"]))
    out = []
    for upper in word:
        letter = upper.lower() if draw(st.booleans()) else upper
        how = draw(st.sampled_from(["plain", "plain", "u", "U"]))
        if how == "u":
            out.append(f"\\u{ord(letter):04{draw(st.sampled_from('Xx'))}}")
        elif how == "U":
            out.append(f"\\U{ord(letter):08X}")
        else:
            out.append(letter)
    return "".join(out)


def cased(words: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(words).flatmap(
        lambda w: st.sampled_from([w, w.lower(), w.title(), w.swapcase()])
    )


fragment = st.one_of(
    cased(WORDS),
    escaped_word(),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(TERMS),
    st.sampled_from(STRINGS),
    st.sampled_from(COMMENTS),
    st.sampled_from(RAW_ESCAPES),
    st.text(max_size=3),
)
separator = st.sampled_from(SPACES)


@st.composite
def token_soup(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(["", *PREFIXES]))]
    for piece in draw(st.lists(fragment, max_size=25)):
        parts.append(piece)
        parts.append(draw(separator))
    return "".join(parts)


@st.composite
def spliced(draw: st.DrawFn) -> str:
    """A whole query or update with fragments inserted, or letters dropped, at random places."""
    text = draw(st.sampled_from(TEMPLATES))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(fragment | separator) + text[at:]
        else:
            text = text[:at] + text[at + 1 :]
    return draw(st.sampled_from(["", *PREFIXES])) + text


sparql_texts = st.one_of(token_soup(), spliced())
# for the engines: mostly whole queries with a few changes, so more of them run
engine_texts = st.one_of(spliced(), spliced(), spliced(), token_soup())


# rdflib can only find a keyword the decoded text holds (re.I also folds the dotless
# i and the long s, as rdflib's str.upper() does): parse only those texts with rdflib.
MAY_REACH = re.compile("SERVICE|LOAD|FROM|USING", re.I)


def network_nodes(text: str, *, update: bool = False) -> set[str]:
    """What rdflib's parser finds in ``text`` that reaches the network (cheap when nothing)."""
    return rdflib_network_nodes(text, update=update) if MAY_REACH.search(text) else set()


def fill(text: str, listener: Listener | None) -> str:
    return text.replace(URL, listener.url if listener is not None else "http://127.0.0.1:9/sparql")


# ---------------------------------------------------------------------- fixtures

SMALL = """
@prefix fw: <https://w3id.org/fwgraph/ns#> .
@prefix fwd: <https://w3id.org/fwgraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
fwd:keras fw:builtOn fwd:jax ; rdfs:label "Keras"@en .
fwd:jax rdfs:label "JAX" .
"""


@pytest.fixture(scope="module")
def small_engines() -> Iterator[list[fwgraph.KnowledgeGraph]]:
    """Two tiny graphs (memory, Oxigraph): a generated cartesian product stays cheap."""
    graph = parse_turtle(SMALL)
    memory = fwgraph.KnowledgeGraph(graph)
    oxigraph = OxigraphEngine.open()
    oxigraph.add(graph)
    graphs = [memory, fwgraph.KnowledgeGraph(oxigraph)]
    yield graphs
    for kg in graphs:
        kg.close()


# ---------------------------------------------------------------------- the check


# Thousands of generated examples: keep the graphs other tests loaded out of the
# collector's way (conftest.frozen_heap).
pytestmark = pytest.mark.usefixtures("frozen_heap")


def _checked(text: str) -> tuple[str | None, str | None]:
    """The decoded texts ``check_query`` and ``check_update`` let through (None if refused)."""
    query = update = None
    with contextlib.suppress(FwgraphError):
        query = check_query(text).text
    with contextlib.suppress(FwgraphError):
        update = check_update(text).text
    return query, update


@fuzz(4000, 500)
@given(sparql_texts)
def test_the_check_returns_or_raises_and_rdflib_sees_no_network(text: str) -> None:
    query, update = _checked(fill(text, None))
    if query is not None:
        assert network_nodes(query) == set(), query
    if update is not None:
        assert network_nodes(update, update=True) == set(), update


@fuzz(2000, 500)
@given(sparql_texts)
def test_the_checks_shortcuts_agree_with_its_full_scan(text: str) -> None:
    """Skipped decoding, skipped keyword scans and the leading form word change no verdict."""
    from fwgraph.sparql import _decode

    text = fill(text, None)
    try:
        decoded = _decode(text)
    except FwgraphError:
        return
    if text.isascii() and "\\" not in text:
        assert decoded == text
    assert_shortcuts_agree(decoded)


@fuzz(500, 3000)
@given(text=engine_texts)
def test_engines_answer_or_raise_and_never_connect(text, small_engines, listener) -> None:
    text = fill(text, listener)
    query, _ = _checked(text)
    if query is None:
        return
    assert network_nodes(query) == set(), query
    for kg in small_engines:
        with contextlib.suppress(FwgraphError):
            kg.query(text)
        assert listener.count == 0, (kg, text)


@st.composite
def escaped_names(draw: st.DrawFn) -> str:
    """A prefixed name whose local part ends in a backslash escape, then a SERVICE."""
    prefix = draw(st.sampled_from(["fwd", "fw", "ex", ""]))
    local = draw(st.text(alphabet="abcxyz_0123456789", min_size=1, max_size=6))
    escape = draw(st.sampled_from(["'", '"', "#"]))
    quote = "'" if escape == "#" else escape
    head = f"PREFIX {prefix}: <http://example.org/> " if prefix in ("ex", "") else ""
    bind = draw(st.sampled_from(["VALUES ?z {{ {n} }}", "BIND({n} AS ?z)"]))
    name = f"{prefix}:{local}\\{escape}"
    return (
        f"{head}SELECT * WHERE {{ {bind.format(n=name)} SERVICE <{URL}> {{ ?s ?p ?o }} "
        f"FILTER(?z != {quote}x{quote}) }}"
    )


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(text=escaped_names())
def test_backslash_escapes_in_names_hide_no_keyword(text: str) -> None:
    query, _ = _checked(fill(text, None))
    if query is not None:
        assert network_nodes(query) == set(), query


def test_the_generators_reach_texts_the_check_passes_and_refuses() -> None:
    """The strategies are not vacuous: some texts pass, some are refused for the network."""
    from hypothesis import find

    def passes(text: str) -> bool:
        return _checked(fill(text, None))[0] is not None and "SERVICE" not in text

    def refused(text: str) -> bool:
        try:
            check_query(fill(text, None))
        except fwgraph.UnsafeQueryError as exc:
            return exc.feature == "SERVICE" and "\\u" in text
        except FwgraphError:
            return False
        return False

    quick = settings(database=None, max_examples=2000, deadline=None)
    assert find(sparql_texts, passes, settings=quick)
    assert find(sparql_texts, refused, settings=quick)


# ---------------------------------------------------------------------- Turtle

TURTLE_FRAGMENTS = [
    "@prefix ex: <http://example.org/> .",
    "PREFIX ex: <http://example.org/>",
    "@base <http://127.0.0.1:9/> .",
    "ex:a",
    "ex:b",
    "<http://example.org/x>",
    "<x>",
    "<>",
    "a",
    "_:b",
    "[",
    "]",
    "(",
    ")",
    ".",
    ";",
    ",",
    '"lit"',
    "'lit'",
    '"""multi\nline"""',
    '"x"@en',
    '"1"^^xsd:int',
    "^^",
    "@en",
    "1",
    "-2.5e3",
    "true",
    "# comment",
    "\\u0041",
    "\\U0001F600",
    '"\\u00000022"',
    "ex:a\\.b",
    "<<",
    ">>",
    "{",
    "}",
]
turtle_texts = st.lists(
    st.sampled_from(TURTLE_FRAGMENTS) | st.text(max_size=4) | st.sampled_from(SPACES), max_size=30
).map(lambda parts: " ".join(parts) + "\n")


@fuzz(3000, 1000)
@given(turtle_texts)
def test_parse_turtle_returns_a_graph_or_a_turtle_error(text: str) -> None:
    try:
        graph = parse_turtle(text)
    except TurtleSyntaxError as exc:
        assert "malformed Turtle" in str(exc)  # noqa: PT017 - any outcome but a crash
        return
    except FwgraphError:
        return
    assert isinstance(graph, rdflib.Graph)


# ---------------------------------------------------------------------- names

KNOWN = ["keras", "Keras", "케라스", "fwd:keras", "TF", "tensorflow", "PyTorch", "jax", "DL4J"]
names = st.one_of(
    st.text(max_size=40),
    st.sampled_from(KNOWN),
    st.tuples(st.sampled_from(KNOWN), st.text(max_size=3)).map("".join),
    st.sampled_from(["", " ", "fwd:", "fw:", "http://", "https://w3id.org/fwgraph/id/", "?x"]),
    st.sampled_from(["<keras>", "fwd:keras>", "_:b", "\\u006Beras", "keras\x00", "a" * 300]),
)


@pytest.fixture(scope="module")
def warm_kg(kg):  # type: ignore[no-untyped-def]
    """The packaged graph with its name index built (the first look-up builds it)."""
    kg.resolve("keras")
    with contextlib.suppress(UnknownEntityError):
        kg.resolve("no such thing")
    return kg


@fuzz(2000, 1000)
@given(name=names)
def test_resolve_finds_a_resource_or_raises_unknown_entity(warm_kg, name: str) -> None:
    try:
        iri = warm_kg.resolve(name)
    except UnknownEntityError as exc:
        assert exc.name == name.strip() or exc.name in name, (exc.name, name)  # noqa: PT017
        return
    assert isinstance(iri, rdflib.URIRef)


# ---------------------------------------------------------------------- the command line

OUT = Path(tempfile.mkdtemp(prefix="fwgraph-fuzz-"))
atexit.register(shutil.rmtree, OUT, ignore_errors=True)
(OUT / "query.rq").write_text("SELECT ?f WHERE { ?f fw:builtOn ?b }", encoding="utf-8")
(OUT / "binary.rq").write_bytes(b"\x00\xff\xfe")
(OUT / "bad.ttl").write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n")
COMMANDS = ["show", "lineage", "compare", "query", "export", "claims", "releases", "frameworks"]
COMMANDS += ["draw", "nosuch", ""]
OPTIONS = [
    "--format",
    "--as-of",
    "--depth",
    "--radius",
    "--center",
    "--view",
    "--lang",
    "--verdict",
    "--direction",
    "--relation",
    "--bind",
    "--language",
    "--organization",
    "--status",
    "--built-on",
    "--data",
    "-f",
    "-o",
    "-q",
    "--store",
    "--store-graph",
    "--allow-service",
    "--help",
    "--version",
    "-x",
    "--",
]
VALUES = [
    "keras",
    "kears",
    "pytorch",
    "tensorflow",
    "",
    " ",
    "2018",
    "2018-06",
    "2018-13",
    "2018-06-31",
    "0",
    "1",
    "-1",
    "99999",
    "abc",
    "nan",
    "json",
    "csv",
    "table",
    "markdown",
    "graphml",
    "dot",
    "cyjs",
    "bogus",
    "ego",
    "lineage",
    "organizations",
    "ko",
    "en",
    "holds",
    "builtOn",
    "b=jax",
    "x=keras",
    "b",
    "google",
    "python",
    "memory",
    "bogus-store",
    "http://127.0.0.1:9/query",
    "SELECT ?f WHERE { ?f fw:builtOn fwd:jax }",
    "ASK {}",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "DELETE WHERE { ?s ?p ?o }",
    str(OUT / "query.rq"),
    str(OUT / "binary.rq"),
    str(OUT / "bad.ttl"),
    str(OUT / "missing.ttl"),
    str(OUT / "out.json"),
    str(OUT / "out.bmp"),
    str(OUT / "no" / "dir" / "x.png"),
    str(OUT),
]
argvs = st.tuples(
    st.sampled_from(COMMANDS),
    st.lists(st.sampled_from(OPTIONS + VALUES + VALUES) | st.text(max_size=4), max_size=8),
).map(lambda t: ([t[0]] if t[0] else []) + t[1])


@pytest.fixture(scope="module")
def shared_load(kg) -> Iterator[None]:
    """The packaged graph loaded once, and a scratch working directory.

    The CLI fuzz exercises arguments, not loading; and a generated ``-o ego``
    writes ``ego`` into the working directory, so that is a temporary one.
    """
    real = cli_run.load_graph
    cwd = Path.cwd()
    os.chdir(OUT)

    def load(args):  # type: ignore[no-untyped-def]
        if args.store == "memory" and not args.data:
            return kg
        return real(args)

    cli_run.load_graph = load
    try:
        yield
    finally:
        cli_run.load_graph = real
        os.chdir(cwd)


@fuzz(500, 5000)
@given(argv=argvs)
def test_the_cli_exits_zero_or_one_and_never_raises(shared_load, argv: list[str]) -> None:
    if "draw" in argv[:1] and any(a.endswith(".png") for a in argv):
        return  # drawing a picture takes seconds; tests/test_cli.py draws
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    assert code in (0, 1), (argv, err.getvalue())
    lines = err.getvalue().splitlines()
    if code == 1:
        errors = [line for line in lines if line.startswith("fwgraph: error: ")]
        assert len(errors) == 1, (argv, err.getvalue())
        assert "unexpected" not in errors[0], (argv, errors[0])
    assert "Traceback" not in err.getvalue()

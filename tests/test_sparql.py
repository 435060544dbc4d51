"""The query check: what it refuses, and that the packaged queries read the same either way."""

from __future__ import annotations

from importlib.resources import files

import pytest

import fwgraph
from fwgraph.sparql import check_query, packaged_query

QUERIES = sorted(p.name for p in (files("fwgraph") / "queries").iterdir() if p.name.endswith(".rq"))


@pytest.mark.parametrize("name", QUERIES)
def test_packaged_queries_read_the_same_with_the_full_check(name) -> None:
    text = (files("fwgraph") / "queries" / name).read_text(encoding="utf-8")
    assert packaged_query(text) == check_query(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "select * where { service <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * WHERE { SeRvIcE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        'SELECT * WHERE { BIND("A\\u00000022 # " AS ?a) SERVICE <http://127.0.0.1:9/> {?x ?p ?o} }',
        "SELECT * WHERE { FILTER(?a<?b)SERVICE?x#>\n{ ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ex:o.SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * WHERE { OPTIONAL { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
        "SELECT * WHERE { { SELECT * WHERE { SERVICE ?svc { ?s ?p ?o } } } }",
        # Unicode case folding: re.I reads these as the keywords (as str.upper() does)
        "SELECT * WHERE { \u017fERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o } # \u00e9\nSELECT * FROM <http://127.0.0.1:9/g> { ?s ?p ?o }",
        "INSERT { ?s ?p ?o } U\u017fING <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }",
    ],
)
def test_network_keywords_are_refused_in_every_spelling(text) -> None:
    with pytest.raises(fwgraph.UnsafeQueryError):
        check_query(text)


def test_keywords_inside_strings_iris_and_comments_are_not_keywords() -> None:
    text = (
        'SELECT ?l WHERE { ?f rdfs:label ?l FILTER(CONTAINS(?l, "service from load")) '
        "?f fw:homepage <http://example.org/service/load> } # SERVICE in a comment"
    )
    assert check_query(text).form == "SELECT"


def test_decoded_text_is_what_runs_and_leftover_escapes_are_refused() -> None:
    assert check_query('SELECT * { BIND("\\u0041" AS ?a) }').text == 'SELECT * { BIND("A" AS ?a) }'
    with pytest.raises(fwgraph.UnsafeQueryError, match="escape"):
        check_query('SELECT * { BIND("\\u005Cu0041" AS ?a) }')


# Texts on both sides of each shortcut of the check: a leading word glued to a
# digit, "_", ":" or "-" (not a keyword), non-ASCII white space before it,
# Unicode case folding, prefixes first, escapes.
SHORTCUT_TEXTS = [
    "SELECT * { ?s ?p ?o }",
    "  \n\tselect * { ?s ?p ?o }",
    "\u00a0\u2003SELECT * { ?s ?p ?o }",
    "SELECT1 * { ?s ?p ?o }",
    "SELECT_x { }",
    "SELECT:x SERVICE <http://127.0.0.1:9/> { }",
    "SELECT-x FROM <http://127.0.0.1:9/> { }",
    "ASK{}",
    "\u017fELECT * { ?s ?p ?o }",
    "PREFIX select: <urn:x> SELECT * { ?s ?p select:o }",
    "# SELECT\nINSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "BASE <urn:x> DESCRIBE <y>",
    "selectx ASK {}",
    "SELECT * { ?s ?p ?o } # us\u0131ng <http://127.0.0.1:9/>",
    "SELECT * { ?s ?p ?o FILTER(?o = 'from load using service') }",
    "\\u0053ELECT * { ?s ?p ?o }",
]


def assert_shortcuts_agree(decoded: str) -> None:
    """What the check skips for speed would find nothing, and its form word is reading A's."""
    from fwgraph.sparql import _first_keyword, _form, _may_reach_network, _network_words, _patterns

    if not _may_reach_network(decoded):
        assert _network_words(decoded) == [], decoded
    assert _form(decoded) == _first_keyword(_patterns()[0].sub(" ", decoded)), decoded


@pytest.mark.parametrize("text", SHORTCUT_TEXTS)
def test_the_checks_shortcuts_agree_with_its_full_scan(text) -> None:
    """What the check skips for speed would have found nothing, and its form word is reading A's."""
    from fwgraph.sparql import _decode

    assert_shortcuts_agree(_decode(text))

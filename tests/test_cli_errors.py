"""Malformed command lines: exit status 1 and exactly one line, ``fwgraph: error: …``.

No traceback, no usage text, nothing on standard output — and the line says
what was wrong. ``{tmp}``, ``{bin}``, ``{nul}``, ``{empty}``, ``{rdfxml}``,
``{rq}`` and ``{data}`` are filled in by the test (files made in ``tmp_path``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fwgraph.cli import main
from fwgraph.cli._types import as_of

DATA = Path(__file__).parent / "data"
SELECT_B = "SELECT ?f WHERE { ?f fw:builtOn ?b }"
REFUSED = "http://127.0.0.1:9/query"  # port 9 (discard): nothing listens on loopback

CASES: list[tuple[list[str], str]] = [
    # files
    (["query", "-f", "{bin}"], "not a UTF-8 text file"),
    (["query", "-f", "{nul}"], "binary file"),
    (["query", "-f", "{empty}"], "empty query in"),
    (["query", "-f", "{tmp}/missing.rq"], "no such file"),
    (["query", "-f", "{tmp}"], "is a directory"),
    (["query", SELECT_B, "-f", "{rq}"], "not both"),
    (["validate", "{tmp}/missing.ttl"], "no such file"),
    (["lineage", "keras", "--data", "{tmp}/missing.ttl"], "no such file"),
    (["validate", "{rdfxml}"], "malformed Turtle"),
    (["validate", "{data}/malformed.ttl"], "malformed.ttl:10: malformed Turtle"),
    (["lineage", "keras", "--data", "{data}/malformed.ttl"], "malformed Turtle"),
    (["show", "keras", "-o", "{tmp}/no/such/dir/out.txt"], "no such directory"),
    (["show", "keras", "-o", "{tmp}"], "is a directory"),
    (["draw", "lineage", "-o", "{tmp}/x.bmp"], "unsupported image suffix"),
    # views that need --center
    (["export", "--view", "ego"], "needs --center"),
    (["export", "--format", "json", "--view", "ego"], "needs --center"),
    (["export", "--format", "html", "--view", "ego"], "needs --center"),
    (["draw", "ego", "-o", "{tmp}/ego.png"], "needs --center"),
    # numbers out of range
    (["serve", "--port", "99999"], "--port"),
    (["serve", "--port", "-1"], "--port"),
    (["serve", "--port", "http"], "--port"),
    (["serve", "--timeout", "0"], "--timeout"),
    (["lineage", "keras", "--depth", "-1"], "--depth"),
    (["lineage", "keras", "--depth", "two"], "--depth"),
    (
        ["export", "--format", "json", "--view", "ego", "--center", "keras", "--radius", "-5"],
        "--radius",
    ),
    (["draw", "ego", "--center", "keras", "--radius", "-5", "-o", "{tmp}/e.png"], "--radius"),
    (["push", REFUSED, "--batch-size", "0"], "--batch-size"),
    (["push", REFUSED, "--timeout", "nan"], "--timeout"),
    # dates
    (["lineage", "keras", "--as-of", "abc"], "--as-of"),
    (["lineage", "keras", "--as-of", "2018-13-45"], "'2018-13-45'"),
    (["compare", "keras", "pytorch", "--as-of", "2018-13"], "'2018-13'"),
    (["frameworks", "--as-of", "20180"], "'20180'"),
    (["export", "--format", "json", "--as-of", "2018-02-30"], "'2018-02-30'"),
    # choices
    (["lineage", "keras", "--format", "bogus"], "invalid choice: 'bogus'"),
    (["export", "--format", "bogus"], "invalid choice: 'bogus'"),
    (["claims", "--verdict", "nope"], "invalid choice: 'nope'"),
    (["frameworks", "--status", "zombie"], "invalid choice: 'zombie'"),
    (["lineage", "keras", "--direction", "sideways"], "invalid choice: 'sideways'"),
    (["show", "keras", "--lang", "fr"], "invalid choice: 'fr'"),
    (["nosuchcommand"], "invalid choice: 'nosuchcommand'"),
    # arguments missing or extra
    ([], "required: COMMAND"),
    (["lineage"], "required: name"),
    (["draw", "lineage"], "-o/--output"),
    (["query"], "no query"),
    (["query", SELECT_B, "extra", "words"], "unrecognized arguments"),
    (["compare", "keras"], "two or more frameworks"),
    (["show", "keras", "--as-of", "2018", "--format", "json"], "--as-of applies to the table"),
    # names
    (["show", "nosuchframework"], "unknown"),
    (["lineage", "kears"], "did you mean 'keras'"),
    (["releases", "nosuchframework"], "unknown"),
    (["claims", "nosuchframework"], "unknown"),
    (["compare", "keras", "nosuchframework"], "unknown"),
    (["frameworks", "--organization", "nobody-at-all"], "unknown"),
    (["lineage", "keras", "--relation", "bogus"], "unknown relation"),
    # stores
    (["show", "keras", "--store", REFUSED], "cannot reach"),
    (["query", "ASK {}", "--store", REFUSED], "cannot reach"),
    (["lineage", "keras", "--store", "bogus"], "unknown store"),
    # queries
    (["query", ""], "empty query"),
    (["query", "  \n\t "], "empty query"),
    (["query", "# only a comment"], "empty query"),
    (["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"], "SERVICE"),
    (["query", "SELECT * FROM <http://127.0.0.1:9/> WHERE { ?s ?p ?o }"], "FROM"),
    (["query", "DELETE WHERE { ?s ?p ?o }"], "update"),
    (["query", "SELECT ?x WHERE { ?x fw:builtOn }"], "line 1, column"),
    (["query", r"SELECT * WHERE { \u005Cu0053 }"], "escape"),
    (["query", SELECT_B, "--bind", "b"], "NAME=VALUE"),
    (["query", SELECT_B, "--bind", "=jax"], "NAME=VALUE"),
    (["query", SELECT_B, "--bind", "x=jax"], "not a variable of the query"),
    (["query", SELECT_B, "--bind", "b=nosuchframework"], "unknown"),
]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "binary.rq").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe" + bytes(range(256)))
    (tmp_path / "nul.rq").write_bytes(b"SELECT\x00 * WHERE { }")
    (tmp_path / "empty.rq").write_text("  \n", encoding="utf-8")
    (tmp_path / "query.rq").write_text(SELECT_B, encoding="utf-8")
    (tmp_path / "data.rdf").write_text(
        '<?xml version="1.0"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="http://example.org/a"/>\n'
        "</rdf:RDF>\n",
        encoding="utf-8",
    )
    return {
        "{tmp}": str(tmp_path),
        "{bin}": str(tmp_path / "binary.rq"),
        "{nul}": str(tmp_path / "nul.rq"),
        "{empty}": str(tmp_path / "empty.rq"),
        "{rq}": str(tmp_path / "query.rq"),
        "{rdfxml}": str(tmp_path / "data.rdf"),
        "{data}": str(DATA),
    }


def _fill(argv: list[str], files: dict[str, str]) -> list[str]:
    out = []
    for arg in argv:
        filled = arg
        for key, value in files.items():
            filled = filled.replace(key, value)
        out.append(filled)
    return out


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(("argv", "expected"), CASES, ids=[" ".join(a)[:60] for a, _ in CASES])
def test_a_malformed_command_line_is_one_error_line(capsys, files, argv, expected) -> None:
    code = main(_fill(argv, files))
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("fwgraph: error: "), err
    assert expected.lower() in lines[0].lower(), err
    assert "Traceback" not in err
    assert "usage:" not in err.lower()
    assert out == ""


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2018", 2018),
        ("2018-06", dt.date(2018, 6, 30)),
        ("2020-02", dt.date(2020, 2, 29)),
        ("2018-12", dt.date(2018, 12, 31)),
        ("2018-06-15", dt.date(2018, 6, 15)),
    ],
)
def test_as_of_takes_a_year_a_month_or_a_date(text, value) -> None:
    assert as_of(text) == value


def test_as_of_year_month_is_accepted_on_the_command_line(capsys) -> None:
    code = main(["lineage", "keras", "--as-of", "2018-06", "--relation", "builtOn"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("as of 2018-06-30: Keras")
    assert "Theano" in out


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["lineage", "--help"]])
def test_help_and_version_return_zero_without_raising(capsys, argv) -> None:
    assert main(argv) == 0
    out, _ = capsys.readouterr()
    assert "fwgraph" in out

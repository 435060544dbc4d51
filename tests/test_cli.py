"""The command line as a person and a program use it."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fwgraph.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_lineage_prints_keras_ancestors_with_builders_and_years(capsys) -> None:
    code, out, _ = run(capsys, "lineage", "keras")
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("Keras (2015")
    assert "Google" in first
    for name in ("Theano", "TensorFlow", "JAX", "PyTorch"):
        assert name in out


def test_lineage_as_of_year(capsys) -> None:
    code, out, _ = run(
        capsys,
        *("lineage", "keras", "--as-of", "2018", "--depth", "1", "--relation", "builtOn"),
        *("--format", "json"),
    )
    assert code == 0
    data = json.loads(out)
    assert sorted(n["slug"] for n in data["nodes"][1:]) == ["cntk", "tensorflow", "theano"]


def test_show_in_english_and_korean(capsys) -> None:
    code, out, _ = run(capsys, "show", "keras")
    assert code == 0
    assert out.startswith("Keras (keras)")
    assert "François Chollet" in out
    code, out, _ = run(capsys, "show", "keras", "--lang", "ko")
    assert out.startswith("케라스 (keras)")


def test_compare_markdown(capsys) -> None:
    code, out, _ = run(capsys, "compare", "tensorflow", "pytorch", "--format", "markdown")
    assert code == 0
    assert out.splitlines()[0] == "| | TensorFlow | PyTorch |"


def test_query_with_bound_prefix_in_every_format(capsys, tmp_path) -> None:
    q = "SELECT ?f WHERE { ?f fw:builtOn fwd:theano } ORDER BY ?f"
    code, out, _ = run(capsys, "query", q)
    assert code == 0
    assert "fwd:keras" in out
    _, out, _ = run(capsys, "query", q, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["f"]
    assert ["fwd:keras"] in rows
    _, out, _ = run(capsys, "query", q, "--format", "tsv")
    assert out.startswith("f\n")
    _, out, _ = run(capsys, "query", q, "--format", "json")
    assert {"f": "fwd:keras"} in json.loads(out)
    path = tmp_path / "q.rq"
    path.write_text("SELECT ?f WHERE { ?f fw:builtOn ?b }", encoding="utf-8")
    code, out, _ = run(capsys, "query", "-f", str(path), "--bind", "b=jax")
    assert code == 0
    assert "fwd:flax" in out


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "jsonld"])
def test_export_round_trips(capsys, tmp_path, fmt) -> None:
    from rdflib import Dataset

    target = tmp_path / f"graph.{fmt}"
    code, _, _ = run(capsys, "export", "--format", fmt, "-o", str(target))
    assert code == 0
    parsed = Dataset()
    parsed.parse(target, format={"ttl": "turtle", "jsonld": "json-ld"}.get(fmt, fmt))
    assert sum(len(g) for g in parsed.graphs()) > 5000


def test_validate_and_stats(capsys, data_dir) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert out.startswith("conforms")
    code, out, _ = run(capsys, "validate", str(data_dir / "bad" / "framework-missing-license.ttl"))
    assert code == 1
    assert "tinynet: needs at least one license" in out
    code, out, _ = run(capsys, "stats", "--format", "json")
    assert code == 0
    assert json.loads(out)["unsourced_facts"] == []


def test_frameworks_and_claims_listings(capsys) -> None:
    code, out, _ = run(capsys, "frameworks", "--language", "lua")
    assert code == 0
    assert "torch" in out
    code, out, _ = run(capsys, "claims", "caffe", "--verdict", "false", "--format", "json")
    assert code == 0
    assert all(c["verdict"] == "false" for c in json.loads(out))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "kears"], "did you mean 'keras'"),
        (["query", "SELECT ?x WHERE { ?x fw:builtOn }"], "line 1, column"),
        (
            ["lineage", "keras", "--data", "tests/data/malformed.ttl"],
            "malformed.ttl:10: malformed Turtle",
        ),
        (["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"], "SERVICE"),
    ],
)
def test_user_errors_exit_non_zero_with_one_line_and_no_traceback(args, message) -> None:
    root = Path(__file__).parent.parent
    proc = subprocess.run(
        [sys.executable, "-m", "fwgraph.cli", *args],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        check=False,
    )
    assert proc.returncode == 1
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_usage_error_is_one_line_and_exits_one(capsys) -> None:
    assert main(["lineage"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("fwgraph: error:")


def test_readme_sparql_example_answers_keras_2018(capsys) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    query = readme.split("```sparql\n", 1)[1].split("```", 1)[0]
    code, out, _ = run(capsys, "query", query, "--format", "csv")
    assert code == 0
    assert out.split() == ["backend", "fwd:cntk", "fwd:tensorflow", "fwd:theano"]


def test_draw_writes_png_and_svg(capsys, tmp_path) -> None:
    png = tmp_path / "lineage.png"
    code, _, err = run(capsys, "draw", "lineage", "-o", str(png), "--lang", "ko")
    assert code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "drew the lineage view" in err
    svg = tmp_path / "ego.svg"
    code, _, _ = run(capsys, "draw", "ego", "--center", "keras", "--radius", "1", "-o", str(svg))
    assert code == 0
    assert "<svg" in svg.read_text(encoding="utf-8")[:2000]


def test_draw_rejects_an_unknown_suffix(capsys, tmp_path) -> None:
    code, _, err = run(capsys, "draw", "lineage", "-o", str(tmp_path / "x.bmp"))
    assert code == 1
    assert "unsupported" in err


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "cyjs", "dot", "html"])
def test_export_views_in_graph_formats(capsys, tmp_path, fmt) -> None:
    target = tmp_path / f"view.{fmt}"
    code, _, _ = run(capsys, "export", "--format", fmt, "--view", "lineage", "-o", str(target))
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert "keras" in text
    if fmt == "graphml":
        import networkx as nx

        assert nx.read_graphml(target).has_edge("keras", "theano")

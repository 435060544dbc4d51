"""Every export format reads back with nodes, edges and key attributes intact."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import fwgraph
from fwgraph.views.formats import FORMATS, UnsupportedFormatError, dumps, safe_graph, to_dot, write
from fwgraph.views.html import to_html


@pytest.fixture(scope="module")
def kg() -> fwgraph.KnowledgeGraph:
    return fwgraph.load()


@pytest.fixture(scope="module")
def lineage(kg: fwgraph.KnowledgeGraph) -> nx.MultiDiGraph:
    return kg.to_networkx("lineage")


@pytest.fixture(scope="module")
def languages(kg: fwgraph.KnowledgeGraph) -> nx.MultiDiGraph:
    return kg.to_networkx("languages")


@pytest.fixture(scope="module")
def page(kg: fwgraph.KnowledgeGraph) -> str:
    return to_html(kg, "lineage")


def _edges(graph: Any) -> set[tuple[str, str, str]]:
    return {(u, v, k) for u, v, k in graph.edges(keys=True)}


def _check(back: Any, original: nx.MultiDiGraph) -> None:
    assert set(back.nodes) == set(original.nodes)
    assert _edges(back) == _edges(original)
    assert back.nodes["keras"]["label"] == "Keras"
    assert int(back.nodes["keras"]["year"]) == 2015
    assert back.nodes["theano"]["status"] == "discontinued"
    data = back.get_edge_data("keras", "theano")["builtOn"]
    assert data["valid_from"] == "2015"
    assert data["valid_until"] == "2020"
    assert "src-article-2017" in data["sources"]


def test_safe_graph_has_no_none_and_plain_types(lineage: nx.MultiDiGraph) -> None:
    lineage = lineage.copy()
    lineage.nodes["keras"]["nothing"] = None
    lineage.nodes["keras"]["tags"] = ["b", "a"]
    safe = safe_graph(lineage)
    for _, attrs in safe.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in attrs.values())
    assert "nothing" not in safe.nodes["keras"]
    assert safe.nodes["keras"]["tags"] == "a;b"


def test_graphml_round_trip(kg: fwgraph.KnowledgeGraph, lineage: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(io.BytesIO(dumps(lineage, "graphml").encode()), force_multigraph=True)
    _check(back, lineage)


def test_gexf_round_trip(kg: fwgraph.KnowledgeGraph, lineage: nx.MultiDiGraph) -> None:
    back = nx.read_gexf(io.BytesIO(dumps(lineage, "gexf").encode()))
    relabel = {n: n for n in back.nodes}
    back = nx.relabel_nodes(back, relabel)
    assert set(back.nodes) == set(lineage.nodes)
    pairs = {(u, v) for u, v, _ in lineage.edges(keys=True)}
    assert {(u, v) for u, v in back.edges()} == pairs
    assert back.nodes["keras"]["label"] == "Keras"
    assert int(back.nodes["keras"]["year"]) == 2015
    relations = {d["relation"] for _, _, d in back.edges(data=True)}
    assert relations == {k for _, _, k in lineage.edges(keys=True)}


def test_node_link_json_round_trip(kg: fwgraph.KnowledgeGraph, lineage: nx.MultiDiGraph) -> None:
    data = json.loads(dumps(lineage, "json"))
    back = nx.node_link_graph(data, edges="links")
    _check(back, lineage)


def test_cytoscape_round_trip(kg: fwgraph.KnowledgeGraph, lineage: nx.MultiDiGraph) -> None:
    data = json.loads(dumps(lineage, "cyjs"))
    ids = [e["data"]["id"] for e in data["elements"]["edges"]]
    assert len(ids) == len(set(ids))  # Cytoscape.js needs unique edge ids
    back = nx.cytoscape_graph(data)
    _check(back, lineage)


def _parse_dot(
    text: str,
) -> tuple[dict[str, dict[str, str]], list[tuple[str, str, dict[str, str]]]]:
    quoted = r'"((?:[^"\\]|\\.)*)"'
    attr = re.compile(rf"(\w+)={quoted}")
    node_line = re.compile(rf"^  {quoted}(?: \[(.*)\])?;$")
    edge_line = re.compile(rf"^  {quoted} -> {quoted} \[(.*)\];$")

    def attrs(body: str | None) -> dict[str, str]:
        return {k: v.replace('\\"', '"').replace("\\\\", "\\") for k, v in attr.findall(body or "")}

    def unquote(text: str) -> str:
        return text.replace('\\"', '"').replace("\\\\", "\\")

    nodes, edges = {}, []
    lines = text.splitlines()
    assert lines[0].startswith("digraph ")
    assert lines[-1] == "}"
    for line in lines[1:-1]:
        if m := edge_line.match(line):
            edges.append((unquote(m[1]), unquote(m[2]), attrs(m[3])))
        elif m := node_line.match(line):
            nodes[unquote(m[1])] = attrs(m[2])
        else:
            assert line.startswith(("  rankdir", "  node ["))
    return nodes, edges


def test_dot_structure(kg: fwgraph.KnowledgeGraph, lineage: nx.MultiDiGraph) -> None:
    nodes, edges = _parse_dot(dumps(lineage, "dot"))
    assert set(nodes) == set(lineage.nodes)
    assert {(u, v, a["key"]) for u, v, a in edges} == _edges(lineage)
    assert nodes["keras"]["label"] == "Keras"
    keras_theano = next(a for u, v, a in edges if (u, v) == ("keras", "theano"))
    assert keras_theano["valid_until"] == "2020"
    assert keras_theano["style"] == "solid"


def test_dot_quotes_awkward_names() -> None:
    g = nx.MultiDiGraph()
    g.add_node('a "b"', label="x\\y\nz")
    g.add_edge('a "b"', "c d", key="builtOn")
    nodes, edges = _parse_dot(to_dot(g))
    assert nodes['a "b"']["label"] == "x\\y\\nz"
    assert edges[0][:2] == ('a "b"', "c d")


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - {"html"}))
def test_write_picks_format_from_suffix(
    languages: nx.MultiDiGraph, tmp_path: Path, fmt: str
) -> None:
    target = write(languages, tmp_path / f"languages{FORMATS[fmt]}")
    assert target.read_text(encoding="utf-8") == dumps(languages, fmt)
    assert "python" in target.read_text(encoding="utf-8")


def test_dumps_from_the_knowledge_graph_equals_dumps_of_the_view(
    kg: fwgraph.KnowledgeGraph, languages: nx.MultiDiGraph
) -> None:
    assert dumps(kg, "json", view="languages") == dumps(languages, "json")


def test_write_accepts_a_networkx_view(tmp_path: Path, lineage: nx.MultiDiGraph) -> None:
    path = write(lineage, tmp_path / "view.graphml")
    assert set(nx.read_graphml(path).nodes) == set(lineage.nodes)


def test_unknown_format_is_refused(kg: fwgraph.KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match="xlsx"):
        write(kg, tmp_path / "x.xlsx")
    with pytest.raises(fwgraph.FwgraphError, match="use one of"):
        dumps(kg, "yaml")
    with pytest.raises(UnsupportedFormatError, match="html"):
        dumps(nx.MultiDiGraph(), "html")


def test_ego_export_keeps_periods(kg: fwgraph.KnowledgeGraph) -> None:
    data = json.loads(dumps(kg, "json", view="ego", center="keras", radius=1))
    back = nx.node_link_graph(data, edges="links")
    assert back.get_edge_data("keras", "jax")["builtOn"]["valid_from"] == "2023"


def test_html_is_self_contained_and_carries_every_node(page: str, lineage: nx.MultiDiGraph) -> None:
    assert page.startswith("<!DOCTYPE html>")
    for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page):
        assert "http" not in tag
        assert "src=" not in tag
    assert "@import" not in page
    assert "url(" not in page
    match = re.search(r'<script type="application/json" id="fw-data">(.*?)</script>', page, re.S)
    assert match
    data = json.loads(match[1])
    graph = lineage
    assert {n["id"] for n in data["nodes"]} == set(graph.nodes)
    keras = next(n for n in data["nodes"] if n["id"] == "keras")
    assert keras["year"] == 2015
    assert "Google" in keras["developers"]
    edge = next(e for e in data["edges"] if e["id"] == "keras|builtOn|theano")
    assert edge["period"] == "2015–2020"
    for slug in graph.nodes:
        assert f'data-node="{slug}"' in page


def test_html_lineage_uses_the_drawing_layout(page: str, lineage: nx.MultiDiGraph) -> None:
    from fwgraph.draw import lineage_layout

    layout = lineage_layout(lineage)
    match = re.search(r'id="fw-data">(.*?)</script>', page, re.S)
    assert match
    nodes = {n["id"]: n for n in json.loads(match[1])["nodes"]}
    (a, b) = sorted(layout.positions, key=lambda s: layout.positions[s][0])[:2]
    (xa, _), (xb, _) = layout.positions[a], layout.positions[b]
    assert nodes[b]["x"] - nodes[a]["x"] == pytest.approx((xb - xa) * 72, abs=0.2)


@pytest.mark.parametrize("view", ["organizations", "ego"])
def test_html_other_views(kg: fwgraph.KnowledgeGraph, view: str) -> None:
    page = dumps(kg, "html", view=view, center="keras" if view == "ego" else None, radius=1)
    assert page.count("<svg") == 1
    assert 'data-node="keras"' in page

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


def _explorer(page: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" class="fw-explorer-data">(.*?)</script>', page, re.S
    )
    assert match, "the page carries the explorer's data block"
    return dict(json.loads(match[1]))


def test_html_is_self_contained_and_carries_every_node(page: str, lineage: nx.MultiDiGraph) -> None:
    assert page.startswith("<!DOCTYPE html>")
    for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page):
        assert "http" not in tag
        assert "src=" not in tag
    assert "@import" not in page
    assert "url(" not in page
    assert "cytoscape" in page  # the bundled library is inline, not fetched
    data = _explorer(page)
    frameworks = {n["id"] for n in data["nodes"] if n["kind"] != "tick"}
    assert frameworks == set(lineage.nodes)
    keras = next(n for n in data["nodes"] if n["id"] == "keras")
    assert keras["year"] == 2015
    assert "Google" in keras["developers"]
    assert "케라스" in keras["names"]
    edge = next(e for e in data["edges"] if e["id"] == "keras|builtOn|theano")
    assert edge["period"] == "2015–2020"
    assert (edge["from"], edge["until"]) == (2015, 2020)
    assert any("keras" in (s.get("url") or "").lower() for s in edge["sources"])
    assert all(not s["title"].startswith("src-") for e in data["edges"] for s in e["sources"])
    assert data["years"][0] <= 2002
    ticks = {n["label"] for n in data["nodes"] if n["kind"] == "tick"}
    assert {"2010", "2020"} <= ticks


def test_html_lineage_uses_the_drawing_layout(page: str, lineage: nx.MultiDiGraph) -> None:
    from fwgraph.layout.lineage import lineage_layout
    from fwgraph.views import html as html_view

    layout = lineage_layout(
        lineage,
        inch_per_year=html_view._INCH_PER_YEAR,
        row_height=html_view._ROW,
        font_size=html_view._FONT,
    )
    nodes = {n["id"]: n for n in _explorer(page)["nodes"]}
    (a, b) = sorted(layout.positions, key=lambda s: layout.positions[s][0])[:2]
    (xa, ra), (xb, rb) = layout.positions[a], layout.positions[b]
    scale = html_view._INCH_PER_YEAR * 72
    assert nodes[b]["x"] - nodes[a]["x"] == pytest.approx((xb - xa) * scale, abs=0.2)
    assert nodes[b]["y"] - nodes[a]["y"] == pytest.approx((rb - ra) * html_view._ROW * 72, abs=0.2)


def test_html_links_frameworks_to_their_pages(kg: fwgraph.KnowledgeGraph) -> None:
    page = to_html(kg, "lineage", href="https://w3id.org/fwgraph/id/{slug}")
    keras = next(n for n in _explorer(page)["nodes"] if n["id"] == "keras")
    assert keras["href"] == "https://w3id.org/fwgraph/id/keras"


def test_html_neighbourhood_is_the_centre_and_its_relatives(kg: fwgraph.KnowledgeGraph) -> None:
    data = _explorer(to_html(kg, "lineage", center="keras", radius=1))
    ids = {n["id"] for n in data["nodes"] if n["kind"] != "tick"}
    assert {"keras", "theano", "tensorflow", "jax", "pytorch", "tf-keras"} <= ids
    assert "caffe" not in ids  # two steps away
    assert [n["id"] for n in data["nodes"] if n.get("center")] == ["keras"]


@pytest.mark.parametrize("view", ["organizations", "ego"])
def test_html_other_views(kg: fwgraph.KnowledgeGraph, view: str) -> None:
    page = dumps(kg, "html", view=view, center="keras" if view == "ego" else None, radius=1)
    data = _explorer(page)
    assert any(n["id"] == "keras" for n in data["nodes"])
    assert data["years"] is None  # the year slider belongs to the time axis
    assert all(isinstance(n["x"], float) for n in data["nodes"])

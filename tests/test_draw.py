"""Drawings are tested by structure: labels, axis range, legend, markers, overlaps, fonts."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

import fwgraph
from fwgraph.draw import draw, label_overlaps, lineage_layout, release_x, save
from fwgraph.errors import FwgraphError

pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def kg() -> fwgraph.KnowledgeGraph:
    return fwgraph.load()


@pytest.fixture(scope="module")
def lineage(kg: fwgraph.KnowledgeGraph) -> Any:
    return draw(kg, "lineage")


@pytest.fixture(scope="module")
def ego(kg: fwgraph.KnowledgeGraph) -> Any:
    return draw(kg, "ego", center="keras", radius=1)


@pytest.fixture(scope="module")
def graph(kg: fwgraph.KnowledgeGraph) -> Any:
    return kg.to_networkx("lineage")


def _labels(fig: Any) -> dict[str, Any]:
    return {
        t.get_gid()[6:]: t
        for ax in fig.axes
        for t in ax.texts
        if (t.get_gid() or "").startswith("label-")
    }


def test_every_framework_with_a_year_is_labelled(lineage: Any, graph: Any) -> None:
    labels = _labels(lineage)
    for slug, attrs in graph.nodes(data=True):
        if attrs.get("year") is not None:
            assert slug in labels
            assert labels[slug].get_text().startswith(attrs["label"])


def test_time_axis_covers_every_release_year(lineage: Any, graph: Any) -> None:
    years = [a["year"] for _, a in graph.nodes(data=True) if a.get("year")]
    lo, hi = lineage.axes[0].get_xlim()
    assert lo <= min(years)
    assert hi >= max(years) + 1
    ticks = {t.get_text() for t in lineage.axes[0].get_xticklabels()}
    assert {str(min(years)), str(max(years))} <= ticks


def test_legend_names_relations_and_status(lineage: Any) -> None:
    (legend,) = lineage.legends
    entries = {t.get_text() for t in legend.get_texts()}
    assert {"built on", "derived from", "merged into", "influenced by"} <= entries
    assert {"active", "maintenance"} <= entries
    assert any(e.startswith("discontinued") for e in entries)


def test_discontinued_frameworks_are_marked(lineage: Any, graph: Any) -> None:
    labels = _labels(lineage)
    ended = [s for s, a in graph.nodes(data=True) if a.get("status") == "discontinued"]
    assert "theano" in ended
    for slug in ended:
        if slug in labels:
            assert "†" in labels[slug].get_text()
    assert labels["theano"].get_text().endswith(f"†{graph.nodes['theano']['discontinued']}")
    assert "†" not in labels["pytorch"].get_text()


def test_no_two_labels_overlap(lineage: Any) -> None:
    assert label_overlaps(lineage) == []


def test_frameworks_sit_at_their_release_year(graph: Any) -> None:
    layout = lineage_layout(graph)
    for slug, (x, _) in layout.positions.items():
        expected = release_x(graph.nodes[slug])
        if expected is not None:
            assert x == expected
            assert int(x) == graph.nodes[slug]["year"]
    # a family lane keeps the lineage together
    lane = next(lane for lane in layout.lanes if "pytorch" in lane.slugs)
    assert "torch" in lane.slugs


def test_as_of_drops_later_frameworks_and_relations(kg: fwgraph.KnowledgeGraph) -> None:
    fig = draw(kg, "lineage", as_of=2016)
    labels = _labels(fig)
    assert "theano" in labels
    assert "keras" in labels
    assert "pytorch" not in labels  # released 2017
    assert "†" not in labels["theano"].get_text()  # still alive in 2016
    assert "2016" in fig.axes[0].get_title(loc="left")


def test_korean_uses_a_hangul_font_without_missing_glyphs(
    kg: fwgraph.KnowledgeGraph, tmp_path: Path
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = draw(kg, "lineage", lang="ko", output=tmp_path / "ko.png")
    labels = _labels(fig)
    assert labels["keras"].get_text() == "케라스"
    family = labels["keras"].get_fontfamily()
    assert set(family) & {"NanumGothic", "Noto Sans CJK KR", "Noto Sans CJK JP"}
    # matplotlib falls back glyph by glyph: the first family draws † and →, a later one Hangul
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    def cmap(name: str) -> dict[int, str]:
        path = font_manager.findfont(font_manager.FontProperties(family=name))
        return dict(TTFont(path, fontNumber=0).getBestCmap())

    assert {ord("†"), ord("→")} <= set(cmap(family[0]))
    assert any(ord("케") in cmap(name) for name in family[1:])
    assert "계보" in fig.axes[0].get_title(loc="left")
    assert (tmp_path / "ko.png").read_bytes().startswith(b"\x89PNG")


def test_keras_ego_shows_its_backends_over_time(ego: Any) -> None:
    fig = ego
    ax = fig.axes[0]
    edge_labels = {
        (t.get_gid() or "")[5:]: t.get_text()
        for t in ax.texts
        if (t.get_gid() or "").startswith("edge-")
    }
    for backend in ("theano", "tensorflow", "jax", "pytorch"):
        assert f"builtOn-{backend}" in edge_labels
    assert edge_labels["builtOn-theano"] == "built on 2015–2020"
    assert edge_labels["builtOn-jax"] == "built on 2023–"
    assert edge_labels["builtOn-pytorch"] == "built on 2023–"
    assert edge_labels["builtOn-horovod"].startswith("← built on")  # Horovod is built on Keras
    assert "keras" in _labels(fig)


@pytest.mark.parametrize("view", ["organizations", "languages"])
def test_maps_label_every_drawn_node(kg: fwgraph.KnowledgeGraph, view: str) -> None:
    fig = draw(kg, view)
    labels = _labels(fig)
    graph = kg.to_networkx(view)
    assert {s for s, a in graph.nodes(data=True) if a["kind"] == "framework"} <= set(labels)
    other = "language" if view == "languages" else "organization"
    assert any(graph.nodes[s]["kind"] == other for s in labels)
    assert label_overlaps(fig) == []


def test_svg_pdf_and_png_outputs(
    kg: fwgraph.KnowledgeGraph, lineage: Any, ego: Any, tmp_path: Path
) -> None:
    svg, png, pdf = tmp_path / "ego.svg", tmp_path / "lineage.png", tmp_path / "lineage.pdf"
    draw(kg, "ego", center="keras", radius=1, output=svg)
    save(lineage, png, "png")
    save(lineage, pdf, "pdf")
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text
    assert text.rstrip().endswith("</svg>")
    assert "<dc:date>" not in text
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    save(ego, tmp_path / "again.svg", "svg")
    assert (tmp_path / "again.svg").read_text(encoding="utf-8") == text  # deterministic


def test_bad_suffix_and_view_are_refused(kg: fwgraph.KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(FwgraphError, match=r"\.jpeg"):
        draw(kg, "lineage", output=tmp_path / "x.jpeg")
    with pytest.raises(ValueError, match="unknown view"):
        draw(kg, "family")
    with pytest.raises(ValueError, match="center"):
        draw(kg, "ego")


def test_import_fwgraph_does_not_import_matplotlib() -> None:
    import subprocess
    import sys

    code = "import sys, fwgraph, fwgraph.draw; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_frameworks_without_a_year_get_their_own_column() -> None:
    import networkx as nx

    g = nx.MultiDiGraph()
    g.add_node("old", kind="framework", label="Old", year=2010, released="2010")
    g.add_node("new", kind="framework", label="New", year=2015, released="2015-06")
    g.add_node("mystery", kind="framework", label="Mystery")
    g.add_edge("mystery", "old", key="builtOn", relation="builtOn")
    layout = lineage_layout(g)
    assert layout.unknown_x is not None
    assert layout.unknown_x > 2016
    assert layout.positions["mystery"][0] == layout.unknown_x
    assert layout.lanes[0].slugs == ("mystery", "old")  # the family stays together
    dated = lineage_layout(g, as_of=2012)
    assert dated.left_out == ("mystery",)
    assert set(dated.positions) == {"old"}


# ------------------------------------------------------------ geometry a reader relies on


@pytest.mark.parametrize("as_of", [None, 2018])
def test_no_arrow_passes_through_a_marker_it_does_not_connect(
    kg: fwgraph.KnowledgeGraph, as_of: int | None
) -> None:
    import math

    from fwgraph.layout.lineage import CLEARANCE, ROW, arc_points

    graph = kg.to_networkx("lineage", as_of=as_of)
    layout = lineage_layout(graph, as_of=as_of)
    points = {s: (x, -row * ROW) for s, (x, row) in layout.positions.items()}  # 1 in per year
    drawn = {(u, v, k) for u, v, k in graph.edges(keys=True) if u in points and v in points}
    assert set(layout.routes) == drawn
    for (u, v, key), rad in layout.routes.items():
        path = arc_points(points[u], points[v], rad)[2:-2]
        for slug, (ox, oy) in points.items():
            if slug in (u, v):
                continue
            gap = min(math.hypot(px - ox, py - oy) for px, py in path)
            assert gap >= CLEARANCE, f"{u} —{key}→ {v} passes through {slug}"


def test_arrows_read_as_their_relation(kg: fwgraph.KnowledgeGraph, tmp_path: Path) -> None:
    from matplotlib.patches import FancyArrowPatch

    graph = kg.to_networkx("lineage")
    fig = draw(kg, "lineage", output=tmp_path / "l.svg")
    layout = lineage_layout(graph)
    arrows = [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]
    ends = {(tuple(p._posA_posB[0]), tuple(p._posA_posB[1])) for p in arrows}
    pos = layout.positions
    # Keras (2015) → PyTorch (2017): "Keras built on PyTorch" points to the later one,
    # Caffe2 → PyTorch "merged into", PyTorch → Torch7 "derived from": always subject → object.
    for u, v in (("keras", "pytorch"), ("caffe2", "pytorch"), ("pytorch", "torch")):
        assert (pos[u], pos[v]) in ends, f"{u} → {v}"
    assert (pos["pytorch"], pos["keras"]) not in ends
    legend = fig.legends[0].get_title().get_text()
    assert "A → B" in legend


@pytest.mark.parametrize(
    ("view", "lang"),
    [
        ("lineage", "en"),
        ("lineage", "ko"),
        ("organizations", "en"),
        ("languages", "ko"),
        ("ego", "en"),
    ],
)
@pytest.mark.parametrize("content_width", [736, 358])
def test_pictures_read_at_the_width_they_are_shown(
    kg: fwgraph.KnowledgeGraph, view: str, lang: str, content_width: int
) -> None:
    """The docs show a picture at the content width, never narrower than its min_width."""
    from fwgraph.sphinx.image import MIN_TEXT_PX, measure_figure

    fig = draw(kg, view, lang=lang, center="keras", radius=1)
    size = measure_figure(fig, ".svg")
    shown = max(min(content_width, size["width"]), size["min_width"])
    assert size["min_text"] * shown / size["width"] >= MIN_TEXT_PX - 0.01
    assert size["min_width"] <= size["width"]  # text is ≥ 9 px at the natural size

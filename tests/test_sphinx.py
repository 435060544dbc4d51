"""Build throwaway Sphinx projects with fwgraph.sphinx and check the HTML a reader would see."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from tests.links import dead_links

CONF = 'extensions = ["fwgraph.sphinx"]\nproject = "t"\n'

GOOD = """\
Test
====

.. fwgraph-query::

   SELECT ?f WHERE { ?f fw:builtOn fwd:tensorflow } ORDER BY ?f

.. fwgraph-framework:: keras

.. fwgraph-compare:: tensorflow pytorch

.. fwgraph-graph:: ego
   :center: keras
   :radius: 1
   :alt: Keras and its neighbours

.. fwgraph-ontology::
   :only: classes

See :fw:`keras`, :fw:`텐서플로` and :fw:`kears`.
"""

BAD = """\
Bad
===

Some text.

.. fwgraph-query::

   SELECT ?f WHERE {
     ?f fw:builtOn fwd:tensorflow
   ORDER BY ?f
"""


def build(tmp_path: Path, index: str) -> tuple[int, str, Path]:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text(textwrap.dedent(index), encoding="utf-8")
    warnings = tmp_path / "warnings.txt"
    status = build_main(["-q", "-n", "-b", "html", "-w", str(warnings), str(src), str(out)])
    return status, warnings.read_text(encoding="utf-8"), out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, str, Path]:
    status, warnings, out = build(tmp_path_factory.mktemp("good"), GOOD)
    return status, warnings, (out / "index.html").read_text(encoding="utf-8"), out


def test_query_table_lists_frameworks_on_tensorflow(site: tuple[int, str, str, Path]) -> None:
    _, _, html, _ = site
    table = html.split('class="fwgraph-table fwgraph-result')[1].split("</table>")[0]
    assert "fwd:keras" in table
    assert "fwd:tflearn" in table
    assert "fwd:pytorch" not in table
    assert 'class="fwgraph-query highlight-sparql' in html  # the query is shown, highlighted


def test_framework_card_has_names_facts_and_claims(site: tuple[int, str, str, Path]) -> None:
    _, _, html, _ = site
    assert 'id="fw-keras"' in html
    assert "Keras" in html
    assert "케라스" in html
    assert "Facts and sources" in html
    assert "https://github.com/keras-team/keras/pull/6800" in html  # a source link
    assert "2017–2020" in html  # the CNTK back end's period
    assert "fwgraph-verdict-outdated" in html


def test_compare_table_has_both_columns(site: tuple[int, str, str, Path]) -> None:
    _, _, html, _ = site
    table = html.split("fwgraph-compare")[1].split("</table>")[0]
    header = table.split("</thead>")[0]
    assert "TensorFlow" in header
    assert "PyTorch" in header
    assert "API languages" in table


def test_graph_directive_writes_an_image(site: tuple[int, str, str, Path]) -> None:
    _, _, html, out = site
    images = sorted((out / "_images").glob("fwgraph-*.svg"))
    assert len(images) == 1
    assert images[0].read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert f'src="_images/{images[0].name}"' in html
    assert 'alt="Keras and its neighbours"' in html


def test_role_links_to_card_and_warns_on_unknown(site: tuple[int, str, str, Path]) -> None:
    status, warnings, html, _ = site
    assert 'href="#fw-keras"' in html
    assert "TensorFlow" in html  # the Korean name resolved to the framework
    assert "unknown framework 'kears'; did you mean 'keras'" in warnings
    assert "index.rst:" in warnings
    assert status == 0  # a warning alone does not fail the build without -W


def test_ontology_reference(site: tuple[int, str, str, Path]) -> None:
    _, _, html, _ = site
    assert 'id="term-Framework"' in html
    assert "needs at least one developer" in html  # a SHACL message
    overview = html.split('id="fwgraph-overview"')[1].split("</table>")[0]
    assert '<a class="reference internal" href="#term-Framework">' in overview
    assert "A deep-learning framework or library" in overview  # its one-line meaning
    assert 'id="term-Active"' in html  # members of fw:Status are anchored in its table


def test_every_link_within_the_site_lands_on_an_id(site: tuple[int, str, str, Path]) -> None:
    _, _, _, out = site
    assert dead_links(out) == []


def test_bad_query_fails_the_build_with_its_position(tmp_path: Path) -> None:
    status, warnings, _ = build(tmp_path, BAD)
    assert status != 0
    assert "index.rst:6" in warnings  # the directive's line
    assert "line 3, column 1" in warnings  # the position in the SPARQL
    assert "document line 10" in warnings


def test_site_ships_a_hangul_web_font_for_its_korean_text(
    site: tuple[int, str, str, Path],
) -> None:
    from fontTools.ttLib import TTFont

    from fwgraph.sphinx.webfont import hangul_characters

    _, _, html, out = site
    assert 'href="_static/fwgraph.css' in html
    css = (out / "_static" / "fwgraph.css").read_text(encoding="utf-8")
    face = css.split("@font-face")[1].split("}")[0]
    assert 'url("fonts/fwgraph-hangul.woff2") format("woff2")' in face
    assert "unicode-range: U+1100-11FF" in face and "U+AC00-D7FF" in face
    assert '"fwgraph Hangul"' in css.split("--font-stack:")[1].split(";")[0]

    path = out / "_static" / "fonts" / "fwgraph-hangul.woff2"
    assert path.stat().st_size < 60_000  # a subset, not NanumGothic's 4.7 MB
    font = TTFont(str(path))
    assert font.flavor == "woff2"
    used = hangul_characters([html])
    assert "케" in used and "텐" in used
    assert all(ord(c) in font.getBestCmap() for c in used)  # every Hangul glyph on the page
    names = font["name"]
    assert names.getDebugName(1) == "fwgraph Hangul"
    for name_id in (1, 3, 4, 6):  # renamed: "Nanum" is a Reserved Font Name under the OFL
        assert "Nanum" not in (names.getDebugName(name_id) or "")
    assert "NAVER" in names.getDebugName(0) or "NHN" in names.getDebugName(0)  # copyright kept
    license_text = (out / "_static" / "fonts" / "fwgraph-hangul-OFL.txt").read_text("utf-8")
    assert "SIL Open Font License" in license_text


def test_hangul_font_falls_back_to_woff_without_brotli(tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont

    from fwgraph.draw.fonts import hangul_font_path
    from fwgraph.sphinx.webfont import write_hangul_font

    source = hangul_font_path()
    assert source is not None
    written = write_hangul_font(source, "케라스", tmp_path, flavor="woff")
    assert written.name == "fwgraph-hangul.woff"
    assert sorted(ord(c) for c in "케라스") == sorted(
        c for c in TTFont(str(written)).getBestCmap() if c >= 0xAC00
    )

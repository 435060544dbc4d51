"""Build throwaway Sphinx projects with fwgraph.sphinx and check the HTML a reader would see."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

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


def test_bad_query_fails_the_build_with_its_position(tmp_path: Path) -> None:
    status, warnings, _ = build(tmp_path, BAD)
    assert status != 0
    assert "index.rst:6" in warnings  # the directive's line
    assert "line 3, column 1" in warnings  # the position in the SPARQL
    assert "document line 10" in warnings

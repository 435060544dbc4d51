r"""Labels are data, never markup: hostile labels survive every export and drawing.

A label may hold ``<!--<script>``, ``</script>``, control characters
(U+0001, form feed), ``$…$`` that matplotlib would read as mathtext, quotes
and ampersands. Every export format reads back (GraphML and GEXF with
networkx, JSON and Cytoscape.js with :func:`json.loads`, DOT with a small
reader here, HTML with :mod:`html.parser`), the HTML page carries no markup
from the label, and the drawings render. Property tests then run the escaping
functions over more than 10^4 generated labels.
"""

from __future__ import annotations

import html
import io
import json
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fwgraph
from fwgraph.draw import draw
from fwgraph.draw.common import display_text
from fwgraph.views.formats import _dot_quote, dumps, xml_safe
from fwgraph.views.html import script_json, svg_text

HOSTILE = (
    "Ker<!--<script>alert(1)</script>as\u0001\u000c"
    " $x^2$ and $\\frac{$ \"quoted\" & 'single' ]]> </ <![CDATA[ \r\n\t"
)
COMMENT = "</script><script>alert(2)</script> $\\$ \u0002 & <!-- -->"
ORG = "Goo<gle> & \u0001 </script>"


def _literal(text: str) -> str:
    """A SPARQL string literal for any text (ECHAR escapes and \\u escapes)."""
    out = []
    for char in text:
        if char in '\\"':
            out.append("\\" + char)
        elif char in "\n\r\t\f\b":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t", "\f": "\\f", "\b": "\\b"}[char])
        elif ord(char) < 0x20:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


@pytest.fixture(scope="module")
def hostile() -> Iterator[fwgraph.KnowledgeGraph]:
    kg = fwgraph.load()
    kg.update(
        "DELETE { ?s rdfs:label ?l } WHERE { VALUES ?s { fwd:keras fwd:google } ?s rdfs:label ?l "
        'FILTER(LANG(?l) = "en") } ; '
        "DELETE { fwd:keras rdfs:comment ?c } WHERE { fwd:keras rdfs:comment ?c } ; "
        f"INSERT DATA {{ fwd:keras rdfs:label {_literal(HOSTILE)}@en . "
        f"fwd:keras rdfs:comment {_literal(COMMENT)}@en . "
        f"fwd:google rdfs:label {_literal(ORG)}@en }}"
    )
    yield kg
    kg.close()


def test_the_hostile_label_is_in_the_graph(hostile) -> None:
    assert hostile.label(fwgraph.FWD.keras) == HOSTILE
    assert hostile.to_networkx("lineage").nodes["keras"]["label"] == HOSTILE


def test_graphml_reads_back(hostile) -> None:
    back = nx.parse_graphml(dumps(hostile, "graphml"))
    assert back.nodes["keras"]["label"] == xml_safe(HOSTILE)
    assert back.has_edge("keras", "theano")


def test_gexf_reads_back(hostile) -> None:
    text = dumps(hostile, "gexf")
    back = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    assert back.nodes["keras"]["label"] == xml_safe(HOSTILE)


def test_graphml_of_the_organizations_view_reads_back(hostile) -> None:
    back = nx.parse_graphml(dumps(hostile, "graphml", view="organizations"))
    assert back.nodes["google"]["label"] == xml_safe(ORG)


def test_json_and_cytoscape_read_back(hostile) -> None:
    data = json.loads(dumps(hostile, "json"))
    keras = next(n for n in data["nodes"] if n["id"] == "keras")
    assert keras["label"] == xml_safe(HOSTILE)
    back = nx.node_link_graph(data, edges="links")
    assert back.has_edge("keras", "theano")
    cy = json.loads(dumps(hostile, "cyjs"))
    keras = next(n["data"] for n in cy["elements"]["nodes"] if n["data"]["id"] == "keras")
    assert keras["label"] == xml_safe(HOSTILE)


_DOT_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def _dot_unquote(body: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), body)


def _dot_statement(line: str) -> tuple[list[str], dict[str, str]]:
    """Read one DOT node or edge statement: its ids and its attributes (every string quoted)."""
    head, _, rest = line.strip().partition(" [")
    ids = [_dot_unquote(m.group(1)) for m in _DOT_STRING.finditer(head)]
    attrs: dict[str, str] = {}
    for match in re.finditer(r"(\w+)=" + _DOT_STRING.pattern, rest):
        attrs[match.group(1)] = _dot_unquote(match.group(2))
    # nothing but the attribute list may remain: the quoting held
    leftover = re.sub(r"(\w+)=" + _DOT_STRING.pattern + r"(, )?", "", rest)
    assert leftover in ("];", ""), line
    return ids, attrs


def test_dot_reads_back(hostile) -> None:
    text = dumps(hostile, "dot")
    assert not re.search("[\x00-\x08\x0b-\x1f]", text)
    lines = text.splitlines()
    assert lines[0].startswith('digraph "fwgraph-lineage" {') and lines[-1] == "}"
    nodes = {}
    for line in lines[3:-1]:
        ids, attrs = _dot_statement(line)
        if len(ids) == 1:
            nodes[ids[0]] = attrs
    assert nodes["keras"]["label"] == xml_safe(HOSTILE).replace("\t", " ")
    assert nodes["keras"]["comment"] == xml_safe(COMMENT)


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.comments: list[str] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


@pytest.mark.parametrize("view", ["lineage", "organizations", "ego"])
def test_html_keeps_its_json_block_intact_and_carries_no_markup(hostile, view) -> None:
    page = dumps(hostile, "html", view=view, center="keras", radius=1)
    parser = _Scripts()
    parser.feed(page)
    parser.close()
    assert [a.get("class") for a, _ in parser.scripts] == ["fw-explorer-data", None, None]
    assert parser.comments == []
    data = json.loads(parser.scripts[0][1])
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    if view != "organizations":
        assert labels["keras"] == HOSTILE
    else:
        assert labels["google"] == ORG
    assert page.count("<script") == 3  # the data, cytoscape.js, the explorer
    assert page.count("</script>") == 3
    assert "<!--" not in page
    assert all("alert(" not in code for _, code in parser.scripts[1:])
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", page)


@pytest.mark.parametrize("view", ["lineage", "ego", "organizations"])
def test_drawings_render_hostile_labels(hostile, view, tmp_path: Path) -> None:
    output = tmp_path / f"{view}.png"
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph")  # U+0001 has no glyph
        fig = draw(hostile, view, center="keras", radius=1, output=output, title=HOSTILE)
    assert output.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    texts = [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]
    assert any("$x^2$ and $\\frac{$" in t for t in texts)  # drawn as written, not as mathtext


# ---------------------------------------------------------------------- properties

HOSTILE_PIECES = [
    "<",
    ">",
    "&",
    '"',
    "'",
    "$",
    "\\",
    "</script>",
    "<!--",
    "-->",
    "<script>",
    "]]>",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\x00",
    "\x01",
    "\x0b",
    "\x0c",
    "\x1f",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "\ufeff",
    "$\\frac{$",
    "케라스",
    "&amp;",
    "\\u003c",
]
labels = st.one_of(
    st.text(),
    st.lists(st.sampled_from(HOSTILE_PIECES) | st.text(max_size=3), max_size=12).map("".join),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF)),
)
FAST = settings(
    deadline=500,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _no_control(text: str) -> bool:
    return not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", text)


def check_xml_safe(text: str) -> None:
    clean = xml_safe(text)
    assert _no_control(clean)
    assert "\r" not in clean
    assert xml_safe(clean) == clean
    element = ET.Element("node", label=clean)
    element.text = clean
    back = ET.fromstring(ET.tostring(element, encoding="unicode"))  # noqa: S314 - our own XML
    assert (back.text or "") == clean
    assert back.get("label") == clean


def check_script_json(text: str) -> None:
    data = {"label": text, "nodes": [{"id": text}]}
    block = script_json(data)
    assert not set(block) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(block) == data


def check_svg_text(text: str) -> None:
    out = svg_text(text)
    assert not set(out) & {"<", ">", '"', "'"}
    assert _no_control(out)
    assert html.unescape(out) == xml_safe(text).replace("\x7f", "\ufffd")


def check_dot_quote(text: str) -> None:
    quoted = _dot_quote(text)
    match = _DOT_STRING.fullmatch(quoted)
    assert match is not None, quoted
    assert _no_control(quoted)
    assert "\n" not in quoted
    assert "\r" not in quoted
    assert _dot_unquote(match.group(1)) == xml_safe(text).replace("\t", " ")


def check_display_text(text: str) -> None:
    out = display_text(text)
    assert not re.search("[\x00-\x1f\x7f-\x9f\ud800-\udfff]", out)
    assert display_text(out) == out
    assert len(out) == len(text)


CHECKS = [check_xml_safe, check_script_json, check_svg_text, check_dot_quote, check_display_text]
LABELS_PER_EXAMPLE = 10


@pytest.mark.parametrize("text", [HOSTILE, COMMENT, ORG, *HOSTILE_PIECES, "".join(HOSTILE_PIECES)])
@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__ for c in CHECKS])
def test_the_escapes_on_known_hostile_labels(check, text) -> None:
    check(text)


# Thousands of generated examples: keep the graphs other tests loaded out of the
# collector's way (conftest.frozen_heap).
pytestmark = pytest.mark.usefixtures("frozen_heap")


@settings(FAST, max_examples=1100)
@given(st.lists(labels, min_size=LABELS_PER_EXAMPLE, max_size=LABELS_PER_EXAMPLE))
def test_the_escapes_on_generated_labels(texts: list[str]) -> None:
    """1100 examples of 10 labels: 11 000 generated labels through every escaping function."""
    for text in texts:
        for check in CHECKS:
            check(text)


@settings(FAST, max_examples=60, deadline=2000)
@given(labels)
def test_matplotlib_draws_any_label_as_written(text: str) -> None:
    import matplotlib as mpl

    from fwgraph.draw.common import new_figure, rc

    with mpl.rc_context(rc(["DejaVu Sans"])), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # glyphs DejaVu lacks (CJK, private use)
        fig, canvas = new_figure((2, 1))
        label = fig.text(0.1, 0.5, display_text(text))
        canvas.draw()
    assert label.get_text() == display_text(text)

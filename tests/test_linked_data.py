"""Linked data on the site: JSON-LD in framework pages, RDF files beside them, dumps, VoID.

One throwaway Sphinx site with framework pages is built for the module, with an
extra framework whose name and description try to end the JSON-LD script
element; the tests read what a search engine or a linked-data client would.
"""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, SDO, VOID
from sphinx.cmd.build import build_main

import fwgraph
from fwgraph import FWD
from fwgraph.resources import ontology_file
from fwgraph.views.linked_data import schema_graph, software_application
from fwgraph.views.void import DUMP_FORMATS, Dump, void_description

HOSTILE = "Tiny</script><script>alert(1)</script><!--Net"
HOSTILE_COMMENT = "A made-up framework </SCRIPT ><script>alert(2)</script> & <!-- -->"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"

CONF = """\
extensions = ["fwgraph.sphinx"]
project = "t"
fwgraph_framework_pages = "frameworks"
fwgraph_extra = ["hostile.ttl"]
"""

INDEX = """\
Test
====

.. fwgraph-downloads::

.. toctree::

   frameworks/index
"""


def _hostile_turtle(data_dir: Path) -> str:
    """The valid test framework with a name and comment that try to leave the script element."""
    text = (data_dir / "good-framework.ttl").read_text(encoding="utf-8")
    text = text.replace('"TinyNet"@en', json.dumps(HOSTILE) + "@en")
    return text.replace(
        '"A made-up framework used by the tests."@en', json.dumps(HOSTILE_COMMENT) + "@en"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("linked")
    src, out = root / "src", root / "out"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text(INDEX, encoding="utf-8")
    data_dir = Path(__file__).parent / "data"
    (src / "hostile.ttl").write_text(_hostile_turtle(data_dir), encoding="utf-8")
    status = build_main(["-q", "-b", "html", str(src), str(out)])
    assert status == 0
    return out


@pytest.fixture(scope="module")
def site_graph(site: Path) -> fwgraph.KnowledgeGraph:
    """The graph the site was built from: the packaged data and the extra file."""
    return fwgraph.load(extra=[site.parent / "src" / "hostile.ttl"])


class _Head(HTMLParser):
    """The script elements (attributes, text) and the alternate links of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.alternates: dict[str, str] = {}
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script":
            self._in_script = True
            self.scripts.append((found, ""))
        elif tag == "link" and found.get("rel") == "alternate":
            self.alternates[str(found["type"])] = str(found["href"])

    def handle_data(self, data: str) -> None:
        if self._in_script:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def _page(site: Path, slug: str) -> _Head:
    parser = _Head()
    parser.feed((site / "frameworks" / f"{slug}.html").read_text(encoding="utf-8"))
    return parser


def _json_ld(head: _Head) -> list[dict[str, object]]:
    return [
        json.loads(text)
        for attrs, text in head.scripts
        if attrs.get("type") == "application/ld+json"
    ]


def test_framework_page_carries_schema_org_software_application(site: Path, kg) -> None:
    (doc,) = _json_ld(_page(site, "pytorch"))
    assert doc["@type"] == "SoftwareApplication"
    assert doc["@id"] == str(FWD.pytorch)
    assert doc["name"] == "PyTorch"
    licences = {ref.iri for ref in kg.framework("pytorch").licenses}
    assert {doc["license"]} == licences
    assert doc["codeRepository"] == kg.framework("pytorch").repository
    creators = doc["creator"] if isinstance(doc["creator"], list) else [doc["creator"]]
    assert all(c["@type"] in {"Organization", "Person"} and c["name"] for c in creators)
    # The same statements read as RDF (the @context makes the licence an IRI).
    graph = Graph().parse(data=json.dumps(doc), format="json-ld")
    (licence,) = licences
    assert (FWD.pytorch, SDO.license, URIRef(licence)) in graph
    assert (FWD.pytorch, RDF.type, SDO.SoftwareApplication) in graph


def test_schema_org_profile_states_what_holds_now(kg) -> None:
    doc = software_application(schema_graph(kg.engine), FWD.keras)
    assert doc["license"] == "http://spdx.org/licenses/Apache-2.0"  # MIT ended in 2020
    assert doc["alternateName"] == {"@value": "케라스", "@language": "ko"}


@pytest.mark.parametrize(
    ("media_type", "rdf_format"), [("text/turtle", "turtle"), ("application/ld+json", "json-ld")]
)
def test_alternate_links_point_to_the_framework_document(
    site: Path, media_type: str, rdf_format: str
) -> None:
    href = _page(site, "keras").alternates[media_type]
    path = site / "frameworks" / href
    assert path.is_file()
    doc = Graph().parse(path, format=rdf_format)
    assert (FWD.keras, RDFS.label, Literal("Keras", lang="en")) in doc
    statements = set(doc.subjects(RDF.subject, FWD.keras))
    assert statements  # the statement nodes come along ...
    cited = {
        s
        for st in statements
        for s in doc.objects(st, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    }
    assert cited
    assert all(doc.value(s, RDFS.label) is not None for s in cited)  # ... with their sources


@pytest.fixture(scope="module")
def dumps(site: Path) -> dict[str, Graph]:
    return {
        fmt.suffix: Graph().parse(site / "data" / f"fwgraph{fmt.suffix}", format=fmt.rdf_format)
        for fmt in DUMP_FORMATS
    }


def test_dumps_hold_every_triple_of_the_graph(
    dumps: dict[str, Graph], site_graph, site: Path
) -> None:
    assert {suffix: len(g) for suffix, g in dumps.items()} == dict.fromkeys(dumps, len(site_graph))
    assert (FWD.pytorch, RDFS.label, Literal("PyTorch", lang="en")) in dumps[".nt"]
    context = json.loads((site / "data" / "fwgraph.jsonld").read_text(encoding="utf-8"))["@context"]
    assert context["fw"] == "https://w3id.org/fwgraph/ns#"
    assert context["fwd"] == str(FWD)


def test_void_describes_the_dumps_with_the_ontology_licence(
    site: Path, dumps: dict[str, Graph]
) -> None:
    path = site / "data" / "void.ttl"
    void = Graph().parse(path, format="turtle")
    (dataset,) = void.subjects(RDF.type, VOID.Dataset)
    assert (dataset, RDF.type, DCAT.Dataset) in void
    stated = (
        Graph().parse(ontology_file()).value(URIRef("https://w3id.org/fwgraph/ns"), DCTERMS.license)
    )
    assert stated == URIRef(CC_BY)
    assert void.value(dataset, DCTERMS.license) == stated
    assert int(void.value(dataset, VOID.triples)) == len(dumps[".ttl"])
    assert str(void.value(dataset, VOID.uriSpace)) == "https://w3id.org/fwgraph/id/"
    assert URIRef("https://w3id.org/fwgraph/ns#") in set(void.objects(dataset, VOID.vocabulary))
    assert void.value(dataset, DCTERMS.modified).datatype is not None
    media = {}
    for distribution in void.objects(dataset, DCAT.distribution):
        url = void.value(distribution, DCAT.downloadURL)
        local = Path(urlsplit(str(url)).path)
        assert local.is_file(), url  # relative addresses resolve next to void.ttl
        assert int(void.value(distribution, DCAT.byteSize)) == local.stat().st_size
        assert void.value(distribution, DCTERMS.license) == stated
        media[local.name] = str(void.value(distribution, DCAT.mediaType)).rsplit("/", 2)[-2:]
    assert media == {
        "fwgraph.ttl": ["text", "turtle"],
        "fwgraph.nt": ["application", "n-triples"],
        "fwgraph.jsonld": ["application", "ld+json"],
    }
    assert {Path(urlsplit(str(u)).path).name for u in void.objects(dataset, VOID.dataDump)} == set(
        media
    )


def test_downloads_directive_shows_the_licence_and_links_the_files(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="{CC_BY}"' in page
    assert "Creative Commons Attribution 4.0 International" in page
    for name in ("fwgraph.ttl", "fwgraph.nt", "fwgraph.jsonld", "void.ttl"):
        assert f'href="data/{name}"' in page
        assert (site / "data" / name).is_file()


def test_a_label_cannot_end_the_json_ld_script(site: Path) -> None:
    head = _page(site, "tinynet")
    (doc,) = _json_ld(head)
    assert doc["name"] == HOSTILE
    assert doc["description"] == HOSTILE_COMMENT
    # Only data blocks hold the label's script text (the JSON-LD, and the explorer's JSON
    # where it is a string again once parsed): it never got out into code.
    data_types = {"application/ld+json", "application/json"}
    code = [text for attrs, text in head.scripts if attrs.get("type") not in data_types]
    assert not [text for text in code if "alert(" in text]
    for attrs, text in head.scripts:
        if attrs.get("type") == "application/json":
            labels = {n.get("label") for n in json.loads(text)["nodes"]}
            assert HOSTILE in labels


def test_void_addresses_are_absolute_under_a_base() -> None:
    data = Graph()
    data.add((FWD.keras, RDF.type, URIRef("https://w3id.org/fwgraph/ns#Framework")))
    void = void_description(
        data,
        [Dump("fwgraph.ttl", DUMP_FORMATS[0], 10)],
        title="t",
        description=None,
        license=CC_BY,
        modified=dt.date(2026, 1, 2),
        base="https://example.org/docs/data/",
        homepage="https://example.org/docs/",
    )
    dataset = URIRef("https://example.org/docs/data/void.ttl#dataset")
    assert void.value(dataset, VOID.dataDump) == URIRef("https://example.org/docs/data/fwgraph.ttl")
    assert void.value(dataset, DCAT.landingPage) == URIRef("https://example.org/docs/")
    assert str(void.value(dataset, DCTERMS.modified)) == "2026-01-02"

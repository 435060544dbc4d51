"""Build the project's own documentation once and check what a reader of the site would see."""

from __future__ import annotations

import importlib
import posixpath
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from sphinx.util.inventory import InventoryFile

from tests.links import dead_links

ROOT = Path(__file__).resolve().parent.parent

# Sphinx's own napoleon still reads autodoc options as a mapping (deprecated in Sphinx 9).
pytestmark = pytest.mark.filterwarnings("ignore:The mapping interface for autodoc options")


@pytest.fixture(scope="module")
def site(docs_site: Path) -> Path:
    """The HTML of docs/, built once per session (see conftest.docs_site)."""
    return docs_site


def page(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def test_cli_options_keep_their_double_dash(site: Path) -> None:
    html = page(site, "cli.html")
    text = re.sub(r"<[^>]+>", "", html)  # what the reader sees and copies
    assert "fwgraph lineage keras --as-of 2018" in text  # the parser's epilog
    assert "--center" in text
    assert "\N{EN DASH}as-of" not in text
    assert "\N{EN DASH}center" not in text
    for command in ("show", "lineage", "compare", "query", "export", "draw", "validate", "serve"):
        assert f'id="fwgraph-{command}"' in html  # one section per subcommand


@pytest.mark.parametrize(
    ("name", "title", "heading"),
    [
        ("changelog.html", "Changelog", "[Unreleased]"),
        ("contributing.html", "Contributing to fwgraph", "1. Pick the slug and the file"),
    ],
)
def test_markdown_pages_render_as_markdown(site: Path, name: str, title: str, heading: str) -> None:
    html = page(site, name)
    assert re.search(rf"<h1>{re.escape(title)}<a", html)
    assert re.search(rf"<h[23]>{re.escape(heading)}<a", html)
    assert "<code" in html  # `inline code` became code
    text = re.sub(r"<[^>]+>", "", html)
    assert "## " not in text  # no raw Markdown heading marks left
    assert "```" not in text


def test_copy_buttons_leave_prompts_out(site: Path) -> None:
    assert '<script src="_static/copybutton.js' in page(site, "index.html")
    js = page(site, "_static/copybutton.js")
    # The call that formats the copied text, with the prompt pattern from conf.py.
    found = re.search(r"formatCopyText\(text, '((?:[^'\\]|\\.)*)', true,", js)
    assert found, "copybutton is not configured with a prompt regexp"
    prompt = re.compile("^(" + found.group(1).encode().decode("unicode_escape") + ")(.*)")
    for line, copied in [
        ("$ fwgraph show keras", "fwgraph show keras"),
        (">>> kg = fwgraph.load()", "kg = fwgraph.load()"),
        ("... print(row)", "print(row)"),
    ]:
        match = prompt.match(line)
        assert match and match.group(2) == copied


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("pathlib.Path", "https://docs.python.org/3.11/library/pathlib.html#pathlib.Path"),
        ("rdflib.Graph", "https://rdflib.readthedocs.io/en/6.1.1/apidocs/rdflib.html#rdflib.Graph"),
        (
            "networkx.MultiDiGraph",
            "https://networkx.org/documentation/stable/reference/classes/multidigraph.html"
            "#networkx.MultiDiGraph",
        ),
    ],
)
def test_types_of_other_projects_link_to_their_docs(site: Path, name: str, url: str) -> None:
    html = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert f'href="{url}"' in html, f"{name} is not linked to {url}"


def test_pages_have_the_favicon(site: Path) -> None:
    icon = re.compile(r'<link rel="(?:shortcut )?icon" href="([^"]+)"')
    for name, href in (
        ("index.html", "_static/favicon.svg"),
        ("api/index.html", "../_static/favicon.svg"),
    ):
        found = icon.search(page(site, name))
        assert found and found.group(1) == href
    svg = ElementTree.parse(site / "_static" / "favicon.svg").getroot()  # noqa: S314 - our own file
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(svg.findall("{http://www.w3.org/2000/svg}circle")) == 3


def test_every_link_within_the_site_lands_on_an_id(site: Path) -> None:
    assert dead_links(site) == []


def test_ontology_page_opens_with_an_overview_of_every_term(site: Path) -> None:
    html = page(site, "ontology.html")
    overview = html.split('id="fwgraph-overview"')[1].split('id="fwgraph-classes"')[0]
    linked = set(re.findall(r'href="#(term-[^"]+)"', overview))
    sections = set(re.findall(r'<section [^>]*id="(term-[^"]+)"', html))
    assert sections and linked == sections  # every class and property, each linked to its entry


def _resolve(dotted: str) -> object:
    """The object a documented name such as ``fwgraph.errors.QueryError`` stands for."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            found = getattr(found, attr, None)
        return found
    return None


def test_api_reference_is_split_by_topic_and_documents_each_public_name_once(site: Path) -> None:
    import fwgraph

    assert len(list((site / "api").glob("*.html"))) >= 8  # one page per topic, not one long page
    with (site / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", posixpath.join)
    items = getattr(inventory, "data", inventory)  # a mapping of kind -> {name: item}
    documented = [
        (name, item.uri)  # one object may be listed under its alias and its canonical name
        for kind, entries in items.items()
        if kind in {"py:class", "py:exception", "py:function", "py:data"}
        for name, item in entries.items()
    ]
    for public in sorted(set(fwgraph.__all__) - {"__version__"}):
        target = getattr(fwgraph, public)
        where = sorted(
            {
                uri
                for name, uri in documented
                if name.rsplit(".", 1)[-1] == public and _resolve(name) is target
            }
        )
        assert len(where) == 1, f"fwgraph.{public} is described at {where or 'no place'}"
        assert where[0].startswith("api/")


@pytest.mark.parametrize(
    ("example", "rendered"),
    [
        ("a-query", 'class="fwgraph-table fwgraph-result'),
        ("a-picture", 'alt="Keras and its neighbours in 2018"'),
        ("a-comparison", "fwgraph-compare"),
        ("a-card-and-a-link", "fwgraph-card"),
    ],
)
def test_each_extension_example_is_followed_by_its_rendering(
    site: Path, example: str, rendered: str
) -> None:
    html = page(site, "extension.html")
    section = html.split(f'<section id="{example}">')[1].split("<section ")[0]
    source, _, output = section.partition("renders as:")
    assert "highlight-rst" in source  # the reStructuredText as written
    assert rendered in output  # ... and what it renders as, right after it

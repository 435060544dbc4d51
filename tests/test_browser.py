"""The documentation site as a reader sees it: built for real, opened in headless Chromium.

The site is built from ``docs/`` once, served on 127.0.0.1 and opened in Debian's
Chromium through Playwright, at a desktop width (1280 px) and a phone's (390 px):
no console errors, no broken image, nothing wider than the page, pictures whose
text is at least 9 px where they are shown, and the explorer working as the home
page promises (every framework, search, year slider, click to a framework's page).
Every internal link and anchor of the built HTML is checked by a crawl.

Without Chromium the browser checks are skipped locally; with
``FWGRAPH_REQUIRE_SERVERS=1`` (set in CI) a missing browser is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

import fwgraph

DOCS = Path(__file__).resolve().parent.parent / "docs"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PAGES = [
    "index.html",
    "gallery.html",
    "tutorial.html",
    "article.html",
    "frameworks/keras.html",
    "frameworks/caffe.html",
    "cli.html",
    "performance.html",
]
WIDTHS = {"desktop": 1280, "phone": 390}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def site(docs_site: Path) -> Path:
    """The built site (conftest.docs_site), shared with tests/test_docs.py."""
    return docs_site


# ---------------------------------------------------------------- links, without a browser


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(str(values[key]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if tag in {"img", "script"} and values.get("src"):
            self.links.append(str(values["src"]))
        if tag == "link" and values.get("href"):
            self.links.append(str(values["href"]))


@functools.cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken = []
    pages = sorted(p for p in site.rglob("*.html") if ".doctrees" not in p.parts)
    assert len(pages) > 80  # every framework has its page
    for path in pages:
        base = path.relative_to(site).as_posix()
        for link in _parse(path).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            target = (
                site / unquote(urlsplit(urljoin(base, parts.path)).path) if parts.path else path
            )
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{base}: {link} (no file)")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
                broken.append(f"{base}: {link} (no anchor)")
    assert broken == []


# ---------------------------------------------------------------- in Chromium


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        if os.environ.get("FWGRAPH_REQUIRE_SERVERS") == "1":
            pytest.fail("Chromium is required here (apt-get install chromium)")
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _open(browser: Any, url: str, width: int) -> tuple[Any, Any, list[str]]:
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=1,
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "response",
        lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    page.goto(url, wait_until="load")
    return context, page, problems


_LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) continue;
    let scrolled = false;  // inside a box that scrolls sideways, or a hidden one: fine
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) && p !== document.body) {
        scrolled = true; break;
      }
    }
    if (!scrolled) wide.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
  }
  const images = [...document.images].map(img => ({
    src: img.getAttribute('src'), ok: img.complete && img.naturalWidth > 0,
    shown: img.getBoundingClientRect().width,
    natural: parseFloat(img.dataset.naturalWidth || '0'),
    text: parseFloat(img.dataset.minText || '0')}));
  const clipped = [...document.querySelectorAll('table.fwgraph-compare')]
    .filter(t => t.scrollWidth > t.parentElement.clientWidth + 1).length;
  return {wide: wide.slice(0, 5), scroll: document.scrollingElement.scrollWidth, width, images,
          clipped};
}"""


@pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))
@pytest.mark.parametrize("name", PAGES)
def test_page_reads_at_desktop_and_phone_width(
    browser: Any, server: str, name: str, width: int
) -> None:
    context, page, problems = _open(browser, server + name, width)
    try:
        for img in page.locator("img").all():  # lazy images load once scrolled to
            img.scroll_into_view_if_needed()
            page.wait_for_function("el => el.complete", arg=img.element_handle())
        found = page.evaluate(_LAYOUT)
    finally:
        context.close()
    assert problems == []
    assert found["wide"] == []
    assert found["scroll"] <= found["width"] + 1
    if width >= 1000:  # on a desktop no compared framework hides off the right edge
        assert found["clipped"] == 0
    for img in found["images"]:
        assert img["ok"], f"broken image {img['src']}"
        if img["natural"]:
            text = img["text"] * img["shown"] / img["natural"]
            assert text >= 8.99, f"{img['src']}: text {text:.1f} px at {img['shown']} px"


def test_explorer_finds_slides_and_opens_a_framework(browser: Any, server: str) -> None:
    frameworks = len(fwgraph.load().frameworks())
    context, page, problems = _open(browser, server + "index.html", 1280)
    try:
        root = page.locator(".fw-explorer").first
        root.scroll_into_view_if_needed()
        page.wait_for_function("document.querySelector('.fw-explorer').dataset.ready === 'true'")
        assert int(root.get_attribute("data-shown") or 0) == frameworks

        page.fill(".fw-x-search", "tf")  # an alias
        page.press(".fw-x-search", "Enter")
        assert root.get_attribute("data-found") == "tensorflow"
        page.fill(".fw-x-search", "Keras")
        page.press(".fw-x-search", "Enter")
        assert root.get_attribute("data-found") == "keras"

        page.eval_on_selector(
            ".fw-x-slider",
            "s => { s.value = '2018'; s.dispatchEvent(new Event('input')); }",
        )
        shown_2018 = int(root.get_attribute("data-shown") or 0)
        assert 0 < shown_2018 < frameworks
        state = page.evaluate(
            """() => { const cy = document.querySelector('.fw-explorer').fwExplorer;
                 const on = id => cy.getElementById(id).style('display') !== 'none';
                 return {keras: on('keras'), mlx: on('mlx'), theano: on('keras|builtOn|theano'),
                         cntk: on('keras|builtOn|cntk'), jax: on('keras|builtOn|jax'),
                         status: document.querySelector('.fw-x-status').textContent}; }"""
        )
        # What Keras ran on in 2018: Theano, TensorFlow and CNTK, not yet JAX; MLX came in 2023.
        assert state["keras"] and state["theano"] and state["cntk"]
        assert not state["jax"] and not state["mlx"]
        assert "2018" in state["status"]

        # The search centred Keras with an animation: click once it has settled, in view.
        page.wait_for_function("!document.querySelector('.fw-explorer').fwExplorer.animated()")
        root.scroll_into_view_if_needed()
        box = page.evaluate(
            """() => { const cy = document.querySelector('.fw-explorer').fwExplorer;
                 const p = cy.getElementById('keras').renderedPosition();
                 const r = cy.container().getBoundingClientRect();
                 return {x: r.left + p.x, y: r.top + p.y}; }"""
        )
        with page.expect_navigation():
            page.mouse.click(box["x"], box["y"])
        assert page.url.endswith("frameworks/keras.html")
        assert "Keras" in page.title()
    finally:
        context.close()
    assert problems == []


def test_explorer_on_a_phone_shows_facts_on_tap(browser: Any, server: str) -> None:
    context, page, problems = _open(browser, server + "frameworks/keras.html", 390)
    try:
        page.wait_for_function("document.querySelector('.fw-explorer').dataset.ready === 'true'")
        page.locator(".fw-explorer").scroll_into_view_if_needed()
        assert not page.evaluate("matchMedia('(hover: hover)').matches")
        box = page.evaluate(
            """() => { const cy = document.querySelector('.fw-explorer').fwExplorer;
                 const p = cy.getElementById('keras').renderedPosition();
                 const r = cy.container().getBoundingClientRect();
                 return {x: r.left + p.x, y: r.top + p.y}; }"""
        )
        page.touchscreen.tap(box["x"], box["y"])
        panel = page.locator(".fw-x-panel")
        panel.wait_for(state="visible")
        assert "Keras" in panel.inner_text()
        assert "Chollet" in panel.inner_text()  # who develops it, on a tap: no hover on a phone
        assert panel.locator("a.fw-x-open").get_attribute("href") == "keras.html"
        assert page.url.endswith("frameworks/keras.html")  # a tap shows facts, it does not leave
    finally:
        context.close()
    assert problems == []

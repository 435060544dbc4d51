"""Find links within a built HTML site whose ``#fragment`` names no ``id`` of the target page."""

from __future__ import annotations

import html
import re
from pathlib import Path

_ID = re.compile(r'\bid="([^"]+)"')
_HREF = re.compile(r'\bhref="([^"]+)"')


def dead_links(site: Path) -> list[str]:
    """Return ``"page.html -> target#fragment"`` for every same-site link that lands nowhere.

    Covers ``href="#x"`` (the same page) and ``href="other.html#x"`` (relative, any
    depth); links to other sites are not followed. A missing target page is dead too.
    """
    site = site.resolve()
    pages = sorted(site.rglob("*.html"))
    ids = {page: set(_ID.findall(page.read_text(encoding="utf-8"))) for page in pages}
    dead = []
    for page in pages:
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            target, _, fragment = html.unescape(href).partition("#")
            if not fragment or re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue
            path = (page.parent / target).resolve() if target else page
            if fragment not in ids.get(path, set()):
                dead.append(f"{page.relative_to(site)} -> {href}")
    return dead

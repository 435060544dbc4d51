"""A Hangul web font written into every HTML build, so Korean reads without a system CJK font.

Browsers on machines without a Korean font show Hangul as empty boxes. When an HTML
build finishes, this subsets NanumGothic (from the ``koreanize-matplotlib`` wheel that
``fwgraph[draw]`` installs, or the system's ``fonts-nanum``) to the Hangul characters
the built pages contain, and writes it as WOFF2 (WOFF without ``brotli``) to
``_static/fonts/fwgraph-hangul.woff2`` with its license beside it. ``fwgraph.css``
declares it with a ``unicode-range``, so a browser downloads it only for a page that
shows Hangul and uses it only for Hangul.

NanumGothic is under the SIL Open Font License 1.1 with the Reserved Font Names
"Nanum" and "NanumGothic"; a subset is a Modified Version, so it is renamed
``fwgraph Hangul`` and carries the copyright notice and the license.
"""

from __future__ import annotations

import importlib.util
import io
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.application import Sphinx
from sphinx.util import logging

from fwgraph.draw.fonts import hangul_font_path

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

__all__ = ["FAMILY", "HANGUL_RANGES", "hangul_characters", "write_hangul_font"]

logger = logging.getLogger(__name__)

#: The font's family name, as ``fwgraph.css`` uses it.
FAMILY = "fwgraph Hangul"
#: Hangul Jamo, Compatibility Jamo, Jamo Extended-A, Syllables and Jamo Extended-B
#: (the ``unicode-range`` in ``fwgraph.css``).
HANGUL_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))
_LICENSE = Path(__file__).parent / "fonts" / "OFL.txt"
_STEM = "fwgraph-hangul"
# Visual TrueType's source tables: not needed to render, and fontTools cannot subset them.
_VTT_TABLES = ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5"]


def hangul_characters(texts: Iterable[str]) -> str:
    """Return the distinct Hangul characters in ``texts``, sorted.

    >>> hangul_characters(["Keras (케라스)", "텐서플로 and 케라스"])
    '라로서스케텐플'
    """
    found = {c for text in texts for c in text if _is_hangul(c)}
    return "".join(sorted(found))


def _is_hangul(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in HANGUL_RANGES)


def write_hangul_font(
    source: Path, characters: str, folder: Path, *, flavor: str | None = None
) -> Path:
    """Write ``characters`` of the NanumGothic file ``source`` as a web font into ``folder``.

    Parameters
    ----------
    source : pathlib.Path
        NanumGothic (a TrueType file).
    characters : str
        The characters to keep (other glyphs are dropped).
    folder : pathlib.Path
        Where ``fwgraph-hangul.woff2`` (or ``.woff``) and its license go.
    flavor : str, optional
        ``"woff2"`` or ``"woff"``; by default WOFF2 when ``brotli`` is installed.

    Returns
    -------
    pathlib.Path
        The font file written.
    """
    from fontTools import subset  # noqa: PLC0415 - fontTools comes with matplotlib
    from fontTools.ttLib import TTFont  # noqa: PLC0415

    if flavor is None:
        flavor = "woff2" if importlib.util.find_spec("brotli") is not None else "woff"
    options = subset.Options()
    options.flavor = flavor
    options.hinting = False  # screens today render CJK well without TrueType hints
    options.desubroutinize = True
    options.layout_features = ["*"]  # Jamo composition uses the ljmo/vjmo/tjmo features
    options.drop_tables = [*options.drop_tables, *_VTT_TABLES]
    font = TTFont(str(source))
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    _rename(font)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"{_STEM}.woff*"):
        stale.unlink()
    target = folder / f"{_STEM}.{flavor}"
    buffer = io.BytesIO()
    font.flavor = flavor
    font.save(buffer)
    target.write_bytes(buffer.getvalue())
    shutil.copyfile(_LICENSE, folder / f"{_STEM}-OFL.txt")
    return target


def _rename(font: TTFont) -> None:
    """Give the subset names without the Reserved Font Names, and the license in its metadata."""
    name = font["name"]
    version = name.getDebugName(5) or ""
    records = {
        1: FAMILY,
        2: "Regular",
        3: f"{FAMILY} Regular; {version.split(';')[0]}; fwgraph.sphinx subset",
        4: f"{FAMILY} Regular",
        6: "fwgraphHangul-Regular",
        10: "A subset of NanumGothic for documentation built with fwgraph.sphinx.",
        13: "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        14: "http://scripts.sil.org/OFL",
    }
    name.names = [r for r in name.names if r.nameID not in records and r.nameID < 16]
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x409)  # Windows, Unicode BMP, English


def _family(path: Path) -> str:
    from fontTools.ttLib import TTFont  # noqa: PLC0415

    return str(TTFont(str(path), lazy=True)["name"].getDebugName(1) or "")


def add_hangul_font(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the Hangul web font for the characters the HTML pages use."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    characters = hangul_characters(
        page.read_text(encoding="utf-8") for page in sorted(outdir.rglob("*.html"))
    )
    if not characters:
        return
    source = hangul_font_path()
    if source is None or source.suffix.lower() != ".ttf" or _family(source) != "NanumGothic":
        logger.warning(
            "fwgraph: no NanumGothic to make the Hangul web font from (install "
            '"fwgraph[draw]"); Korean text shows in whatever font the reader has',
            type="fwgraph",
            subtype="font",
        )
        return
    target = write_hangul_font(source, characters, outdir / "_static" / "fonts")
    logger.info(
        "fwgraph: Hangul web font, %d characters, %.1f KB",
        len(characters),
        target.stat().st_size / 1024,
    )

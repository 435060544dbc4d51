"""Fonts for drawings: find a font with Hangul glyphs and register it with matplotlib.

DejaVu Sans, matplotlib's default, has no Hangul, so Korean labels would come
out as empty boxes. The ``draw`` extra installs ``koreanize-matplotlib``, whose
wheel ships NanumGothic; we register that file directly (importing
``koreanize_matplotlib`` itself warns and rewrites global ``rcParams``), and
fall back to a system Noto CJK or Nanum font.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from fwgraph.errors import MissingDependencyError

__all__ = ["font_families", "hangul_font_path", "register_hangul_font"]

#: Fallback for glyphs a Hangul font lacks (dagger, dashes, ellipsis).
LATIN_FAMILY = "DejaVu Sans"

_SYSTEM_FONTS = (
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)


def hangul_font_path() -> Path | None:
    """Return a font file with Hangul glyphs, or ``None`` if there is none.

    Returns
    -------
    pathlib.Path or None
        NanumGothic from the ``koreanize-matplotlib`` wheel when installed,
        else a system Nanum or Noto CJK font.
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is not None and spec.origin is not None:
        candidate = Path(spec.origin).parent / "fonts" / "NanumGothic.ttf"
        if candidate.is_file():
            return candidate
    for name in _SYSTEM_FONTS:
        path = Path(name)
        if path.is_file():
            return path
    return None


@cache
def register_hangul_font() -> str:
    """Register a Hangul font with matplotlib and return its family name.

    Returns
    -------
    str
        The family name to use in ``font.family`` (``"NanumGothic"``).

    Raises
    ------
    MissingDependencyError
        If no font with Hangul glyphs is installed.
    """
    path = hangul_font_path()
    if path is None:
        raise MissingDependencyError(
            "a Hangul font (koreanize-matplotlib's NanumGothic)", "draw", "drawing Korean labels"
        )
    from matplotlib import font_manager  # noqa: PLC0415 - matplotlib is optional

    font_manager.fontManager.addfont(str(path))
    return str(font_manager.FontProperties(fname=str(path)).get_name())


def font_families(lang: str) -> list[str]:
    """Return the ``font.family`` list for labels in ``lang``.

    Parameters
    ----------
    lang : {"en", "ko"}
        Label language.

    Returns
    -------
    list of str
        ``["DejaVu Sans"]`` for English; for Korean DejaVu Sans first, then the
        Hangul family for the glyphs DejaVu lacks (matplotlib falls back glyph by
        glyph): the Latin letters and the symbols ``†`` and ``→`` keep DejaVu's
        shapes, which NanumGothic draws as a "+" and a tiny "›".

    Raises
    ------
    MissingDependencyError
        For ``"ko"`` when no Hangul font is installed.
    """
    if lang == "ko":
        return [LATIN_FAMILY, register_hangul_font()]
    return [LATIN_FAMILY]

"""Sizes and dates every picture shares: label widths, and which status or period to show.

Plain Python (no matplotlib): used by the drawings and by the interactive view.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

__all__ = [
    "FONT_SIZE",
    "SMALL_TEXT",
    "period",
    "relation_ended",
    "status_at",
    "text_width",
    "year_of",
]

#: Label size in points in every drawing.
FONT_SIZE = 9.0
#: The smallest text any picture draws, in points: 12 CSS px in an SVG at its natural size.
SMALL_TEXT = 9.0


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimate the width of a label in inches, erring on the wide side.

    Parameters
    ----------
    text : str
        The label (Latin or Hangul).
    size : float
        Font size in points.

    Returns
    -------
    float
        Width in inches; DejaVu Sans and NanumGothic come out narrower.

    Examples
    --------
    >>> round(text_width("TensorFlow"), 2)
    0.83
    >>> text_width("텐서플로") > text_width("abcd")
    True
    """
    em = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            em += 1.0
        elif ch in " .,:;'|!ilIjft()[]-":
            em += 0.4
        elif ch.isupper() or ch in "mwMW@%&—":
            em += 0.8
        else:
            em += 0.64
    return em * size / 72.0


def year_of(as_of: int | dt.date | None) -> int | None:
    """The year of an ``as_of`` argument."""
    return as_of.year if isinstance(as_of, dt.date) else as_of


def status_at(attrs: dict[str, Any], as_of: int | None) -> str | None:
    """The status to draw: today's, or the one implied at ``as_of``."""
    status = attrs.get("status")
    ended = attrs.get("discontinued")
    if as_of is not None and status == "discontinued" and ended and int(ended) > as_of:
        return "active"
    return str(status) if status else None


def relation_ended(attrs: dict[str, Any], as_of: int | None) -> bool:
    """Whether an edge's relation had ended by ``as_of`` (by today when ``None``).

    Examples
    --------
    >>> relation_ended({"valid_until": "2020"}, 2018), relation_ended({"valid_until": "2020"}, None)
    (False, True)
    """
    until = attrs.get("valid_until")
    if not until:
        return False
    return int(str(until)[:4]) < (as_of if as_of is not None else dt.date.today().year)


def period(attrs: dict[str, Any]) -> str:
    """An edge's period as years, ``"2015–2019"``, or ``""`` when none is recorded."""
    if attrs.get("periods"):
        spans = [p.split("/") for p in str(attrs["periods"]).split(";")]
        return ", ".join(f"{a[:4]}–{b[:4]}" for a, b in spans)
    start, end = attrs.get("valid_from"), attrs.get("valid_until")
    if not start and not end:
        return ""
    return f"{str(start or '')[:4]}–{str(end or '')[:4]}"

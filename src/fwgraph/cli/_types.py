"""The command line's argument types: one-line usage errors and the values options take."""

from __future__ import annotations

import argparse
import datetime as dt
import math
import re
from pathlib import Path
from typing import Any, NoReturn

from fwgraph.errors import FwgraphError

__all__ = ["Parser", "UsageError", "as_of", "bounded", "existing_file"]


class UsageError(FwgraphError):
    """A command line that cannot be run as written (reported in one line, exit 1)."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit status 1, never ``SystemExit(2)``."""

    def error(self, message: str) -> NoReturn:
        hint = f" (see '{self.prog} --help')"
        raise UsageError(" ".join(message.split()) + hint)


YEAR_RE = re.compile(r"[0-9]{4}")
MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{2})")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def as_of(text: str) -> int | dt.date:
    """A year (``2018``), a month (``2018-06``: its last day) or a date (``2018-06-30``)."""
    msg = f"expected a year (2018), a month (2018-06) or a date (2018-06-30), not {text!r}"
    value = text.strip()
    try:
        if YEAR_RE.fullmatch(value) and int(value) >= 1:
            return int(value)
        month = MONTH_RE.fullmatch(value)
        if month:
            year, number = int(month.group(1)), int(month.group(2))
            if not 1 <= number <= 12:
                raise ValueError(msg)
            first_of_next = dt.date(year + number // 12, number % 12 + 1, 1)
            return first_of_next - dt.timedelta(days=1)
        if DATE_RE.fullmatch(value):
            return dt.date.fromisoformat(value)
    except (ValueError, OverflowError) as exc:
        raise argparse.ArgumentTypeError(msg) from exc
    raise argparse.ArgumentTypeError(msg)


def bounded(kind: type[int] | type[float], low: float, high: float | None = None) -> Any:
    """An argparse type: a number of ``kind`` in ``[low, high]``."""

    def parse(text: str) -> int | float:
        what = "a whole number" if kind is int else "a number"
        span = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
        try:
            value = kind(text)
        except ValueError:
            msg = f"expected {what} {span}, not {text!r}"
            raise argparse.ArgumentTypeError(msg) from None
        if math.isnan(value) or value < low or (high is not None and value > high):  # NaN too
            msg = f"expected {what} {span}, not {text!r}"
            raise argparse.ArgumentTypeError(msg)
        return value

    parse.__name__ = kind.__name__
    return parse


def existing_file(path: Path, what: str) -> Path:
    """``path`` if it is a readable file; a one-line FwgraphError otherwise."""
    if not path.exists():
        msg = f"no such file: {path} ({what})"
        raise UsageError(msg)
    if path.is_dir():
        msg = f"{path} is a directory, not a file ({what})"
        raise UsageError(msg)
    return path

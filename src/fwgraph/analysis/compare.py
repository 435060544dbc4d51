"""Side-by-side comparison of frameworks, like the seed article's, with sources."""

from __future__ import annotations

import datetime as dt
import html
import json
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fwgraph.model import Framework, Ref
from fwgraph.results import render_table, require_pandas

__all__ = ["Comparison", "compare", "status_text"]


def _refs(values: Sequence[Ref | str]) -> str:
    return ", ".join(v.label if isinstance(v, Ref) else v for v in values) or "—"


def _claims(framework: Framework, polarity: str) -> str:
    items = [
        f"{c.label.split(': ', 1)[-1]} [{c.verdict}]"
        for c in framework.claims
        if c.polarity == polarity
    ]
    return "; ".join(items) or "—"


def status_text(f: Framework, when: int | dt.date | None) -> str:
    """The status of a framework as read then: ``"active"``, ``"discontinued (since 2017)"``.

    Before its first release: ``"not yet released (first release 2017-01)"``.
    """
    if (
        when is not None
        and f.year is not None
        and f.year > (when if isinstance(when, int) else when.year)
    ):
        return f"not yet released (first release {f.first_released})"
    values = f.values("status", as_of=when) if when is not None else ()
    status = str(values[0]) if values else (f.status or "—")
    ended = f" (since {f.discontinued[:4]})" if f.discontinued and status == "discontinued" else ""
    return status + ended


def _support(
    kind: str, attr: str, columns: Sequence[Ref]
) -> Callable[[Framework, int | dt.date | None], str]:
    """Yes, an explicit sourced no, or unknown: never a silent blank.

    A column of the comparison matrix (of this ``kind``) that the framework's data
    does not answer at all is listed as unknown; one whose "yes" holds only at
    other times than ``when`` is listed as not supported then, with its period.
    """

    def cell(f: Framework, when: int | dt.date | None) -> str:
        prop = {"platform": "platform", "hardware": "hardware", "feature": "supports"}[kind]
        yes = _refs(f.values(prop, as_of=when)) if getattr(f, attr) else ""
        no = ", ".join(r.label for r in f.lacks if r.kind == kind)
        other_times = sorted(
            {
                f"{fact.value.label} [{fact.period}]"
                for fact in f.facts_for(prop)
                if isinstance(fact.value, Ref) and fact.value not in f.values(prop, as_of=when)
            }
        )
        answered = {r.slug for r in (*getattr(f, attr), *f.lacks, *f.support_unknown)}
        unknown = sorted(
            {r.label for r in f.support_unknown if r.kind == kind}
            | {c.label for c in columns if c.kind == kind and c.slug not in answered},
            key=str.casefold,
        )
        parts = [yes] if yes and yes != "—" else []
        if no:
            parts.append(f"not: {no}")
        if other_times:
            parts.append(f"not in {when}: {', '.join(other_times)}")
        if unknown:
            parts.append(f"unknown: {', '.join(unknown)}")
        return "; ".join(parts) or "—"

    return cell


def _rows(
    columns: Sequence[Ref],
) -> list[tuple[str, Callable[[Framework, int | dt.date | None], str]]]:
    return [
        ("Developed by", lambda f, t: _refs(f.values("developedBy", as_of=t))),
        ("Created by", lambda f, _t: _refs(f.creators)),
        ("First released", lambda f, _t: f.released_text),
        ("Status", status_text),
        ("License", lambda f, t: _refs(f.values("license", as_of=t))),
        ("Implemented in", lambda f, _t: _refs(f.implemented_in)),
        ("API languages", lambda f, _t: _refs(f.api_languages)),
        ("Built on", lambda f, t: _refs(f.values("builtOn", as_of=t))),
        ("Derived from", lambda f, _t: _refs(f.derived_from)),
        ("Replaced by", lambda f, t: _refs(f.values("replacedBy", as_of=t))),
        ("Platforms", _support("platform", "platforms", columns)),
        ("Hardware", _support("hardware", "hardware", columns)),
        ("Features", _support("feature", "features", columns)),
        ("Domains", lambda f, _t: _refs(f.domains)),
        ("Strengths", lambda f, _t: _claims(f, "strength")),
        ("Weaknesses", lambda f, _t: _claims(f, "weakness")),
    ]


@dataclass(frozen=True)
class Comparison:
    """Frameworks side by side: one column per framework, one row per aspect.

    Attributes
    ----------
    frameworks : tuple of Framework
    rows : tuple of tuple
        ``(aspect, cells)`` pairs: the aspect's name and a tuple of one string per
        framework.
    as_of : int or datetime.date or None
        Year or date the time-qualified rows (developers, license, built on) were
        restricted to.

    Examples
    --------
    >>> import fwgraph
    >>> table = fwgraph.load().compare("tensorflow", "pytorch")
    >>> print(table.to_markdown().splitlines()[0])
    | | TensorFlow | PyTorch |
    >>> table.cell("API languages", "pytorch")
    '...Python...'
    """

    frameworks: tuple[Framework, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    as_of: int | dt.date | None = None

    @property
    def header(self) -> list[str]:
        """The column titles (an empty corner, then the framework names)."""
        return ["", *(f.label for f in self.frameworks)]

    def cell(self, row: str, framework: str) -> str:
        """The cell for a row name and a framework slug."""
        column = [f.slug for f in self.frameworks].index(framework)
        for name, cells in self.rows:
            if name == row:
                return cells[column]
        raise KeyError(row)

    def to_markdown(self) -> str:
        """A GitHub-flavoured Markdown table."""

        def esc(text: str) -> str:
            return text.replace("|", "\\|")

        lines = ["| " + " | ".join(esc(h) for h in self.header) + " |"]
        lines[0] = lines[0].replace("|  |", "| |", 1)
        lines.append("|" + "---|" * len(self.header))
        lines.extend(
            "| " + " | ".join([esc(name), *(esc(c) for c in cells)]) + " |"
            for name, cells in self.rows
        )
        return "\n".join(lines)

    def to_table(self, width: int = 100) -> str:
        """Aligned plain text that fits ``width`` columns: long cells wrap onto more lines."""
        first = max(len(h) for h in [self.header[0], *(name for name, _ in self.rows)])
        columns = max(len(self.frameworks), 1)
        room = max((width - first - 2 * columns) // columns, 12)
        lines: list[list[str]] = []
        for name, cells in self.rows:
            wrapped = [textwrap.wrap(c, room, break_on_hyphens=False) or [""] for c in cells]
            for i in range(max(len(w) for w in wrapped)):
                lines.append(
                    [name if i == 0 else "", *(w[i] if i < len(w) else "" for w in wrapped)]
                )
        return render_table(self.header, lines)

    def to_dict(self) -> dict[str, dict[str, str]]:
        """``{framework slug: {row: cell}}``."""
        return {
            f.slug: {name: cells[i] for name, cells in self.rows}
            for i, f in enumerate(self.frameworks)
        }

    def to_json(self) -> str:
        """JSON form of :meth:`to_dict`."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_dataframe(self) -> Any:
        """Rows as a ``pandas.DataFrame``, one column per framework (``fwgraph[pandas]``)."""
        pandas = require_pandas()
        return pandas.DataFrame(
            [list(cells) for _, cells in self.rows],
            index=[name for name, _ in self.rows],
            columns=[f.slug for f in self.frameworks],
        )

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self.header)
        body = "".join(
            f"<tr><th>{html.escape(name)}</th>"
            + "".join(f"<td>{html.escape(c)}</td>" for c in cells)
            + "</tr>"
            for name, cells in self.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def compare(
    frameworks: Sequence[Framework],
    *,
    as_of: int | dt.date | None = None,
    columns: Sequence[Ref] = (),
) -> Comparison:
    """Build a :class:`Comparison` of already-loaded frameworks.

    Parameters
    ----------
    frameworks : sequence of Framework
        One column each, in this order.
    as_of : int or datetime.date, optional
        Restrict the time-qualified rows to a year or a date.
    columns : sequence of Ref, optional
        The columns of the comparison matrix (platforms, hardware, features, each
        with its ``kind``): one a framework's data does not answer is shown as
        unknown in its row instead of being left out.
    """
    rows = tuple((name, tuple(cell(f, as_of) for f in frameworks)) for name, cell in _rows(columns))
    return Comparison(frameworks=tuple(frameworks), rows=rows, as_of=as_of)

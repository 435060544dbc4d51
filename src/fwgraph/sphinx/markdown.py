"""``.. fwgraph-markdown:: ../CONTRIBUTING.md``: include a plain Markdown file without MyST.

Converts the subset of Markdown that READMEs, contributing guides and
changelogs use — ATX headings, paragraphs, ``*``/``-`` lists, fenced code
blocks, inline code and links — to reStructuredText and parses it in place.
Anything else passes through as text; inline code must not span a line break
(it is converted line by line, and reST then reports the unclosed literal). The
first heading becomes the page
title unless ``:skip-title:`` is given; ``:missing-ok:`` turns a missing file
into a sentence instead of an error.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from fwgraph.sphinx.query import note_error

__all__ = ["MarkdownDirective", "markdown_to_rst"]

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^(\s*)```\s*([\w+-]*)\s*$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_UNDERLINE = "=-~^\"'"


def _inline(text: str) -> str:
    parts = re.split(r"(`[^`]+`)", text)
    out = []
    for i, part in enumerate(parts):
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            # reST needs an escaped space between a literal and a touching word.
            before = "\\ " if i and parts[i - 1][-1:].isalnum() else ""
            after = "\\ " if i + 1 < len(parts) and parts[i + 1][:1].isalnum() else ""
            out.append(f"{before}``{part[1:-1]}``{after}")
        else:
            out.append(_LINK.sub(lambda m: f"`{m.group(1)} <{m.group(2)}>`__", part))
    return "".join(out)


def markdown_to_rst(text: str, *, skip_title: bool = False) -> str:
    r"""Convert a Markdown subset to reStructuredText.

    Examples
    --------
    >>> print(markdown_to_rst("# Title\n\nSay `hi` [here](https://x.org).\n"))
    Title
    =====
    <BLANKLINE>
    Say ``hi`` `here <https://x.org>`__.
    <BLANKLINE>
    """
    lines = text.splitlines()
    out: list[str] = []
    levels: dict[int, str] = {}
    fence: str | None = None
    indent = ""
    first_heading = True
    for line in lines:
        match = _FENCE.match(line)
        if fence is None and match:
            indent = match.group(1)
            language = match.group(2) or "text"
            language = {"console": "console", "sh": "bash", "toml": "toml"}.get(language, language)
            out += [f"{indent}.. code-block:: {language}", ""]
            fence = language
            continue
        if fence is not None:
            if _FENCE.match(line):
                fence = None
                out.append("")
                continue
            out.append(f"{indent}   {line[len(indent) :]}" if line.strip() else "")
            continue
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            title = _inline(heading.group(2))
            if first_heading and skip_title:
                first_heading = False
                continue
            first_heading = False
            char = levels.setdefault(level, _UNDERLINE[len(levels)])
            width = sum(2 if ord(c) > 0x1100 else 1 for c in title)
            out += [title, char * width, ""]
            continue
        bullet = re.match(r"^(\s*)[-*]\s+(.*)$", line)
        if bullet:
            out.append(f"{bullet.group(1)}* {_inline(bullet.group(2))}")
            continue
        out.append(_inline(line))
    out.append("")
    return "\n".join(out)


class MarkdownDirective(SphinxDirective):
    """Include a Markdown file, converted to reST."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, object]] = {
        "skip-title": directives.flag,
        "missing-ok": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        """Read, convert and parse the file; it becomes a dependency of the page."""
        rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        source = Path(path)
        if not source.is_file() and "missing-ok" in self.options:
            return [nodes.paragraph(text=f"{self.arguments[0]} does not exist yet.")]
        if not source.is_file():
            return [note_error(self, f"fwgraph-markdown: no such file {self.arguments[0]!r}")]
        self.env.note_dependency(rel)
        rst = markdown_to_rst(
            source.read_text(encoding="utf-8"), skip_title="skip-title" in self.options
        )
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, StringList(rst.splitlines(), str(source)), container)
        return list(container.children)

"""``.. fwgraph-cli::``: document a command line from its :mod:`argparse` parser.

.. code-block:: rst

   .. fwgraph-cli:: fwgraph.cli:build_parser

Walks the parser that the program itself uses (default
``fwgraph.cli:build_parser``) and renders the usage, then one section per
subcommand with its description, usage and a table of its arguments, so the
reference cannot drift from the code.
"""

from __future__ import annotations

import argparse
import importlib
from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from fwgraph.sphinx._nodes import make_table, paragraph
from fwgraph.sphinx.query import note_error

__all__ = ["CliDirective", "arguments_table"]


def _load_parser(spec: str) -> argparse.ArgumentParser:
    module_name, _, attr = spec.partition(":")
    factory = getattr(importlib.import_module(module_name), attr or "build_parser")
    parser = factory()
    if not isinstance(parser, argparse.ArgumentParser):
        msg = f"{spec} did not return an argparse.ArgumentParser"
        raise TypeError(msg)
    return parser


def _literal_cells(items: list[str]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(", "))
        out.append(nodes.literal(text=item))
    return out


def arguments_table(parser: argparse.ArgumentParser) -> nodes.table | None:
    """One row per argument: names, what it takes, default, help."""
    rows = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction | argparse._HelpAction):
            continue
        if action.option_strings:
            names = list(action.option_strings)
        else:
            names = [str(action.metavar or action.dest)]
        takes = ""
        if action.choices is not None:
            takes = "{" + ",".join(str(c) for c in action.choices) + "}"
        elif action.nargs != 0 and action.option_strings:
            takes = str(action.metavar or action.dest.upper())
        if action.nargs in ("*", "+", "?"):
            takes = f"{takes} ({'optional' if action.nargs in ('*', '?') else 'one or more'}"
            takes += ", repeatable)" if action.nargs in ("*", "+") else ")"
        if isinstance(action, argparse._AppendAction):
            takes = f"{takes} (repeatable)".strip()
        default = action.default
        shown = "" if default in (None, False, argparse.SUPPRESS) else str(default)
        help_text = (action.help or "").replace("%(default)s", shown)
        if help_text == argparse.SUPPRESS:
            continue
        rows.append(
            [_literal_cells(names), [nodes.literal(text=takes)] if takes else "", shown, help_text]
        )
    if not rows:
        return None
    return make_table(
        ["Argument", "Takes", "Default", "Meaning"], rows, classes=["fwgraph-cli-args"]
    )


def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser, str]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            return [(name, sub, helps.get(name, "")) for name, sub in action.choices.items()]
    return []


class CliDirective(SphinxDirective):
    """Render the reference of a command line from its parser."""

    optional_arguments = 1
    option_spec: ClassVar[dict[str, object]] = {}

    def run(self) -> list[nodes.Node]:
        """Build the usage block and one section per subcommand."""
        spec = self.arguments[0] if self.arguments else "fwgraph.cli:build_parser"
        try:
            parser = _load_parser(spec)
        except (ImportError, AttributeError, TypeError) as exc:
            return [note_error(self, f"fwgraph-cli: cannot load {spec}: {exc}")]
        out: list[nodes.Node] = []
        usage = parser.format_usage().strip()
        out.append(nodes.literal_block(usage, usage, language="text"))
        if parser.description:
            out.append(paragraph(parser.description))
        table = arguments_table(parser)
        if table is not None:
            out.append(table)
        if parser.epilog:
            out.append(paragraph(parser.epilog))
        for name, sub, help_text in _subcommands(parser):
            section = nodes.section(ids=[f"cli-{name}"], names=[f"{parser.prog} {name}"])
            section += nodes.title(text=f"{parser.prog} {name}")
            section += paragraph(sub.description or help_text)
            sub_usage = sub.format_usage().strip()
            section += nodes.literal_block(sub_usage, sub_usage, language="text")
            sub_table = arguments_table(sub)
            if sub_table is not None:
                section += sub_table
            out.append(section)
        return out

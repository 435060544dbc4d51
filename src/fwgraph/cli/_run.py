"""What every command shares: loading the graph its options name, and writing its output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fwgraph.cli._types import existing_file

if TYPE_CHECKING:
    from fwgraph.graph import KnowledgeGraph

__all__ = ["Handler", "emit", "load_graph"]

Handler = Callable[[argparse.Namespace], int]
"""A command: reads the parsed arguments, returns the exit status."""


def load_graph(args: argparse.Namespace) -> KnowledgeGraph:
    """The graph ``--store``, ``--store-path``, ``--store-graph`` and ``--data`` name."""
    from fwgraph.loading import load  # noqa: PLC0415 - keeps --help fast

    def progress(message: str) -> None:
        if not args.quiet and sys.stderr.isatty():
            print(f"fwgraph: {message}", file=sys.stderr)

    for path in args.data or ():
        existing_file(path, "--data")
    return load(
        args.store,
        path=args.store_path,
        graph=None if args.store_graph == "default" else args.store_graph,
        extra=args.data or (),
        allow_service=getattr(args, "allow_service", False),
        progress=progress,
    )


def emit(text: str, args: argparse.Namespace) -> None:
    """Write ``text`` to ``-o FILE`` when given, else to standard output; one final newline."""
    output: Path | None = getattr(args, "output", None)
    if output is not None:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        if not args.quiet:
            print(f"fwgraph: wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")

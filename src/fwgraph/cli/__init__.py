"""The ``fwgraph`` command line: tables for people, JSON/CSV/TSV for programs.

Exit status: 0 on success, 1 for any error: a usage error (unknown option,
missing argument, bad value), an unknown name, malformed query or data, data
that does not conform, a store that cannot be reached. Errors are exactly one
line on standard error, ``fwgraph: error: <what was wrong>``, without a
traceback or the usage text (``fwgraph COMMAND --help`` shows that).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from fwgraph.cli._parser import build_parser
from fwgraph.cli._run import Handler
from fwgraph.cli._types import UsageError
from fwgraph.errors import FwgraphError

__all__ = ["build_parser", "main"]


def _check_output(output: Path | None) -> None:
    """Refuse an ``-o`` path that cannot be written, before any work is done."""
    if output is None:
        return
    if output.is_dir():
        msg = f"cannot write {output}: it is a directory"
        raise UsageError(msg)
    parent = output.parent
    if not parent.is_dir():
        msg = f"cannot write {output}: no such directory {parent}"
        raise UsageError(msg)


def _one_line(exc: BaseException) -> str:
    """An error as one line: what was wrong, without a traceback."""
    if isinstance(exc, FileNotFoundError) and exc.filename is not None:
        text = f"no such file or directory: {exc.filename}"
    elif isinstance(exc, OSError) and exc.filename is not None:
        text = f"{exc.strerror or exc}: {exc.filename}"
    else:
        text = str(exc) or type(exc).__name__
    text = " ".join(text.split())
    return text if len(text) <= 1000 else text[:997] + "..."


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 success, 1 any error, 130 interrupted).

    Nothing escapes as an exception: usage errors (unknown option, bad value,
    missing argument) and every error fwgraph reports are one line on standard
    error starting with ``fwgraph: error:``.
    """
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        _check_output(getattr(args, "output", None))
        handler: Handler = args.handler
        return handler(args)
    except SystemExit as exc:  # --help and --version print and "exit" 0
        return 0 if exc.code in (0, None) else 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except (FwgraphError, ValueError, OSError) as exc:
        print(f"fwgraph: error: {_one_line(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a CLI reports, in one line, and exits 1
        detail = _one_line(exc)
        print(
            f"fwgraph: error: unexpected {type(exc).__name__}: {detail} (a bug: please report it)",
            file=sys.stderr,
        )
        return 1

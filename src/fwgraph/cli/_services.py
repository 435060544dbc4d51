"""The commands that make something: files in other formats, pictures, a filled or served store."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import Any

import fwgraph.cli._run as _run  # noqa: PLR0402 - `from fwgraph.cli import` would import the package: a cycle
from fwgraph.cli._types import UsageError

__all__ = [
    "RDF_FORMATS",
    "VIEW_FORMATS",
    "cmd_draw",
    "cmd_export",
    "cmd_push",
    "cmd_serve",
]

RDF_FORMATS = ("ttl", "nt", "trig", "jsonld", "xml")
VIEW_FORMATS = ("graphml", "gexf", "json", "cyjs", "dot", "html")


def view_options_of(args: argparse.Namespace) -> dict[str, Any]:
    """The options every view takes, as set by ``view_options`` in the parser."""
    return {
        "lang": args.lang,
        "as_of": args.as_of,
        "center": args.center,
        "radius": args.radius,
    }


def need_center(args: argparse.Namespace, view: str) -> None:
    if view == "ego" and not args.center:
        msg = "the ego view needs --center FRAMEWORK (e.g. --center keras)"
        raise UsageError(msg)


def cmd_export(args: argparse.Namespace) -> int:
    need_center(args, args.view)  # asked for, even where an RDF format ignores the view
    kg = _run.load_graph(args)
    if args.format in RDF_FORMATS:
        _run.emit(kg.serialize(args.format, profile=args.profile), args)
        return 0
    from fwgraph.views.formats import dumps  # noqa: PLC0415 - networkx only when needed

    _run.emit(dumps(kg, args.format, view=args.view, **view_options_of(args)), args)
    return 0


def cmd_draw(args: argparse.Namespace) -> int:
    from fwgraph.draw import draw  # noqa: PLC0415 - matplotlib only when drawing
    from fwgraph.views.formats import check_image_suffix  # noqa: PLC0415

    need_center(args, args.view)
    check_image_suffix(args.output)
    kg = _run.load_graph(args)
    draw(kg, args.view, output=args.output, **view_options_of(args))
    if not args.quiet:
        print(f"fwgraph: drew the {args.view} view to {args.output}", file=sys.stderr)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from fwgraph.engines.endpoint import EndpointEngine  # noqa: PLC0415
    from fwgraph.engines.files import packaged_graph, parse_turtle_files  # noqa: PLC0415

    data = packaged_graph() if not args.no_packaged else parse_turtle_files([])
    if args.data:
        data += parse_turtle_files(args.data)
    graph = None if args.store_graph == "default" else args.store_graph
    target = EndpointEngine(args.url, update_url=args.update_url, timeout=args.timeout, graph=graph)
    show = not args.quiet and sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show:
            width = 30
            filled = width * done // max(total, 1)
            bar = "#" * filled + "-" * (width - filled)
            print(f"\rfwgraph: pushing [{bar}] {done}/{total} triples", end="", file=sys.stderr)

    target.add(data, batch_size=args.batch_size, progress=progress)
    if show:
        print(file=sys.stderr)
    print(f"fwgraph: pushed {len(data)} triples to {target.update_url}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from fwgraph.server import ServerLimits, SparqlGate, is_loopback, temporary_store  # noqa: PLC0415

    kg = _run.load_graph(args)
    limits = ServerLimits(
        timeout=args.timeout, max_result=args.max_result_mb << 20, max_cache=args.cache_mb << 20
    )
    with contextlib.ExitStack() as stack:
        if kg.engine.kind == "oxigraph" and args.store_path is not None:
            kg.close()  # the oxigraph server reads the folder itself
            store = Path(args.store_path)
        else:
            store = stack.enter_context(temporary_store(kg.engine.triples()))
            kg.close()
        gate = SparqlGate(store, host=args.host, port=args.port, limits=limits)
        stack.callback(gate.close)
        if not is_loopback(args.host):
            print(
                f"fwgraph: warning: listening on {args.host}, reachable beyond this machine",
                file=sys.stderr,
            )
        print(f"fwgraph: read-only SPARQL endpoint at {gate.url}", file=sys.stderr, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            gate.serve_forever()
    return 0


# ---------------------------------------------------------------- parser

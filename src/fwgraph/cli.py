"""The ``fwgraph`` command line: tables for people, JSON/CSV/TSV for programs.

Exit status: 0 on success, 1 when fwgraph reports an error (unknown name,
malformed query or data, data that does not conform), 2 for a usage error.
Errors are one line on standard error, without a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fwgraph._version import __version__
from fwgraph.errors import FwgraphError
from fwgraph.graph import KnowledgeGraph
from fwgraph.model import Ref

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


def _as_of(text: str) -> int | dt.date:
    try:
        return int(text) if text.isdigit() else dt.date.fromisoformat(text)
    except ValueError as exc:
        msg = f"expected a year (2018) or a date (2018-06-30), not {text!r}"
        raise argparse.ArgumentTypeError(msg) from exc


def _load(args: argparse.Namespace) -> KnowledgeGraph:
    from fwgraph.loading import load  # noqa: PLC0415 - keeps --help fast

    def progress(message: str) -> None:
        if not args.quiet and sys.stderr.isatty():
            print(f"fwgraph: {message}", file=sys.stderr)

    return load(
        args.store,
        path=args.store_path,
        graph=None if args.store_graph == "default" else args.store_graph,
        extra=args.data or (),
        allow_service=getattr(args, "allow_service", False),
        progress=progress,
    )


def _emit(text: str, args: argparse.Namespace) -> None:
    output: Path | None = getattr(args, "output", None)
    if output is not None:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        if not args.quiet:
            print(f"fwgraph: wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


# ---------------------------------------------------------------- commands


def _cmd_show(args: argparse.Namespace) -> int:
    kg = _load(args)
    fw = kg.framework(args.name)
    if args.format == "json":
        from dataclasses import asdict  # noqa: PLC0415

        _emit(json.dumps(asdict(fw), ensure_ascii=False, indent=2, default=str), args)
        return 0
    ko = args.lang == "ko"

    def refs(items: Sequence[Ref]) -> str:
        return ", ".join(r.display(args.lang) for r in items) or "—"

    title = fw.label_ko if ko and fw.label_ko else fw.label
    lines = [f"{title} ({fw.slug})", fw.comment, ""]

    def dated(prop: str) -> str:
        parts = []
        for fact in fw.facts_for(prop):
            value = fact.value.display(args.lang) if isinstance(fact.value, Ref) else fact.value
            parts.append(value + (f" [{fact.period}]" if fact.period else ""))
        return ", ".join(parts) or "—"

    rows = [
        ("developed by", dated("developedBy")),
        ("created by", refs(fw.creators)),
        ("first released", fw.first_released or "—"),
        (
            "status",
            (fw.status or "—") + (f" (since {fw.discontinued[:4]})" if fw.discontinued else ""),
        ),
        ("license", dated("license")),
        ("implemented in", refs(fw.implemented_in)),
        ("API languages", refs(fw.api_languages)),
        ("repository", fw.repository or "—"),
        ("home page", fw.homepage or "—"),
    ]
    for label, attr in (
        ("built on", "builtOn"),
        ("derived from", "derivedFrom"),
        ("merged into", "mergedInto"),
        ("influenced by", "influencedBy"),
    ):
        if fw.facts_for(attr):
            rows.append((label, dated(attr)))
    rows += [
        ("features", refs(fw.features)),
        ("platforms", refs(fw.platforms)),
        ("hardware", refs(fw.hardware)),
        ("domains", refs(fw.domains)),
    ]
    width = max(len(k) for k, _ in rows)
    lines += [f"{k.ljust(width)}  {v}" for k, v in rows]
    if fw.claims:
        lines += ["", "claims:"]
        for c in fw.claims:
            text = c.text_ko if ko and c.text_ko else c.text_en
            lines.append(f"  [{c.polarity}, {c.verdict}] {text}")
    lines += ["", f"sources: {len(fw.sources)} (fwgraph show {fw.slug} --format json lists them)"]
    _emit("\n".join(lines), args)
    return 0


def _cmd_lineage(args: argparse.Namespace) -> int:
    kg = _load(args)
    lineage = kg.lineage(
        args.name,
        direction=args.direction,
        as_of=args.as_of,
        relations=args.relation,
        depth=args.depth,
    )
    if args.format == "json":
        _emit(json.dumps(lineage.to_dict(), ensure_ascii=False, indent=2), args)
    else:
        header = f"as of {args.as_of}: " if args.as_of is not None else ""
        _emit(header + lineage.to_text(), args)
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    kg = _load(args)
    table = kg.compare(*args.names, as_of=args.as_of)
    text = {
        "markdown": table.to_markdown,
        "json": table.to_json,
        "table": table.to_table,
    }[args.format]()
    _emit(text, args)
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    if args.file is not None:
        text = args.file.read_text(encoding="utf-8")
    elif args.sparql is not None:
        text = args.sparql
    else:
        msg = "give a query as an argument or with -f FILE"
        raise FwgraphError(msg)
    kg = _load(args)
    bindings: dict[str, str] = {}
    for item in args.bind or ():
        name, sep, value = item.partition("=")
        if not sep:
            msg = f"--bind takes NAME=VALUE, not {item!r}"
            raise FwgraphError(msg)
        bindings[name.lstrip("?$")] = value
    result = kg.query(text, bindings=bindings, allow_service=args.allow_service)
    _emit(result.render(args.format), args)
    return 0


_RDF_FORMATS = ("ttl", "nt", "trig", "jsonld", "xml")
_VIEW_FORMATS = ("graphml", "gexf", "json", "cyjs", "dot", "html")


def _view_options(args: argparse.Namespace) -> dict[str, Any]:
    """The options every view takes, as set by ``view_options`` in the parser."""
    return {
        "lang": args.lang,
        "as_of": args.as_of,
        "center": args.center,
        "radius": args.radius,
    }


def _cmd_export(args: argparse.Namespace) -> int:
    kg = _load(args)
    if args.format in _RDF_FORMATS:
        _emit(kg.serialize(args.format), args)
        return 0
    from fwgraph.views.formats import dumps  # noqa: PLC0415 - networkx only when needed

    _emit(dumps(kg, args.format, view=args.view, **_view_options(args)), args)
    return 0


def _cmd_draw(args: argparse.Namespace) -> int:
    from fwgraph.draw import draw  # noqa: PLC0415 - matplotlib only when drawing

    kg = _load(args)
    draw(kg, args.view, output=args.output, **_view_options(args))
    if not args.quiet:
        print(f"fwgraph: drew the {args.view} view to {args.output}", file=sys.stderr)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from fwgraph.analysis.validation import validate  # noqa: PLC0415

    report = validate([*(args.data or ()), *args.files])
    if args.format == "json":
        _emit(
            json.dumps(
                {
                    "conforms": report.conforms,
                    "violations": [
                        {"resource": v.resource, "message": v.message, "path": v.path}
                        for v in report.violations
                    ],
                },
                indent=2,
            ),
            args,
        )
    else:
        _emit(report.to_text(), args)
    return 0 if report.conforms else 1


def _cmd_stats(args: argparse.Namespace) -> int:
    stats = _load(args).stats()
    _emit(stats.to_json() if args.format == "json" else stats.to_text(), args)
    return 0


def _cmd_frameworks(args: argparse.Namespace) -> int:
    kg = _load(args)
    from fwgraph.results import render_table  # noqa: PLC0415

    items = kg.frameworks(
        language=args.language,
        api_language=args.api_language,
        implemented_in=args.implemented_in,
        organization=args.organization,
        status=args.status,
        built_on=args.built_on,
        as_of=args.as_of,
    )
    rows = [
        [
            f.slug,
            f.label_ko if args.lang == "ko" and f.label_ko else f.label,
            f.first_released or "",
            f.status or "",
            ", ".join(d.label for d in f.developers),
        ]
        for f in items
    ]
    header = ["slug", "name", "released", "status", "developed by"]
    if args.format == "json":
        _emit(
            json.dumps(
                [dict(zip(header, r, strict=True)) for r in rows], ensure_ascii=False, indent=2
            ),
            args,
        )
    else:
        _emit(render_table(header, rows), args)
    return 0


def _cmd_claims(args: argparse.Namespace) -> int:
    kg = _load(args)
    from fwgraph.results import render_table  # noqa: PLC0415

    claims = kg.claims(args.name)
    if args.verdict:
        claims = [c for c in claims if c.verdict == args.verdict]
    if args.format == "json":
        from dataclasses import asdict  # noqa: PLC0415

        _emit(json.dumps([asdict(c) for c in claims], ensure_ascii=False, indent=2), args)
        return 0
    rows = [
        [c.framework, c.polarity, c.verdict, c.text_ko if args.lang == "ko" else c.text_en]
        for c in claims
    ]
    _emit(render_table(["framework", "polarity", "verdict", "claim"], rows), args)
    return 0


def _cmd_releases(args: argparse.Namespace) -> int:
    from fwgraph.results import render_table  # noqa: PLC0415

    releases = _load(args).releases(args.name)
    rows = [
        [
            r.version,
            r.date,
            ", ".join(
                k for k, on in (("major", r.major), (f"latest (as of {r.as_of})", r.latest)) if on
            ),
        ]
        for r in releases
    ]
    if args.format == "json":
        from dataclasses import asdict  # noqa: PLC0415

        _emit(json.dumps([asdict(r) for r in releases], ensure_ascii=False, indent=2), args)
    else:
        _emit(render_table(["version", "date", "kind"], rows), args)
    return 0


def _cmd_push(args: argparse.Namespace) -> int:
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


def _cmd_serve(args: argparse.Namespace) -> int:
    from fwgraph.server import ServerLimits, SparqlGate, is_loopback, temporary_store  # noqa: PLC0415

    if not 0 <= args.port <= 65535:
        msg = f"--port must be between 0 and 65535, not {args.port}"
        raise ValueError(msg)
    kg = _load(args)
    limits = ServerLimits(timeout=args.timeout, max_result=args.max_result_mb << 20)
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


def build_parser() -> argparse.ArgumentParser:  # noqa: PLR0915 - one parser, read top to bottom
    """The argument parser (also used to document the CLI)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--store",
        default="memory",
        help="'memory' (default), 'oxigraph', or a SPARQL endpoint URL",
    )
    common.add_argument("--store-path", type=Path, help="directory of an on-disk oxigraph store")
    common.add_argument(
        "--store-graph",
        default="https://w3id.org/fwgraph/graph",
        help="with an endpoint: the named graph holding the data ('default': the server's "
        "default graph)",
    )
    common.add_argument(
        "--data",
        action="append",
        type=Path,
        metavar="FILE",
        help="add your own Turtle file (repeatable); validated against the shapes",
    )
    common.add_argument("-q", "--quiet", action="store_true", help="no progress messages")

    parser = argparse.ArgumentParser(
        prog="fwgraph",
        description="The knowledge graph of deep-learning frameworks.",
        epilog="Example: fwgraph lineage keras --as-of 2018",
    )
    parser.add_argument("--version", action="version", version=f"fwgraph {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    def fmt(p: argparse.ArgumentParser, choices: Sequence[str], default: str = "table") -> None:
        p.add_argument(
            "--format", choices=choices, default=default, help=f"output format (default: {default})"
        )

    def out(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "-o", "--output", type=Path, help="write to this file instead of standard output"
        )

    p = add("show", _cmd_show, "show everything about one framework")
    p.add_argument("name", help="slug or name, e.g. keras")
    p.add_argument("--lang", choices=["en", "ko"], default="en", help="label language")
    fmt(p, ["table", "json"])
    out(p)

    p = add("lineage", _cmd_lineage, "show a framework's lineage as a family tree")
    p.add_argument("name", help="slug or name, e.g. keras")
    p.add_argument("--direction", choices=["ancestors", "descendants", "both"], default="ancestors")
    p.add_argument(
        "--as-of", type=_as_of, help="only relations that held in this year or on this date"
    )
    p.add_argument(
        "--relation",
        action="append",
        help="follow only this lineage relation of the ontology (repeatable): builtOn, "
        "derivedFrom, mergedInto, influencedBy, replacedBy",
    )
    p.add_argument("--depth", type=int, help="stop after this many steps")
    fmt(p, ["table", "json"])
    out(p)

    p = add("compare", _cmd_compare, "compare frameworks side by side")
    p.add_argument("names", nargs="+", help="two or more frameworks")
    p.add_argument("--as-of", type=_as_of, help="time-qualified rows as of this year or date")
    fmt(p, ["table", "markdown", "json"])
    out(p)

    p = add("query", _cmd_query, "run a SPARQL query (fw:, fwd:, rdfs: … prefixes are bound)")
    p.add_argument("sparql", nargs="?", help="the query text")
    p.add_argument("-f", "--file", type=Path, help="read the query from a .rq file")
    p.add_argument(
        "--bind",
        action="append",
        metavar="NAME=VALUE",
        help="bind a variable to a resource by slug or name (repeatable)",
    )
    p.add_argument("--allow-service", action="store_true", help="permit SERVICE (network access)")
    fmt(p, ["table", "json", "csv", "tsv"])
    out(p)

    def view_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--lang", choices=["en", "ko"], default="en", help="label language")
        p.add_argument("--as-of", type=_as_of, help="only relations that held in this year or date")
        p.add_argument("--center", help="the framework at the middle of the ego view")
        p.add_argument("--radius", type=int, default=2, help="steps around --center (default: 2)")

    p = add(
        "export",
        _cmd_export,
        "serialize the graph as RDF, or a view as GraphML, GEXF, JSON, Cytoscape.js, DOT or HTML",
    )
    fmt(p, [*_RDF_FORMATS, *_VIEW_FORMATS], default="ttl")
    p.add_argument(
        "--view",
        choices=["lineage", "organizations", "languages", "full", "ego"],
        default="lineage",
        help="for graph formats: which view (default: lineage)",
    )
    view_options(p)
    out(p)

    p = add("draw", _cmd_draw, "draw a view as PNG, SVG or PDF (matplotlib)")
    p.add_argument(
        "view", choices=["lineage", "organizations", "languages", "ego"], help="what to draw"
    )
    p.add_argument("-o", "--output", type=Path, required=True, help="image file (.png, .svg, .pdf)")
    view_options(p)

    p = add(
        "validate", _cmd_validate, "check the packaged data (and your files) against the shapes"
    )
    p.add_argument("files", nargs="*", type=Path, help="your own Turtle files")
    fmt(p, ["table", "json"])
    out(p)

    p = add("stats", _cmd_stats, "data-quality report: counts, coverage, unsourced facts")
    fmt(p, ["table", "json"])
    out(p)

    p = add("frameworks", _cmd_frameworks, "list frameworks, optionally filtered")
    p.add_argument("--language", help="implemented in or used from this language")
    p.add_argument(
        "--organization",
        help="developed or created by this organization or person, or by one part of it",
    )
    p.add_argument("--api-language", help="has an API in this language")
    p.add_argument("--implemented-in", help="implemented in this language")
    p.add_argument("--built-on", help="runs on this framework")
    p.add_argument("--as-of", type=_as_of, help="judge the filters as of a year or date")
    p.add_argument("--status", choices=["active", "maintenance", "discontinued"])
    p.add_argument("--lang", choices=["en", "ko"], default="en", help="label language")
    fmt(p, ["table", "json"])
    out(p)

    p = add("claims", _cmd_claims, "strengths and weaknesses with today's verdict")
    p.add_argument("name", nargs="?", help="a framework (default: all)")
    p.add_argument("--verdict", choices=["holds", "outdated", "false", "disputed", "unverified"])
    p.add_argument("--lang", choices=["en", "ko"], default="en", help="claim language")
    fmt(p, ["table", "json"])
    out(p)

    p = add("releases", _cmd_releases, "published versions of a framework, oldest first")
    p.add_argument("name", help="a framework (slug, name or alias)")
    fmt(p, ["table", "json"])
    out(p)

    p = add("push", _cmd_push, "load the graph into a SPARQL server (SPARQL 1.1 Update)")
    p.add_argument("url", help="the server's update endpoint (or its query endpoint)")
    p.add_argument("--update-url", help="update endpoint, when it is not the URL given")
    p.add_argument("--batch-size", type=int, default=1000, help="triples per request")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    p.add_argument("--no-packaged", action="store_true", help="push only the --data files")

    p = add("serve", _cmd_serve, "serve a read-only SPARQL endpoint (loopback by default)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks one)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per query (default: 10)")
    p.add_argument(
        "--max-result-mb", type=int, default=64, help="largest answer in MiB (default: 64)"
    )

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        handler: Handler = args.handler
        return handler(args)
    except (FwgraphError, ValueError) as exc:
        print(f"fwgraph: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"fwgraph: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

"""The ``fwgraph`` command line: tables for people, JSON/CSV/TSV for programs.

Exit status: 0 on success, 1 for any error: a usage error (unknown option,
missing argument, bad value), an unknown name, malformed query or data, data
that does not conform, a store that cannot be reached. Errors are exactly one
line on standard error, ``fwgraph: error: <what was wrong>``, without a
traceback or the usage text (``fwgraph COMMAND --help`` shows that).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from fwgraph._version import __version__
from fwgraph.analysis.compare import status_text
from fwgraph.errors import FwgraphError
from fwgraph.graph import KnowledgeGraph
from fwgraph.model import Ref

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


class UsageError(FwgraphError):
    """A command line that cannot be run as written (reported in one line, exit 1)."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit status 1, never ``SystemExit(2)``."""

    def error(self, message: str) -> NoReturn:
        hint = f" (see '{self.prog} --help')"
        raise UsageError(" ".join(message.split()) + hint)


_YEAR = re.compile(r"[0-9]{4}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _as_of(text: str) -> int | dt.date:
    """A year (``2018``), a month (``2018-06``: its last day) or a date (``2018-06-30``)."""
    msg = f"expected a year (2018), a month (2018-06) or a date (2018-06-30), not {text!r}"
    value = text.strip()
    try:
        if _YEAR.fullmatch(value) and int(value) >= 1:
            return int(value)
        month = _MONTH.fullmatch(value)
        if month:
            year, number = int(month.group(1)), int(month.group(2))
            if not 1 <= number <= 12:
                raise ValueError(msg)
            first_of_next = dt.date(year + number // 12, number % 12 + 1, 1)
            return first_of_next - dt.timedelta(days=1)
        if _DATE.fullmatch(value):
            return dt.date.fromisoformat(value)
    except (ValueError, OverflowError) as exc:
        raise argparse.ArgumentTypeError(msg) from exc
    raise argparse.ArgumentTypeError(msg)


def _bounded(kind: type[int] | type[float], low: float, high: float | None = None) -> Any:
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


def _existing_file(path: Path, what: str) -> Path:
    """``path`` if it is a readable file; a one-line FwgraphError otherwise."""
    if not path.exists():
        msg = f"no such file: {path} ({what})"
        raise UsageError(msg)
    if path.is_dir():
        msg = f"{path} is a directory, not a file ({what})"
        raise UsageError(msg)
    return path


def _load(args: argparse.Namespace) -> KnowledgeGraph:
    from fwgraph.loading import load  # noqa: PLC0415 - keeps --help fast

    def progress(message: str) -> None:
        if not args.quiet and sys.stderr.isatty():
            print(f"fwgraph: {message}", file=sys.stderr)

    for path in args.data or ():
        _existing_file(path, "--data")
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
    if args.as_of is not None and args.format == "json":
        msg = "--as-of applies to the table; the JSON lists every fact with its period"
        raise UsageError(msg)
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
    when = f", as of {args.as_of}" if args.as_of is not None else ""
    lines = [f"{title} ({fw.slug}){when}", fw.comment, ""]

    def dated(prop: str) -> str:
        parts = []
        for fact in fw.facts_for(prop):
            if not fact.holds_in(args.as_of):
                continue
            value = fact.value.display(args.lang) if isinstance(fact.value, Ref) else fact.value
            parts.append(value + (f" [{fact.period}]" if fact.period else ""))
        return ", ".join(parts) or "—"

    rows = [
        ("developed by", dated("developedBy")),
        ("created by", refs(fw.creators)),
        ("first released", fw.released_text),
        ("status", status_text(fw, args.as_of)),
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
        ("replaced by", "replacedBy"),
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
    if len(args.names) < 2:
        msg = f"compare needs two or more frameworks, not only {args.names[0]!r}"
        raise UsageError(msg)
    kg = _load(args)
    table = kg.compare(*args.names, as_of=args.as_of)
    text = {
        "markdown": table.to_markdown,
        "json": table.to_json,
        "table": table.to_table,
    }[args.format]()
    _emit(text, args)
    return 0


def _read_query(path: Path) -> str:
    _existing_file(path, "-f")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = (
            f"{path} is not a UTF-8 text file (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}): give a SPARQL query"
        )
        raise UsageError(msg) from None
    if "\x00" in text:
        msg = f"{path} holds NUL bytes: it is a binary file, not a SPARQL query"
        raise UsageError(msg)
    return text.removeprefix("\ufeff")


def _cmd_query(args: argparse.Namespace) -> int:
    if args.file is not None and args.sparql is not None:
        msg = "give the query either as an argument or with -f FILE, not both"
        raise UsageError(msg)
    if args.file is not None:
        text = _read_query(args.file)
        source = f" in {args.file}"
    elif args.sparql is not None:
        text = args.sparql
        source = ""
    else:
        msg = "no query: give a SPARQL query as an argument or with -f FILE"
        raise UsageError(msg)
    if not text.strip():
        msg = f"empty query{source}: expected SELECT, ASK, CONSTRUCT or DESCRIBE"
        raise UsageError(msg)
    kg = _load(args)
    bindings: dict[str, str] = {}
    for item in args.bind or ():
        name, sep, value = item.partition("=")
        if not sep or not name.lstrip("?$"):
            msg = f"--bind takes NAME=VALUE, not {item!r}"
            raise UsageError(msg)
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


def _need_center(args: argparse.Namespace, view: str) -> None:
    if view == "ego" and not args.center:
        msg = "the ego view needs --center FRAMEWORK (e.g. --center keras)"
        raise UsageError(msg)


def _cmd_export(args: argparse.Namespace) -> int:
    _need_center(args, args.view)  # asked for, even where an RDF format ignores the view
    kg = _load(args)
    if args.format in _RDF_FORMATS:
        _emit(kg.serialize(args.format, profile=args.profile), args)
        return 0
    from fwgraph.views.formats import dumps  # noqa: PLC0415 - networkx only when needed

    _emit(dumps(kg, args.format, view=args.view, **_view_options(args)), args)
    return 0


def _cmd_draw(args: argparse.Namespace) -> int:
    from fwgraph.draw import draw  # noqa: PLC0415 - matplotlib only when drawing
    from fwgraph.views.formats import check_image_suffix  # noqa: PLC0415

    _need_center(args, args.view)
    check_image_suffix(args.output)
    kg = _load(args)
    draw(kg, args.view, output=args.output, **_view_options(args))
    if not args.quiet:
        print(f"fwgraph: drew the {args.view} view to {args.output}", file=sys.stderr)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from fwgraph.analysis.validation import validate  # noqa: PLC0415

    for path in args.files:
        _existing_file(path, "validate")
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
        return 0
    table = render_table(header, rows)
    if args.organization is not None:
        parts = kg.organization_parts(args.organization, as_of=args.as_of)
        if parts:
            owner = kg.label(kg.resolve(args.organization), args.lang)
            names = ", ".join(p.display(args.lang) for p in parts)
            table = f"developed or created by {owner} or a part of it ({names}):\n{table}"
    _emit(table, args)
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

    kg = _load(args)
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


def build_parser() -> argparse.ArgumentParser:  # noqa: PLR0915 - one parser, read top to bottom
    """The argument parser (also used to document the CLI)."""
    common = _Parser(add_help=False)
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

    parser = _Parser(
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
    p.add_argument(
        "--as-of",
        type=_as_of,
        help="only the dated facts (developers, license, status, lineage) that held in "
        "this year, month (2018-06) or date",
    )
    fmt(p, ["table", "json"])
    out(p)

    p = add("lineage", _cmd_lineage, "show a framework's lineage as a family tree")
    p.add_argument("name", help="slug or name, e.g. keras")
    p.add_argument("--direction", choices=["ancestors", "descendants", "both"], default="ancestors")
    p.add_argument(
        "--as-of",
        type=_as_of,
        help="only relations that held then: a year (2018), a month (2018-06) or a date",
    )
    p.add_argument(
        "--relation",
        action="append",
        help="follow only this lineage relation of the ontology (repeatable): builtOn, "
        "derivedFrom, mergedInto, influencedBy, replacedBy",
    )
    p.add_argument("--depth", type=_bounded(int, 0), help="stop after this many steps (0 or more)")
    fmt(p, ["table", "json"])
    out(p)

    p = add("compare", _cmd_compare, "compare frameworks side by side")
    p.add_argument("names", nargs="+", help="two or more frameworks")
    p.add_argument(
        "--as-of", type=_as_of, help="time-qualified rows as of a year, a month (2018-06) or a date"
    )
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
        p.add_argument(
            "--as-of", type=_as_of, help="only relations that held in this year, month or date"
        )
        p.add_argument("--center", help="the framework at the middle of the ego view")
        p.add_argument(
            "--radius",
            type=_bounded(int, 0, 50),
            default=2,
            help="steps around --center, 0 to 50 (default: 2)",
        )

    p = add(
        "export",
        _cmd_export,
        "serialize the graph as RDF, or a view as GraphML, GEXF, JSON, Cytoscape.js, DOT or HTML",
    )
    fmt(p, [*_RDF_FORMATS, *_VIEW_FORMATS], default="ttl")
    p.add_argument(
        "--profile",
        choices=["fwgraph", "schema"],
        default="fwgraph",
        help="with an RDF format: fwgraph's own terms, or schema.org terms (JSON-LD with "
        "an @vocab context)",
    )
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
    p.add_argument(
        "--as-of", type=_as_of, help="judge the filters as of a year, a month (2018-06) or a date"
    )
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
    p.add_argument("--batch-size", type=_bounded(int, 1), default=1000, help="triples per request")
    p.add_argument(
        "--timeout", type=_bounded(float, 0.1, 86400), default=120.0, help="seconds per request"
    )
    p.add_argument("--no-packaged", action="store_true", help="push only the --data files")

    p = add("serve", _cmd_serve, "serve a read-only SPARQL endpoint (loopback by default)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument(
        "--port",
        type=_bounded(int, 0, 65535),
        default=7878,
        help="port, 0 to 65535 (default: 7878; 0 picks one)",
    )
    p.add_argument(
        "--timeout",
        type=_bounded(float, 1, 86400),
        default=10.0,
        help="seconds per query (default: 10)",
    )
    p.add_argument(
        "--max-result-mb",
        type=_bounded(int, 1, 1 << 20),
        default=64,
        help="largest answer in MiB (default: 64)",
    )
    p.add_argument(
        "--cache-mb",
        type=_bounded(int, 0, 1 << 16),
        default=64,
        help="MiB of recent answers kept for repeated queries; 0 keeps none (default: 64)",
    )

    return parser


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


if __name__ == "__main__":
    sys.exit(main())

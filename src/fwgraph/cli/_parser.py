"""The ``fwgraph`` argument parser: every command, its options and their help, top to bottom."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from fwgraph._version import __version__
from fwgraph.cli._commands import (
    cmd_claims,
    cmd_compare,
    cmd_frameworks,
    cmd_lineage,
    cmd_query,
    cmd_releases,
    cmd_show,
    cmd_stats,
    cmd_validate,
)
from fwgraph.cli._run import Handler
from fwgraph.cli._services import (
    RDF_FORMATS,
    VIEW_FORMATS,
    cmd_draw,
    cmd_export,
    cmd_push,
    cmd_serve,
)
from fwgraph.cli._types import Parser, as_of, bounded

__all__ = ["build_parser"]


def build_parser() -> argparse.ArgumentParser:  # noqa: PLR0915 - one parser, read top to bottom
    """The argument parser (also used to document the CLI)."""
    common = Parser(add_help=False)
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

    parser = Parser(
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

    p = add("show", cmd_show, "show everything about one framework")
    p.add_argument("name", help="slug or name, e.g. keras")
    p.add_argument("--lang", choices=["en", "ko"], default="en", help="label language")
    p.add_argument(
        "--as-of",
        type=as_of,
        help="only the dated facts (developers, license, status, lineage) that held in "
        "this year, month (2018-06) or date",
    )
    fmt(p, ["table", "json"])
    out(p)

    p = add("lineage", cmd_lineage, "show a framework's lineage as a family tree")
    p.add_argument("name", help="slug or name, e.g. keras")
    p.add_argument("--direction", choices=["ancestors", "descendants", "both"], default="ancestors")
    p.add_argument(
        "--as-of",
        type=as_of,
        help="only relations that held then: a year (2018), a month (2018-06) or a date",
    )
    p.add_argument(
        "--relation",
        action="append",
        help="follow only this lineage relation of the ontology (repeatable): builtOn, "
        "derivedFrom, mergedInto, influencedBy, replacedBy",
    )
    p.add_argument("--depth", type=bounded(int, 0), help="stop after this many steps (0 or more)")
    fmt(p, ["table", "json"])
    out(p)

    p = add("compare", cmd_compare, "compare frameworks side by side")
    p.add_argument("names", nargs="+", help="two or more frameworks")
    p.add_argument(
        "--as-of", type=as_of, help="time-qualified rows as of a year, a month (2018-06) or a date"
    )
    fmt(p, ["table", "markdown", "json"])
    out(p)

    p = add("query", cmd_query, "run a SPARQL query (fw:, fwd:, rdfs: … prefixes are bound)")
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
            "--as-of", type=as_of, help="only relations that held in this year, month or date"
        )
        p.add_argument("--center", help="the framework at the middle of the ego view")
        p.add_argument(
            "--radius",
            type=bounded(int, 0, 50),
            default=2,
            help="steps around --center, 0 to 50 (default: 2)",
        )

    p = add(
        "export",
        cmd_export,
        "serialize the graph as RDF, or a view as GraphML, GEXF, JSON, Cytoscape.js, DOT or HTML",
    )
    fmt(p, [*RDF_FORMATS, *VIEW_FORMATS], default="ttl")
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

    p = add("draw", cmd_draw, "draw a view as PNG, SVG or PDF (matplotlib)")
    p.add_argument(
        "view", choices=["lineage", "organizations", "languages", "ego"], help="what to draw"
    )
    p.add_argument("-o", "--output", type=Path, required=True, help="image file (.png, .svg, .pdf)")
    view_options(p)

    p = add("validate", cmd_validate, "check the packaged data (and your files) against the shapes")
    p.add_argument("files", nargs="*", type=Path, help="your own Turtle files")
    fmt(p, ["table", "json"])
    out(p)

    p = add("stats", cmd_stats, "data-quality report: counts, coverage, unsourced facts")
    fmt(p, ["table", "json"])
    out(p)

    p = add("frameworks", cmd_frameworks, "list frameworks, optionally filtered")
    p.add_argument("--language", help="implemented in or used from this language")
    p.add_argument(
        "--organization",
        help="developed or created by this organization or person, or by one part of it",
    )
    p.add_argument("--api-language", help="has an API in this language")
    p.add_argument("--implemented-in", help="implemented in this language")
    p.add_argument("--built-on", help="runs on this framework")
    p.add_argument(
        "--as-of", type=as_of, help="judge the filters as of a year, a month (2018-06) or a date"
    )
    p.add_argument("--status", choices=["active", "maintenance", "discontinued"])
    p.add_argument("--lang", choices=["en", "ko"], default="en", help="label language")
    fmt(p, ["table", "json"])
    out(p)

    p = add("claims", cmd_claims, "strengths and weaknesses with today's verdict")
    p.add_argument("name", nargs="?", help="a framework (default: all)")
    p.add_argument("--verdict", choices=["holds", "outdated", "false", "disputed", "unverified"])
    p.add_argument("--lang", choices=["en", "ko"], default="en", help="claim language")
    fmt(p, ["table", "json"])
    out(p)

    p = add("releases", cmd_releases, "published versions of a framework, oldest first")
    p.add_argument("name", help="a framework (slug, name or alias)")
    fmt(p, ["table", "json"])
    out(p)

    p = add("push", cmd_push, "load the graph into a SPARQL server (SPARQL 1.1 Update)")
    p.add_argument("url", help="the server's update endpoint (or its query endpoint)")
    p.add_argument("--update-url", help="update endpoint, when it is not the URL given")
    p.add_argument("--batch-size", type=bounded(int, 1), default=1000, help="triples per request")
    p.add_argument(
        "--timeout", type=bounded(float, 0.1, 86400), default=120.0, help="seconds per request"
    )
    p.add_argument("--no-packaged", action="store_true", help="push only the --data files")

    p = add("serve", cmd_serve, "serve a read-only SPARQL endpoint (loopback by default)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument(
        "--port",
        type=bounded(int, 0, 65535),
        default=7878,
        help="port, 0 to 65535 (default: 7878; 0 picks one)",
    )
    p.add_argument(
        "--timeout",
        type=bounded(float, 1, 86400),
        default=10.0,
        help="seconds per query (default: 10)",
    )
    p.add_argument(
        "--max-result-mb",
        type=bounded(int, 1, 1 << 20),
        default=64,
        help="largest answer in MiB (default: 64)",
    )
    p.add_argument(
        "--cache-mb",
        type=bounded(int, 0, 1 << 16),
        default=64,
        help="MiB of recent answers kept for repeated queries; 0 keeps none (default: 64)",
    )

    return parser

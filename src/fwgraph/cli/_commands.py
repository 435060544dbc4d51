"""The commands that read the graph and print what they find (tables, JSON, CSV, TSV)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import fwgraph.cli._run as _run  # noqa: PLR0402 - `from fwgraph.cli import` would import the package: a cycle
from fwgraph.analysis.compare import status_text
from fwgraph.cli._types import UsageError, existing_file
from fwgraph.model import Ref

__all__ = [
    "cmd_claims",
    "cmd_compare",
    "cmd_frameworks",
    "cmd_lineage",
    "cmd_query",
    "cmd_releases",
    "cmd_show",
    "cmd_stats",
    "cmd_validate",
]


def cmd_show(args: argparse.Namespace) -> int:
    if args.as_of is not None and args.format == "json":
        msg = "--as-of applies to the table; the JSON lists every fact with its period"
        raise UsageError(msg)
    kg = _run.load_graph(args)
    fw = kg.framework(args.name)
    if args.format == "json":
        from dataclasses import asdict  # noqa: PLC0415

        _run.emit(json.dumps(asdict(fw), ensure_ascii=False, indent=2, default=str), args)
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
    _run.emit("\n".join(lines), args)
    return 0


def cmd_lineage(args: argparse.Namespace) -> int:
    kg = _run.load_graph(args)
    lineage = kg.lineage(
        args.name,
        direction=args.direction,
        as_of=args.as_of,
        relations=args.relation,
        depth=args.depth,
    )
    if args.format == "json":
        _run.emit(json.dumps(lineage.to_dict(), ensure_ascii=False, indent=2), args)
    else:
        header = f"as of {args.as_of}: " if args.as_of is not None else ""
        _run.emit(header + lineage.to_text(), args)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    if len(args.names) < 2:
        msg = f"compare needs two or more frameworks, not only {args.names[0]!r}"
        raise UsageError(msg)
    kg = _run.load_graph(args)
    table = kg.compare(*args.names, as_of=args.as_of)
    text = {
        "markdown": table.to_markdown,
        "json": table.to_json,
        "table": table.to_table,
    }[args.format]()
    _run.emit(text, args)
    return 0


def read_query(path: Path) -> str:
    existing_file(path, "-f")
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


def cmd_query(args: argparse.Namespace) -> int:
    if args.file is not None and args.sparql is not None:
        msg = "give the query either as an argument or with -f FILE, not both"
        raise UsageError(msg)
    if args.file is not None:
        text = read_query(args.file)
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
    kg = _run.load_graph(args)
    bindings: dict[str, str] = {}
    for item in args.bind or ():
        name, sep, value = item.partition("=")
        if not sep or not name.lstrip("?$"):
            msg = f"--bind takes NAME=VALUE, not {item!r}"
            raise UsageError(msg)
        bindings[name.lstrip("?$")] = value
    result = kg.query(text, bindings=bindings, allow_service=args.allow_service)
    _run.emit(result.render(args.format), args)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from fwgraph.analysis.validation import validate  # noqa: PLC0415

    for path in args.files:
        existing_file(path, "validate")
    report = validate([*(args.data or ()), *args.files])
    if args.format == "json":
        _run.emit(
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
        _run.emit(report.to_text(), args)
    return 0 if report.conforms else 1


def cmd_stats(args: argparse.Namespace) -> int:
    stats = _run.load_graph(args).stats()
    _run.emit(stats.to_json() if args.format == "json" else stats.to_text(), args)
    return 0


def cmd_frameworks(args: argparse.Namespace) -> int:
    kg = _run.load_graph(args)
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
        _run.emit(
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
    _run.emit(table, args)
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    kg = _run.load_graph(args)
    from fwgraph.results import render_table  # noqa: PLC0415

    claims = kg.claims(args.name)
    if args.verdict:
        claims = [c for c in claims if c.verdict == args.verdict]
    if args.format == "json":
        from dataclasses import asdict  # noqa: PLC0415

        _run.emit(json.dumps([asdict(c) for c in claims], ensure_ascii=False, indent=2), args)
        return 0
    rows = [
        [c.framework, c.polarity, c.verdict, c.text_ko if args.lang == "ko" else c.text_en]
        for c in claims
    ]
    _run.emit(render_table(["framework", "polarity", "verdict", "claim"], rows), args)
    return 0


def cmd_releases(args: argparse.Namespace) -> int:
    from fwgraph.results import render_table  # noqa: PLC0415

    releases = _run.load_graph(args).releases(args.name)
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

        _run.emit(json.dumps([asdict(r) for r in releases], ensure_ascii=False, indent=2), args)
    else:
        _run.emit(render_table(["version", "date", "kind"], rows), args)
    return 0

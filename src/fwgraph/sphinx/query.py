"""``.. fwgraph-query::``: run a SPARQL query at build time and show it with its result.

.. code-block:: rst

   .. fwgraph-query::
      :limit: 10

      SELECT ?framework WHERE { ?framework fw:builtOn fwd:jax } ORDER BY ?framework

The query runs through :meth:`fwgraph.KnowledgeGraph.query`, so it is read
only and ``SERVICE`` is refused. A query that fails is an error that names the
document, the line of the directive and the SPARQL line and column, and the
build fails even without ``-W``.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from fwgraph.errors import FwgraphError, QuerySyntaxError
from fwgraph.results import QueryResult
from fwgraph.sphinx._nodes import make_table, paragraph, term_node
from fwgraph.sphinx._state import GraphHandle, graph_for, resolve_paths
from fwgraph.sphinx.domain import FwgraphDomain

__all__ = ["QueryDirective", "note_error", "report_errors"]

logger = logging.getLogger(__name__)


def note_error(directive: SphinxDirective, message: str) -> nodes.Node:
    """Log a build error at the directive and remember it so that the build fails."""
    location = directive.get_location()
    logger.error(message, location=location, type="fwgraph", subtype="directive")
    domain = directive.env.get_domain("fwgraph")
    assert isinstance(domain, FwgraphDomain)  # noqa: S101 - registered by setup()
    domain.errors.setdefault(directive.env.docname, []).append(f"{location}: {message}")
    return nodes.error("", paragraph(message))


def report_errors(app: object, exception: Exception | None) -> None:
    """``build-finished``: fail the build when any directive reported an error."""
    from sphinx.application import Sphinx  # noqa: PLC0415 - only for the isinstance check

    if exception is not None or not isinstance(app, Sphinx):
        return
    domain = app.env.get_domain("fwgraph")
    errors = domain.errors if isinstance(domain, FwgraphDomain) else {}
    found = [msg for docname in sorted(errors) for msg in errors[docname]]
    if found:
        logger.info("fwgraph: %d directive error(s):\n  %s", len(found), "\n  ".join(found))
        app.statuscode = 1


def extra_graph(directive: SphinxDirective) -> GraphHandle:
    """The graph with the directive's ``:extra:`` Turtle files (relative to the document)."""
    names = directive.options.get("extra", [])
    docdir = directive.env.doc2path(directive.env.docname).parent
    paths = resolve_paths(docdir, names)
    for path in paths:
        directive.env.note_dependency(str(path))
    return graph_for(directive.config, directive.env.srcdir, paths)


def _file_list(argument: str) -> list[str]:
    return [part for part in argument.replace(",", " ").split() if part]


def result_nodes(result: QueryResult, limit: int | None) -> list[nodes.Node]:
    """A table for SELECT, a sentence for ASK, Turtle for CONSTRUCT and DESCRIBE."""
    if result.boolean is not None:
        return [
            paragraph(nodes.strong(text="yes" if result.boolean else "no"), classes=["fwgraph-ask"])
        ]
    if result.graph is not None:
        text = result.graph.serialize(format="turtle")
        block = nodes.literal_block(text, text, language="turtle")
        return [block]
    rows = list(result.rows)
    shown = rows if limit is None else rows[:limit]
    table = make_table(
        list(result.variables),
        [[term_node(term) for term in row] for row in shown],
        classes=["fwgraph-result"],
    )
    count = len(rows)
    note = f"{count} row{'s' if count != 1 else ''}"
    if len(shown) < count:
        note = f"first {len(shown)} of {note}"
    return [table, paragraph(note, classes=["fwgraph-rowcount"])]


class QueryDirective(SphinxDirective):
    """Run the SPARQL in the content and show the query and its result."""

    has_content = True
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, object]] = {
        "limit": directives.positive_int,
        "extra": _file_list,
        "hide-query": directives.flag,
        "caption": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        """Execute the query; on failure log an error with the SPARQL position."""
        text = "\n".join(self.content)
        sparql = text.strip()
        if not sparql:
            return [note_error(self, "fwgraph-query: the directive has no query")]
        out: list[nodes.Node] = []
        if "hide-query" not in self.options:
            block = nodes.literal_block(
                sparql, sparql, language="sparql", classes=["fwgraph-query"]
            )
            self.set_source_info(block)
            if "caption" in self.options:
                container = nodes.container(classes=["literal-block-wrapper"], literal_block=True)
                caption = nodes.caption(self.options["caption"], self.options["caption"])
                container += caption
                container += block
                out.append(container)
            else:
                out.append(block)
        try:
            result = extra_graph(self).kg.query(text)
        except QuerySyntaxError as exc:
            # The SPARQL position is relative to the content; the content starts
            # on the line after the directive's options.
            line = self.content_offset + exc.line
            out.append(note_error(self, f"fwgraph-query: {exc} (document line {line})"))
            return out
        except FwgraphError as exc:
            out.append(note_error(self, f"fwgraph-query: {exc}"))
            return out
        except Exception as exc:  # noqa: BLE001 - the engine raises its own errors while evaluating
            out.append(
                note_error(self, f"fwgraph-query: the query failed: {type(exc).__name__}: {exc}")
            )
            return out
        out.extend(result_nodes(result, self.options.get("limit")))
        return out


def sparql_lexer() -> type:
    """Pygments' SPARQL lexer, taught property paths (``fw:builtOn|fw:derivedFrom``, ``^p``)."""
    from pygments.lexers.rdf import SparqlLexer  # type: ignore[import-untyped]  # noqa: PLC0415
    from pygments.token import Operator  # type: ignore[import-untyped]  # noqa: PLC0415

    class SparqlPathLexer(SparqlLexer):  # type: ignore[misc]
        """SPARQL with the ``|`` and ``^`` path operators."""

        tokens = {  # noqa: RUF012 - pygments reads this class attribute
            **SparqlLexer.tokens,
            "root": [(r"\|\||[|^]", Operator), *SparqlLexer.tokens["root"]],
        }

    return SparqlPathLexer

"""The exceptions fwgraph raises.

Every error fwgraph raises on purpose derives from :class:`FwgraphError`, and
says what was wrong and where::

    FwgraphError
    ├── DataError                      bad RDF input
    │   ├── TurtleSyntaxError          malformed Turtle (file:line)
    │   └── ValidationError            data breaks the SHACL shapes
    ├── QueryError                     bad SPARQL
    │   ├── QuerySyntaxError           malformed SPARQL (line:column)
    │   └── UnsafeQueryError           SERVICE, LOAD or an update where none is allowed
    ├── UnknownEntityError (KeyError)  a name that is not in the graph ("did you mean …")
    ├── StoreError                     a store or endpoint that cannot be used
    ├── UnsupportedFormatError (ValueError)
    │                                  a file format or suffix fwgraph cannot write
    └── MissingDependencyError (ImportError)
                                       an optional extra is not installed

Errors keep their details as attributes (``path``, ``line``, ``column``,
``suggestions`` …) and chain their cause with ``raise … from``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "DataError",
    "FwgraphError",
    "MissingDependencyError",
    "QueryError",
    "QuerySyntaxError",
    "StoreError",
    "TurtleSyntaxError",
    "UnknownEntityError",
    "UnsafeQueryError",
    "UnsupportedFormatError",
    "ValidationError",
]


class FwgraphError(Exception):
    """The root of every error fwgraph raises on purpose."""


class DataError(FwgraphError):
    """RDF input that cannot be used."""


class TurtleSyntaxError(DataError):
    """A Turtle file that does not parse.

    Attributes
    ----------
    path : pathlib.Path or None
        The file, or ``None`` for data given as a string.
    line : int or None
        1-based line of the error when the parser reports one.
    detail : str
        The parser's own message.
    """

    def __init__(self, path: Path | None, line: int | None, detail: str) -> None:
        self.path = path
        self.line = line
        self.detail = detail
        where = str(path) if path is not None else "<string>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: malformed Turtle: {detail}")


class ValidationError(DataError):
    """Data that does not conform to the SHACL shapes.

    Attributes
    ----------
    report : fwgraph.ValidationReport
        Every violation, each naming the resource and the missing piece.
    """

    def __init__(self, report: object, message: str) -> None:
        self.report = report
        super().__init__(message)


class QueryError(FwgraphError):
    """A SPARQL query that cannot be run."""


class QuerySyntaxError(QueryError):
    """A SPARQL query that does not parse.

    Attributes
    ----------
    line, column : int
        1-based position of the error in the query text.
    detail : str
        The parser's own message.
    """

    def __init__(self, line: int, column: int, detail: str) -> None:
        self.line = line
        self.column = column
        self.detail = detail
        super().__init__(f"SPARQL syntax error at line {line}, column {column}: {detail}")


class UnsafeQueryError(QueryError):
    """A query that would reach the network or change data without permission.

    Attributes
    ----------
    feature : str
        ``"SERVICE"``, ``"LOAD"`` or ``"update"``.
    """

    def __init__(self, feature: str, message: str) -> None:
        self.feature = feature
        super().__init__(message)


class UnknownEntityError(FwgraphError, KeyError):
    """A name that matches nothing in the graph.

    Attributes
    ----------
    name : str
        The name as given.
    kind : str
        What was looked for (``"framework"``, ``"entity"`` …).
    suggestions : tuple of str
        Close matches, best first.
    """

    def __init__(self, name: str, kind: str = "entity", suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.kind = kind
        self.suggestions = tuple(suggestions)
        message = f"unknown {kind} {name!r}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)

    def __str__(self) -> str:
        # KeyError would quote the whole message; show it as written.
        return str(self.args[0])


class StoreError(FwgraphError):
    """A store or SPARQL endpoint that cannot be opened or used."""


class UnsupportedFormatError(FwgraphError, ValueError):
    """A file format or suffix fwgraph cannot write.

    Attributes
    ----------
    given : str
        The format name or suffix as given.
    supported : tuple of str
        What would have worked.
    """

    def __init__(self, given: str, supported: tuple[str, ...], what: str) -> None:
        self.given = given
        self.supported = supported
        super().__init__(f"unsupported {what} {given!r}: use one of {', '.join(supported)}")


class MissingDependencyError(FwgraphError, ImportError):
    """An optional dependency is not installed.

    Attributes
    ----------
    extra : str
        The extra that brings it: ``pip install "fwgraph[extra]"``.
    """

    def __init__(self, module: str, extra: str, feature: str) -> None:
        self.extra = extra
        super().__init__(
            f'{feature} needs {module}, which is not installed; run: pip install "fwgraph[{extra}]"'
        )

"""fwgraph: the knowledge graph of deep-learning frameworks.

Load the packaged graph and ask it questions::

    >>> import fwgraph
    >>> kg = fwgraph.load()
    >>> kg.framework("keras").developers[0].label
    'Google'
    >>> [n.slug for n in kg.lineage("keras", as_of=2018, depth=1, relations=["builtOn"]).nodes]
    ['keras', 'cntk', 'tensorflow', 'theano']

Data flow, one way: ``namespace`` / ``model`` (terms, typed values) →
``sparql`` (the query check) → ``engines`` (memory, Oxigraph, endpoint) →
``analysis`` (names, frameworks, lineage, compare, stats, validation) →
``views`` (networkx, file formats, HTML) → ``layout`` → ``draw`` →
``graph`` (the :class:`KnowledgeGraph` facade) and ``loading`` → the faces
(``cli``, ``sphinx``, ``server``).
"""

from typing import TYPE_CHECKING, Any

from fwgraph._version import __version__
from fwgraph.errors import (
    DataError,
    FwgraphError,
    MissingDependencyError,
    QueryError,
    QuerySyntaxError,
    StoreError,
    TurtleSyntaxError,
    UnknownEntityError,
    UnsafeQueryError,
    UnsupportedFormatError,
    ValidationError,
)

if TYPE_CHECKING:
    from fwgraph.analysis.compare import Comparison
    from fwgraph.analysis.lineage import Lineage, LineageEdge, LineageNode
    from fwgraph.analysis.stats import Stats
    from fwgraph.analysis.validation import ValidationReport, Violation, validate
    from fwgraph.graph import KnowledgeGraph
    from fwgraph.loading import load
    from fwgraph.model import Claim, Fact, Framework, Ref, Release, SourceRef
    from fwgraph.namespace import FW, FWD
    from fwgraph.results import QueryResult
    from fwgraph.views.networkx import from_networkx

# Public names imported on first use, so that ``import fwgraph`` (and a cold
# ``fwgraph show``) pays only for what it touches.
_LAZY = {
    "Claim": "fwgraph.model",
    "Comparison": "fwgraph.analysis.compare",
    "FW": "fwgraph.namespace",
    "FWD": "fwgraph.namespace",
    "Fact": "fwgraph.model",
    "Framework": "fwgraph.model",
    "KnowledgeGraph": "fwgraph.graph",
    "Lineage": "fwgraph.analysis.lineage",
    "LineageEdge": "fwgraph.analysis.lineage",
    "LineageNode": "fwgraph.analysis.lineage",
    "QueryResult": "fwgraph.results",
    "Ref": "fwgraph.model",
    "Release": "fwgraph.model",
    "SourceRef": "fwgraph.model",
    "Stats": "fwgraph.analysis.stats",
    "ValidationReport": "fwgraph.analysis.validation",
    "Violation": "fwgraph.analysis.validation",
    "from_networkx": "fwgraph.views.networkx",
    "load": "fwgraph.loading",
    "validate": "fwgraph.analysis.validation",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'fwgraph' has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib  # noqa: PLC0415

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "FW",
    "FWD",
    "Claim",
    "Comparison",
    "DataError",
    "Fact",
    "Framework",
    "FwgraphError",
    "KnowledgeGraph",
    "Lineage",
    "LineageEdge",
    "LineageNode",
    "MissingDependencyError",
    "QueryError",
    "QueryResult",
    "QuerySyntaxError",
    "Ref",
    "Release",
    "SourceRef",
    "Stats",
    "StoreError",
    "TurtleSyntaxError",
    "UnknownEntityError",
    "UnsafeQueryError",
    "UnsupportedFormatError",
    "ValidationError",
    "ValidationReport",
    "Violation",
    "__version__",
    "from_networkx",
    "load",
    "validate",
]

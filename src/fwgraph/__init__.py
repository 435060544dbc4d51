"""fwgraph: the knowledge graph of deep-learning frameworks.

Load the packaged graph and ask it questions::

    >>> import fwgraph
    >>> kg = fwgraph.load()
    >>> kg.framework("keras").developers[0].label
    'Google'
    >>> [n.slug for n in kg.lineage("keras", as_of=2018, depth=1).nodes]
    ['keras', 'cntk', 'tensorflow', 'theano']

Data flow: ``resources`` (packaged Turtle) → ``store`` / ``loading`` (stores)
→ ``graph`` (SPARQL, names) → ``frameworks`` / ``lineage`` / ``compare`` /
``stats`` / ``validation`` → ``export`` → ``cli``.
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
    from fwgraph.compare import Comparison
    from fwgraph.export import from_networkx
    from fwgraph.graph import KnowledgeGraph
    from fwgraph.lineage import Lineage, LineageEdge, LineageNode
    from fwgraph.loading import load
    from fwgraph.model import Claim, Fact, Framework, Ref, SourceRef
    from fwgraph.namespace import FW, FWD
    from fwgraph.results import QueryResult
    from fwgraph.stats import Stats
    from fwgraph.validation import ValidationReport, Violation, validate

# Public names imported on first use, so that ``import fwgraph`` (and a cold
# ``fwgraph show``) pays only for what it touches.
_LAZY = {
    "Claim": "fwgraph.model",
    "Comparison": "fwgraph.compare",
    "FW": "fwgraph.namespace",
    "FWD": "fwgraph.namespace",
    "Fact": "fwgraph.model",
    "Framework": "fwgraph.model",
    "KnowledgeGraph": "fwgraph.graph",
    "Lineage": "fwgraph.lineage",
    "LineageEdge": "fwgraph.lineage",
    "LineageNode": "fwgraph.lineage",
    "QueryResult": "fwgraph.results",
    "Ref": "fwgraph.model",
    "SourceRef": "fwgraph.model",
    "Stats": "fwgraph.stats",
    "ValidationReport": "fwgraph.validation",
    "Violation": "fwgraph.validation",
    "from_networkx": "fwgraph.export",
    "load": "fwgraph.loading",
    "validate": "fwgraph.validation",
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

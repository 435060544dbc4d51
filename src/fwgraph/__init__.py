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

from fwgraph._version import __version__
from fwgraph.compare import Comparison
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
from fwgraph.export import from_networkx
from fwgraph.graph import KnowledgeGraph
from fwgraph.lineage import Lineage, LineageEdge, LineageNode
from fwgraph.loading import load
from fwgraph.model import Claim, Fact, Framework, Ref, SourceRef
from fwgraph.namespace import FW, FWD
from fwgraph.results import QueryResult
from fwgraph.stats import Stats
from fwgraph.validation import ValidationReport, Violation, validate

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

"""What the ontology says about its own terms, read from the graph (never retyped)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from fwgraph.engines import Engine, Row, select
from fwgraph.namespace import FW

__all__ = [
    "Relation",
    "lineage_relations",
    "local_name",
    "sourced_properties",
    "vocabulary_rows",
]


@cache
def _ontology_engine() -> Engine:
    """The packaged ontology alone, its answers kept on disk like the packaged graph's.

    A data-only graph reads its vocabulary here. Parsing the ontology and rdflib's
    first SPARQL query cost ~0.2 s a process (more than the whole ``full`` view of
    10^4 triples on Oxigraph); the answers read back from disk cost ~1 ms.
    """
    import hashlib  # noqa: PLC0415

    import rdflib  # noqa: PLC0415

    from fwgraph._version import __version__  # noqa: PLC0415
    from fwgraph.engines.files import cache_dir, parse_turtle  # noqa: PLC0415
    from fwgraph.engines.memory import MemoryEngine  # noqa: PLC0415
    from fwgraph.resources import ontology_file  # noqa: PLC0415

    path = ontology_file()
    digest = hashlib.sha256(f"{__version__}/{rdflib.__version__}/".encode() + path.read_bytes())
    key = f"ontology-{digest.hexdigest()[:24]}"
    return MemoryEngine(
        content_id=key,
        loader=lambda: parse_turtle(path),
        disk_cache=cache_dir() / "results" / key,
    )


def vocabulary_rows(engine: Engine, name: str) -> list[Row]:
    """Rows of a named query about the vocabulary.

    Read from the engine's own copy of the ontology, or from the packaged
    ``fwgraph.ttl`` when the engine holds data only.
    """
    rows = select(engine, name)
    return rows if rows else select(_ontology_engine(), name)


def local_name(iri: object) -> str:
    """``fw:builtOn`` → ``"builtOn"``."""
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


@dataclass(frozen=True, order=True)
class Relation:
    """A lineage relation as the ontology states it.

    Attributes
    ----------
    name : str
        Local name (``"builtOn"``).
    label, label_ko : str
        ``"built on"`` / ``"기반"``.
    inverse, inverse_ko : str
        How it reads from the object back: ``"runs it"``.
    to_newer : bool
        True when the object is the newer framework (``mergedInto``, ``replacedBy``).
    """

    name: str
    label: str
    label_ko: str
    inverse: str
    inverse_ko: str
    to_newer: bool

    @property
    def iri(self) -> URIRef:
        """The property's IRI."""
        return FW[self.name]


def lineage_relations(engine: Engine) -> dict[str, Relation]:
    """Every sub-property of ``fw:lineage``, by local name, in the ontology's wording.

    Examples
    --------
    >>> import fwgraph
    >>> rel = lineage_relations(fwgraph.load().engine)
    >>> rel["builtOn"].label, rel["builtOn"].inverse, rel["mergedInto"].to_newer
    ('built on', 'runs it', True)
    """
    out: dict[str, Relation] = {}
    for row in vocabulary_rows(engine, "vocabulary"):
        name = local_name(row["p"])
        label = str(row.get("label_en", name))
        out[name] = Relation(
            name=name,
            label=label,
            label_ko=str(row.get("label_ko", label)),
            inverse=str(row.get("inverse_en", label)),
            inverse_ko=str(row.get("inverse_ko", row.get("inverse_en", label))),
            to_newer=row.get("points") == FW.Newer,
        )
    return dict(sorted(out.items()))


def sourced_properties(engine: Engine) -> frozenset[URIRef]:
    """The properties marked ``fw:needsSource true`` in the ontology."""
    return frozenset(row["p"] for row in vocabulary_rows(engine, "sourced_properties"))  # type: ignore[misc]

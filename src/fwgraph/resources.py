"""Where the packaged ontology and data are, in a wheel or a source checkout.

An installed wheel carries ``ontology/`` inside the package
(``fwgraph/ontology``); an editable install or a source checkout does not, so
the repository's own ``ontology/`` is the fall-back.

Examples
--------
>>> from fwgraph.resources import ontology_dir, data_files
>>> (ontology_dir() / "fwgraph.ttl").is_file()
True
>>> any(p.name == "languages.ttl" for p in data_files())
True
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fwgraph.errors import StoreError

__all__ = ["data_files", "ontology_dir", "ontology_file", "shapes_file"]


def ontology_dir() -> Path:
    """Return the directory holding ``fwgraph.ttl``, ``shapes.ttl`` and ``data/``.

    Raises
    ------
    StoreError
        If neither the installed package nor the source checkout has it.
    """
    packaged = Path(str(files("fwgraph"))) / "ontology"
    if (packaged / "fwgraph.ttl").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "ontology"
    if (checkout / "fwgraph.ttl").is_file():
        return checkout
    msg = f"the fwgraph ontology is missing: looked in {packaged} and {checkout}"
    raise StoreError(msg)


def ontology_file() -> Path:
    """Return the path of ``fwgraph.ttl`` (the TBox)."""
    return ontology_dir() / "fwgraph.ttl"


def shapes_file() -> Path:
    """Return the path of ``shapes.ttl`` (the SHACL shapes)."""
    return ontology_dir() / "shapes.ttl"


def data_files() -> list[Path]:
    """Return the packaged ABox files, sorted by name."""
    return sorted((ontology_dir() / "data").glob("*.ttl"))

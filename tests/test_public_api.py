"""The public API: exactly what __all__ says, and a light import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import fwgraph


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name
        for name in dir(fwgraph)
        if not name.startswith("_")
        and not isinstance(getattr(fwgraph, name), type(sys))
        and name not in {"TYPE_CHECKING", "Any"}
    }
    assert set(fwgraph.__all__) == public | {"__version__"}


def test_every_public_name_resolves() -> None:
    for name in fwgraph.__all__:
        assert getattr(fwgraph, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        fwgraph.nothing  # noqa: B018 - the access is the test


def test_every_exported_error_derives_from_the_root() -> None:
    errors = [getattr(fwgraph, n) for n in fwgraph.__all__ if n.endswith("Error")]
    assert errors
    assert all(issubclass(e, fwgraph.FwgraphError) for e in errors)
    assert issubclass(fwgraph.UnknownEntityError, KeyError)
    assert issubclass(fwgraph.MissingDependencyError, ImportError)


def test_import_does_not_pull_heavy_optional_libraries() -> None:
    code = (
        "import sys, fwgraph; "
        "print(sorted(m for m in ('networkx', 'matplotlib', 'pyshacl', 'pyoxigraph', "
        "'oxrdflib', 'pandas', 'rdflib.plugins.sparql') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

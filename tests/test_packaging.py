"""The wheel carries the ontology and loads the graph without the source checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (built,) = out.glob("fwgraph-*.whl")
    return built


def test_wheel_carries_the_license_it_declares(wheel) -> None:
    archive = zipfile.ZipFile(wheel)
    licenses = [n for n in archive.namelist() if n.endswith("/LICENSE") and ".dist-info/" in n]
    assert licenses, archive.namelist()
    assert "Apache License" in archive.read(licenses[0]).decode()
    metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    assert "License-Expression: Apache-2.0 AND CC-BY-4.0" in archive.read(metadata).decode()
    data = [n for n in archive.namelist() if n.endswith("/LICENSE-DATA") and ".dist-info/" in n]
    assert data, "the data licence travels with the ontology"
    assert "creativecommons.org/licenses/by/4.0" in archive.read(data[0]).decode()


def test_wheel_contains_ontology_data_and_queries(wheel) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "fwgraph/ontology/fwgraph.ttl" in names
    assert "fwgraph/ontology/shapes.ttl" in names
    assert "fwgraph/ontology/data/frameworks-article.ttl" in names
    assert "fwgraph/queries/statements.rq" in names
    assert "fwgraph/py.typed" in names


def test_installed_wheel_loads_the_graph(wheel, tmp_path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import fwgraph, fwgraph.resources as r; "
        "print(fwgraph.__file__); print(r.ontology_dir()); "
        "print(fwgraph.load().framework('keras').label)"
    )
    env = {**os.environ, "PYTHONPATH": str(site), "FWGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    ).stdout.splitlines()
    assert out[0].startswith(str(site)), "the wheel's copy is the one imported"
    assert out[1] == str(site / "fwgraph" / "ontology")
    assert out[2] == "Keras"


def test_source_checkout_falls_back_to_the_repository_ontology() -> None:
    from fwgraph import resources

    located = resources.ontology_dir()
    assert (located / "fwgraph.ttl").is_file()
    if not (Path(resources.__file__).parent / "ontology").exists():
        assert located == ROOT / "ontology"

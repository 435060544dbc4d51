"""Shared fixtures: one packaged graph per session, paths to test data."""

from __future__ import annotations

import gc
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import Listener

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the packaged-graph cache out of the user's home during tests."""
    old = os.environ.get("FWGRAPH_CACHE_DIR")
    os.environ["FWGRAPH_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("FWGRAPH_CACHE_DIR", None)
    else:
        os.environ["FWGRAPH_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def kg():  # type: ignore[no-untyped-def]
    """The packaged graph (read-only: tests that change a graph load their own)."""
    import fwgraph

    return fwgraph.load()


@pytest.fixture(scope="module")
def frozen_heap() -> Iterator[None]:
    """Move the graphs other tests loaded out of the collector's way.

    Thousands of generated examples allocate freely; with several parsed graphs
    in the process, each full collection walks them all, which made the property
    tests three times slower in a whole run than alone.
    """
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    """A 127.0.0.1 listener counting the connections it accepts (nothing may reach it)."""
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def data_dir() -> Path:
    return DATA


def _no_network(_sock: socket.socket, address: object) -> None:
    msg = f"the docs build tried to connect to {address}"
    raise OSError(msg)


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML of docs/, built once from a copy with the network blocked and no warning.

    Generated pages stay out of the work tree; tests/test_docs.py and
    tests/test_browser.py read the same build.
    """
    import warnings as python_warnings

    from sphinx.cmd.build import build_main

    root = Path(__file__).resolve().parent.parent
    tmp = tmp_path_factory.mktemp("docs")
    shutil.copytree(
        root / "docs", tmp / "docs", ignore=shutil.ignore_patterns("_build", "frameworks")
    )
    for name in ("CHANGELOG.md", "CONTRIBUTING.md"):
        shutil.copy(root / name, tmp / name)
    out = tmp / "html"
    warnings = tmp / "warnings.txt"
    with pytest.MonkeyPatch.context() as patch, python_warnings.catch_warnings():
        python_warnings.filterwarnings("ignore", "The mapping interface for autodoc options")
        patch.setattr(socket.socket, "connect", _no_network)  # the build needs no network
        status = build_main(
            ["-q", "-n", "-b", "html", "-w", str(warnings), str(tmp / "docs"), str(out)]
        )
    assert status == 0, warnings.read_text(encoding="utf-8")
    assert warnings.read_text(encoding="utf-8") == ""
    return out

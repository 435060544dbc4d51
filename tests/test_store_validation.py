"""Loading with validation on the Oxigraph engine: same verdicts as pyshacl, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

import fwgraph
from fwgraph.analysis.store_validation import borrowed_context, validate_store
from fwgraph.engines.files import packaged_files
from fwgraph.engines.oxigraph import OxigraphEngine
from fwgraph.errors import TurtleSyntaxError, ValidationError
from tests.test_validation import EXPECTED

HEAD = """@prefix fw: <https://w3id.org/fwgraph/ns#> .
@prefix fwd: <https://w3id.org/fwgraph/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""
# Adds a feature to the packaged Keras, citing a packaged source: judging it
# needs Keras's own description and the source's type, both from the store.
KERAS_SOURCED = HEAD + (
    "fwd:keras fw:supports fwd:mixed-precision .\n"
    "[] a rdf:Statement ; rdf:subject fwd:keras ; rdf:predicate fw:supports ;\n"
    "   rdf:object fwd:mixed-precision ; prov:wasDerivedFrom fwd:src-keras-license-2017 .\n"
)
KERAS_UNSOURCED = HEAD + "fwd:keras fw:supports fwd:mixed-precision .\n"
# Claims a packaged Aesara release for Keras: the release then has two frameworks.
RELEASE_TAKEN = HEAD + (
    "fwd:keras fw:hasRelease fwd:aesara-2-0-0 .\n"
    "[] a rdf:Statement ; rdf:subject fwd:keras ; rdf:predicate fw:hasRelease ;\n"
    "   rdf:object fwd:aesara-2-0-0 ; prov:wasDerivedFrom fwd:src-keras-license-2017 .\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.ttl"
    path.write_text(text, encoding="utf-8")
    return path


def _refusal(files: list[Path], **options: object) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        fwgraph.load("oxigraph", extra=files, **options)  # type: ignore[arg-type]
    return [str(v) for v in caught.value.report.violations]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_is_refused_with_its_rule(data_dir: Path, name: str) -> None:
    found = _refusal([data_dir / "bad" / f"{name}.ttl"])
    assert any(EXPECTED[name] in v for v in found), found
    assert all(v.startswith(("tinynet", "statement tinynet")) for v in found), found


@pytest.mark.parametrize("name", [*sorted(EXPECTED), "good"])
def test_same_violations_as_pyshacl(data_dir: Path, name: str) -> None:
    path = data_dir / ("good-framework.ttl" if name == "good" else f"bad/{name}.ttl")
    pyshacl = sorted(str(v) for v in fwgraph.validate([path]).violations)
    try:
        fwgraph.load("oxigraph", extra=[path])
        ours: list[str] = []
    except ValidationError as exc:
        ours = sorted(str(v) for v in exc.report.violations)
    assert ours == pyshacl


@pytest.mark.parametrize("text", [KERAS_SOURCED, KERAS_UNSOURCED, RELEASE_TAKEN])
def test_what_the_files_touch_is_judged_as_pyshacl_judges_it(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, "touch", text)
    pyshacl = sorted(str(v) for v in fwgraph.validate([path]).violations)
    kg = fwgraph.load("oxigraph", path=tmp_path / "store")
    before = len(kg)
    try:
        kg.add(path)
        ours: list[str] = []
    except ValidationError as exc:
        ours = sorted(str(v) for v in exc.report.violations)
        assert len(kg) == before  # nothing was added
    assert ours == pyshacl
    kg.close()


def test_messages_name_the_resource_and_the_missing_piece(tmp_path: Path) -> None:
    found = _refusal([_write(tmp_path, "keras", KERAS_UNSOURCED)])
    assert found == [
        "keras: fact fw:supports fwd:mixed-precision has no statement node citing a source "
        "(rdf:Statement with prov:wasDerivedFrom a fw:Source)"
    ]
    found = _refusal([_write(tmp_path, "release", RELEASE_TAKEN)])
    assert found == ["aesara-2-0-0: must be the release of exactly one framework (fw:hasRelease)"]


def test_a_valid_addition_to_a_packaged_framework_is_loaded(tmp_path: Path) -> None:
    kg = fwgraph.load("oxigraph", extra=[_write(tmp_path, "keras", KERAS_SOURCED)])
    assert "mixed-precision" in {f.slug for f in kg.framework("keras").features}
    assert len(kg) == len(fwgraph.load("oxigraph")) + 6  # the fact and its statement node


def test_a_refused_file_leaves_an_existing_store_as_it_was(tmp_path: Path, data_dir: Path) -> None:
    store = tmp_path / "store"
    fwgraph.load("oxigraph", path=store).close()
    bad = data_dir / "bad" / "framework-missing-license.ttl"
    with pytest.raises(ValidationError, match="needs at least one license"):
        fwgraph.load("oxigraph", path=store, extra=[bad])
    with fwgraph.load("oxigraph", path=store) as kg:
        assert kg.query("ASK { fwd:tinynet ?p ?o }").boolean is False
    with fwgraph.load("oxigraph", path=store, extra=[data_dir / "good-framework.ttl"]) as kg:
        assert kg.framework("tinynet").label == "TinyNet"


def test_a_new_store_is_not_created_from_a_refused_file(tmp_path: Path, data_dir: Path) -> None:
    bad = data_dir / "bad" / "statement-without-source.ttl"
    with pytest.raises(ValidationError, match="statement needs at least one source"):
        fwgraph.load("oxigraph", path=tmp_path / "store", extra=[bad])
    assert not (tmp_path / "store").exists()
    assert list(tmp_path.iterdir()) == []  # no half-built store left behind


def test_malformed_turtle_names_file_and_line(data_dir: Path) -> None:
    files = [data_dir / "good-framework.ttl", data_dir / "malformed.ttl"]
    with pytest.raises(TurtleSyntaxError) as caught:
        fwgraph.load("oxigraph", extra=files)
    assert (caught.value.path.name, caught.value.line) == ("malformed.ttl", 10)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_walking_either_store_finds_the_same(data_dir: Path, name: str) -> None:
    """The packaged data is walked under a large file, the file under a large store."""
    base = OxigraphEngine.open()
    base.load_files(packaged_files())
    found = []
    for scan_base in (True, False):
        new = OxigraphEngine.open()
        new.load_files([data_dir / "bad" / f"{name}.ttl"])
        size = len(new)
        with borrowed_context(new, base, scan_base=scan_base) as exclude:
            found.append(validate_store(new, exclude=exclude).violations)
        assert len(new) == size  # what was lent is taken back
    assert found[0] == found[1]
    assert any(EXPECTED[name] in str(v) for v in found[0])


def test_the_packaged_data_conforms_in_oxigraph() -> None:
    kg = fwgraph.load("oxigraph")
    report = validate_store(kg.engine)
    assert report.conforms, report.to_text()

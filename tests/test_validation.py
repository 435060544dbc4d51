"""SHACL: the packaged data conforms; each bad fixture fails with the rule it breaks."""

from __future__ import annotations

import pytest

import fwgraph

EXPECTED = {
    "framework-missing-license": "needs at least one license",
    "framework-missing-label": "needs exactly one English label",
    "statement-without-source": "statement needs at least one source",
    "fact-without-statement": "fact fw:supports fwd:multi-gpu has no statement node",
    "lineage-target-not-framework": "lineage target of fw:builtOn must be an fw:Framework",
    "discontinued-without-year": "is discontinued but has no year",
    "release-date-untyped": "needs exactly one first release",
    "never-released-with-first-release": "is never released (fw:neverReleased true) but has",
    "matrix-cell-valued-and-unknown": "answers a comparison column both with a value and as",
}


def test_packaged_data_conforms() -> None:
    report = fwgraph.validate()
    assert report.conforms, report.to_text()
    assert report.to_text().startswith("conforms")


def test_good_user_file_conforms(data_dir) -> None:
    assert fwgraph.validate([data_dir / "good-framework.ttl"]).conforms


def test_framework_never_released_needs_no_release_license_or_language(data_dir) -> None:
    report = fwgraph.validate([data_dir / "good-never-released.ttl"])
    assert report.conforms, report.to_text()


def test_released_framework_without_language_is_reported(data_dir, tmp_path) -> None:
    text = (data_dir / "bad" / "framework-missing-license.ttl").read_text(encoding="utf-8")
    broken = tmp_path / "no-language.ttl"
    broken.write_text(text.replace("    fw:implementedIn fwd:python ;\n", ""), encoding="utf-8")
    report = fwgraph.validate([broken])
    mine = [str(v) for v in report.violations if "tinynet" in v.resource]
    assert any("needs at least one implementation language" in v for v in mine), mine


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_fails_with_its_rule(data_dir, name) -> None:
    report = fwgraph.validate([data_dir / "bad" / f"{name}.ttl"])
    assert not report.conforms
    mine = [str(v) for v in report.violations if "tinynet" in v.resource]
    assert any(EXPECTED[name] in v for v in mine), mine
    assert all(v.startswith(("tinynet", "statement tinynet")) for v in mine)


def test_every_fixture_is_checked(data_dir) -> None:
    assert {p.stem for p in (data_dir / "bad").glob("*.ttl")} == set(EXPECTED)

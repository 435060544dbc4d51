"""The data-quality report: the numbers a maintainer watches."""

from __future__ import annotations

import json


def test_stats_counts_and_coverage(kg) -> None:
    stats = kg.stats()
    assert stats.frameworks >= 40
    assert stats.classes["Framework"] == stats.frameworks
    for prop in ("developedBy", "status"):
        assert stats.coverage[prop] == stats.frameworks, prop
    # Frameworks that were described but never released have no first release or license.
    assert "distbelief" in stats.never_released
    for prop in ("implementedIn", "firstReleased", "license"):
        assert stats.coverage[prop] >= stats.frameworks - len(stats.never_released), prop
    assert stats.coverage["firstReleased"] == stats.frameworks - len(stats.never_released)
    assert stats.missing_required == {}
    assert stats.unsourced == ()
    assert stats.orphan_statements == 0
    assert stats.oldest_as_of is not None and stats.oldest_as_of <= "2026-11-26"
    assert set(stats.claims_by_verdict) <= {"holds", "outdated", "false", "disputed", "unverified"}
    assert sum(stats.claims_by_verdict.values()) >= 49


def test_stats_reports_unsourced_facts(data_dir) -> None:
    import fwgraph

    kg = fwgraph.load(extra=[data_dir / "bad" / "fact-without-statement.ttl"], validate=False)
    stats = kg.stats()
    assert "tinynet fw:supports fwd:multi-gpu" in stats.unsourced
    assert "facts without a source: 1" in stats.to_text()
    assert json.loads(stats.to_json())["unsourced_facts"] == ["tinynet fw:supports fwd:multi-gpu"]


def test_stats_exempts_only_frameworks_never_released(data_dir) -> None:
    import fwgraph

    kg = fwgraph.load(extra=[data_dir / "bad" / "framework-missing-license.ttl"], validate=False)
    stats = kg.stats()
    assert "tinynet" not in stats.never_released
    assert stats.missing_required == {"license": ("tinynet",)}
    assert "never released (no first release or license): distbelief" in stats.to_text()


def test_the_comparison_matrix_meets_its_coverage_targets(kg) -> None:
    """Issue 11: ≥ 90 % of cells valued, every cell valued or explicitly unknown."""
    stats = kg.stats()
    cells = sum(sum(v.values()) for v in stats.matrix.values())
    assert cells == 19 * len(kg.frameworks())  # every framework answers every column
    assert stats.matrix_answered == 1.0
    assert stats.matrix_valued >= 0.90, f"{100 * stats.matrix_valued:.1f}% valued"
    assert "% of cells valued" in stats.to_text()

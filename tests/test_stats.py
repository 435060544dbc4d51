"""The data-quality report: the numbers a maintainer watches."""

from __future__ import annotations

import json


def test_stats_counts_and_coverage(kg) -> None:
    stats = kg.stats()
    assert stats.frameworks >= 40
    assert stats.classes["Framework"] == stats.frameworks
    for prop in ("developedBy", "implementedIn", "firstReleased", "license", "status"):
        assert stats.coverage[prop] == stats.frameworks, prop
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

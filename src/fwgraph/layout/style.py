"""Colours and line styles of every picture (static and interactive), by kind and relation."""

from __future__ import annotations

from typing import Any

__all__ = ["DEFAULT_RELATION_STYLE", "KIND_COLOUR", "RELATION_STYLE"]

RELATION_STYLE: dict[str, dict[str, Any]] = {
    "builtOn": {"color": "#3a3a3a", "linestyle": "-", "linewidth": 1.2},
    "derivedFrom": {"color": "#1f5fa8", "linestyle": (0, (5, 3)), "linewidth": 1.4},
    "mergedInto": {"color": "#c0392b", "linestyle": (0, (6, 2, 1, 2)), "linewidth": 1.6},
    "influencedBy": {"color": "#9a9a9a", "linestyle": (0, (1, 2)), "linewidth": 1.0},
    "replacedBy": {"color": "#7b3fa0", "linestyle": (0, (3, 1, 1, 1)), "linewidth": 1.3},
}
#: Style of a lineage relation the table above does not know (a user's own sub-property).
DEFAULT_RELATION_STYLE: dict[str, Any] = {"color": "#555555", "linestyle": "-", "linewidth": 1.0}
KIND_COLOUR = {
    "framework": "#1f77b4",
    "organization": "#ff7f0e",
    "person": "#2ca02c",
    "language": "#9467bd",
    "feature": "#17becf",
    "hardware": "#8c564b",
    "platform": "#e377c2",
    "domain": "#bcbd22",
    "claim": "#9a9a9a",
}

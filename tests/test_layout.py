"""The package's imports run one way: no module imports another that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import fwgraph

ROOT = Path(fwgraph.__file__).parent


def _module(path: Path) -> str:
    parts = ["fwgraph", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str, known: set[str]) -> set[str]:
    """Every fwgraph module this file imports, at module level or inside functions."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        for name in names:
            target = name
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != module:
                found.add(target)
    return found


def import_graph() -> nx.DiGraph[str]:
    files = {_module(p): p for p in ROOT.rglob("*.py")}
    graph: nx.DiGraph[str] = nx.DiGraph()
    for module, path in files.items():
        graph.add_node(module)
        for target in _imports(path, module, set(files)):
            graph.add_edge(module, target)
    return graph


def test_no_import_cycles() -> None:
    graph = import_graph()
    assert graph.number_of_edges() > 50  # the scan sees the imports
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert cycles == []


def test_the_layers_depend_downwards_only() -> None:
    graph = import_graph()
    # terms and model below; then engines → analyses → layout (pure geometry, shared by
    # the HTML view and the drawings) → views → drawing → the facade → load() → faces.
    order = ["engines", "analysis", "layout", "views", "draw", "graph", "loading", "server", "cli"]

    def layer(module: str) -> int | None:
        part = module.split(".")[1] if module.count(".") else ""
        return order.index(part) if part in order else None

    upward = [
        (a, b)
        for a, b in graph.edges
        if layer(a) is not None
        and layer(b) is not None
        and layer(b) > layer(a)  # type: ignore[operator]
        and not (a.startswith("fwgraph.draw") and b.startswith("fwgraph.views"))
    ]
    assert upward == []

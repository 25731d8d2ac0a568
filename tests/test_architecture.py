"""The module graph: Whoosh only behind the engine boundary, no import cycles (lazy imports
inside functions included), and nothing below the facade importing it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "newsarc"
# Whoosh pickles these modules' classes into indexes by import path (docs/ARCHITECTURE.md).
PICKLED_PATHS = {"newsarc.analysis", "newsarc.fields"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in SRC.rglob("*.py")}


def _runtime_imports(path: Path) -> set[str]:
    """Every module this file imports when it runs (at import or inside functions), but
    not under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            submodules = {f"{node.module}.{alias.name}" for alias in node.names}
            if submodules <= set(MODULES):  # `from package import module`: that module
                found.update(submodules)
            else:
                found.add(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


GRAPH = {
    name: {
        imported for imported in _runtime_imports(path) if imported in MODULES and imported != name
    }
    for name, path in MODULES.items()
}


def test_only_the_engine_imports_whoosh():
    outside = sorted(
        name
        for name, path in MODULES.items()
        if any(imported.split(".")[0] == "whoosh" for imported in _runtime_imports(path))
        and not name.startswith("newsarc.engine.")
        and name not in PICKLED_PATHS | {"newsarc.lean_imports"}
    )
    assert outside == []


def test_no_import_cycles():
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(name: str) -> None:
        state[name] = 1
        path.append(name)
        for imported in sorted(GRAPH[name]):
            if state.get(imported) == 1:
                cycles.append(path[path.index(imported) :] + [imported])
            elif imported not in state:
                walk(imported)
        path.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            walk(name)
    assert cycles == []


@pytest.mark.parametrize(
    "module",
    ["newsarc.ingest", "newsarc.maintenance", "newsarc.archive_index", "newsarc.query.parse"],
)
def test_the_facade_is_above_what_it_composes(module):
    assert "newsarc.archive" not in GRAPH[module]


def test_the_query_tree_and_the_engine_interface_know_no_engine():
    for name in ("newsarc.query.tree", "newsarc.engine.base", "newsarc.query.highlight",
                 "newsarc.query.explain", "newsarc.engine.directory", "newsarc.engine.procs"):
        assert not any(
            imported.startswith("whoosh") for imported in _runtime_imports(MODULES[name])
        )

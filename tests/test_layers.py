"""The architecture: declared layers kept (import-linter) and no import cycle anywhere, lazy
(function-level) imports included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contract_is_kept() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    r = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-1000:]
    assert "1 kept, 0 broken" in r.stdout


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("rrall", cache_dir=None)


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every elementary cycle's witness: for each module, a path back to itself (DFS)."""
    modules = sorted(m for m in graph.modules if m != "rrall")
    edges = {
        m: sorted(x for x in graph.find_modules_directly_imported_by(m) if x != "rrall")
        for m in modules
    }
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in edges.get(m, []):
            if state.get(n) == 1:
                found.append([*stack[stack.index(n) :], n])
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in modules:
        if m not in state:
            visit(m)
    return found


def test_no_import_cycles_lazy_imports_included() -> None:
    cycles = _cycles(_graph())
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_cycle_finder_finds_a_cycle() -> None:
    # the check above could pass vacuously: build a tiny graph with a cycle and find it
    g = grimp.ImportGraph()
    for m in ("rrall.a", "rrall.b", "rrall.c"):
        g.add_module(m)
    g.add_import(importer="rrall.a", imported="rrall.b")
    g.add_import(importer="rrall.b", imported="rrall.c")
    g.add_import(importer="rrall.c", imported="rrall.a")
    assert _cycles(g) == [["rrall.a", "rrall.b", "rrall.c", "rrall.a"]]


@pytest.mark.parametrize("module", ["rrall.contract", "rrall.labels", "rrall.published"])
def test_lower_layers_do_not_reach_up(module: str) -> None:
    # a direct statement of what the layers mean for the bottom of the stack
    graph = _graph()
    upper = {"rrall.cohort", "rrall.registry", "rrall.tables", "rrall.figures", "rrall.audit"}
    for m in graph.find_children(module) | {module}:
        reach = graph.find_upstream_modules(m)
        assert not (reach & upper), (m, sorted(reach & upper))

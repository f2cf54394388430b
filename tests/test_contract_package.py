"""The shape of rrall.contract: its public API, its layers (what it may import), no import
cycles, no Korean outside the label catalog, every label used."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import rrall.contract as contract
from rrall.labels.contract import CONTRACT

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "rrall" / "contract"
HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
ALLOWED = {"rrall.paths", "rrall.labels", "rrall.fmt"}


def _imports(path: Path) -> set[str]:
    """Every rrall module ``path`` imports, at the top or inside a function."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rrall"):
            out.add(node.module)
            for alias in node.names:  # from rrall.contract import guard
                if node.module == "rrall.contract" and (PKG / f"{alias.name}.py").exists():
                    out.add(f"rrall.contract.{alias.name}")
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("rrall")}
    return out


def test_public_api() -> None:
    for name in (
        "Codebook",
        "load_codebook",
        "ENTITIES",
        "validate_folder",
        "validate_folder_keys",
        "ValidatedData",
        "DataValidationError",
        "Violation",
        "eligible_mask",
        "growth_reference",
    ):
        assert name in contract.__all__ and hasattr(contract, name), name
    assert not (ROOT / "rrall" / "schema.py").exists()
    assert not (ROOT / "rrall" / "io.py").exists()


def test_layers_contract_imports_only_paths_labels_fmt_and_itself() -> None:
    for path in PKG.glob("*.py"):
        for mod in _imports(path):
            ok = mod.startswith("rrall.contract") or any(
                mod == a or mod.startswith(a + ".") for a in ALLOWED
            )
            assert ok, f"{path.name} imports {mod}"


def test_no_import_cycle_inside_the_contract() -> None:
    graph = {
        f"rrall.contract.{p.stem}": {m for m in _imports(p) if m.startswith("rrall.contract.")}
        for p in PKG.glob("*.py")
        if p.stem != "__init__"
    }
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            assert state.get(nxt) != 1, " -> ".join([*trail, node, nxt])
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [])


def test_no_korean_in_the_contract_code() -> None:
    for path in PKG.glob("*.py"):
        assert not HANGUL.search(path.read_text(encoding="utf-8")), path.name


def test_every_contract_text_is_used_and_every_rule_has_one() -> None:
    sources = "\n".join(
        p.read_text(encoding="utf-8") for p in [*PKG.glob("*.py"), ROOT / "rrall" / "__main__.py"]
    )
    literals = set(re.findall(r"""["']([a-z0-9_]+)["']""", sources))
    unused = sorted(set(CONTRACT) - literals)
    assert not unused, unused


def test_contract_texts_in_both_languages_plain_register() -> None:
    fields = re.compile(r"\{(\w+)\}")
    for key, entry in CONTRACT.items():
        assert set(entry) == {"ko", "en"}, key
        assert HANGUL.search(entry["ko"]), key
        assert not HANGUL.search(entry["en"]), key
        assert set(fields.findall(entry["ko"])) == set(fields.findall(entry["en"])), key
        assert not re.search("(습니다|합니다|됩니다|십시오)", entry["ko"]), key

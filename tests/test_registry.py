"""rrall.registry: every number a chapter cites is defined once, literally, beside what computes
it; the published numbers' keys exist; no published figure is typed into the package."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

import rrall
from rrall.audit import audit_numbers
from rrall.published import load_published
from rrall.registry import Registry, Value, registry

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = [ROOT / "index.qmd", *sorted((ROOT / "chapters").glob("*.qmd"))]
# N["key"], N.est("key"), N.n_pct("key") ... in the chapters
CITED = re.compile(r"""\bN(?:\.\w+)?[\[(]\s*["']([\w.:]+)["']""")


def _cited_keys() -> set[str]:
    keys: set[str] = set()
    for path in CHAPTERS:
        keys |= set(CITED.findall(path.read_text(encoding="utf-8")))
    return keys


def _package_text() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted((ROOT / "rrall").rglob("*.py"))}


@pytest.fixture(scope="module")
def reg() -> Registry:
    return registry(rrall.load_cohort())


def test_chapters_cite_numbers() -> None:
    assert len(_cited_keys()) > 40  # the check below is not vacuous


def test_every_cited_key_is_written_literally_once_where_it_is_computed(reg: Registry) -> None:
    # the registry, and the audit's own counts (computed above it: rrall.audit.audit_numbers)
    homes = [ROOT / "rrall" / "registry.py", ROOT / "rrall" / "audit.py"]
    text = "\n".join(p.read_text(encoding="utf-8") for p in homes)
    known = set(reg) | set(audit_numbers(rrall.load_cohort()))
    for key in sorted(_cited_keys()):
        assert key in known, f"{key}: cited in a chapter, not in the registry"
        hits = re.findall(rf'\(\s*"{re.escape(key)}"', text)  # defined: the first argument
        assert len(hits) == 1, f"{key}: written {len(hits)} times in rrall/registry.py, audit.py"


def test_every_registry_key_is_literal(reg: Registry) -> None:
    text = (ROOT / "rrall" / "registry.py").read_text(encoding="utf-8")
    for key in reg:
        assert f'"{key}"' in text, f"{key} is assembled, not written: grep cannot find it"


def test_published_measures_name_registry_keys(reg: Registry) -> None:
    pub = load_published()
    keys = [str(it.measure["key"]) for it in pub.items if "key" in it.measure]
    assert keys
    for key in keys:
        assert key in reg, key


def test_a_key_cannot_be_defined_twice() -> None:
    v = Value("x.y", "count", 1, "what_deaths", n=1)
    with pytest.raises(ValueError, match="defined twice"):
        Registry([v, v])


def test_no_published_figure_is_typed_into_the_package() -> None:
    pub = load_published()
    decimals: set[str] = set()
    for it in pub.items:
        survival = str(it.measure.get("key", "")).startswith("os")
        for place in it.printed:
            for d in re.findall(r"\d+\.\d+", place.quote):
                # three significant digits, or any survival figure / P value: specific enough
                # that a match is the paper's number, not a coincidence such as 1.6 or 4.5
                if survival or len(d.replace(".", "").lstrip("0")) >= 3:
                    decimals.add(d)
    assert {"53.7", "26.5", "13.2", "14.3"} <= decimals
    patterns = []
    for d in sorted(decimals):
        value = float(d)
        patterns.append(rf"(?<![\d.]){re.escape(d)}(?![\d])")
        if value >= 10 and not d.endswith(".0"):  # its proportion: 53.7 -> 0.537
            prop = f"{value / 100:.{len(d.split('.')[1]) + 2}f}".rstrip("0")
            patterns.append(rf"(?<![\d.]){re.escape(prop)}(?![\d])")
    found = []
    for path, text in _package_text().items():
        if path.name == "growth.py":  # growth-chart reference values (cm, kg): other numbers
            continue
        for pat in patterns:
            for m in re.finditer(pat, text):
                line = text[: m.start()].count("\n") + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {m.group(0)}")
    assert not found, "\n".join(found)


def test_values_of_the_shipped_cohort(reg: Registry) -> None:
    # spot checks against the raw data, computed here independently of the registry
    c = rrall.load_cohort()
    assert reg["flow.reviewed"].value == len(c.screening)
    assert reg["flow.analysed"].value == int(c.patients["analysed"].sum())
    done = int(c.analysed["hsct_done"].sum())
    assert reg["hsct.done"].n == done and reg["hsct.done"].of == len(c.analysed)
    assert math.isclose(reg["hsct.done"].value, 100 * done / len(c.analysed))
    assert reg["os.deaths"].value == int(c.analysed["os_event"].sum())

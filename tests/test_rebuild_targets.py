"""rrall.rebuild.targets: every target read from published.yaml, none typed in the package."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from rrall.published import load_published
from rrall.rebuild.targets import load_targets

ROOT = Path(__file__).resolve().parent.parent


def test_targets_are_the_published_items() -> None:
    pub = load_published()
    t = load_targets(pub)
    assert t.counts["flow_analysed"] == pub.count("flow_analysed")
    assert t.summaries["age"]["mean"] == pub.target("t1_age_mean_sd", "mean")
    assert t.categories["sex"]["M"] == pub.count("t1_sex_m")
    assert t.categories["cytogenetics"][None] == pub.count("t1_cyto_na")
    assert t.agents["cytarabine"] == pub.count("t2_cytarabine")  # the count, as recorded
    assert sum(t.agents.values()) > t.counts["flow_analysed"]  # several agents per patient
    for var in ("sex", "disease_status", "immunophenotype", "cytogenetics"):
        assert sum(t.categories[var].values()) == pub.count("flow_eligible")
    assert t.measured == {"height": pub.count("t1_height_n"), "weight": pub.count("t1_weight_n")}
    s = t.survival
    assert [y for y, _ in s.os_pct] == [1, 2, 3, 5]  # from the registry keys os.1y ...
    assert [v for _, v in s.os_pct] == [pub.target(f"os_{y}y", "pct") for y in (1, 2, 3, 5)]
    assert s.logrank_p == pub.target("os_logrank", "value")
    assert s.hsct_pct == (5, pub.target("os_hsct", "pct"))
    assert s.sub_pct == (3, pub.target("os_after_3y", "pct"))
    assert s.n_total == pub.count("flow_analysed")
    assert s.os_follows == ((5, "other_published_numbers"),)


def test_an_unknown_follows_is_refused() -> None:
    pub = load_published()
    bad = dict(pub.contradictions)
    bad["c_os_5y"] = {**bad["c_os_5y"], "follows": "the_abstract"}
    with pytest.raises(ValueError, match="follows"):
        load_targets(dataclasses.replace(pub, contradictions=bad))


def _published_figures() -> tuple[set[str], set[str]]:
    """Decimals printed by the paper, and its patient counts of 30 and more."""
    decimals, counts = set(), set()
    for it in load_published().items:
        for place in it.printed:
            for field, text in place.parse().items():
                if re.fullmatch(r"[0-9]+\.[0-9]+", text):
                    decimals.add(text)
                elif field == "n" and text.isdigit() and int(text) >= 30:
                    counts.add(text)
    return decimals, counts


def test_no_published_figure_is_typed_in_the_rebuild_layer() -> None:
    decimals, counts = _published_figures()
    assert {"14.3", "53.7", "0.0097"} <= decimals and {"39", "51", "63"} <= counts
    found = []
    for path in sorted((ROOT / "rrall" / "rebuild").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for fig in decimals | counts:
            for m in re.finditer(r"(?<![\w.\-])" + re.escape(fig) + r"(?![\w]|\.\d)", text):
                line = text.count("\n", 0, m.start()) + 1
                found.append(f"{path.name}:{line}: {fig}")
    assert found == []


def test_the_old_constants_are_gone() -> None:
    pattern = re.compile(r"^(AGE|HEIGHT|WEIGHT|SEX|STATUS|IMMUNO|CYTO|SITES)\s*=", re.M)
    for path in sorted((ROOT / "rrall").rglob("*.py")):
        assert not pattern.search(path.read_text(encoding="utf-8")), path
    assert not (ROOT / "rrall" / "reconstruct.py").exists()
    assert not (ROOT / "rrall" / "survival_search.py").exists()


def test_days_per_year_lives_once() -> None:
    # rrall.constants.DAYS_PER_YEAR; this layer and the cohort never type it again
    assert "DAYS_PER_YEAR = 365.25" in (ROOT / "rrall" / "constants.py").read_text(encoding="utf-8")
    files = [ROOT / "rrall" / "cohort.py", *sorted((ROOT / "rrall" / "rebuild").glob("*.py"))]
    assert [p.name for p in files if "365.25" in p.read_text(encoding="utf-8")] == []

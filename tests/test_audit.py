"""The audit: every published number against its recomputed value."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import rrall
from rrall.audit import audit, audit_summary, load_published
from rrall.paths import data_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def table():
    return audit(rrall.load_cohort())


def test_published_yaml_is_complete_and_well_formed() -> None:
    pub = load_published()
    ids = [it["id"] for it in pub["items"]]
    assert len(ids) == len(set(ids))
    for it in pub["items"]:
        assert isinstance(it["printed"], str), it["id"]
        assert it["where"] and it["what"]["ko"] and it["what"]["en"]
        if "contradiction" in it:
            assert it["contradiction"] in pub["contradictions"]
    used = {it.get("contradiction") for it in pub["items"]}
    assert set(pub["contradictions"]) <= used
    for c in pub["contradictions"].values():
        assert c["ko"] and c["en"] and c["follows"] in ("count", "other_published_numbers")


def test_every_published_key_is_computed(table) -> None:
    assert (table["recomputed"] != "NA").all(), table[table["recomputed"] == "NA"]["id"].tolist()


def test_only_recorded_contradictions_differ(table) -> None:
    s = audit_summary(table)
    assert s["differs"] == 0, table[table["status"] == "differs"][["id", "printed", "recomputed"]]
    assert s["reproduced"] + s["contradiction"] == s["total"]
    contra = table[table["status"] == "contradiction"]
    assert set(contra["contradiction"]) == set(load_published()["contradictions"])


def test_contradiction_arithmetic_holds() -> None:
    """The explanations are true statements about the numbers."""
    from rrall.fmt import fmt_pct, round_half_up

    assert fmt_pct(28, 63) == "44.4" and fmt_pct(29, 63) == "46.0"
    assert all(fmt_pct(k, 63) != "44.6" for k in range(64))
    assert fmt_pct(4, 63) == "6.3"
    assert round_half_up(round_half_up(400 / 63, 2), 1) == 6.4  # double rounding
    assert fmt_pct(24, 63) == "38.1" and fmt_pct(14, 63) == "22.2"
    assert 14 + 10 + 3 + 16 == 43 != 45


def test_audit_flags_a_changed_number(tmp_path: Path) -> None:
    for f in data_dir().iterdir():  # the data the suite runs on (tests/conftest.py)
        if f.is_file():
            shutil.copy(f, tmp_path / f.name)
    lines = (tmp_path / "baseline.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    col = header.index("sex")
    row = lines[1].split(",")
    row[col] = "F" if row[col] == "M" else "M"
    lines[1] = ",".join(row)
    (tmp_path / "baseline.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    t = audit(rrall.load_cohort(tmp_path))
    bad = set(t.loc[t["status"] == "differs", "id"])
    assert {"t1_sex_m", "t1_sex_f", "t1_sex_ratio"} <= bad

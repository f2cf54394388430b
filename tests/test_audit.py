"""The audit: what the paper prints, quoted exactly, against the recomputed text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import rrall
from rrall.audit import audit, audit_places, audit_summary, design_checks
from rrall.published import Printed, load_published

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_a822c92c24fc8032.txt"


@pytest.fixture(scope="module")
def cohort() -> rrall.Cohort:
    return rrall.load_cohort()


def _paper() -> str:
    if not SEED.exists():
        pytest.skip(f"the paper's text is not beside the project ({SEED})")
    return SEED.read_text(encoding="utf-8")


def _squash(text: str) -> str:
    """Whitespace collapsed and the math markup of the source text ($P=0.0097$) dropped."""
    return re.sub(r"\s+", " ", text.replace("$", "")).strip()


def test_published_yaml_is_well_formed() -> None:
    pub = load_published()
    ids = [it.id for it in pub.items]
    assert len(ids) == len(set(ids))
    for it in pub.items:
        assert it.what["ko"] and it.what["en"] and it.printed, it.id
        assert ("key" in it.measure) != ("table" in it.measure), it.id
        for place in it.printed:
            assert place.at in pub.sections, (it.id, place.at)
            place.parse()  # the quote has its form's shape
        if it.contradiction:
            assert it.contradiction in pub.contradictions
    assert {it.contradiction for it in pub.items if it.contradiction} == set(pub.contradictions)


def test_every_quote_and_sentence_is_in_the_paper() -> None:
    paper = _squash(_paper())
    pub = load_published()
    missing = []
    for it in pub.items:
        for place in it.printed:
            if place.quote not in paper:
                missing.append(f"{it.id}: quote {place.quote!r}")
            if place.at in ("table1", "table2"):  # a table row: its words, in the paper
                words = [w for w in _squash(place.sentence).split() if len(w) > 1]
                missing += [f"{it.id}: {w!r}" for w in words if w not in paper]
                continue
            # sentences may be elided with "..."; every piece must be verbatim
            for piece in _squash(place.sentence).split("..."):
                piece = piece.strip(" .")
                if len(piece) > 8 and piece not in paper:
                    missing.append(f"{it.id} at {place.at}: {piece[:60]!r}")
    for c in pub.contradictions.values():
        for cite in c["cites"]:
            for piece in _squash(cite["sentence"]).split("..."):
                if len(piece.strip(" .")) > 8:
                    assert piece.strip(" .") in paper, piece
    assert not missing, "\n".join(missing)


def test_the_paper_prints_no_result_number_the_yaml_misses() -> None:
    """Every percentage printed in the paper's results is a quote of some item (or a repeat,
    or a literature figure quoted in the yaml's literature list)."""
    paper = _paper()
    results = paper[paper.index("1) 환자의 특성") : paper.index("고 찰")]
    printed = set(re.findall(r"\d+\.\d+%", results))
    pub = load_published()
    quoted = {m for it in pub.items for p in it.printed for m in re.findall(r"\d+\.\d+%", p.quote)}
    quoted |= {
        f"{m}%" for it in pub.items for p in it.printed for m in re.findall(r"\d+\.\d+", p.quote)
    }
    assert printed <= quoted, sorted(printed - quoted)


def test_counting_rule() -> None:
    """One item per printed fact: no item repeats another's quote at the same places, and no
    item is something the paper never prints (its quotes are all in the paper: see above)."""
    pub = load_published()
    seen: dict[tuple[str, str, str], str] = {}
    for it in pub.items:
        for place in it.printed:
            key = (place.at, place.quote, place.sentence)
            assert key not in seen, f"{it.id} repeats {seen[key]} at {place.at}"
            seen[key] = it.id


def test_render_and_parse_are_inverse() -> None:
    place = Printed("table1", "39 (60.9)", "{n} ({pct:1})", "Sex Male 39 (60.9)")
    assert place.parse() == {"n": "39", "pct": "60.9"}
    assert place.render({"n": 39, "pct": 100 * 39 / 64}) == "39 (60.9)"
    words = Printed(
        "abstract", "Sixteen patients (25.4%)", "{n_words_en_cap} patients ({pct:1}%)", ""
    )
    assert words.render({"n": 16, "pct": 100 * 16 / 63}) == "Sixteen patients (25.4%)"
    with pytest.raises(ValueError):
        Printed("t", "39 of 64", "{n} ({pct:1})", "").parse()


def test_shipped_reconstruction_reproduces_all_but_the_recorded_contradictions(cohort) -> None:
    a = audit(cohort)
    s = audit_summary(a)
    assert s["differs"] == 0, a[a["status"] == "differs"][["id", "quote", "recomputed"]]
    contra = a[a["status"] == "contradiction"]
    assert set(contra["contradiction"]) == set(load_published().contradictions)
    assert (contra["quote"] != contra["recomputed"]).all()
    assert s["reproduced"] + s["contradiction"] == s["total"] == len(load_published().items)


def test_every_place_is_compared_with_its_own_form(cohort) -> None:
    places = audit_places(cohort)
    assert len(places) == sum(len(it.printed) for it in load_published().items)
    b = places.set_index(["item", "at"])
    assert b.loc[("t1_immuno_b", "results_1"), "recomputed"] == "75%"
    assert b.loc[("t1_immuno_b", "table1"), "recomputed"] == "48 (75.0)"
    assert b.loc[("hsct_n", "abstract"), "recomputed"] == "Sixteen patients (25.4%)"


def test_a_changed_number_is_caught(cohort, tmp_path: Path) -> None:
    # the audit is not vacuous: drop one transplanted survivor's HSCT and the counts move
    from tests.helpers import copy_real_data

    folder = copy_real_data(tmp_path / "data")
    for name in ("published.yaml", "reconstruction.yaml"):
        (folder / name).write_bytes((ROOT / "data" / name).read_bytes())
    lines = (folder / "followup.csv").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    cols = header.split(",")
    i_status = cols.index("vital_status")
    alive = next(r for r in rows if r.split(",")[i_status] == "alive")
    parts = alive.split(",")
    parts[i_status] = "dead"
    parts[cols.index("death_date")] = parts[cols.index("last_contact_date")]
    rows[rows.index(alive)] = ",".join(parts)
    (folder / "followup.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    changed = audit(rrall.load_cohort(folder))
    assert audit_summary(changed)["differs"] > 0


def test_design_parameters_come_from_the_contract(cohort) -> None:
    d = design_checks(cohort).set_index("id")
    assert d.at["institutions", "agrees"] is True
    assert d.at["accrual_window", "agrees"] is True

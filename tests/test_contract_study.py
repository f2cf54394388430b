"""A study's own contract: the codebook in the data folder replaces the paper's; the study
section (eligibility, lost to follow-up, timeline) is read from it through typed accessors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from rrall import load_cohort
from rrall.cohort import ineligibility_reasons
from rrall.contract import (
    Codebook,
    CodebookError,
    DataValidationError,
    eligible_mask,
    load_codebook,
    validate_folder,
)
from rrall.contract.codebook import ColumnRef, Criterion
from rrall.contract.eligibility import eligibility_of

from .helpers import DATA_DIR, make_frames, patient, screened_only, write_folder


# -- the default codebook's study section ---------------------------------------------------------
def test_study_section_of_the_default_codebook() -> None:
    cb = load_codebook(DATA_DIR)
    assert cb.is_default()
    assert cb.eligibility == (
        Criterion("clofarabine", "clofarabine_exposed", excluded="Y"),
        Criterion("age", "age_at_initial_dx", min=1.0, below=22.0),
        Criterion("prior_regimens", "prior_regimens", min=2.0),
        Criterion("blasts", "marrow_blast_pct", min=25.0),
    )
    assert cb.lost_to_followup_days == 365
    tl = cb.timeline
    assert tl.origin == ColumnRef("baseline", "rr_dx_date")
    assert tl.events == (
        ColumnRef("treatment", "start_date"),
        ColumnRef("response", "exam_date"),
        ColumnRef("transplant", "hsct_date"),
    )
    assert (str(tl.death), str(tl.last_contact), str(tl.cutoff)) == (
        "followup.death_date",
        "followup.last_contact_date",
        "followup.cutoff_date",
    )
    assert tl.one_date_per_patient == (ColumnRef("treatment", "start_date"),)
    pattern = cb.columns("screening")["patient_id"]["pattern"]
    assert pattern == "^P[0-9]{3,7}$"  # more than 999 patients fit


# -- eligibility and lost to follow-up from the codebook ------------------------------------------
def _codebook_with(tmp_path: Path, edit) -> Codebook:
    raw = yaml.safe_load((DATA_DIR / "codebook.yaml").read_text(encoding="utf-8"))
    edit(raw)
    (tmp_path / "codebook.yaml").write_text(
        yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8"
    )
    return load_codebook(tmp_path)


def test_eligibility_thresholds_come_from_the_codebook(tmp_path: Path) -> None:
    scr = pd.DataFrame(
        {
            "age_at_initial_dx": [0.5, 5.0, 20.0, 21.9, 22.0],
            "prior_regimens": pd.array([2, 1, 2, 3, 2], dtype="Int64"),
            "marrow_blast_pct": [30.0, 30.0, 30.0, 24.9, 30.0],
            "clofarabine_exposed": ["N", "N", "Y", "N", "N"],
        }
    )
    paper = load_codebook(DATA_DIR)
    assert eligible_mask(scr, paper).tolist() == [False] * 5
    assert ineligibility_reasons(scr, paper).tolist() == [
        "age",
        "prior_regimens",
        "clofarabine",
        "blasts",
        "age",
    ]

    def other(raw: dict) -> None:  # a study of 1 to <19 years, blasts >= 20%, any regimen
        raw["study"]["eligibility"] = [
            {"reason": "age", "column": "age_at_initial_dx", "min": 0, "below": 23},
            {"reason": "blasts", "column": "marrow_blast_pct", "min": 20},
        ]

    mine = _codebook_with(tmp_path, other)
    assert eligible_mask(scr, mine).tolist() == [True, True, True, True, True]
    assert ineligibility_reasons(scr, mine).tolist() == [""] * 5
    for book in (paper, mine):  # the one-pass form the cohort uses says the same
        eligible, reasons = eligibility_of(scr, book)
        assert eligible.tolist() == eligible_mask(scr, book).tolist()
        assert reasons.tolist() == ineligibility_reasons(scr, book).tolist()


def test_lost_to_follow_up_days_come_from_the_codebook(tmp_path: Path) -> None:
    # alive, last contact 300 days before the cut-off: lost only under a 180-day rule
    rr, cutoff = pd.Timestamp("2013-01-01"), pd.Timestamp("2017-06-30")
    people = [patient("P001", rr_dx=rr.date().isoformat(), os_days=(cutoff - rr).days - 300)]
    folder = write_folder(make_frames(*people), tmp_path / "a")
    assert not load_cohort(folder).patients["lost_to_followup"].item()

    def shorter(raw: dict) -> None:
        raw["study"]["lost_to_followup_days"] = 180

    _codebook_with(folder, shorter)
    assert load_cohort(folder).patients["lost_to_followup"].item()


# -- a study's own contract in the data folder ----------------------------------------------------
STUDY_CODEBOOK_EDIT = {
    "site": ("H12", {"ko": "참여기관 12", "en": "Site 12"}),
    "rr_dx_max": "2016-12-31",
    "pattern": "^S[0-9]{2}-[0-9]{4}$",
}


def _study_codebook(raw: dict) -> None:
    code, labels = STUDY_CODEBOOK_EDIT["site"]
    raw["codes"]["site"][code] = labels
    raw["files"]["baseline"]["columns"]["rr_dx_date"]["max"] = STUDY_CODEBOOK_EDIT["rr_dx_max"]
    for f in raw["files"].values():
        f["columns"]["patient_id"]["pattern"] = STUDY_CODEBOOK_EDIT["pattern"]


def _study_folder(folder: Path) -> Path:
    """A 12th site, a later accrual window, other identifiers."""
    people = [
        patient("S12-0001", site="H12", rr_dx="2016-02-01", os_days=300, dead=True),
        patient("S12-0002", site="H12", rr_dx="2016-05-01", os_days=400),
        patient("S03-0001", site="H03", rr_dx="2012-05-01", os_days=900, dead=True),
        screened_only("S03-0002", clofarabine="Y"),
    ]
    return write_folder(make_frames(*people), folder)


def test_a_study_codebook_in_the_folder_replaces_the_papers(tmp_path: Path) -> None:
    folder = _study_folder(tmp_path / "study")
    _codebook_with(folder, _study_codebook)
    cohort = load_cohort(folder)
    assert not cohort.codebook.is_default()
    assert cohort.codebook.path == (folder / "codebook.yaml").resolve()
    assert sorted(cohort.patients["patient_id"]) == ["S03-0001", "S12-0001", "S12-0002"]
    assert set(cohort.patients["site"]) == {"H12", "H03"}


def test_the_same_folder_with_the_papers_codebook_is_refused(tmp_path: Path) -> None:
    folder = _study_folder(tmp_path / "study")
    (folder / "codebook.yaml").unlink()  # no codebook of its own: the paper's applies
    shutil.copy(DATA_DIR / "codebook.yaml", folder / "codebook.yaml")
    with pytest.raises(DataValidationError) as info:
        validate_folder(folder)
    got = {(v.file, v.column, v.rule) for v in info.value.violations}
    assert ("screening.csv", "site", "bad_code") in got
    assert ("baseline.csv", "rr_dx_date", "above_max") in got
    assert {r for _, _, r in got} == {"bad_code", "above_max", "pattern"}
    # an identifier of another study's format is not a study identifier: never shown
    assert all(v.value == "'••••••••'" for v in info.value.violations if v.rule == "pattern")


# -- a codebook that cannot be used is reported, not raised -------------------------------------
def _cols(raw: dict, entity: str) -> dict:
    return raw["files"][entity]["columns"]


BROKEN_CODEBOOKS = {
    "no_study": (lambda raw: raw.pop("study"), "study"),
    "no_lost_days": (
        lambda raw: raw["study"].pop("lost_to_followup_days"),
        "study.lost_to_followup_days",
    ),
    "blank_reason": (  # "" is how an eligible record's reason reads
        lambda raw: raw["study"]["eligibility"][2].update(reason=" "),
        "study.eligibility[2].reason",
    ),
    "bad_criterion_column": (
        lambda raw: raw["study"]["eligibility"][1].update(column="nope"),
        "study.eligibility[1].column",
    ),
    "origin_not_a_date": (
        lambda raw: raw["study"]["timeline"].update(origin="baseline.sex"),
        "study.timeline.origin",
    ),
    "unknown_type": (
        lambda raw: _cols(raw, "baseline")["sex"].update(type="text"),
        "files.baseline.columns.sex.type",
    ),
    "pattern_not_re2": (
        lambda raw: _cols(raw, "screening")["patient_id"].update(pattern="(?<=P)1"),
        "files.screening.columns.patient_id.pattern",
    ),
    "no_followup_file": (lambda raw: raw["files"].pop("followup"), "files.followup"),
}


@pytest.mark.parametrize(
    ("edit", "key"), list(BROKEN_CODEBOOKS.values()), ids=list(BROKEN_CODEBOOKS)
)
def test_a_codebook_that_cannot_be_used(tmp_path: Path, edit, key: str) -> None:
    for p in DATA_DIR.glob("*.csv"):
        shutil.copy(p, tmp_path / p.name)
    with pytest.raises(CodebookError) as exc:
        _codebook_with(tmp_path, edit)
    assert exc.value.key == key
    with pytest.raises(DataValidationError) as info:
        validate_folder(tmp_path)
    [v] = info.value.violations
    assert (v.file, v.rule, dict(v.params)) == ("codebook.yaml", "codebook_key", {"key": key})

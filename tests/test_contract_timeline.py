"""The clinical timeline rules on the shipped data and on a copy with P022's dates restored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rrall.contract import DataValidationError, validate_folder

from .conftest import CsvTools
from .helpers import DATA_DIR

TIMELINE_RULES = {
    "date_order",
    "event_before_origin",
    "event_after_end",
    "event_after_cutoff",
    "cutoff_in_future",
    "start_date_conflict",
}


def test_shipped_data_pass_the_timeline_rules() -> None:
    """data/ itself (not the suite's copy): no patient's timeline is impossible."""
    try:
        validate_folder(DATA_DIR)
    except DataValidationError as err:
        broken = [v for v in err.violations if v.rule in TIMELINE_RULES]
        assert not broken, err.report(limit=20)


def _restore_p022(folder: Path, t: CsvTools) -> tuple[str, list[int], str]:
    """Start the first cycle four days after death, as data/ had it for P022 (or, once the
    regenerated data have no P022 who fits, for the first dead patient who does)."""
    fu = {r["patient_id"]: r for r in t.records(folder, "followup")}
    treated = {r["patient_id"] for r in t.records(folder, "treatment")}

    def fits(pid: str) -> bool:
        r = fu.get(pid)
        return (
            r is not None
            and pid in treated
            and r["vital_status"] == "dead"
            and (dt.date.fromisoformat(r["death_date"]) + dt.timedelta(days=4)).isoformat()
            <= r["cutoff_date"]
        )

    pid = "P022" if fits("P022") else next(p for p in fu if fits(p))
    death = fu[pid]["death_date"]
    late = (dt.date.fromisoformat(death) + dt.timedelta(days=4)).isoformat()
    header, rows = t.read(folder, "treatment")
    rows_of = []
    for i, r in enumerate(rows, 1):
        if r[header.index("patient_id")] == pid:
            r[header.index("start_date")] = late
            rows_of.append(i)
    t.write(folder, "treatment", header, rows)
    return death, rows_of, late


def test_a_copy_with_p022s_dates_restored_fails(data_copy: Path, csvtools: CsvTools) -> None:
    before = csvtools.digest(data_copy)
    death, rows, late = _restore_p022(data_copy, csvtools)
    edited = csvtools.digest(data_copy)
    with pytest.raises(DataValidationError) as info:
        validate_folder(data_copy)
    assert csvtools.digest(data_copy) == edited != before
    got = info.value.violations
    assert [(v.file, v.row, v.column, v.rule) for v in got] == [
        ("treatment.csv", r, "start_date", "event_after_end") for r in rows
    ]
    for v in got:
        assert v.value == repr(late)
        assert dict(v.params) == {"ref_column": "followup.death_date", "ref": death}
    report = info.value.report()
    assert "추적이 끝난 followup.death_date" in report
    assert "after the end of follow-up, followup.death_date" in report


def test_the_suites_data_pass_the_timeline_rules() -> None:
    """The data the suite runs on (``RRALL_DATA`` when ``data/`` still has the defect)."""
    validate_folder()


def test_the_end_of_follow_up_is_named_per_patient(data_copy: Path, csvtools: CsvTools) -> None:
    """An alive patient's examination after last contact names the last contact; a dead
    patient's, in the same file and run, names the death date."""
    fu = {r["patient_id"]: r for r in csvtools.records(data_copy, "followup")}
    resp = csvtools.records(data_copy, "response")

    def day(text: str, shift: int) -> str:
        return (dt.date.fromisoformat(text) + dt.timedelta(days=shift)).isoformat()

    def row_of(status: str, end_column: str) -> tuple[int, str]:
        return next(
            (i, fu[r["patient_id"]][end_column])
            for i, r in enumerate(resp, 1)
            if r["exam_date"]
            and fu[r["patient_id"]]["vital_status"] == status
            and day(fu[r["patient_id"]][end_column], 2) <= fu[r["patient_id"]]["cutoff_date"]
        )

    alive_row, last = row_of("alive", "last_contact_date")
    dead_row, death = row_of("dead", "death_date")
    csvtools.edit(data_copy, "response", alive_row, "exam_date", day(last, 2))
    csvtools.edit(data_copy, "response", dead_row, "exam_date", day(death, 2))
    with pytest.raises(DataValidationError) as info:
        validate_folder(data_copy)
    got = {v.row: dict(v.params) for v in info.value.violations if v.rule == "event_after_end"}
    assert got == {
        alive_row: {"ref_column": "followup.last_contact_date", "ref": last},
        dead_row: {"ref_column": "followup.death_date", "ref": death},
    }

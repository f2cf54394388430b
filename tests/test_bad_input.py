"""A corpus of malformed inputs: each must be refused with the exact problem named.

Every case mutates a fresh copy of data/ (rows and patients are picked by reading the copy,
never hard-coded), then checks that ``load_cohort`` raises ``DataValidationError`` whose
violations name the expected file, row, column, rule and value; that the report names them
in Korean and English without a traceback; and that loading left the input bytes untouched.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from rrall import load_cohort
from rrall.contract import DataValidationError, growth_reference

from .conftest import CsvTools
from .corpus import Case, E, check_case, load_and_fail


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _shift(s: str, days: int) -> str:
    return (_d(s) + dt.timedelta(days=days)).isoformat()


def _ids(folder: Path, t: CsvTools, file: str) -> list[str]:
    return [r["patient_id"] for r in t.records(folder, file)]


def _first(
    folder: Path, t: CsvTools, file: str, pred: Callable[[dict[str, str]], bool]
) -> dict[str, str]:
    for r in t.records(folder, file):
        if pred(r):
            return r
    raise LookupError(f"no row in {file} fits the case; the data changed shape")


def _analysed(folder: Path, t: CsvTools) -> list[str]:
    """Baseline patients with rows in all four later files."""
    later = [set(_ids(folder, t, f)) for f in ("treatment", "response", "transplant", "followup")]
    return [p for p in _ids(folder, t, "baseline") if all(p in s for s in later)]


def _not_in_baseline(folder: Path, t: CsvTools) -> str:
    base = set(_ids(folder, t, "baseline"))
    return next(p for p in _ids(folder, t, "screening") if p not in base)


def _ages(folder: Path, t: CsvTools) -> dict[str, float]:
    return {r["patient_id"]: float(r["age_at_initial_dx"]) for r in t.records(folder, "screening")}


# -- files and columns ---------------------------------------------------------------------
def missing_file(f: Path, t: CsvTools) -> list[E]:
    (f / "transplant.csv").unlink()
    return [E("transplant.csv", None, None, "file_missing")]


def csv_and_xlsx(f: Path, t: CsvTools) -> list[E]:
    import pandas as pd

    pd.read_csv(f / "transplant.csv", dtype=str, keep_default_na=False).to_excel(
        f / "transplant.xlsx", index=False, engine="openpyxl"
    )
    return [
        E(
            "transplant.csv",
            None,
            None,
            "file_ambiguous",
            params={"files": "transplant.csv, transplant.xlsx"},
        )
    ]


def unknown_column(f: Path, t: CsvTools) -> list[E]:
    header, rows = t.read(f, "response")
    t.write(f, "response", [*header, "comment"], [[*r, "ok"] for r in rows])
    return [E("response.csv", None, "comment", "column_unknown")]


def missing_column(f: Path, t: CsvTools) -> list[E]:
    header, rows = t.read(f, "transplant")
    k = header.index("donor")
    t.write(f, "transplant", header[:k] + header[k + 1 :], [r[:k] + r[k + 1 :] for r in rows])
    return [E("transplant.csv", None, "donor", "column_missing")]


def duplicate_column_spaced(f: Path, t: CsvTools) -> list[E]:
    """Two headers that differ only by surrounding spaces are the same column."""
    header, rows = t.read(f, "baseline")
    t.write(
        f, "baseline", [*header, " weight_kg "], [[*r, r[header.index("weight_kg")]] for r in rows]
    )
    return [E("baseline.csv", None, "weight_kg", "column_duplicate")]


def duplicate_column_exact(f: Path, t: CsvTools) -> list[E]:
    header, rows = t.read(f, "baseline")
    t.write(
        f, "baseline", [*header, "weight_kg"], [[*r, r[header.index("weight_kg")]] for r in rows]
    )
    return [E("baseline.csv", None, "weight_kg", "column_duplicate")]


def empty_file(f: Path, t: CsvTools) -> list[E]:
    header, _ = t.read(f, "response")
    t.write(f, "response", header, [])
    return [E("response.csv", None, None, "no_data_rows", line=1)]


# -- cell parsing --------------------------------------------------------------------------
def comma_decimal(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "baseline", lambda r: r["weight_kg"] != "")["patient_id"]
    row = t.edit(f, "baseline", pid, "weight_kg", "14,3")
    return [E("baseline.csv", row, "weight_kg", "not_number", "14,3")]


def not_a_number(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "baseline", lambda r: r["height_cm"] != "")["patient_id"]
    row = t.edit(f, "baseline", pid, "height_cm", "abc")
    return [E("baseline.csv", row, "height_cm", "not_number", "abc")]


def not_an_int(f: Path, t: CsvTools) -> list[E]:
    # a screening record outside baseline, so an unknown count cannot change eligibility checks
    row = t.edit(f, "screening", _not_in_baseline(f, t), "prior_regimens", "2.5")
    return [E("screening.csv", row, "prior_regimens", "not_int", "2.5")]


def impossible_month(f: Path, t: CsvTools) -> list[E]:
    row = t.edit(f, "treatment", 1, "start_date", "2010-13-01")
    return [E("treatment.csv", row, "start_date", "not_date", "2010-13-01")]


def slashed_date(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "response", lambda r: r["marrow_exam"] == "Y")["patient_id"]
    row = t.edit(f, "response", pid, "exam_date", "03/05/2010")
    return [E("response.csv", row, "exam_date", "not_date", "03/05/2010")]


def bad_code(f: Path, t: CsvTools) -> list[E]:
    row = t.edit(f, "baseline", 1, "sex", "X")
    return [E("baseline.csv", row, "sex", "bad_code", "X", params={"allowed": "M, F"})]


def bad_code_in_list(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "response", lambda r: r["marrow_exam"] == "N")["patient_id"]
    row = t.edit(f, "response", pid, "reasons_not_examined", "persistent;foo")
    return [E("response.csv", row, "reasons_not_examined", "bad_code", "persistent;foo")]


def bad_donor(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "transplant", lambda r: r["hsct"] == "Y")["patient_id"]
    row = t.edit(f, "transplant", pid, "donor", "sibling")
    return [E("transplant.csv", row, "donor", "bad_code", "sibling")]


# -- ranges and required values ------------------------------------------------------------
def height_below_min(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "baseline", lambda r: r["height_cm"] != "")["patient_id"]
    row = t.edit(f, "baseline", pid, "height_cm", "20")
    return [E("baseline.csv", row, "height_cm", "below_min", "20", params={"min": "50"})]


def blasts_above_max(f: Path, t: CsvTools) -> list[E]:
    row = t.edit(f, "screening", _ids(f, t, "baseline")[0], "marrow_blast_pct", "150")
    return [E("screening.csv", row, "marrow_blast_pct", "above_max", "150", params={"max": "100"})]


def cycle_above_max(f: Path, t: CsvTools) -> list[E]:
    row = t.edit(f, "treatment", 1, "cycle", "2")
    return [E("treatment.csv", row, "cycle", "above_max", "2")]


def age_below_min(f: Path, t: CsvTools) -> list[E]:
    row = t.edit(f, "screening", _not_in_baseline(f, t), "age_at_initial_dx", "-1")
    return [E("screening.csv", row, "age_at_initial_dx", "below_min", "-1")]


def rr_date_below_min(f: Path, t: CsvTools) -> list[E]:
    r = _first(f, t, "baseline", lambda r: r["initial_dx_date"] < "2006-12-31")
    row = t.edit(f, "baseline", r["patient_id"], "rr_dx_date", "2006-12-31")
    return [E("baseline.csv", row, "rr_dx_date", "below_min", "2006-12-31")]


def required_blank(f: Path, t: CsvTools) -> list[E]:
    row = t.edit(f, "baseline", 1, "sex", "")
    return [E("baseline.csv", row, "sex", "required", "")]


def required_na_marker(f: Path, t: CsvTools) -> list[E]:
    row = t.edit(f, "followup", 1, "last_contact_date", "NA")
    return [E("followup.csv", row, "last_contact_date", "required", "NA")]


def required_if_hsct_date(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "transplant", lambda r: r["hsct"] == "Y")["patient_id"]
    row = t.edit(f, "transplant", pid, "hsct_date", "")
    return [E("transplant.csv", row, "hsct_date", "required_if", "", params={"cond": "hsct == Y"})]


def required_if_death_date(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "followup", lambda r: r["vital_status"] == "dead")["patient_id"]
    row = t.edit(f, "followup", pid, "death_date", "")
    return [
        E(
            "followup.csv",
            row,
            "death_date",
            "required_if",
            "",
            params={"cond": "vital_status == dead"},
        )
    ]


# -- identifiers and references ------------------------------------------------------------
def duplicate_patient_baseline(f: Path, t: CsvTools) -> list[E]:
    _, rows = t.read(f, "baseline")
    j = 2
    n = t.append(f, "baseline", rows[j - 1])
    pid = rows[j - 1][0]
    return [
        E("baseline.csv", j, "patient_id", "duplicate_id", pid),
        E("baseline.csv", n, "patient_id", "duplicate_id", pid),
    ]


def duplicate_patient_response(f: Path, t: CsvTools) -> list[E]:
    _, rows = t.read(f, "response")
    n = t.append(f, "response", rows[0])
    return [
        E("response.csv", 1, "patient_id", "duplicate_id", rows[0][0]),
        E("response.csv", n, "patient_id", "duplicate_id", rows[0][0]),
    ]


def bad_pattern(f: Path, t: CsvTools) -> list[E]:
    row = t.edit(f, "screening", _not_in_baseline(f, t), "patient_id", "PX1")
    # a value of the identifier column that is not a study identifier is never shown
    return [E("screening.csv", row, "patient_id", "pattern", masked="'•••'")]


def unknown_reference(f: Path, t: CsvTools) -> list[E]:
    known = set(_ids(f, t, "screening")) | set(_ids(f, t, "baseline"))
    ghost = next(f"P{n:03d}" for n in range(999, 0, -1) if f"P{n:03d}" not in known)
    template = t.records(f, "treatment")[0]
    row = t.append(f, "treatment", {**template, "patient_id": ghost})
    return [
        E(
            "treatment.csv",
            row,
            "patient_id",
            "unknown_reference",
            ghost,
            params={"target": "baseline.csv"},
        )
    ]


def not_eligible(f: Path, t: CsvTools) -> list[E]:
    pid = _ids(f, t, "baseline")[0]
    t.edit(f, "screening", pid, "clofarabine_exposed", "Y")
    return [E("baseline.csv", t.row_of(f, "baseline", pid), "patient_id", "not_eligible", pid)]


def eligible_missing(f: Path, t: CsvTools) -> list[E]:
    pid = _analysed(f, t)[0]
    for file in ("baseline", "treatment", "response", "transplant", "followup"):
        t.drop(f, file, pid)
    return [
        E("screening.csv", t.row_of(f, "screening", pid), "patient_id", "eligible_missing", pid)
    ]


def incomplete_followup(f: Path, t: CsvTools) -> list[E]:
    pid = _analysed(f, t)[0]
    t.drop(f, "followup", pid)
    return [
        E(
            "baseline.csv",
            t.row_of(f, "baseline", pid),
            "patient_id",
            "incomplete_followup",
            pid,
            params={"missing": "followup"},
        )
    ]


# -- dates ---------------------------------------------------------------------------------
def rr_before_initial(f: Path, t: CsvTools) -> list[E]:
    r = t.records(f, "baseline")[0]
    row = t.edit(f, "baseline", r["patient_id"], "initial_dx_date", _shift(r["rr_dx_date"], 1))
    return [
        E(
            "baseline.csv",
            row,
            "rr_dx_date",
            "date_order",
            r["rr_dx_date"],
            params={"rule": "initial_dx_date <= rr_dx_date"},
        )
    ]


def death_after_cutoff(f: Path, t: CsvTools) -> list[E]:
    r = _first(f, t, "followup", lambda r: r["vital_status"] == "dead")
    late = _shift(r["cutoff_date"], 1)
    row = t.edit(f, "followup", r["patient_id"], "death_date", late)
    t.edit(f, "followup", row, "last_contact_date", late)
    cut = {"ref_column": "followup.cutoff_date", "ref": r["cutoff_date"]}
    return [
        E("followup.csv", row, "death_date", "event_after_cutoff", late, params=cut),
        E("followup.csv", row, "last_contact_date", "event_after_cutoff", late, params=cut),
    ]


def hsct_before_rr(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "transplant", lambda r: r["hsct"] == "Y")["patient_id"]
    rr = _first(f, t, "baseline", lambda r: r["patient_id"] == pid)["rr_dx_date"]
    early = _shift(rr, -1)
    row = t.edit(f, "transplant", pid, "hsct_date", early)
    return [
        E(
            "transplant.csv",
            row,
            "hsct_date",
            "event_before_origin",
            early,
            params={"ref_column": "baseline.rr_dx_date", "ref": rr},
        )
    ]


def contact_after_death(f: Path, t: CsvTools) -> list[E]:
    r = _first(
        f,
        t,
        "followup",
        lambda r: r["vital_status"] == "dead" and r["death_date"] < r["cutoff_date"],
    )
    later = _shift(r["death_date"], 1)
    row = t.edit(f, "followup", r["patient_id"], "last_contact_date", later)
    return [
        E(
            "followup.csv",
            row,
            "last_contact_date",
            "date_order",
            later,
            params={"rule": "last_contact_date <= death_date"},
        )
    ]


def two_cutoffs(f: Path, t: CsvTools) -> list[E]:
    rows = t.records(f, "followup")
    other = _shift(rows[-1]["cutoff_date"], 1)
    row = t.edit(f, "followup", len(rows), "cutoff_date", other)
    first = rows[0]["cutoff_date"]
    return [
        E("followup.csv", row, "cutoff_date", "cutoff_not_unique", other, params={"first": first})
    ]


# -- row rules -----------------------------------------------------------------------------
def steroid_flag(f: Path, t: CsvTools) -> list[E]:
    rows = t.records(f, "treatment")
    i = next(i for i, r in enumerate(rows, 1) if r["steroid"] == "Y")
    t.edit(f, "treatment", i, "steroid", "N")
    return [E("treatment.csv", i, "steroid", "steroid_flag", "N")]


def duplicate_agent(f: Path, t: CsvTools) -> list[E]:
    r = t.records(f, "treatment")[0]
    row = t.append(f, "treatment", r)
    return [E("treatment.csv", row, "agent", "duplicate_agent", r["agent"])]


def response_blasts(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "response", lambda r: r["response"] == "CR")["patient_id"]
    row = t.edit(f, "response", pid, "blast_pct", "40")
    return [
        E("response.csv", row, "blast_pct", "response_blasts", "40", params={"rule": "CR/CRp: <5%"})
    ]


def not_examined_response(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "response", lambda r: r["marrow_exam"] == "N")["patient_id"]
    row = t.edit(f, "response", pid, "response", "PR")
    return [E("response.csv", row, "response", "not_examined_response", "PR")]


def exam_reason_conflict(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "response", lambda r: r["marrow_exam"] == "Y")["patient_id"]
    row = t.edit(f, "response", pid, "reasons_not_examined", "other")
    return [E("response.csv", row, "reasons_not_examined", "exam_reason_conflict", "other")]


def hsct_fields_conflict(f: Path, t: CsvTools) -> list[E]:
    pid = next(
        p
        for p in _analysed(f, t)
        if t.records(f, "transplant")[t.row_of(f, "transplant", p) - 1]["hsct"] == "N"
    )
    rr = _first(f, t, "baseline", lambda r: r["patient_id"] == pid)["rr_dx_date"]
    row = t.edit(f, "transplant", pid, "hsct_date", rr)  # on R/R day: no date-order fault
    return [E("transplant.csv", row, "hsct_date", "hsct_fields_conflict", rr)]


def hsct_reason_conflict(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "transplant", lambda r: r["hsct"] == "Y")["patient_id"]
    row = t.edit(f, "transplant", pid, "reason_no_hsct", "no_donor")
    return [E("transplant.csv", row, "reason_no_hsct", "hsct_reason_conflict", "no_donor")]


def alive_with_death_date(f: Path, t: CsvTools) -> list[E]:
    r = _first(f, t, "followup", lambda r: r["vital_status"] == "alive")
    row = t.edit(f, "followup", r["patient_id"], "death_date", r["last_contact_date"])
    return [E("followup.csv", row, "death_date", "alive_with_death_date", r["last_contact_date"])]


def implausible_height(f: Path, t: CsvTools) -> list[E]:
    ages = _ages(f, t)
    pid = min(_ids(f, t, "baseline"), key=lambda p: ages[p])  # the youngest child
    row = t.edit(f, "baseline", pid, "height_cm", "200")
    t.edit(f, "baseline", row, "weight_kg", "")  # blank weight: no BMI screen
    return [E("baseline.csv", row, "height_cm", "implausible_height", "200")]


def implausible_weight(f: Path, t: CsvTools) -> list[E]:
    ages = _ages(f, t)
    r = min(t.records(f, "baseline"), key=lambda r: ages[r["patient_id"]])
    _, _, wm, wsd = growth_reference(r["sex"], ages[r["patient_id"]])
    w = str(round(wm + 7 * wsd))  # z = +7 (the screen flags z > 6)
    row = t.edit(f, "baseline", r["patient_id"], "weight_kg", w)
    t.edit(f, "baseline", row, "height_cm", "")  # blank height: no BMI screen
    return [E("baseline.csv", row, "weight_kg", "implausible_weight", w)]


# -- direct identifiers --------------------------------------------------------------------
def identifier_column_en(f: Path, t: CsvTools) -> list[E]:
    header, rows = t.read(f, "baseline")
    t.write(f, "baseline", [*header, "patient_name"], [[*r, "홍길동"] for r in rows])
    return [E("baseline.csv", None, "patient_name", "identifier_column", line=1, position=10)]


def identifier_column_ko(f: Path, t: CsvTools) -> list[E]:
    header, rows = t.read(f, "followup")
    t.write(f, "followup", [*header, "성명"], [[*r, "김철수"] for r in rows])
    # a Korean column name is not known to be safe: its position is given instead
    return [E("followup.csv", None, None, "identifier_column", line=1, position=6)]


def rrn_in_cell(f: Path, t: CsvTools) -> list[E]:
    row = t.edit(f, "baseline", 3, "cytogenetics", "900101-1234567")
    return [E("baseline.csv", row, "cytogenetics", "identifier_rrn", withheld=True)]


def phone_in_cell(f: Path, t: CsvTools) -> list[E]:
    pid = _first(f, t, "response", lambda r: r["marrow_exam"] == "N")["patient_id"]
    row = t.edit(f, "response", pid, "reasons_not_examined", "010-1234-5678")
    return [E("response.csv", row, "reasons_not_examined", "identifier_phone", withheld=True)]


# -- several faults ------------------------------------------------------------------------
def several_faults(f: Path, t: CsvTools) -> list[E]:
    out = [
        E("baseline.csv", t.edit(f, "baseline", 1, "sex", "X"), "sex", "bad_code", "X"),
        E(
            "screening.csv",
            t.edit(f, "screening", _not_in_baseline(f, t), "prior_regimens", "abc"),
            "prior_regimens",
            "not_int",
            "abc",
        ),
    ]
    tr = t.records(f, "treatment")
    i = next(i for i, r in enumerate(tr, 1) if r["steroid"] == "N")
    out.append(
        E(
            "treatment.csv",
            t.edit(f, "treatment", i, "steroid", "Y"),
            "steroid",
            "steroid_flag",
            "Y",
        )
    )
    pid = _first(f, t, "transplant", lambda r: r["hsct"] == "Y")["patient_id"]
    out.append(
        E(
            "transplant.csv",
            t.edit(f, "transplant", pid, "hsct_date", ""),
            "hsct_date",
            "required_if",
            "",
        )
    )
    r = _first(f, t, "followup", lambda r: r["vital_status"] == "alive")
    out.append(
        E(
            "followup.csv",
            t.edit(f, "followup", r["patient_id"], "death_date", r["last_contact_date"]),
            "death_date",
            "alive_with_death_date",
        )
    )
    out.append(
        E(
            "response.csv",
            t.edit(f, "response", 1, "marrow_exam", "maybe"),
            "marrow_exam",
            "bad_code",
            "maybe",
        )
    )
    return out


def unreadable_xlsx(f: Path, t: CsvTools) -> list[E]:
    (f / "transplant.csv").unlink()
    (f / "transplant.xlsx").write_bytes(os.urandom(2048))
    return [E("transplant.xlsx", None, None, "file_unreadable")]


def unreadable_bytes(f: Path, t: CsvTools) -> list[E]:
    # 0xFF is neither valid UTF-8 nor a CP949 lead byte
    data = (f / "followup.csv").read_bytes()
    (f / "followup.csv").write_bytes(data + b"P999,\xff\xfe\xff,,,\n")
    return [E("followup.csv", None, None, "file_encoding", line=data.count(b"\n") + 1)]


def _range_bug(case: Case) -> object:
    return pytest.param(case, id=case.id)


def _rule_bug(case: Case) -> object:
    return pytest.param(case, id=case.id)


CASES: list[object] = [
    Case("missing_file", missing_file),
    Case("csv_and_xlsx", csv_and_xlsx),
    Case("unknown_column", unknown_column),
    Case("missing_column", missing_column),
    Case("duplicate_column_spaced", duplicate_column_spaced),
    Case("empty_file", empty_file),
    Case("comma_decimal", comma_decimal),
    Case("not_a_number", not_a_number),
    Case("not_an_int", not_an_int),
    Case("impossible_month", impossible_month),
    Case("slashed_date", slashed_date),
    Case("bad_code", bad_code),
    Case("bad_code_in_list", bad_code_in_list),
    Case("bad_donor", bad_donor),
    # a height below the range is reported once (not again by the plausibility screens)
    _range_bug(Case("height_below_min", height_below_min)),
    _range_bug(Case("blasts_above_max", blasts_above_max)),
    _range_bug(Case("cycle_above_max", cycle_above_max)),
    _range_bug(Case("age_below_min", age_below_min)),
    _range_bug(Case("rr_date_below_min", rr_date_below_min)),
    Case("required_blank", required_blank),
    Case("required_na_marker", required_na_marker),
    Case("required_if_hsct_date", required_if_hsct_date),
    Case("required_if_death_date", required_if_death_date),
    Case("duplicate_patient_baseline", duplicate_patient_baseline),
    Case("duplicate_patient_response", duplicate_patient_response),
    _range_bug(Case("bad_pattern", bad_pattern)),
    Case("unknown_reference", unknown_reference),
    Case("not_eligible", not_eligible),
    Case("eligible_missing", eligible_missing),
    Case("incomplete_followup", incomplete_followup),
    _rule_bug(Case("rr_before_initial", rr_before_initial)),
    _rule_bug(Case("death_after_cutoff", death_after_cutoff)),
    _rule_bug(Case("hsct_before_rr", hsct_before_rr)),
    _rule_bug(Case("contact_after_death", contact_after_death)),
    Case("two_cutoffs", two_cutoffs),
    Case("steroid_flag", steroid_flag),
    Case("duplicate_agent", duplicate_agent),
    _rule_bug(Case("response_blasts", response_blasts)),
    Case("not_examined_response", not_examined_response),
    Case("exam_reason_conflict", exam_reason_conflict),
    Case("hsct_fields_conflict", hsct_fields_conflict),
    Case("hsct_reason_conflict", hsct_reason_conflict),
    Case("alive_with_death_date", alive_with_death_date),
    Case("implausible_height", implausible_height),
    Case("implausible_weight", implausible_weight),
    Case("identifier_column_en", identifier_column_en, secret=("홍길동",)),
    Case("identifier_column_ko", identifier_column_ko, secret=("김철수", "성명")),
    Case("rrn_in_cell", rrn_in_cell, secret=("900101", "1234567", "9001011234567")),
    Case(
        "phone_in_cell", phone_in_cell, secret=("010-1234-5678", "1234-5678", "01012345678", "5678")
    ),
    Case("several_faults", several_faults),
    Case("unreadable_xlsx", unreadable_xlsx),
    Case("unreadable_bytes", unreadable_bytes),
    Case("duplicate_column_exact", duplicate_column_exact),
]


def _id(c: Case | object) -> str:
    return c.id if isinstance(c, Case) else str(c)


# -- checks ------------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=_id)
def test_bad_input_is_refused(case: Case, data_copy: Path, csvtools: CsvTools) -> None:
    check_case(case, data_copy, csvtools)


def test_several_faults_counted(data_copy: Path, csvtools: CsvTools) -> None:
    expected = several_faults(data_copy, csvtools)
    err = load_and_fail(data_copy, csvtools)
    assert len(err.violations) == len(expected) == 6
    assert {v.file for v in err.violations} == {
        "baseline.csv",
        "screening.csv",
        "treatment.csv",
        "transplant.csv",
        "followup.csv",
        "response.csv",
    }


# -- accepted variants: labels, case and spaces map onto codes ------------------------------
ACCEPTED = [
    ("baseline", "sex", lambda r: r["sex"] == "M", "남", "sex", "M"),
    ("baseline", "sex", lambda r: r["sex"] == "F", "Female", "sex", "F"),
    (
        "followup",
        "vital_status",
        lambda r: r["vital_status"] == "dead",
        "사망",
        "vital_status",
        "dead",
    ),
    (
        "followup",
        "vital_status",
        lambda r: r["vital_status"] == "alive",
        " ALIVE ",
        "vital_status",
        "alive",
    ),
    ("response", "response", lambda r: r["response"] == "CR", " cr ", "response", "CR"),
    ("response", "marrow_exam", lambda r: r["marrow_exam"] == "Y", "y", "marrow_exam", "Y"),
    (
        "response",
        "reasons_not_examined",
        lambda r: r["marrow_exam"] == "N",
        "질병의 지속; other",
        "reasons_not_examined",
        "other;persistent",
    ),
    ("transplant", "donor", lambda r: r["hsct"] == "Y", "HLA 일치 형제", "donor", "MSD"),
    ("baseline", "height_cm", lambda r: r["height_cm"] != "", "NA", "height_cm", None),
]


@pytest.mark.parametrize(
    ("file", "column", "pick", "text", "out_col", "want"),
    ACCEPTED,
    ids=[f"{a[0]}.{a[1]}={a[3]!r}" for a in ACCEPTED],
)
def test_accepted_variants(
    data_copy: Path, csvtools: CsvTools, file, column, pick, text, out_col, want
) -> None:
    import pandas as pd

    pid = _first(data_copy, csvtools, file, pick)["patient_id"]
    csvtools.edit(data_copy, file, pid, column, text)
    before = csvtools.digest(data_copy)
    cohort = load_cohort(data_copy)
    assert csvtools.digest(data_copy) == before
    got = cohort.patients.set_index("patient_id").at[pid, out_col]
    if want is None:
        assert pd.isna(got)
    else:
        assert got == want


def test_patient_repeated_in_screening_is_reported_not_crashed(data_copy: Path) -> None:
    """A baseline patient whose screening row appears twice: a clear duplicate_id, no crash."""
    lines = (data_copy / "screening.csv").read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])
    (data_copy / "screening.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as exc:
        load_cohort(data_copy)
    rules = {(v.file, v.column, v.rule) for v in exc.value.violations}
    assert ("screening.csv", "patient_id", "duplicate_id") in rules

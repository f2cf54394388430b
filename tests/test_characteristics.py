"""rrall.characteristics (Table 1) on tiny hand-made cohorts."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import rrall
from rrall.characteristics import categorical_counts, continuous_summary, sex_ratio, table1
from rrall.contract import load_codebook
from tests.helpers import make_cohort, make_frames, patient, screened_only, write_folder

# Six eligible patients (P006 eligible but without treatment/follow-up: still in Table 1),
# one ineligible screening record (P007, prior clofarabine: not in Table 1).
#  id    sex age0 initial     R/R         height weight cyto    immuno status
#  P001  M   5    2006-01-01  2007-01-01  110    20     diploid B      relapsed
#  P002  M   6    2006-01-01  2008-01-01  120    25     -       B      relapsed
#  P003  F   8    2006-03-01  2007-03-01  -      30     t9_22   T      refractory
#  P004  M   10   2006-01-01  2009-07-02  140    35     -       B      relapsed
#  P005  F   12   2006-01-01  2010-01-01  150    40     diploid B      refractory
#  P006  M   9    2006-01-01  2007-01-01  130    28     -       B      relapsed
PEOPLE = (
    ("P001", "M", 5.0, "2006-01-01", "2007-01-01", 110.0, 20.0, "diploid", "B", "relapsed"),
    ("P002", "M", 6.0, "2006-01-01", "2008-01-01", 120.0, 25.0, None, "B", "relapsed"),
    ("P003", "F", 8.0, "2006-03-01", "2007-03-01", None, 30.0, "t9_22", "T", "refractory"),
    ("P004", "M", 10.0, "2006-01-01", "2009-07-02", 140.0, 35.0, None, "B", "relapsed"),
    ("P005", "F", 12.0, "2006-01-01", "2010-01-01", 150.0, 40.0, "diploid", "B", "refractory"),
    ("P006", "M", 9.0, "2006-01-01", "2007-01-01", 130.0, 28.0, None, "B", "relapsed"),
)


def _people() -> list:
    out = []
    for pid, sex, age0, ini, rr, h, w, cyto, imm, st in PEOPLE:
        out.append(
            patient(
                pid,
                sex=sex,
                age0=age0,
                initial_dx=ini,
                rr_dx=rr,
                height=h,
                weight=w,
                cytogenetics=cyto,
                immunophenotype=imm,
                disease_status=st,
                agents=None if pid == "P006" else ("vincristine", "prednisolone"),
            )
        )
    out.append(screened_only("P007", clofarabine="Y"))
    return out


@pytest.fixture(scope="module")
def cohort() -> rrall.Cohort:
    return make_cohort(*_people())


def _row(t1: pd.DataFrame, variable: str, level: str) -> pd.Series:
    hit = t1[(t1["variable"] == variable) & (t1["level"] == level)]
    assert len(hit) == 1, (variable, level)
    return hit.iloc[0]


# ---------------------------------------------------------------------------------------------
def test_helpers_frames_survive_the_real_validator(tmp_path: Path) -> None:
    """The helper builds exactly what validate_folder would return from the same files."""
    frames = make_frames(*_people())
    folder = write_folder(frames, tmp_path / "data")
    validated = rrall.contract.validate_folder(folder)
    for entity, frame in frames.items():
        pd.testing.assert_frame_equal(validated[entity], frame, check_like=False)
    via_files = rrall.load_cohort(folder)
    pd.testing.assert_frame_equal(table1(via_files), table1(make_cohort(*_people())))


def test_cohort_membership(cohort: rrall.Cohort) -> None:
    assert cohort.screening["eligible"].tolist() == [True] * 6 + [False]
    assert cohort.screening["ineligible_reason"].tolist() == [""] * 6 + ["clofarabine"]
    assert len(cohort.patients) == 6
    assert cohort.analysed["patient_id"].tolist() == ["P001", "P002", "P003", "P004", "P005"]


def test_categorical_counts_units() -> None:
    # a, b, NA, a over levels a, b, c: 2/4 = 50 %, 1/4 = 25 %, c present with 0, NA 1/4 = 25 %
    out = categorical_counts(pd.Series(["a", "b", None, "a"], dtype=object), ["a", "b", "c"])
    assert out["level"].tolist() == ["a", "b", "c", "NA"]
    assert out["n"].tolist() == [2, 1, 0, 1]
    assert out["denominator"].tolist() == [4, 4, 4, 4]
    assert out["percent"].tolist() == [50.0, 25.0, 0.0, 25.0]
    # nothing missing -> no NA row
    out = categorical_counts(pd.Series(["b", "b", "a"], dtype=object), ["a", "b", "c"])
    assert out["level"].tolist() == ["a", "b", "c"]
    assert out["n"].tolist() == [1, 2, 0]
    assert out["percent"].iloc[1] == pytest.approx(200 / 3)
    # a value outside the levels is in the denominator but has no row
    out = categorical_counts(pd.Series(["a", "z"], dtype=object), ["a"])
    assert out["n"].tolist() == [1] and out["denominator"].tolist() == [2]


def test_continuous_summary_units() -> None:
    # 110, 120, 130, 140, 150 and a missing value: n=5, mean 130,
    # SD (n-1) = sqrt((400+100+0+100+400)/4) = sqrt(250) = 15.811; population SD would be 14.142
    out = continuous_summary(pd.Series([120.0, np.nan, 110.0, 150.0, 130.0, 140.0]))
    assert out["n"] == 5
    assert out["mean"] == pytest.approx(130.0)
    assert out["sd"] == pytest.approx(math.sqrt(250.0))
    assert out["median"] == 130.0
    assert (out["min"], out["max"]) == (110.0, 150.0)
    # even n: median is the mean of the middle two; one value: SD undefined
    assert continuous_summary(pd.Series([1.0, 2.0, 4.0, 10.0]))["median"] == 3.0
    one = continuous_summary(pd.Series([7.0]))
    assert one["n"] == 1 and one["mean"] == 7.0 and math.isnan(one["sd"])
    empty = continuous_summary(pd.Series([np.nan, np.nan]))
    assert empty["n"] == 0 and all(
        math.isnan(empty[k]) for k in ("mean", "sd", "median", "min", "max")
    )


def test_table1_categorical(cohort: rrall.Cohort) -> None:
    t1 = table1(cohort)
    codes = load_codebook().codes
    assert (t1["total"] == 6).all()
    # variables in the paper's order
    assert list(dict.fromkeys(t1["variable"])) == [
        "age",
        "sex",
        "height",
        "weight",
        "cytogenetics",
        "immunophenotype",
        "disease_status",
    ]
    # sex: M = P001, P002, P004, P006 = 4/6 = 66.7 %; F = 2/6 = 33.3 %; nothing missing -> no NA
    sex = t1[t1["variable"] == "sex"]
    assert sex["level"].tolist() == ["M", "F"]
    assert sex["n"].tolist() == [4, 2]
    assert sex["denominator"].tolist() == [6, 6]
    assert sex["percent"].tolist() == pytest.approx([400 / 6, 200 / 6])
    # cytogenetics: every code of the codebook in codebook order, 0 where nobody, then NA (3)
    cyto = t1[t1["variable"] == "cytogenetics"]
    assert cyto["level"].tolist() == [*codes["cytogenetics"], "NA"]
    counts = dict(zip(cyto["level"], cyto["n"], strict=True))
    assert counts == {
        "diploid": 2,
        "hypodiploid": 0,
        "hyperdiploid": 0,
        "t1_19": 0,
        "t9_22": 1,
        "other": 0,
        "NA": 3,
    }
    assert _row(t1, "cytogenetics", "NA")["percent"] == pytest.approx(50.0)
    assert (cyto["denominator"] == 6).all()
    # immunophenotype: B 5, T 1, mixed 0, no NA row
    imm = t1[t1["variable"] == "immunophenotype"]
    assert imm["level"].tolist() == ["B", "T", "mixed"]
    assert imm["n"].tolist() == [5, 1, 0]
    status = t1[t1["variable"] == "disease_status"]
    assert status["n"].tolist() == [4, 2]
    # counts of a variable add up to the eligible patients
    for var in ("sex", "cytogenetics", "immunophenotype", "disease_status"):
        assert t1.loc[t1["variable"] == var, "n"].sum() == 6, var


def test_table1_continuous(cohort: rrall.Cohort) -> None:
    t1 = table1(cohort)
    # height: 110, 120, 140, 150, 130 (P003 missing) -> n 5, mean 130, SD sqrt(1000/4)
    h = _row(t1, "height", "mean_sd")
    assert (h["n"], h["denominator"], h["total"]) == (5, 5, 6)
    assert h["mean"] == pytest.approx(130.0)
    assert h["sd"] == pytest.approx(math.sqrt(250.0))
    hr = _row(t1, "height", "median_range")
    assert (hr["median"], hr["min"], hr["max"]) == (130.0, 110.0, 150.0)
    assert math.isnan(h["percent"])
    # weight: 20, 25, 30, 35, 40, 28 -> mean 178/6 = 29.667, median (28+30)/2 = 29
    w = _row(t1, "weight", "mean_sd")
    weights = [20.0, 25.0, 30.0, 35.0, 40.0, 28.0]
    mean = sum(weights) / 6
    assert w["n"] == 6
    assert w["mean"] == pytest.approx(mean)
    assert w["sd"] == pytest.approx(math.sqrt(sum((x - mean) ** 2 for x in weights) / 5))
    assert _row(t1, "weight", "median_range")["median"] == 29.0
    # age at R/R diagnosis = age at first diagnosis + days between the diagnoses / 365.25
    ages = []
    for _pid, _sex, age0, ini, rr, *_ in PEOPLE:
        days = (date.fromisoformat(rr) - date.fromisoformat(ini)).days
        ages.append(age0 + days / 365.25)
    # e.g. P004: 10 + 1278/365.25 = 13.499
    assert ages[3] == pytest.approx(13.4990, abs=1e-4)
    a = _row(t1, "age", "mean_sd")
    assert a["mean"] == pytest.approx(np.mean(ages))
    assert a["sd"] == pytest.approx(np.std(ages, ddof=1))
    ar = _row(t1, "age", "median_range")
    assert (ar["min"], ar["max"]) == (pytest.approx(min(ages)), pytest.approx(max(ages)))
    got = cohort.patients.set_index("patient_id")["age_at_rr"]
    assert got.loc["P004"] == pytest.approx(ages[3])


def test_sex_ratio(cohort: rrall.Cohort) -> None:
    assert sex_ratio(cohort) == pytest.approx(4 / 2)
    boys = make_cohort(patient("P001"), patient("P002"))
    assert math.isnan(sex_ratio(boys))
    one_each = make_cohort(patient("P001"), patient("P002", sex="F"), patient("P003", sex="F"))
    assert sex_ratio(one_each) == pytest.approx(0.5)


def test_table1_no_missing_means_no_na_rows() -> None:
    c = make_cohort(
        patient("P001", cytogenetics="other"), patient("P002", sex="F", cytogenetics="diploid")
    )
    t1 = table1(c)
    assert "NA" not in set(t1["level"])
    assert _row(t1, "cytogenetics", "other")["n"] == 1
    assert _row(t1, "cytogenetics", "t1_19")["n"] == 0

"""rrall.treatment (Table 2, response, transplant) on a tiny hand-made cohort."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest
from scipy.stats import beta

import rrall
from rrall.fmt import fmt_pct
from rrall.treatment import (
    clopper_pearson,
    response_rates,
    response_summary,
    table2,
    transplant_summary,
)
from tests.helpers import make_cohort, patient

# Seven treated patients and one eligible patient without treatment/follow-up (P009).
#  id    first-cycle agents                      response        HSCT (pre-HSCT marrow)/reason vital
#  P001  vincristine, cyclophosphamide, predniso. CR              Y (CR)                       alive
#  P002  vincristine, etoposide, dexamethasone    CRp             Y (CRp)                      dead
#  P003  cytarabine, vincristine, cyclophosph.    PR              Y (not_done)                 alive
#  P004  etoposide, cytarabine, prednisolone      REF             N refractory_progressive     dead
#  P005  cytarabine, dexamethasone                not examined:   N refractory_progressive     dead
#                                                 persistent + death_induction
#  P006  vincristine, prednisolone                not ex.: other  N poor_performance           dead
#  P008  dasatinib, prednisolone                  NE              N no_donor                   alive
#  P009  (none)                                   -               -                            -
# Non-steroid counts: vincristine 4, cytarabine 3, etoposide 2, cyclophosphamide 2, dasatinib 1.
# etoposide and cyclophosphamide tie; the codebook lists etoposide first (alphabetically and in
# the data cyclophosphamide comes first), so etoposide must come first.


def _cohort() -> rrall.Cohort:
    hs: dict[str, Any] = {"hsct": "Y", "hsct_after_days": 100, "reason_no_hsct": None}
    return make_cohort(
        patient(
            "P001",
            agents=("vincristine", "cyclophosphamide", "prednisolone"),
            response="CR",
            pre_hsct_marrow="CR",
            **hs,
        ),
        patient(
            "P002",
            agents=("vincristine", "etoposide", "dexamethasone"),
            response="CRp",
            pre_hsct_marrow="CRp",
            dead=True,
            os_days=300,
            **hs,
        ),
        patient(
            "P003",
            agents=("cytarabine", "vincristine", "cyclophosphamide"),
            response="PR",
            pre_hsct_marrow="not_done",
            **hs,
        ),
        patient(
            "P004",
            agents=("etoposide", "cytarabine", "prednisolone"),
            response="REF",
            reason_no_hsct="refractory_progressive",
            dead=True,
            os_days=90,
        ),
        patient(
            "P005",
            agents=("cytarabine", "dexamethasone"),
            response=None,
            reasons="persistent;death_induction",
            reason_no_hsct="refractory_progressive",
            dead=True,
            os_days=20,
        ),
        patient(
            "P006",
            agents=("vincristine", "prednisolone"),
            response=None,
            reasons="other",
            reason_no_hsct="poor_performance",
            dead=True,
            os_days=60,
        ),
        patient(
            "P008", agents=("dasatinib", "prednisolone"), response="NE", reason_no_hsct="no_donor"
        ),
        patient("P009", agents=None),
    )


@pytest.fixture(scope="module")
def cohort() -> rrall.Cohort:
    return _cohort()


def test_analysed_set(cohort: rrall.Cohort) -> None:
    assert len(cohort.patients) == 8
    assert len(cohort.analysed) == 7
    assert "P009" not in set(cohort.agents["patient_id"])


# ---------------------------------------------------------------------------------------------
def test_table2(cohort: rrall.Cohort) -> None:
    t2 = table2(cohort)
    assert t2["agent"].tolist() == [
        "vincristine",
        "cytarabine",
        "etoposide",
        "cyclophosphamide",
        "dasatinib",
    ]
    assert t2["n"].tolist() == [4, 3, 2, 2, 1]
    # denominator: treated patients (7), not eligible ones (8)
    assert (t2["denominator"] == 7).all()
    assert t2["percent"].tolist() == pytest.approx([400 / 7, 300 / 7, 200 / 7, 200 / 7, 100 / 7])
    # steroids are left out; agents nobody received are left out
    assert not {"prednisolone", "dexamethasone", "methylprednisolone"} & set(t2["agent"])
    assert "idarubicin" not in set(t2["agent"])


def test_table2_counts_patients_not_rows() -> None:
    # the same agent twice for one patient would be invalid data; table2 still counts patients
    c = _cohort()
    dup = c.agents[c.agents["agent"] == "vincristine"].head(1)
    c2 = rrall.Cohort(
        screening=c.screening,
        patients=c.patients,
        agents=pd.concat([c.agents, dup], ignore_index=True),
        cutoff=c.cutoff,
        sources=c.sources,
        codebook=c.codebook,
    )
    assert table2(c2).set_index("agent").at["vincristine", "n"] == 4


def test_tbl_agents_shows_the_order(cohort: rrall.Cohort) -> None:
    html = rrall.tbl_agents(cohort, lang="en").as_raw_html()
    names = ["Vincristine", "Cytarabine", "Etoposide", "Cyclophosphamide", "Dasatinib"]
    pos = [html.index(n) for n in names]
    assert pos == sorted(pos)
    assert f"4 ({fmt_pct(4, 7)})" in html  # 4/7 = 57.14 % -> "4 (57.1)"
    assert "4 (57.1)" in html
    assert "N=7" in html


# ---------------------------------------------------------------------------------------------
def test_response_summary(cohort: rrall.Cohort) -> None:
    rs = response_summary(cohort).set_index("item")
    assert (rs["denominator"] == 7).all()
    want = {
        "examined": 5,  # P001-P004, P008
        "CR": 1,
        "CRp": 1,
        "PR": 1,
        "REF": 1,
        "NE": 1,
        "not_examined": 2,  # P005, P006
        "reason:persistent": 1,
        "reason:death_induction": 1,
        "reason:other": 1,
        "reason_overlap": 1,  # P005 has two reasons, counted under both
    }
    assert rs["n"].to_dict() == want
    assert rs.at["examined", "percent"] == pytest.approx(500 / 7)
    # the reasons add up to more than the patients without an examination
    reasons = rs.loc[[i for i in rs.index if i.startswith("reason:")], "n"].sum()
    assert reasons == rs.at["not_examined", "n"] + rs.at["reason_overlap", "n"]


def _cp(k: int, n: int, a: float = 0.05) -> tuple[float, float]:
    """Clopper-Pearson from the beta quantiles; 0 and 1 at the edges where beta.ppf is undefined."""
    lo = 0.0 if k == 0 else beta.ppf(a / 2, k, n - k + 1)
    hi = 1.0 if k == n else beta.ppf(1 - a / 2, k + 1, n - k)
    return lo, hi


def test_response_rates(cohort: rrall.Cohort) -> None:
    rr = response_rates(cohort).set_index("rate")
    assert rr["categories"].to_dict() == {
        "cr_rate": "CR+CRp",
        "cr_strict": "CR",
        "orr": "CR+CRp+PR",
    }
    assert rr["n"].to_dict() == {"cr_rate": 2, "cr_strict": 1, "orr": 3}
    assert (rr["denominator"] == 7).all()
    for rate, k in (("cr_rate", 2), ("cr_strict", 1), ("orr", 3)):
        lo, hi = _cp(k, 7)
        assert rr.at[rate, "percent"] == pytest.approx(100 * k / 7)
        assert rr.at[rate, "ci_low"] == pytest.approx(100 * beta.ppf(0.025, k, 7 - k + 1), rel=1e-9)
        assert rr.at[rate, "ci_high"] == pytest.approx(
            100 * beta.ppf(0.975, k + 1, 7 - k), rel=1e-9
        )
        assert rr.at[rate, "ci_low"] == pytest.approx(100 * lo, rel=1e-9)
        assert rr.at[rate, "ci_high"] == pytest.approx(100 * hi, rel=1e-9)
    # a worked value: for k = 1 of 7 the lower limit solves P(X >= 1) = 0.025,
    # i.e. 1 - (1 - p)^7 = 0.025 -> p = 1 - 0.975^(1/7) = 0.003610
    assert rr.at["cr_strict", "ci_low"] == pytest.approx(100 * (1 - 0.975 ** (1 / 7)), rel=1e-9)


@pytest.mark.parametrize(
    ("k", "n"), [(0, 1), (0, 7), (7, 7), (1, 1), (3, 10), (20, 63), (62, 63), (0, 63), (63, 63)]
)
def test_clopper_pearson_against_beta(k: int, n: int) -> None:
    lo, hi = clopper_pearson(k, n)
    want_lo, want_hi = _cp(k, n)
    assert lo == pytest.approx(want_lo, abs=1e-12)
    assert hi == pytest.approx(want_hi, abs=1e-12)
    # closed forms at the edges: k=0 -> upper 1 - (a/2)^(1/n); k=n -> lower (a/2)^(1/n)
    if k == 0:
        assert lo == 0.0
        assert hi == pytest.approx(1 - 0.025 ** (1 / n), rel=1e-10)
    if k == n:
        assert hi == 1.0
        assert lo == pytest.approx(0.025 ** (1 / n), rel=1e-10)
    assert 0.0 <= lo <= k / n <= hi <= 1.0


def test_clopper_pearson_alpha_and_empty() -> None:
    lo90, hi90 = clopper_pearson(3, 10, alpha=0.10)
    lo95, hi95 = clopper_pearson(3, 10)
    assert lo90 == pytest.approx(beta.ppf(0.05, 3, 8), rel=1e-10)
    assert hi90 == pytest.approx(beta.ppf(0.95, 4, 7), rel=1e-10)
    assert lo95 < lo90 < 0.3 < hi90 < hi95
    assert all(math.isnan(v) for v in clopper_pearson(0, 0))


def test_response_rates_edges_nobody_and_everybody() -> None:
    nobody = make_cohort(
        patient("P001", response="REF"),
        patient("P002", response="REF"),
        patient("P003", response="PR"),
    )
    rr = response_rates(nobody).set_index("rate")
    assert rr.at["cr_rate", "n"] == 0
    assert rr.at["cr_rate", "ci_low"] == 0.0
    assert rr.at["cr_rate", "ci_high"] == pytest.approx(100 * (1 - 0.025 ** (1 / 3)))
    assert rr.at["orr", "n"] == 1
    everybody = make_cohort(patient("P001", response="CR"), patient("P002", response="CRp"))
    rr = response_rates(everybody).set_index("rate")
    assert rr.at["cr_rate", "n"] == 2
    assert rr.at["cr_rate", "ci_high"] == 100.0
    assert rr.at["cr_rate", "ci_low"] == pytest.approx(100 * 0.025 ** (1 / 2))
    assert rr.at["cr_strict", "n"] == 1


# ---------------------------------------------------------------------------------------------
def test_transplant_summary(cohort: rrall.Cohort) -> None:
    ts = transplant_summary(cohort)
    got = {(r.section, r.item): (r.n, r.denominator) for r in ts.itertuples(index=False)}
    want = {
        ("hsct", "done"): (3, 7),  # P001-P003 of 7 treated
        ("pre_status", "examined"): (2, 3),  # CR and CRp; "not_done" is no examination
        ("pre_status", "cr_any"): (2, 3),
        ("pre_status", "CR"): (1, 3),
        ("pre_status", "CRp"): (1, 3),
        ("pre_status", "PR"): (0, 3),
        ("pre_status", "REF"): (0, 3),
        ("pre_status", "not_done"): (1, 3),
        ("reason", "refractory_progressive"): (2, 4),  # P004, P005 of 4 untransplanted
        ("reason", "cr_maintained"): (0, 4),
        ("reason", "poor_performance"): (1, 4),
        ("reason", "no_donor"): (1, 4),
        ("reason", "lost_followup"): (0, 4),
        ("alive", "alive"): (2, 3),  # P001, P003
        ("alive", "alive_in_cr"): (1, 2),  # P001 was transplanted in CR; P003 without a marrow
    }
    assert got == want
    ts = ts.set_index(["section", "item"])
    assert ts.at[("hsct", "done"), "percent"] == pytest.approx(300 / 7)
    assert ts.at[("alive", "alive_in_cr"), "percent"] == pytest.approx(50.0)
    assert cohort.analysed["hsct_in_cr"].sum() == 2  # P001 (CR), P002 (CRp)


@pytest.mark.parametrize(("k", "n"), [(0, 5), (1, 7), (3, 10), (20, 63), (63, 63), (5, 1000)])
def test_clopper_pearson_against_statsmodels(k: int, n: int) -> None:
    from statsmodels.stats.proportion import proportion_confint

    lo, hi = proportion_confint(k, n, alpha=0.05, method="beta")
    got = clopper_pearson(k, n)
    assert got[0] == pytest.approx(float(lo), abs=1e-12)
    assert got[1] == pytest.approx(float(hi), abs=1e-12)

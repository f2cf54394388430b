"""rrall.timedep: transplant as a time-dependent state.

A tiny cohort worked by hand first (records, risk sets, the Mantel-Byar sums, Simon-Makuch
steps, a landmark), then cross-checks against independent implementations (statsmodels
``PHReg`` for the Cox model and its score test, lifelines ``logrank_test`` and
``KaplanMeierFitter``, ``rrall.survival``), then degenerate cohorts.
"""

from __future__ import annotations

import ast
import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from lifelines.statistics import logrank_test
from scipy.stats import chi2 as chi2_dist
from statsmodels.duration.hazard_regression import PHReg

import rrall
from rrall import timedep
from rrall.survival import km_curve, logrank, survival_at
from rrall.timedep import (
    REASONS,
    landmark,
    landmark_covering,
    mantel_byar,
    simon_makuch,
    split_at_transplant,
    td_cox,
)

NAN = float("nan")

# ---------------------------------------------------------------------------------------------
# The tiny cohort (times in years from R/R diagnosis):
#   id  time  event  tx     story
#   0   2     died   -      dies untransplanted
#   1   5     cens   1      transplanted at 1, alive at 5
#   2   4     died   2      transplanted at 2, dies at 4 (a death after transplant)
#   3   4     died   -      dies untransplanted at 4 (a tie with id 2, across the states)
#   4   5     cens   -      alive, never transplanted
#   5   6     died   4      transplanted at 4, the day ids 2 and 3 die (enters state 1 at 4)
#   6   2     cens   2      transplanted on the day of last contact (tx == time)
TIME = [2, 5, 4, 4, 5, 6, 2]
EVENT = [1, 0, 1, 1, 0, 1, 0]
TX = [NAN, 1, 2, NAN, NAN, 4, 2]

# Records (start, stop] (split at the transplant; the pre-transplant record has no event;
# id 6 has tx == time: no time after the transplant, one record in state 0):
RECORDS = [
    # id start stop event state
    (0, 0.0, 2.0, True, 0),
    (1, 0.0, 1.0, False, 0),
    (1, 1.0, 5.0, False, 1),
    (2, 0.0, 2.0, False, 0),
    (2, 2.0, 4.0, True, 1),
    (3, 0.0, 4.0, True, 0),
    (4, 0.0, 5.0, False, 0),
    (5, 0.0, 4.0, False, 0),
    (5, 4.0, 6.0, True, 1),
    (6, 0.0, 2.0, False, 0),
]

# Risk sets at the death times (at risk iff start < t <= stop):
#  t=2  state 0: id 0 (0,2], 2 (0,2], 3 (0,4], 4 (0,5], 5 (0,4], 6 (0,2]    n0 = 6
#       state 1: id 1 (1,5]  (id 2's (2,4] starts at 2: not yet)           n1 = 1
#       deaths: id 0 (state 0)                          d0 = 1, d1 = 0, d = 1, n = 7
#       E1 = d n1/n = 1/7;  V = d (n1/n)(n0/n)(n-d)/(n-1) = (1/7)(6/7)(6/6) = 6/49
#  t=4  state 0: id 3 (0,4], 4 (0,5], 5 (0,4]                                n0 = 3
#       state 1: id 1 (1,5], 2 (2,4]  (id 5's (4,6] enters at 4: not at risk) n1 = 2
#       deaths: id 3 (state 0) and id 2 (state 1)       d0 = 1, d1 = 1, d = 2, n = 5
#       E1 = 2 * 2/5 = 4/5;  V = 2 (2/5)(3/5)(3/4) = 9/25
#  t=6  state 0: nobody (id 4 left at 5);  state 1: id 5 (4,6]                n1 = 1
#       deaths: id 5 (state 1)                          d0 = 0, d1 = 1, d = 1, n = 1
#       E1 = 1;  V = 0 (a lone patient carries no information)
# O1 = 0 + 1 + 1 = 2;  E1 = 1/7 + 4/5 + 1 = 68/35;  O1 - E1 = 2/35
# V = 6/49 + 9/25 = 591/1225;  chi2 = (2/35)^2 / (591/1225) = 4/591 = 0.0067682
# O0 = 2 (ids 0, 3);  E0 = 4 - 68/35 = 72/35
MB_TABLE = [
    # time n0 n1 d0 d1 expected1 variance
    (2.0, 6, 1, 1, 0, 1 / 7, 6 / 49),
    (4.0, 3, 2, 1, 1, 4 / 5, 9 / 25),
    (6.0, 0, 1, 0, 1, 1.0, 0.0),
]
MB_CHI2 = 4 / 591


def tiny_split() -> pd.DataFrame:
    return split_at_transplant(TIME, EVENT, TX)


def _phreg(split: pd.DataFrame, ties: str, *, open_entry: bool = True) -> PHReg:
    """statsmodels' Cox model on the records, ``entry`` = start.

    statsmodels keeps a record in the risk set AT its entry time (its source: "In Stata, this
    is entry >= time, in R it is >"); rrall and lifelines follow R: (start, stop]. With
    ``open_entry`` the entries are moved 1e-9 later, far below the resolution of the data, so
    statsmodels' risk sets at the death times are exactly ours.
    """
    start = split["start"].to_numpy(dtype=float)
    entry = start + np.where(start > 0, 1e-9, 0.0) if open_entry else start
    return PHReg(
        split["stop"].to_numpy(dtype=float),
        split["state"].to_numpy(dtype=float)[:, None],
        status=split["event"].to_numpy(dtype=int),
        entry=entry,
        ties=ties,
    )


def _random_cohort(seed: int, n: int, *, days: bool = False):
    """Follow-up, deaths (~70%) and transplants (~40%, uniform over each follow-up).

    ``days``: times rounded to whole days (ties between deaths, and transplants on the day of
    someone's death); otherwise continuous (no ties of any kind).
    """
    rng = np.random.default_rng(seed)
    t = rng.exponential(2.0, n)
    e = rng.random(n) < 0.7
    x = np.where(rng.random(n) < 0.4, rng.uniform(0, 1, n) * t, NAN)
    if days:
        t = np.maximum(np.round(t * 365.25), 1) / 365.25
        x = np.minimum(np.round(x * 365.25) / 365.25, t)
    return t, e, x


# ---------------------------------------------------------------------------------------------
# split_at_transplant
def test_split_by_hand() -> None:
    want = pd.DataFrame(RECORDS, columns=["id", "start", "stop", "event", "state"])
    pd.testing.assert_frame_equal(tiny_split(), want, check_dtype=False)


def test_split_conventions() -> None:
    # transplanted at time 0: in state 1 from the start (one record)
    assert split_at_transplant([3], [1], [0.0]).values.tolist() == [[0, 0.0, 3.0, True, 1]]
    # transplanted on the day of death: no time after it, the death counts in state 0
    assert split_at_transplant([3], [1], [3.0]).values.tolist() == [[0, 0.0, 3.0, True, 0]]
    # zero follow-up: no time at risk, no records
    assert split_at_transplant([0.0, 1.0], [1, 0], [NAN, NAN])["id"].tolist() == [1]
    # patient identifiers are carried through
    sp = split_at_transplant([2, 3], [0, 1], [1, NAN], ids=["P1", "P2"])
    assert sp["id"].tolist() == ["P1", "P1", "P2"]
    assert split_at_transplant([], [], []).empty


@pytest.mark.parametrize(
    ("time", "event", "tx", "match"),
    [
        ([1, 2], [1, 0], [3, NAN], "tx must lie"),  # transplant after the end of follow-up
        ([1, 2], [1, 0], [-1, NAN], "tx must lie"),
        ([1, NAN], [1, 0], [NAN, NAN], "time must be finite"),
        ([1, -2], [1, 0], [NAN, NAN], "time must be finite"),
        ([1, 2], [1, None], [NAN, NAN], "event is missing"),
        ([1, 2], [1], [NAN, NAN], "differ in length"),
    ],
)
def test_split_rejects_invalid_data(time, event, tx, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        split_at_transplant(time, event, tx)


# ---------------------------------------------------------------------------------------------
# Mantel-Byar
def test_mantel_byar_by_hand() -> None:
    mb = mantel_byar(tiny_split())
    want = pd.DataFrame(MB_TABLE, columns=["time", "n0", "n1", "d0", "d1", "expected1", "variance"])
    pd.testing.assert_frame_equal(mb.table, want, check_dtype=False, rtol=1e-14, atol=1e-15)
    assert mb.observed == (2, 2)
    assert mb.expected[1] == pytest.approx(68 / 35, rel=1e-14)
    assert mb.expected[0] == pytest.approx(72 / 35, rel=1e-14)
    assert mb.variance == pytest.approx(591 / 1225, rel=1e-14)
    assert mb.chi2 == pytest.approx(MB_CHI2, rel=1e-12)
    assert mb.chi2 == pytest.approx(0.0067682, abs=1e-7)
    assert mb.p == pytest.approx(chi2_dist.sf(MB_CHI2, 1), rel=1e-12)
    assert (mb.df, mb.reason) == (1, None)


def test_entry_convention_record_entering_at_t_is_not_at_risk_at_t() -> None:
    # A dies at 1 in state 0; B is transplanted at 1 and lives to 2: B is in state 0 on (0, 1]
    # and in state 1 on (1, 2]. At t = 1 the risk set is {A, B} in state 0 and nobody in
    # state 1: B's state-1 record enters at 1 and is at risk only after 1.
    sp = split_at_transplant([1.0, 2.0], [1, 0], [NAN, 1.0])
    mb = mantel_byar(sp)
    assert mb.table[["time", "n0", "n1", "d0", "d1"]].values.tolist() == [[1, 2, 0, 1, 0]]
    assert mb.expected == (1.0, 0.0) and mb.variance == 0.0
    sm = simon_makuch(sp, ticks=(1.0,))
    assert sm.risk.set_index("state").at[1, "at_risk"] == 0
    assert sm.risk.set_index("state").at[0, "at_risk"] == 2
    # the same in the tiny cohort: id 5 enters state 1 at 4, when ids 2 and 3 die -> n1 = 2
    assert mantel_byar(tiny_split()).table.set_index("time").at[4.0, "n1"] == 2


def test_entry_convention_in_the_cox_model() -> None:
    # lifelines' CoxTimeVaryingFitter (inside td_cox) uses start < t <= stop, as R does.
    # statsmodels keeps a record at risk at its entry time; on the tiny cohort (id 5 enters
    # state 1 at 4, a death time) that changes the estimate, and moving the entries 1e-9
    # later reproduces ours.
    ours = td_cox(tiny_split())
    closed = _phreg(tiny_split(), "efron", open_entry=False).fit()
    opened = _phreg(tiny_split(), "efron").fit()
    assert ours.coef == pytest.approx(float(opened.params[0]), rel=1e-6)
    assert abs(ours.coef - float(closed.params[0])) > 0.1


def test_mantel_byar_is_the_cox_score_test_without_ties() -> None:
    # statsmodels PHReg (Breslow) at beta = 0: score U = sum(d1 - d n1/n) = O1 - E1 and
    # information I = sum d (n1/n)(n0/n). The Mantel-Byar variance has the hypergeometric
    # factor (n - d)/(n - 1), which is 1 when d = 1: without tied death times U^2 / I is the
    # Mantel-Byar chi-square. Continuous random times: no ties of any kind.
    for seed in (1, 2, 3):
        t, e, x = _random_cohort(seed, 150)
        sp = split_at_transplant(t, e, x)
        assert not sp.loc[sp["event"], "stop"].duplicated().any()
        model = _phreg(sp, "breslow", open_entry=False)
        u = float(model.score(np.zeros(1))[0])
        info = -float(model.hessian(np.zeros(1))[0, 0])
        mb = mantel_byar(sp)
        assert u == pytest.approx(mb.observed[1] - mb.expected[1], rel=1e-10)
        assert info == pytest.approx(mb.variance, rel=1e-10)
        assert mb.chi2 == pytest.approx(u**2 / info, rel=1e-10)


@pytest.mark.parametrize("tx_time", [0.0, 1e-6])
def test_mantel_byar_reduces_to_the_logrank_when_the_state_is_fixed_from_the_start(
    tx_time: float,
) -> None:
    # everybody transplanted is transplanted at 0 (or at 0+, before any death): the risk sets
    # are those of two fixed groups, and the test is the ordinary log-rank (lifelines
    # logrank_test; rrall.survival.logrank). Day-rounded data: ties between deaths.
    t, e, x = _random_cohort(4, 300, days=True)
    grp = ~np.isnan(x)
    mb = mantel_byar(split_at_transplant(t, e, np.where(grp, tx_time, NAN)))
    ll = logrank_test(t[grp], t[~grp], e[grp], e[~grp])
    assert mb.chi2 == pytest.approx(float(ll.test_statistic), rel=1e-10)
    assert mb.p == pytest.approx(float(ll.p_value), rel=1e-8)
    ours = logrank(pd.Series(t), pd.Series(e), pd.Series(grp))
    assert mb.chi2 == pytest.approx(ours.chi2, rel=1e-12)
    assert mb.observed == (int(e[~grp].sum()), int(e[grp].sum()))


def test_mantel_byar_on_day_rounded_data_counts_every_death() -> None:
    t, e, x = _random_cohort(5, 500, days=True)
    mb = mantel_byar(split_at_transplant(t, e, x))
    assert sum(mb.observed) == int(e.sum())
    assert sum(mb.expected) == pytest.approx(int(e.sum()), rel=1e-12)
    assert (mb.table["d0"] + mb.table["d1"] > 1).any()  # tied deaths were there
    assert mb.reason is None and 0 < mb.p < 1


# ---------------------------------------------------------------------------------------------
# time-dependent Cox
def test_td_cox_matches_statsmodels_on_the_tiny_cohort() -> None:
    # Efron ties in both (the two deaths at t = 4); statsmodels' entries opened (see _phreg)
    ours = td_cox(tiny_split())
    ref = _phreg(tiny_split(), "efron").fit()
    coef, se = float(ref.params[0]), float(ref.bse[0])
    assert ours.coef == pytest.approx(coef, rel=1e-6)
    assert ours.se == pytest.approx(se, rel=1e-5)
    lo, hi = np.exp(ref.conf_int()[0])
    assert (ours.ci_low, ours.ci_high) == (pytest.approx(lo, rel=1e-5), pytest.approx(hi, rel=1e-5))
    assert ours.p == pytest.approx(float(ref.pvalues[0]), rel=1e-5)
    assert ours.hr == pytest.approx(math.exp(coef), rel=1e-6)
    assert (ours.n_events, ours.n_subjects, ours.n_records, ours.reason) == (4, 7, 10, None)


@pytest.mark.parametrize("days", [False, True])
def test_td_cox_matches_statsmodels_on_random_cohorts(days: bool) -> None:
    for seed in (10, 11):
        t, e, x = _random_cohort(seed, 400, days=days)
        sp = split_at_transplant(t, e, x)
        ours = td_cox(sp)
        ref = _phreg(sp, "efron").fit()
        assert ours.coef == pytest.approx(float(ref.params[0]), rel=1e-6, abs=1e-9)
        assert ours.se == pytest.approx(float(ref.bse[0]), rel=1e-5)
        lo, hi = np.exp(ref.conf_int()[0])
        assert ours.ci_low == pytest.approx(lo, rel=1e-5)
        assert ours.ci_high == pytest.approx(hi, rel=1e-5)
        assert ours.n_events == int(e.sum()) and ours.n_subjects == t.size


def test_td_cox_when_every_transplanted_patient_died() -> None:
    # no censored record in state 1: lifelines warns that "state" has low variance among the
    # censored records (a remark about the data, not the fit); td_cox fits without warnings
    t = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    e = [1, 1, 0, 1, 0, 1]
    x = [NAN, 0.5, NAN, 2.0, NAN, NAN]
    sp = split_at_transplant(t, e, x)
    ours = td_cox(sp)
    assert ours.reason is None
    assert ours.coef == pytest.approx(float(_phreg(sp, "efron").fit().params[0]), rel=1e-6)


def test_td_cox_when_the_full_newton_step_overshoots() -> None:
    # found by the any-cohort property test: 17 patients, 3 deaths, four ever transplanted.
    # The log partial likelihood has a finite maximum (a state-1 death with state 0 at risk,
    # a state-0 death with state 1 at risk), but it is flat enough that lifelines' default
    # Newton step from 0 overshoots until exp overflows; td_cox then takes a shorter step.
    # (days; tx NaN = not transplanted)
    t = [352, 91, 1323, 2120, 1681, 20, 20, 20, 1988, 191, 559, 20, 20, 1332, 20, 2991, 20]
    e = [0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0]
    x = [NAN, 23, NAN, 2118, NAN, NAN, NAN, 10, NAN, NAN, NAN, NAN, NAN, NAN, NAN, 905, NAN]
    sp = split_at_transplant(np.array(t, float), np.array(e, bool), np.array(x, float))
    from lifelines import CoxTimeVaryingFitter

    df = sp.assign(event=sp["event"].astype(int), state=sp["state"].astype(float))
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):  # the default step
        CoxTimeVaryingFitter().fit(
            df, id_col="id", event_col="event", start_col="start", stop_col="stop"
        )
    ours = td_cox(sp)
    assert ours.reason is None and ours.n_events == 3
    # statsmodels (its own Newton from another start) and the maximum of the log partial
    # likelihood written out here (no tied deaths: Breslow = Efron), found by scipy
    ref = _phreg(sp, "efron").fit(start_params=[1.0])
    assert ours.coef == pytest.approx(float(ref.params[0]), rel=1e-6)
    assert ours.se == pytest.approx(float(ref.bse[0]), rel=1e-5)
    from scipy.optimize import minimize_scalar

    start, stop = sp["start"].to_numpy(float), sp["stop"].to_numpy(float)
    state, died = sp["state"].to_numpy(float), sp["event"].to_numpy(bool)

    def loglik(beta: float) -> float:
        at_risk = [(start < stop[i]) & (stop >= stop[i]) for i in np.flatnonzero(died)]
        return sum(
            beta * state[i] - math.log(np.exp(beta * state[r]).sum())
            for i, r in zip(np.flatnonzero(died), at_risk, strict=True)
        )

    best = minimize_scalar(lambda b: -loglik(b), bounds=(-10, 20), method="bounded")
    assert ours.coef == pytest.approx(best.x, abs=1e-4)


def test_td_cox_reports_a_convergence_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    # lifelines signals trouble with a ConvergenceWarning; td_cox turns it into NaN estimates
    # with reason "fit_failed" (and no warning escapes: pytest treats warnings as errors)
    from lifelines import CoxTimeVaryingFitter
    from lifelines.exceptions import ConvergenceWarning

    def failing_fit(self, *args, **kwargs):
        warnings.warn("Newton-Raphson failed to converge", ConvergenceWarning, stacklevel=2)
        return self

    monkeypatch.setattr(CoxTimeVaryingFitter, "fit", failing_fit)
    cox = td_cox(tiny_split())
    assert cox.reason == "fit_failed" and math.isnan(cox.hr)
    assert cox.n_events == 4


# ---------------------------------------------------------------------------------------------
# landmark
def test_landmark_by_hand() -> None:
    # landmark at 2 on the tiny cohort. Kept (time > 2): ids 1, 2, 3, 4, 5.
    # Excluded: id 0 died at 2 (died at/before), id 6 censored at 2 (censored at/before).
    # Groups (tx <= 2): id 1 (tx 1) and id 2 (tx 2, on the landmark) -> hsct;
    # ids 3, 4 and id 5 (transplanted later, at 4) -> no_hsct.
    # Times from the landmark: id 1 3 (cens), id 2 2 (died), id 3 2 (died), id 4 3 (cens),
    # id 5 4 (died).  Log-rank: t=2: n_h=2, n_n=3, d=2 (one each): E_h = 4/5,
    # V = 2 (2/5)(3/5)(3/4) = 9/25; t=4: only id 5 at risk, E_h = 0, V = 0.
    # O_h - E_h = 1 - 4/5 = 1/5; chi2 = (1/25) / (9/25) = 1/9.
    lm = landmark(TIME, EVENT, TX, at=2)
    assert (lm.n_hsct, lm.n_no_hsct) == (2, 3)
    assert (lm.events_hsct, lm.events_no_hsct) == (1, 2)
    assert (lm.excluded_died, lm.excluded_censored, lm.n_tx_later) == (1, 1, 1)
    assert lm.chi2 == pytest.approx(1 / 9, rel=1e-12)
    assert lm.reason is None
    # KM after the landmark: hsct S = 1/2 from 2 on; no_hsct S = 2/3 from 2, 0 at 4
    s = lm.survival.set_index(["group", "years"])["survival"]
    assert s[("hsct", 2.0)] == pytest.approx(1 / 2)
    assert s[("no_hsct", 2.0)] == pytest.approx(2 / 3)
    assert s[("no_hsct", 3.0)] == pytest.approx(2 / 3)
    assert lm.analysis.groups == ("hsct", "no_hsct")


def test_landmark_tie_rules() -> None:
    # at = 1: a death at exactly 1 and a censoring at exactly 1 are excluded; a transplant at
    # exactly 1 counts as transplanted by the landmark; one at 1.5 does not
    t = [1.0, 1.0, 3.0, 3.0, 2.0]
    e = [1, 0, 1, 0, 1]
    x = [NAN, NAN, 1.0, 1.5, NAN]
    lm = landmark(t, e, x, at=1.0)
    assert (lm.excluded_died, lm.excluded_censored) == (1, 1)
    assert (lm.n_hsct, lm.n_no_hsct, lm.n_tx_later) == (1, 2, 1)


def test_landmark_matches_lifelines_and_survival_on_the_subset() -> None:
    t, e, x = _random_cohort(21, 400, days=True)
    at = 0.5
    lm = landmark(t, e, x, at=at, horizons=(0.5, 1.0, 2.0))
    keep = t > at
    grp = keep & (x <= at)  # NaN <= at is False
    rest = keep & ~grp
    ll = logrank_test(t[grp] - at, t[rest] - at, e[grp], e[rest])
    assert lm.chi2 == pytest.approx(float(ll.test_statistic), rel=1e-10)
    assert lm.p == pytest.approx(float(ll.p_value), rel=1e-8)
    assert (lm.n_hsct, lm.n_no_hsct) == (int(grp.sum()), int(rest.sum()))
    assert lm.excluded_died + lm.excluded_censored == int((~keep).sum())
    want = survival_at(pd.Series(t[grp] - at), pd.Series(e[grp]), (0.5, 1.0, 2.0))
    got = lm.survival[lm.survival["group"] == "hsct"].drop(columns="group")
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want)
    # the Cox model on the landmark set: an ordinary Cox model (statsmodels, Efron)
    ref = PHReg(t[keep] - at, grp[keep].astype(float)[:, None], status=e[keep].astype(int),
                ties="efron").fit()  # fmt: skip
    assert lm.cox.coef == pytest.approx(float(ref.params[0]), rel=1e-6)
    assert lm.cox.se == pytest.approx(float(ref.bse[0]), rel=1e-5)


def test_landmark_covering() -> None:
    # 10 transplants at 0.1 .. 1.0: 90% have happened by 0.9 -> the next half-year is 1.0;
    # 50% by 0.5 -> 0.5 (already a multiple of the step)
    tx = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, NAN])
    assert landmark_covering(tx) == 1.0
    assert landmark_covering(tx, share=0.5) == 0.5
    assert landmark_covering(tx, share=0.5, step=0.25) == 0.5
    assert landmark_covering(tx, share=0.3, step=0.25) == 0.5  # 0.3 -> 0.5
    assert math.isnan(landmark_covering([NAN, NAN]))


# ---------------------------------------------------------------------------------------------
# Simon-Makuch
def test_simon_makuch_by_hand() -> None:
    # State 0 (steps at deaths and censorings, not at the transplants at 1, 2, 4):
    #   t=2: n0 = 6, d0 = 1 (id 0; id 6 censored at 2 is at risk) -> S0 = 5/6, V = 1/30
    #   t=4: n0 = 3, d0 = 1 (id 3)                                  -> 5/6 * 2/3 = 5/9,
    #        V = 1/30 + 1/6 = 1/5
    #   t=5: n0 = 1, censored (id 4)                                -> 5/9
    # State 1:
    #   t=4: n1 = 2 (ids 1, 2; id 5 enters at 4), d1 = 1 (id 2)    -> S1 = 1/2, V = 1/2
    #   t=5: n1 = 2 (ids 1, 5), censored (id 1)                     -> 1/2
    #   t=6: n1 = 1 (id 5), d1 = 1                                  -> 0 (CI undefined)
    sm = simon_makuch(tiny_split(), ticks=range(7))
    c = sm.curves
    s0 = c[c["state"] == 0]
    assert s0["time"].tolist() == [0.0, 2.0, 4.0, 5.0]
    assert s0["at_risk"].tolist() == [7, 6, 3, 1]
    assert s0["events"].tolist() == [0, 1, 1, 0]
    np.testing.assert_allclose(s0["survival"], [1, 5 / 6, 5 / 9, 5 / 9], rtol=1e-14)
    s1 = c[c["state"] == 1]
    assert s1["time"].tolist() == [0.0, 4.0, 5.0, 6.0]
    assert s1["at_risk"].tolist() == [0, 2, 2, 1]
    np.testing.assert_allclose(s1["survival"], [1, 1 / 2, 1 / 2, 0], rtol=1e-14)
    # Greenwood log-log CI, as in survival.km_curve: S^exp(-/+ z sqrt(V) / log S)
    z = 1.959963984540054
    for (state, t), (surv, var) in {(0, 2.0): (5 / 6, 1 / 30), (0, 4.0): (5 / 9, 1 / 5),
                                    (1, 4.0): (1 / 2, 1 / 2)}.items():  # fmt: skip
        row = c[(c["state"] == state) & (c["time"] == t)].iloc[0]
        w = z * math.sqrt(var) / math.log(surv)
        assert row["ci_low"] == pytest.approx(surv ** math.exp(-w), rel=1e-10)
        assert row["ci_high"] == pytest.approx(surv ** math.exp(w), rel=1e-10)
    assert math.isnan(s1["ci_low"].iloc[-1])
    # censor marks: id 6 at 2 and id 4 at 5 in state 0, id 1 at 5 in state 1 (the ends of
    # pre-transplant records at 1, 2 and 4 are transitions, not censorings)
    marks = sm.censor_marks
    assert marks[["state", "time"]].values.tolist() == [[0, 2.0], [0, 5.0], [1, 5.0]]
    np.testing.assert_allclose(marks["survival"], [5 / 6, 5 / 9, 1 / 2], rtol=1e-14)


def test_simon_makuch_at_risk_table() -> None:
    # at a tick t > 0: records of the state with start < t <= stop; at 0: those starting there
    #   tick  state 0                        state 1
    #   0     all 7 start in state 0         0
    #   1     all 7 ((0,1] of id 1 counts)   0  (id 1's (1,5] enters at 1)
    #   2     ids 0, 2, 3, 4, 5, 6 = 6       id 1 = 1
    #   3     ids 3, 4, 5 = 3                ids 1, 2 = 2
    #   4     ids 3, 4, 5 = 3                ids 1, 2 = 2
    #   5     id 4 = 1                       ids 1, 5 = 2
    #   6     0                              id 5 = 1
    sm = simon_makuch(tiny_split(), ticks=range(7))
    table = sm.risk.pivot(index="time", columns="state", values="at_risk")
    assert table[0].tolist() == [7, 7, 6, 3, 3, 1, 0]
    assert table[1].tolist() == [0, 0, 1, 2, 2, 2, 1]
    assert sm.ticks == tuple(float(k) for k in range(7))
    # default ticks: whole years covering follow-up
    assert simon_makuch(tiny_split()).ticks == tuple(float(k) for k in range(7))


def test_simon_makuch_is_kaplan_meier_when_nobody_changes_state() -> None:
    t, e, x = _random_cohort(31, 300, days=True)
    grp = ~np.isnan(x)
    sm = simon_makuch(split_at_transplant(t, e, np.where(grp, 0.0, NAN)))
    for state, mask in ((0, ~grp), (1, grp)):
        km = km_curve(pd.Series(t[mask]), pd.Series(e[mask]))
        got = sm.curves[sm.curves["state"] == state].reset_index(drop=True)
        np.testing.assert_array_equal(got["time"], km["time"])
        np.testing.assert_allclose(got["survival"], km["survival"], rtol=1e-13, atol=1e-15)
        np.testing.assert_allclose(got["ci_low"], km["ci_low"], rtol=1e-12)
        np.testing.assert_allclose(got["ci_high"], km["ci_high"], rtol=1e-12)


# ---------------------------------------------------------------------------------------------
# degenerate cohorts: everything returns, NaN + reason where nothing can be estimated
DEGENERATE = {
    # name: (time, event, tx, reason)
    "empty": ([], [], [], "no_records"),
    "one patient": ([2.0], [1], [NAN], "no_transplants"),
    "one transplanted patient": ([2.0], [1], [1.0], "no_comparison"),
    "no transplants": ([1.0, 2.0, 3.0], [1, 0, 1], [NAN] * 3, "no_transplants"),
    "all transplanted at 0": ([1.0, 2.0, 3.0], [1, 0, 1], [0.0] * 3, "all_transplanted"),
    # at 0+: a moment in state 0 first, but nobody is in state 0 at any death
    "all transplanted at 0+": ([1.0, 2.0, 3.0], [1, 0, 1], [1e-6] * 3, "no_comparison"),
    "no events": ([1.0, 2.0, 3.0], [0, 0, 0], [0.5, NAN, 1.0], "no_events"),
    # the only death happens after everybody else has left: V = 0
    "no comparison": ([1.0, 2.0, 5.0], [0, 0, 1], [NAN, 0.5, 3.0], "no_comparison"),
    "zero follow-up only": ([0.0, 0.0], [1, 0], [NAN, NAN], "no_records"),
}


@pytest.mark.parametrize("case", list(DEGENERATE), ids=list(DEGENERATE))
def test_degenerate_cohorts(case: str) -> None:
    time, event, tx, reason = DEGENERATE[case]
    assert reason in REASONS
    sp = split_at_transplant(time, event, tx)
    mb = mantel_byar(sp)
    assert mb.reason == reason
    assert math.isnan(mb.chi2) and math.isnan(mb.p) and mb.df == 1
    cox = td_cox(sp)
    assert cox.reason == reason
    for v in (cox.hr, cox.ci_low, cox.ci_high, cox.p, cox.coef, cox.se):
        assert math.isnan(v)
    assert cox.n_events == int(sp["event"].sum())
    sm = simon_makuch(sp)
    assert list(sm.curves.columns) == [
        "state", "time", "at_risk", "events", "survival", "ci_low", "ci_high"
    ]  # fmt: skip
    assert set(sm.risk["state"]) == {0, 1}
    lm = landmark(time, event, tx, at=0.75)
    assert lm.reason in REASONS
    assert math.isnan(lm.chi2) and math.isnan(lm.p)
    assert lm.n_hsct + lm.n_no_hsct + lm.excluded_died + lm.excluded_censored == len(time)


def test_monotone_likelihood_is_reported_not_fitted() -> None:
    # the only death (t = 2, both states at risk: n0 = 2, n1 = 1) is in state 0 and nobody dies
    # in state 1: the partial likelihood keeps rising as beta -> -inf (HR -> 0), there is no
    # finite estimate (lifelines would warn and return a huge negative coefficient)
    t = [2.0, 3.0, 4.0]
    e = [1, 0, 0]
    x = [NAN, 1.0, NAN]
    sp = split_at_transplant(t, e, x)
    cox = td_cox(sp)
    assert cox.reason == "monotone" and math.isnan(cox.hr)
    mb = mantel_byar(sp)  # the score test is still defined: O1 = 0 < E1
    assert mb.reason is None and mb.observed == (1, 0) and mb.chi2 > 0


def test_large_cohort_runs() -> None:
    # vectorised risk sets (td_cox, whose lifelines fitter grows with records x death times,
    # is left out)
    t, e, x = _random_cohort(41, 20_000, days=True)
    sp = split_at_transplant(t, e, x)
    mb = mantel_byar(sp)
    assert sum(mb.observed) == int(e.sum())
    sm = simon_makuch(sp)
    assert sm.curves["survival"].between(0, 1).all()
    lm = landmark(t, e, x, at=0.5)
    assert lm.n_hsct + lm.n_no_hsct == int((t > 0.5).sum())


# ---------------------------------------------------------------------------------------------
# the shipped cohort: the time-dependent analyses run, and agree with statsmodels
@pytest.fixture(scope="module")
def cohort() -> rrall.Cohort:
    return rrall.load_cohort()


def test_real_cohort(cohort: rrall.Cohort) -> None:
    a = cohort.analysed
    t, e, x = a["os_years"], a["os_event"], a["hsct_years"]
    sp = split_at_transplant(t, e, x, ids=a["patient_id"])
    assert sp["id"].nunique() == len(a)
    assert int((sp["state"] == 1).groupby(sp["id"]).any().sum()) == int(a["hsct_done"].sum())
    mb = mantel_byar(sp)
    assert mb.reason is None and sum(mb.observed) == int(e.sum())
    cox = td_cox(sp)
    ref = _phreg(sp, "efron").fit()
    assert cox.coef == pytest.approx(float(ref.params[0]), rel=1e-6)
    assert cox.se == pytest.approx(float(ref.bse[0]), rel=1e-5)
    for at in (0.5, 1.0):
        lm = landmark(t, e, x, at=at)
        assert lm.n_hsct + lm.n_no_hsct + lm.excluded_died + lm.excluded_censored == len(a)


# ---------------------------------------------------------------------------------------------
# module hygiene
def test_module_is_pure_compute() -> None:
    src = Path(timedep.__file__).read_text(encoding="utf-8")
    tree = ast.parse(src)
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {n.name for n in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
            imported |= {n.name for n in node.names}
    assert "Cohort" not in imported and "rrall.cohort" not in imported
    assert not any(m.startswith(("matplotlib", "seaborn", "rrall.labels")) for m in imported)
    assert src.isascii()  # English only
    for name in timedep.__all__:
        assert getattr(timedep, name).__doc__, name

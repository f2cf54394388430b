"""rrall.survival: Kaplan-Meier, Greenwood log-log CIs, risk tables and log-rank.

Hand-worked examples first, then cross-checks against independent implementations (lifelines
``KaplanMeierFitter`` / ``logrank_test`` and statsmodels ``SurvfuncRight`` / ``survdiff``) on
random data and on the real cohort, then the cohorts a study team might drop in (empty groups,
no events, one patient).
"""

from __future__ import annotations

import ast
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test
from lifelines.utils import median_survival_times
from scipy.stats import chi2, norm
from statsmodels.duration.survfunc import SurvfuncRight, survdiff

import rrall
from rrall.fmt import fmt_num, fmt_p
from rrall.survival import (
    analyse,
    follow_up_ticks,
    km_curve,
    logrank,
    median_followup,
    median_survival,
    os_after_hsct_cr,
    os_all,
    os_by_hsct,
    risk_table,
    survival_at,
)

Z = norm.ppf(0.975)  # 1.959963984540054

# Example 1: times 1, 2, 2, 3, 4, 5 with events 1, 1, 0, 1, 0, 1.
#   t  n_at_risk  d  factor   S(t)                    sum d/(n(n-d))
#   1  6          1  5/6      5/6 = 0.8333            1/30
#   2  5          1  4/5      2/3 = 0.6667            1/30 + 1/20    (the censored 2 is at risk)
#   3  3          1  2/3      4/9 = 0.4444            1/30 + 1/20 + 1/6
#   4  (censored)              4/9
#   5  1          1  0        0                       (Greenwood undefined: n = d)
T1 = [1, 2, 2, 3, 4, 5]
E1 = [1, 1, 0, 1, 0, 1]
S1 = {0: 1.0, 1: 5 / 6, 2: 2 / 3, 3: 4 / 9, 4: 4 / 9, 5: 0.0}
V1 = {1: 1 / 30, 2: 1 / 30 + 1 / 20, 3: 1 / 30 + 1 / 20 + 1 / 6, 4: 1 / 30 + 1 / 20 + 1 / 6}


def loglog_ci(s: float, var_log_s: float, z: float = Z) -> tuple[float, float]:
    """S^exp(±z*sqrt(var)/log S): the log(-log) CI. log S < 0, so + gives the lower limit."""
    w = z * math.sqrt(var_log_s) / math.log(s)
    return s ** math.exp(-w), s ** math.exp(w)


def s(values: Sequence[float]) -> pd.Series:
    return pd.Series(values, dtype=float)


# ---------------------------------------------------------------------------------------------
# Kaplan-Meier by hand
def test_km_steps_by_hand() -> None:
    c = km_curve(s(T1), s(E1))
    assert c["time"].tolist() == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    for t, want in S1.items():
        got = float(c.loc[c["time"] == t, "survival"].iloc[0])
        assert got == pytest.approx(want, abs=1e-12), t


def test_km_greenwood_loglog_ci_by_hand() -> None:
    c = km_curve(s(T1), s(E1)).set_index("time")
    for t, v in V1.items():
        lo, hi = loglog_ci(S1[t], v)
        assert c.at[float(t), "ci_low"] == pytest.approx(lo, abs=1e-9), t
        assert c.at[float(t), "ci_high"] == pytest.approx(hi, abs=1e-9), t
        assert lo < S1[t] < hi
    # worked number for t=1: S=5/6, log S=-0.18232, sqrt(1/30)=0.18257,
    # w=1.95996*0.18257/-0.18232=-1.96268, lower = (5/6)^exp(1.96268) = (5/6)^7.1170 = 0.2731
    assert c.at[1.0, "ci_low"] == pytest.approx(0.27312, abs=5e-5)
    assert c.at[1.0, "ci_high"] == pytest.approx(0.97471, abs=5e-5)
    # the CI starts at (1, 1) at time 0 and is undefined once S = 0
    assert (c.at[0.0, "ci_low"], c.at[0.0, "ci_high"]) == (1.0, 1.0)
    assert math.isnan(c.at[5.0, "ci_low"]) and math.isnan(c.at[5.0, "ci_high"])


def test_km_tie_event_and_censoring_same_time() -> None:
    # times 2, 2, 3, 4; events 1, 0, 1, 0.  At t=2 the censored subject is still at risk:
    # n=4, d=1 -> S(2) = 3/4 (it would be 2/3 if the censoring came first).
    # t=3: n=2 (3 and 4), d=1 -> S(3) = 3/4 * 1/2 = 3/8. t=4 censored -> 3/8.
    c = km_curve(s([2, 2, 3, 4]), s([1, 0, 1, 0])).set_index("time")
    assert c.at[2.0, "survival"] == pytest.approx(3 / 4)
    assert c.at[3.0, "survival"] == pytest.approx(3 / 8)
    assert c.at[4.0, "survival"] == pytest.approx(3 / 8)
    # Greenwood: 1/(4*3) + 1/(2*1) = 1/12 + 1/2
    lo, hi = loglog_ci(3 / 8, 1 / 12 + 1 / 2)
    assert c.at[3.0, "ci_low"] == pytest.approx(lo, abs=1e-9)
    assert c.at[3.0, "ci_high"] == pytest.approx(hi, abs=1e-9)


def test_km_two_events_at_one_time() -> None:
    # times 1, 1, 2, 3; events 1, 1, 1, 0 -> t=1: n=4, d=2, S=1/2, var=2/(4*2)=1/4
    # t=2: n=2, d=1, S=1/4, var=1/4+1/(2*1)=3/4
    c = km_curve(s([1, 1, 2, 3]), s([1, 1, 1, 0])).set_index("time")
    assert c.at[1.0, "survival"] == pytest.approx(0.5)
    assert c.at[2.0, "survival"] == pytest.approx(0.25)
    lo, hi = loglog_ci(0.25, 0.75)
    assert c.at[2.0, "ci_low"] == pytest.approx(lo, abs=1e-9)
    assert c.at[2.0, "ci_high"] == pytest.approx(hi, abs=1e-9)


def test_km_no_events() -> None:
    c = km_curve(s([1, 2, 3]), s([0, 0, 0]))
    assert (c["survival"] == 1.0).all()
    for col in ("ci_low", "ci_high"):
        assert all(math.isnan(v) or v == 1.0 for v in c[col]), col
    lm = survival_at(s([1, 2, 3]), s([0, 0, 0]), [0.5, 3, 4])
    assert lm["survival"].tolist()[:2] == [1.0, 1.0]
    assert math.isnan(lm["survival"].iloc[2])  # beyond the last follow-up
    assert math.isnan(median_survival(s([1, 2, 3]), s([0, 0, 0]))["median"])


# ---------------------------------------------------------------------------------------------
# survival_at, median, risk table
def test_survival_at_is_right_continuous_and_counts_at_risk() -> None:
    lm = survival_at(s(T1), s(E1), [0, 0.5, 1, 2, 2.5, 3, 5, 6]).set_index("years")
    # at an event time the step has already happened: S(1) = 5/6, S(2) = 2/3, S(3) = 4/9
    assert lm.at[0.0, "survival"] == 1.0
    assert lm.at[0.5, "survival"] == 1.0
    assert lm.at[1.0, "survival"] == pytest.approx(5 / 6)
    assert lm.at[2.0, "survival"] == pytest.approx(2 / 3)
    assert lm.at[2.5, "survival"] == pytest.approx(2 / 3)
    assert lm.at[3.0, "survival"] == pytest.approx(4 / 9)
    # the CI is the one of the step in force
    lo, hi = loglog_ci(2 / 3, V1[2])
    assert lm.at[2.5, "ci_low"] == pytest.approx(lo, abs=1e-9)
    assert lm.at[2.5, "ci_high"] == pytest.approx(hi, abs=1e-9)
    # S reached 0 at t=5, so it stays 0 beyond the last follow-up
    assert lm.at[5.0, "survival"] == 0.0
    assert lm.at[6.0, "survival"] == 0.0
    # at risk = follow-up >= t: t=0.5 -> 6; t=2 -> 5 (2, 2, 3, 4, 5); t=2.5 -> 3; t=5 -> 1; t=6 -> 0
    assert lm["at_risk"].tolist() == [6, 6, 6, 5, 3, 3, 1, 0]


def test_survival_at_beyond_last_censored_follow_up_is_nan() -> None:
    # same data, last subject censored at 5: S(5) = 4/9 is defined (last observation), S(6) is not
    lm = survival_at(s(T1), s([1, 1, 0, 1, 0, 0]), [5, 5.0001, 6]).set_index("years")
    assert lm.at[5.0, "survival"] == pytest.approx(4 / 9)
    for y in (5.0001, 6.0):
        assert math.isnan(lm.at[y, "survival"])
        assert math.isnan(lm.at[y, "ci_low"]) and math.isnan(lm.at[y, "ci_high"])


def test_median_survival() -> None:
    # Example 1: S = 5/6, 2/3, 4/9 -> first time S <= 0.5 is t=3.
    # CI limits: first time the lower/upper limit is <= 0.5. Lower limit at t=1 is 0.273 -> 1.
    # Upper limit: 0.975, 0.904, 0.785, 0.785, then undefined (S=0) -> never -> NaN.
    m = median_survival(s(T1), s(E1))
    assert m["median"] == 3.0
    assert m["ci_low"] == 1.0
    assert math.isnan(m["ci_high"])


def test_median_not_reached() -> None:
    # one death of four, the rest censored: S = 3/4, never <= 0.5 -> not reached
    m = median_survival(s([1, 2, 3, 4]), s([1, 0, 0, 0]))
    assert math.isnan(m["median"])
    assert math.isnan(m["ci_high"])


def test_median_exact_half_plateau_follows_r_and_sas() -> None:
    # six deaths at 1..6: S = 5/6, 4/6, 3/6, ... -> exactly 1/2 on [3, 4) -> median 3.5
    assert median_survival(s([1, 2, 3, 4, 5, 6]), s([1] * 6))["median"] == 3.5
    # times 1, 2, 3, 4; events 1, 1, 0, 1: S(1) = 3/4, S(2) = 3/4 * 2/3 = 1/2,
    # 3 censored, S(4) = 0.  S = 1/2 on [2, 4) -> median (2 + 4) / 2 = 3.
    assert median_survival(s([1, 2, 3, 4]), s([1, 1, 0, 1]))["median"] == 3.0
    # times 1, 2, 3, 4; events 1, 1, 0, 0: S = 1/2 from 2 to the end of follow-up:
    # half the group is still alive, the median is not reached (R: NA; statsmodels: NaN).
    assert math.isnan(median_survival(s([1, 2, 3, 4]), s([1, 1, 0, 0]))["median"])


# ---------------------------------------------------------------------------------------------
# log-rank by hand
def test_logrank_by_hand() -> None:
    # A: times 1, 2, 4 with events 1, 1, 0;  B: times 2, 3, 5, 6 with events 1, 0, 1, 1.
    #  t  nA nB  N  dA d  E_A = d*nA/N   V = d*(nA/N)*(nB/N)*(N-d)/(N-1)
    #  1  3  4   7  1  1  3/7            1*(3/7)*(4/7)*(6/6) = 12/49
    #  2  2  4   6  1  2  2*2/6 = 2/3    2*(2/6)*(4/6)*(4/5) = 16/45
    #  5  0  2   2  0  1  0              0
    #  6  0  1   1  0  1  0              0
    # O_A = 2, E_A = 3/7 + 2/3 = 23/21, O - E = 19/21, V = 12/49 + 16/45 = 1324/2205
    o_minus_e = 2 - (3 / 7 + 2 / 3)
    v = 12 / 49 + 16 / 45
    want_chi2 = o_minus_e**2 / v  # = (19/21)^2 / (1324/2205) = 1.36329...
    assert want_chi2 == pytest.approx(1.36329, abs=1e-5)
    time = s([1, 2, 4, 2, 3, 5, 6])
    event = s([1, 1, 0, 1, 0, 1, 1])
    group = pd.Series(["A", "A", "A", "B", "B", "B", "B"])
    lr = logrank(time, event, group)
    assert lr.df == 1
    assert lr.chi2 == pytest.approx(want_chi2, rel=1e-10)
    assert lr.p == pytest.approx(chi2.sf(want_chi2, 1), rel=1e-10)
    # the test does not depend on which group is named first
    lr2 = logrank(time, event, group.map({"A": "B", "B": "A"}))
    assert lr2.chi2 == pytest.approx(lr.chi2, rel=1e-12)


def test_logrank_needs_two_groups() -> None:
    with pytest.raises(ValueError, match="two groups"):
        logrank(s([1, 2, 3]), s([1, 1, 1]), pd.Series(["a", "b", "c"]))


# ---------------------------------------------------------------------------------------------
# the real cohort against statsmodels
@pytest.fixture(scope="module")
def cohort() -> rrall.Cohort:
    return rrall.load_cohort()


def _frames(cohort: rrall.Cohort):
    ana = cohort.analysed
    hs = ana.assign(g=np.where(ana["hsct_done"], "hsct", "no_hsct"))
    after = ana[ana["hsct_in_cr"]]
    return [
        (os_all(cohort), {"all": ana}, "os_years"),
        (os_by_hsct(cohort), {g: hs[hs["g"] == g] for g in ("hsct", "no_hsct")}, "os_years"),
        (os_after_hsct_cr(cohort), {"cr_hsct": after}, "after_hsct_years"),
    ]


def test_real_cohort_km_and_ci_match_statsmodels(cohort: rrall.Cohort) -> None:
    checked = 0
    for analysis, groups, tcol in _frames(cohort):
        for g, sub in groups.items():
            sub = sub.dropna(subset=[tcol])
            assert analysis.sizes[g] == len(sub)
            if sub.empty:
                continue
            t = sub[tcol].to_numpy(dtype=float)
            e = sub["os_event"].to_numpy(dtype=int)
            sm = SurvfuncRight(t, e)
            curve = analysis.curves[analysis.curves["group"] == g].reset_index(drop=True)
            times = curve["time"].to_numpy()
            for tt, sp, se in zip(sm.surv_times, sm.surv_prob, sm.surv_prob_se, strict=True):
                i = int(np.searchsorted(times, tt, side="right") - 1)
                assert times[i] == pytest.approx(tt, abs=1e-12)
                ours = float(curve.at[i, "survival"])
                assert ours == pytest.approx(sp, abs=1e-10)
                assert fmt_num(100 * ours) == fmt_num(100 * sp)
                if sp <= 0 or not np.isfinite(se):
                    assert math.isnan(curve.at[i, "ci_low"]) or sp > 0
                    continue
                # statsmodels gives Greenwood's SE of S; on the log-log scale:
                # var(log S) = (se/S)^2, CI = S^exp(±z*sqrt(var)/log S)
                lo, hi = loglog_ci(sp, (se / sp) ** 2)
                assert curve.at[i, "ci_low"] == pytest.approx(lo, abs=1e-8)
                assert curve.at[i, "ci_high"] == pytest.approx(hi, abs=1e-8)
                assert fmt_num(100 * curve.at[i, "ci_low"]) == fmt_num(100 * lo)
                assert fmt_num(100 * curve.at[i, "ci_high"]) == fmt_num(100 * hi)
                checked += 1
            # landmarks: statsmodels' step function at each landmark inside the follow-up
            lm = analysis.landmarks[analysis.landmarks["group"] == g]
            for r in lm.itertuples(index=False):
                if r.years > t.max():
                    continue
                k = int(np.searchsorted(sm.surv_times, r.years, side="right") - 1)
                want = 1.0 if k < 0 else float(sm.surv_prob[k])
                assert r.survival == pytest.approx(want, abs=1e-10)
                assert fmt_num(100 * r.survival) == fmt_num(100 * want)
                assert r.at_risk == int((t >= r.years).sum())
            # the medians: the first time S <= 0.5. statsmodels' quantile(0.5) (S < 0.5, as
            # SAS) agrees unless S is exactly 0.5 somewhere; that case is a known convention
            # problem (test_median_exact_half_plateau_follows_r_and_sas) and is not compared.
            m = analysis.medians[analysis.medians["group"] == g].iloc[0]
            assert m["n"] == len(sub) and m["events"] == int(e.sum())
            if not np.any(np.isclose(sm.surv_prob, 0.5, rtol=0, atol=1e-9)):
                want_q = float(sm.quantile(0.5))
                if math.isnan(want_q):
                    assert math.isnan(m["median"])
                else:
                    assert m["median"] == pytest.approx(want_q, abs=1e-12)
                    assert fmt_num(m["median"], 2) == fmt_num(want_q, 2)
    assert checked > 10


def test_real_cohort_logrank_matches_statsmodels(cohort: rrall.Cohort) -> None:
    a = os_by_hsct(cohort)
    assert a.logrank is not None
    ana = cohort.analysed
    chisq, p = survdiff(
        ana["os_years"].to_numpy(dtype=float),
        ana["os_event"].to_numpy(dtype=int),
        ana["hsct_done"].to_numpy(dtype=int),
    )
    assert a.logrank.chi2 == pytest.approx(float(chisq), rel=1e-8)
    assert a.logrank.p == pytest.approx(float(p), rel=1e-6, abs=1e-12)
    assert fmt_p(a.logrank.p) == fmt_p(float(p))
    assert fmt_num(a.logrank.chi2, 2) == fmt_num(float(chisq), 2)
    assert os_all(cohort).logrank is None
    assert os_after_hsct_cr(cohort).logrank is None


def test_real_cohort_risk_table_is_consistent(cohort: rrall.Cohort) -> None:
    for analysis, groups, tcol in _frames(cohort):
        for g, sub in groups.items():
            sub = sub.dropna(subset=[tcol])
            r = analysis.risk[analysis.risk["group"] == g]
            t = sub[tcol].to_numpy(dtype=float)
            e = sub["os_event"].to_numpy(dtype=bool)
            assert r["time"].tolist() == list(analysis.ticks)
            for row in r.itertuples(index=False):
                if row.time == 0:
                    assert (row.at_risk, row.censored, row.events) == (len(t), 0, 0)
                    continue
                assert row.at_risk == int((t >= row.time).sum())
                assert row.events == int(((t <= row.time) & e).sum())
                assert row.censored == int(((t <= row.time) & ~e).sum())
                if not np.isin(row.time, t):  # no tie with a tick: everybody is in one column
                    assert row.at_risk + row.censored + row.events == len(t)
            # cumulative counts never decrease, the number at risk never increases
            assert r["events"].is_monotonic_increasing
            assert r["censored"].is_monotonic_increasing
            assert r["at_risk"].is_monotonic_decreasing


# ---------------------------------------------------------------------------------------------
# independent implementations on random data
def _lifelines_km(t: np.ndarray, e: np.ndarray) -> KaplanMeierFitter:
    # lifelines calls np.seterr(divide="ignore", invalid="ignore") for the whole process;
    # np.errstate puts the caller's settings back afterwards
    with np.errstate():
        return KaplanMeierFitter().fit(t, e)


def _random_cohorts(seed: int, count: int):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        n = int(rng.integers(1, 300))
        # rounded times: ties between deaths, between censorings and across the two, and zeros
        t = np.round(rng.exponential(2.0, n), int(rng.integers(0, 3)))
        e = rng.random(n) < rng.random()
        g = np.where(rng.random(n) < rng.uniform(0.2, 0.8), "a", "b")
        yield t, e, g


def test_km_and_ci_match_lifelines_on_random_data() -> None:
    # lifelines 0.30.3 KaplanMeierFitter: same product-limit and log(-log) Greenwood CI (ours
    # repeats its arithmetic, so they agree to the last bit; the tolerance leaves room for a
    # different order of operations in another lifelines version)
    for t, e, _ in _random_cohorts(20170101, 80):
        ours = km_curve(s(t), s(e))
        kmf = _lifelines_km(t, e)
        sf = kmf.survival_function_.iloc[:, 0].to_numpy()
        ci = kmf.confidence_interval_.to_numpy()
        np.testing.assert_array_equal(ours["time"], kmf.survival_function_.index.to_numpy(float))
        np.testing.assert_allclose(ours["survival"], sf, rtol=1e-13, atol=1e-15)
        defined = sf > 0  # where S = 0 lifelines reports (0, 0), we report "undefined"
        np.testing.assert_allclose(ours["ci_low"][defined], ci[defined, 0], rtol=1e-12)
        np.testing.assert_allclose(ours["ci_high"][defined], ci[defined, 1], rtol=1e-12)
        assert ours.loc[~defined, ["ci_low", "ci_high"]].isna().all().all()


def test_logrank_matches_lifelines_and_statsmodels_on_random_data() -> None:
    checked = 0
    for t, e, g in _random_cohorts(7, 80):
        a = g == "a"
        if a.all() or not a.any():
            continue
        ours = logrank(s(t), s(e), pd.Series(g))
        with np.errstate():
            ll = logrank_test(t[a], t[~a], e[a], e[~a])
        if not e.any() or math.isnan(ours.p):
            # not estimable: lifelines reports 0 with P = 1 (a pseudo-inverse of 0)
            assert ours.chi2 == 0.0 and float(ll.test_statistic) == pytest.approx(0, abs=1e-12)
            continue
        assert ours.chi2 == pytest.approx(float(ll.test_statistic), rel=1e-10)
        assert ours.p == pytest.approx(float(ll.p_value), rel=1e-8, abs=1e-300)
        sm_chi2, sm_p = survdiff(t, e.astype(int), a.astype(int))
        assert ours.p == pytest.approx(float(sm_p), rel=1e-6, abs=1e-300)
        assert ours.chi2 == pytest.approx(float(sm_chi2), rel=1e-8)
        checked += 1
    assert checked > 40


def test_logrank_no_events_is_not_estimable() -> None:
    # two groups, nobody died: O - E = 0 and V = 0; chi2 = 0 with df = 1, P undefined
    lr = logrank(s([1, 2, 3, 4]), s([0, 0, 0, 0]), pd.Series(["a", "a", "b", "b"]))
    assert (lr.chi2, lr.df) == (0.0, 1)
    assert math.isnan(lr.p)
    # deaths only after the other group has left: every term has V = 0 -> the same
    lr = logrank(s([1, 2, 5, 6]), s([0, 0, 1, 1]), pd.Series(["a", "a", "b", "b"]))
    assert (lr.chi2, lr.df) == (0.0, 1)
    assert math.isnan(lr.p)


def test_logrank_ignores_rows_without_group() -> None:
    time = s([1, 2, 4, 2, 3, 5, 6, 0.5])
    event = s([1, 1, 0, 1, 0, 1, 1, 1])
    group = pd.Series(["A", "A", "A", "B", "B", "B", "B", None])
    assert logrank(time, event, group).chi2 == pytest.approx(1.36329, abs=1e-5)


# ---------------------------------------------------------------------------------------------
# median follow-up (reverse Kaplan-Meier)
def test_median_followup_by_hand() -> None:
    # times 1..6, events 1, 0, 1, 0, 0, 1 (deaths at 1, 3, 6; censored at 2, 4, 5).
    # Reverse KM: censorings are the events, a death ends follow-up (censored).
    #   t  at risk  censorings  G(t)
    #   1  6        0           1           (death: leaves)
    #   2  5        1           4/5 = 0.8
    #   3  4        0           0.8         (death: leaves)
    #   4  3        1           0.8 * 2/3 = 0.5333
    #   5  2        1           0.5333 * 1/2 = 0.2667  <- first G <= 0.5: median follow-up 5
    #   6  1        0           0.2667      (death: leaves)
    # (the median of the censored times alone would be 4; of all times, 3.5)
    # Greenwood var(log G): 1/(5*4) = 0.05 at 2, + 1/(3*2) at 4, + 1/(2*1) at 5.
    # Lower limit at 2: 0.8^exp(1.96*sqrt(0.05)/0.2231) = 0.204 <= 0.5 -> ci_low = 2.
    # Upper limits 0.969, 0.863, 0.686 stay above 0.5 -> ci_high not reached (NaN).
    t, e = s([1, 2, 3, 4, 5, 6]), s([1, 0, 1, 0, 0, 1])
    m = median_followup(t, e)
    assert m["median"] == 5.0
    assert m["ci_low"] == 2.0
    assert math.isnan(m["ci_high"])
    lo, hi = loglog_ci(0.8, 0.05)
    assert lo == pytest.approx(0.20381, abs=5e-5) and hi == pytest.approx(0.96918, abs=5e-5)
    assert loglog_ci(0.8 * 2 / 3 / 2, 0.05 + 1 / 6 + 1 / 2)[1] == pytest.approx(0.68614, abs=5e-5)
    # nobody censored: follow-up never "ends by censoring", the median is not reached
    assert math.isnan(median_followup(s([1, 2]), s([1, 1]))["median"])
    assert math.isnan(median_followup(s([]), s([]))["median"])


def test_median_followup_matches_lifelines_on_flipped_indicator() -> None:
    # lifelines: KaplanMeierFitter on (time, 1 - event); median_survival_times of the curve and
    # of its CI columns (lifelines takes the first time S <= 0.5 and reports inf when not
    # reached). Continuous times, so S never sits exactly at 0.5; the last subject is a death,
    # so the reverse curve never reaches 0 (where lifelines' CI is (0, 0) and ours undefined).
    rng = np.random.default_rng(11)
    for _ in range(50):
        n = int(rng.integers(5, 200))
        t = rng.exponential(3.0, n)
        e = rng.random(n) < 0.5
        e[np.argmax(t)] = True
        ours = median_followup(s(t), s(e))
        kmf = _lifelines_km(t, ~e)
        want = float(kmf.median_survival_time_)
        ci = median_survival_times(kmf.confidence_interval_).to_numpy().ravel()
        for got, ref in ((ours["median"], want), (ours["ci_low"], ci[0]), (ours["ci_high"], ci[1])):
            if math.isinf(ref):
                assert math.isnan(got)
            else:
                assert got == pytest.approx(float(ref), abs=1e-12)


# ---------------------------------------------------------------------------------------------
# axis ticks: the figure and its risk table cover all follow-up
def test_follow_up_ticks_cover_the_last_observation() -> None:
    assert follow_up_ticks(s([0.2, 8.08])) == tuple(float(k) for k in range(10))
    assert follow_up_ticks(s([0.2, 8.0])) == tuple(float(k) for k in range(9))
    assert follow_up_ticks(s([0.1, 0.4])) == (0.0, 1.0)  # at least one year
    assert follow_up_ticks(s([])) == (0.0, 1.0)
    assert follow_up_ticks(s([np.nan, 2.5])) == (0.0, 1.0, 2.0, 3.0)


def test_analyse_reaches_the_last_observed_time() -> None:
    # the last subject is censored at 8.08: a tick at 9, the curve and a censor mark at 8.08,
    # and the risk table at 9 has everybody in the censored or events rows
    f = pd.DataFrame({"t": [0.5, 1.5, 3.0, 8.08], "e": [True, False, True, False]})
    a = analyse(f, key="k", time="t", event="e")
    assert a.ticks[-1] == 9.0 and max(a.ticks) >= f["t"].max()
    assert a.curves["time"].max() == 8.08
    assert a.censor_marks["time"].max() == 8.08
    last = a.risk.iloc[-1]
    assert (last["time"], last["at_risk"], last["censored"], last["events"]) == (9.0, 0, 2, 2)
    assert a.risk.loc[a.risk["time"] == 8.0, "at_risk"].item() == 1


def test_real_cohort_ticks_cover_all_follow_up(cohort: rrall.Cohort) -> None:
    ana = cohort.analysed
    for analysis, tcol in (
        (os_all(cohort), "os_years"),
        (os_by_hsct(cohort), "os_years"),
        (os_after_hsct_cr(cohort), "after_hsct_years"),
    ):
        top = float(ana[tcol].max())
        assert analysis.ticks[-1] == math.ceil(top)
        assert analysis.ticks == tuple(float(k) for k in range(math.ceil(top) + 1))
        assert analysis.curves["time"].max() == pytest.approx(top)


# ---------------------------------------------------------------------------------------------
# any cohort a study team drops in
def _frame(t: Sequence[float], e: Sequence[int], g: Sequence[str] | None = None) -> pd.DataFrame:
    f = pd.DataFrame({"t": np.asarray(t, dtype=float), "e": np.asarray(e, dtype=bool)})
    if g is not None:
        f["g"] = list(g)
    return f


def _two(f: pd.DataFrame):
    return analyse(f, key="k", time="t", event="e", group="g", order=("hsct", "no_hsct"))


def test_analyse_empty_group_is_reported_with_size_zero() -> None:
    a = _two(_frame([1, 2, 3], [1, 0, 1], ["no_hsct"] * 3))
    assert a.sizes == {"hsct": 0, "no_hsct": 3}
    assert a.groups == ("hsct", "no_hsct")
    for part in (a.curves, a.censor_marks, a.landmarks, a.medians, a.risk):
        assert set(part["group"]) == {"no_hsct"}
    assert a.logrank is None  # one non-empty group: nothing to compare


def test_analyse_single_group_of_a_two_group_order() -> None:
    # only "hsct" present, the other group ordered but absent
    a = _two(_frame([0.5, 1.0, 2.0], [1, 1, 1], ["hsct"] * 3))
    assert a.sizes == {"hsct": 3, "no_hsct": 0}
    assert a.logrank is None
    assert a.medians["median"].tolist() == [1.0]  # S = 2/3, 1/3, 0


def test_analyse_group_without_events() -> None:
    a = _two(_frame([1, 2, 3, 1, 2, 4], [0, 0, 0, 1, 0, 1], ["hsct"] * 3 + ["no_hsct"] * 3))
    m = a.medians.set_index("group")
    assert m.at["hsct", "events"] == 0
    for col in ("median", "ci_low", "ci_high"):
        assert math.isnan(m.at["hsct", col]), col  # not reached, CI not estimable
    c = a.curves[a.curves["group"] == "hsct"]
    assert (c["survival"] == 1.0).all()
    assert a.logrank is not None and a.logrank.chi2 > 0


def test_analyse_everybody_censored() -> None:
    a = _two(_frame([1, 2, 3, 4], [0, 0, 0, 0], ["hsct", "no_hsct"] * 2))
    assert a.logrank is not None
    assert (a.logrank.chi2, a.logrank.df) == (0.0, 1)
    assert math.isnan(a.logrank.p)  # "not estimable" in the prose
    assert a.medians["median"].isna().all()
    assert (a.risk.groupby("group")["events"].max() == 0).all()


def test_analyse_one_patient() -> None:
    for e in (0, 1):
        a = analyse(_frame([2.5], [e]), key="k", time="t", event="e")
        assert a.sizes == {"all": 1}
        assert a.curves["time"].tolist() == [0.0, 2.5]
        assert a.curves["survival"].tolist() == [1.0, 1.0 - e]
        assert a.ticks == (0.0, 1.0, 2.0, 3.0)
        assert a.risk["at_risk"].tolist() == [1, 1, 1, 0]
        m = a.medians.iloc[0]
        assert (m["median"] == 2.5) if e else math.isnan(m["median"])
        lm = a.landmarks.set_index("years")
        assert lm.at[1.0, "survival"] == 1.0
        assert lm.at[3.0, "survival"] == 0.0 if e else math.isnan(lm.at[3.0, "survival"])


def test_analyse_no_rows_at_all() -> None:
    a = _two(_frame([], [], []))
    assert a.sizes == {"hsct": 0, "no_hsct": 0}
    assert a.logrank is None
    assert a.ticks == (0.0, 1.0)
    for part in (a.curves, a.censor_marks, a.landmarks, a.medians, a.risk):
        assert part.empty and "group" in part.columns
    # and the column sets are those of a normal analysis
    full = _two(_frame([1, 2], [1, 0], ["hsct", "no_hsct"]))
    for name in ("curves", "censor_marks", "landmarks", "medians", "risk"):
        assert list(getattr(a, name).columns) == list(getattr(full, name).columns), name


def test_analyse_drops_missing_values_and_unknown_groups() -> None:
    f = _frame([1, 2, np.nan, 3, 4], [1, 0, 1, 1, 0], ["hsct", "hsct", "hsct", None, "no_hsct"])
    a = _two(f)
    assert a.sizes == {"hsct": 2, "no_hsct": 1}
    # without an order, the groups are the labels present (no NaN group)
    b = analyse(f, key="k", time="t", event="e", group="g")
    assert b.groups == ("hsct", "no_hsct")


def test_analyse_with_integer_event_column_and_explicit_ticks() -> None:
    f = pd.DataFrame({"t": [1.0, 2.0, 3.0], "e": [1, 0, 1]})
    a = analyse(f, key="k", time="t", event="e", ticks=(0, 2))
    assert a.ticks == (0.0, 2.0)
    assert a.risk["at_risk"].tolist() == [3, 2]
    assert a.medians["events"].tolist() == [2]


def test_functions_on_empty_input() -> None:
    assert km_curve(s([]), s([])).empty
    lm = survival_at(s([]), s([]), [1, 2])
    assert lm["survival"].isna().all() and lm["at_risk"].tolist() == [0, 0]
    assert math.isnan(median_survival(s([]), s([]))["median"])
    r = risk_table(s([]), s([]), [0, 1])
    assert r[["at_risk", "censored", "events"]].to_numpy().sum() == 0


def test_analyse_matches_per_group_functions_on_large_random_data() -> None:
    # the vectorised analyse (factorised groups, searchsorted marks) against the per-group
    # public functions, row for row
    rng = np.random.default_rng(5)
    n = 20_000
    g = np.where(rng.random(n) < 0.4, "hsct", "no_hsct")
    t = np.round(rng.exponential(np.where(g == "hsct", 3.0, 1.5)) * 365.25) / 365.25
    c = rng.exponential(4.0, n)
    f = pd.DataFrame({"t": np.minimum(t, np.round(c * 365.25) / 365.25), "e": t <= c, "g": g})
    a = _two(f)
    for grp in ("hsct", "no_hsct"):
        sub = f[f["g"] == grp]
        want = km_curve(sub["t"], sub["e"])
        got = a.curves[a.curves["group"] == grp].drop(columns="group").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want)
        marks = a.censor_marks[a.censor_marks["group"] == grp]
        cens = np.sort(sub.loc[~sub["e"], "t"].to_numpy())
        np.testing.assert_array_equal(marks["time"], cens)
        idx = np.searchsorted(want["time"], cens, side="right") - 1
        np.testing.assert_array_equal(marks["survival"], want["survival"].to_numpy()[idx])
        lm = a.landmarks[a.landmarks["group"] == grp].drop(columns="group")
        pd.testing.assert_frame_equal(
            lm.reset_index(drop=True), survival_at(sub["t"], sub["e"], (1, 2, 3, 5))
        )
    assert a.logrank == logrank(f["t"], f["e"], f["g"])


# ---------------------------------------------------------------------------------------------
# the module's dependencies stay small
def test_survival_imports_only_numerics_and_the_cohort() -> None:
    import rrall.survival as mod

    tree = ast.parse(Path(mod.__file__).read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            roots.add(node.module)
    allowed = ("numpy", "pandas", "scipy", "lifelines", "rrall.cohort", "__future__",
               "collections", "dataclasses")  # fmt: skip
    assert all(r.startswith(allowed) for r in roots), roots

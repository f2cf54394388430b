"""rrall.survival: Kaplan-Meier, Greenwood log-log CIs, risk tables and log-rank.

Hand-worked examples first, then a cross-check of the real cohort against statsmodels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, norm
from statsmodels.duration.survfunc import SurvfuncRight, survdiff

import rrall
from rrall.fmt import fmt_num, fmt_p
from rrall.survival import (
    km_curve,
    logrank,
    median_survival,
    os_after_hsct_cr,
    os_all,
    os_by_hsct,
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

"""Kaplan-Meier estimates, Greenwood log-log CIs, risk tables and the log-rank test.

Compute only: tidy frames and frozen dataclasses, no language, no plotting. The estimators are
written directly in numpy on sorted arrays (``np.sort`` + ``np.searchsorted``), so a cohort of
10^6 patients takes a fraction of a second. They reproduce lifelines' ``KaplanMeierFitter``
step for step (same formulas, same order of floating-point operations: the product-limit as
``exp(cumsum(log(n - d) - log(n)))``, Greenwood's variance on the log(-log) scale) and the
Mantel-Haenszel log-rank of ``lifelines.statistics.logrank_test`` / R ``survdiff``; the tests
cross-check both against lifelines, statsmodels and hand-worked examples.

Conventions
-----------
- Follow-up times are >= 0; rows with a missing time or event indicator are left out.
- A subject censored at t is at risk for a death at t (deaths come before censorings).
- Curves are right-continuous step functions with a row at time 0 and at every distinct
  observed time (deaths and censorings), so they reach the last observed time.
- CIs are undefined (NaN) once S has reached 0, and (1, 1) where S is still 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from rrall.cohort import Cohort, memo

__all__ = [
    "LANDMARK_YEARS",
    "LogRank",
    "SurvivalAnalysis",
    "analyse",
    "follow_up_ticks",
    "km_curve",
    "logrank",
    "median_followup",
    "median_survival",
    "os_after_hsct_cr",
    "os_all",
    "os_by_hsct",
    "product_limit",
    "risk_table",
    "survival_at",
]

LANDMARK_YEARS: tuple[float, ...] = (1, 2, 3, 5)

# lifelines: inv_normal_cdf(1 - alpha / 2) with alpha = 0.05 (kept as the same expression so
# the CIs agree with lifelines to the last bit)
_Z = float(special.ndtri(1 - 0.05 / 2))  # = scipy.stats.norm.ppf, bit for bit
_CURVE_COLS = ("time", "survival", "ci_low", "ci_high")


@dataclass(frozen=True)
class LogRank:
    """Log-rank test result: chi-square statistic, degrees of freedom and P value.

    ``p`` is NaN (and ``chi2`` 0) when the test is not estimable: no death at a time when both
    groups were at risk (in particular, no deaths at all), so the variance is zero.
    """

    chi2: float
    df: int
    p: float


@dataclass(frozen=True)
class SurvivalAnalysis:
    """Everything one KM figure and its side table need.

    ``curves``: group, time, survival, ci_low, ci_high (step points, starting at time 0);
    ``censor_marks``: group, time, survival at censoring times;
    ``landmarks``: group, years, survival, ci_low, ci_high, at_risk (proportions);
    ``medians``: group, n, events, median, ci_low, ci_high (years; NaN = not reached);
    ``risk``: group, time, at_risk, censored, events (cumulative) at the axis ticks;
    ``logrank``: the test between groups, or ``None`` unless exactly two groups have patients.
    A group without patients has ``sizes[g] == 0`` and no rows in any frame.
    """

    key: str
    groups: tuple[str, ...]
    sizes: dict[str, int]
    curves: pd.DataFrame
    censor_marks: pd.DataFrame
    landmarks: pd.DataFrame
    medians: pd.DataFrame
    risk: pd.DataFrame
    ticks: tuple[float, ...]
    logrank: LogRank | None


# ---------------------------------------------------------------------------------------------
# the estimator on arrays
@dataclass(frozen=True)
class _Curve:
    """A fitted KM: step times and values, plus the sorted data behind it."""

    time: np.ndarray
    survival: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    sorted_all: np.ndarray  # every follow-up time, ascending
    sorted_events: np.ndarray  # follow-up times of the deaths, ascending
    sorted_censored: np.ndarray  # follow-up times of the censored, ascending

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {"time": self.time, "survival": self.survival, "ci_low": self.ci_low,
             "ci_high": self.ci_high}
        )  # fmt: skip

    def step(self, at: np.ndarray) -> np.ndarray:
        """Index of the step in force at each of ``at`` (right-continuous; 0 before the start)."""
        return np.maximum(np.searchsorted(self.time, at, side="right") - 1, 0)


def _arrays(time: object, event: object) -> tuple[np.ndarray, np.ndarray]:
    t = np.asarray(time, dtype=float).ravel()
    e = pd.Series(np.asarray(event).ravel())
    ok = ~(np.isnan(t) | e.isna().to_numpy())
    return t[ok], e[ok].astype(bool).to_numpy()


def _distinct(sorted_values: np.ndarray) -> np.ndarray:
    """The distinct values of an ascending array."""
    if sorted_values.size == 0:
        return sorted_values
    keep = np.empty(sorted_values.size, dtype=bool)
    keep[0] = True
    np.not_equal(sorted_values[1:], sorted_values[:-1], out=keep[1:])
    return sorted_values[keep]


def _count_at(sorted_values: np.ndarray, at: np.ndarray) -> np.ndarray:
    """How many of ``sorted_values`` equal each of ``at``."""
    return np.searchsorted(sorted_values, at, side="right") - np.searchsorted(
        sorted_values, at, side="left"
    )


def product_limit(
    at_risk: np.ndarray, deaths: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Product-limit steps with Greenwood's variance and the log(-log) 95% CI.

    Parameters
    ----------
    at_risk, deaths
        At each step time (ascending): the number at risk just before it and the deaths at it.
        Rows without deaths (censorings, or a row at time 0) leave the estimate unchanged.

    Returns
    -------
    survival, ci_low, ci_high
        ``S(t) = prod(1 - d/n)`` and ``S^exp(-/+ z sqrt(V) / log S)`` with
        ``V = sum d / (n (n - d))``. The CI is (1, 1) where S = 1 and undefined (NaN) once
        S = 0. The arithmetic is lifelines' (``_additive_estimate``,
        ``KaplanMeierFitter._bounds``), in the same order, so the numbers agree to the bit.
    """
    n = np.asarray(at_risk, dtype=float)
    d = np.asarray(deaths, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_s = np.cumsum(np.where(d > 0, np.log(n - d) - np.log(n), 0.0))
        terms = np.where(d > 0, d / (n * (n - d)), 0.0)
        terms[np.isinf(terms)] = 0.0  # n == d: S drops to 0, the CI is undefined from there
        var = np.cumsum(terms)
        surv = np.exp(log_s)
        v = np.log(surv)
        half = _Z * np.sqrt(var) / v
        lo = np.exp(-np.exp(np.log(-v) - half))
        hi = np.exp(-np.exp(np.log(-v) + half))
    lo[np.isnan(lo)] = 1.0  # S = 1: log(-log 1) is undefined, the interval is (1, 1)
    hi[np.isnan(hi)] = 1.0
    zero = surv <= 0
    lo[zero] = np.nan
    hi[zero] = np.nan
    return surv, lo, hi


def _km(t: np.ndarray, e: np.ndarray) -> _Curve:
    """Kaplan-Meier of right-censored data: steps at 0 and at every distinct time."""
    sorted_all = np.sort(t)
    sorted_events = np.sort(t[e])
    sorted_censored = np.sort(t[~e])
    times = _distinct(sorted_all)
    if times.size == 0 or times[0] > 0:
        times = np.concatenate(([0.0], times))
    n = t.size - np.searchsorted(sorted_all, times, side="left")  # at risk just before
    d = _count_at(sorted_events, times)
    surv, lo, hi = product_limit(n, d)
    return _Curve(times, surv, lo, hi, sorted_all, sorted_events, sorted_censored)


def km_curve(time: pd.Series, event: pd.Series) -> pd.DataFrame:
    """KM step function with its 95% CI: ``time``, ``survival``, ``ci_low``, ``ci_high``.

    One row at time 0 and one at every distinct observed time; no rows for empty input.
    """
    t, e = _arrays(time, event)
    if t.size == 0:
        return pd.DataFrame({c: pd.Series(dtype=float) for c in _CURVE_COLS})
    return _km(t, e).frame()


def _survival_at(c: _Curve, years: Sequence[float]) -> pd.DataFrame:
    y = np.asarray(years, dtype=float)
    i = c.step(y)
    s, lo, hi = c.survival[i].copy(), c.ci_low[i].copy(), c.ci_high[i].copy()
    last = float(c.sorted_all[-1])
    beyond = (y > last) & (s > 0)
    s[beyond] = lo[beyond] = hi[beyond] = np.nan
    at_risk = c.sorted_all.size - np.searchsorted(c.sorted_all, y, side="left")
    return pd.DataFrame(
        {"years": y, "survival": s, "ci_low": lo, "ci_high": hi, "at_risk": at_risk.astype(int)}
    )


def survival_at(time: pd.Series, event: pd.Series, years: Sequence[float]) -> pd.DataFrame:
    """S(t) with 95% CI and the number still at risk (follow-up >= t), at each of ``years``.

    Beyond the last observation the estimate is not defined (NaN) unless it has reached 0.
    Empty input gives NaN estimates with 0 at risk.
    """
    t, e = _arrays(time, event)
    if t.size == 0:
        y = np.asarray(years, dtype=float)
        nan = np.full(y.size, np.nan)
        return pd.DataFrame(
            {"years": y, "survival": nan, "ci_low": nan, "ci_high": nan,
             "at_risk": np.zeros(y.size, dtype=int)}
        )  # fmt: skip
    return _survival_at(_km(t, e), years)


def _first_below(times: np.ndarray, s: np.ndarray) -> float:
    # R survfit / SAS rule: the first time S <= 0.5; where S sits exactly at 0.5 take the
    # midpoint of that plateau, and "not reached" when it stays at 0.5 to the end
    eps = 1e-9
    at = np.flatnonzero(s <= 0.5 + eps)
    if not len(at):
        return float("nan")
    i = int(at[0])
    if abs(s[i] - 0.5) > eps:
        return float(times[i])
    below = np.flatnonzero(s < 0.5 - eps)
    if not len(below):
        return float("nan")
    return float((times[i] + times[int(below[0])]) / 2)


def _median(c: _Curve) -> dict[str, float]:
    # an undefined lower limit means S = 0 (below any quantile); an undefined upper one, unknown
    lo = np.where(np.isnan(c.ci_low), 0.0, c.ci_low)
    return {
        "median": _first_below(c.time, c.survival),
        "ci_low": _first_below(c.time, lo),
        "ci_high": _first_below(c.time, c.ci_high),
    }


_NAN_MEDIAN = {"median": float("nan"), "ci_low": float("nan"), "ci_high": float("nan")}


def median_survival(time: pd.Series, event: pd.Series) -> dict[str, float]:
    """Median survival time and its 95% CI (the first time S, and each CI limit, is <= 0.5).

    NaN where not reached (fewer than half died, no deaths, or empty input).
    """
    t, e = _arrays(time, event)
    if t.size == 0:
        return dict(_NAN_MEDIAN)
    return _median(_km(t, e))


def median_followup(time: pd.Series, event: pd.Series) -> dict[str, float]:
    """Median follow-up by the reverse Kaplan-Meier method (Schemper & Smith 1996).

    The KM estimate of the censoring distribution: censorings are the events and deaths end
    follow-up (a death at t is censored after the censorings at t). Its median and 95% CI use
    the same rule as :func:`median_survival`; NaN where not reached (e.g. nobody censored).
    """
    t, e = _arrays(time, event)
    if t.size == 0:
        return dict(_NAN_MEDIAN)
    return _median(_km(t, ~e))


def _risk_table(c: _Curve, ticks: Sequence[float]) -> pd.DataFrame:
    tk = np.asarray(ticks, dtype=float)
    n = c.sorted_all.size
    at_risk = n - np.searchsorted(c.sorted_all, tk, side="left")
    at_risk[tk <= 0] = n
    return pd.DataFrame(
        {
            "time": tk,
            "at_risk": at_risk.astype(int),
            "censored": np.searchsorted(c.sorted_censored, tk, side="left").astype(int),
            "events": np.searchsorted(c.sorted_events, tk, side="left").astype(int),
        }
    )


def risk_table(time: pd.Series, event: pd.Series, ticks: Sequence[float]) -> pd.DataFrame:
    """KMunicate counts at each tick: at risk (time >= t), censored and events before t.

    The three add up to N at every tick (at tick 0 everybody is at risk).
    """
    t, e = _arrays(time, event)
    return _risk_table(_km(t, e), ticks)


# ---------------------------------------------------------------------------------------------
# log-rank
def _logrank_two(t: np.ndarray, e: np.ndarray, first: np.ndarray) -> LogRank:
    """Log-rank of ``first`` against the rest: (O - E)^2 / V with the hypergeometric V."""
    ev = np.sort(t[e])
    times = _distinct(ev)
    if times.size == 0:
        return LogRank(0.0, 1, float("nan"))
    d = _count_at(ev, times).astype(float)
    all_sorted = np.sort(t)
    a_sorted = np.sort(t[first])
    n = (all_sorted.size - np.searchsorted(all_sorted, times, side="left")).astype(float)
    na = (a_sorted.size - np.searchsorted(a_sorted, times, side="left")).astype(float)
    da = _count_at(np.sort(t[first & e]), times).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(n > 1, (n - d) / (n - 1), 1.0)
        v = float(np.sum(d * (na / n) * (1 - na / n) * frac))
    o_minus_e = float(da.sum() - np.sum(d * na / n))
    if not v > 0:
        return LogRank(0.0, 1, float("nan"))
    chi2 = o_minus_e**2 / v
    return LogRank(float(chi2), 1, float(special.chdtrc(1, chi2)))


def logrank(time: pd.Series, event: pd.Series, group: pd.Series) -> LogRank:
    """Two-group log-rank test (Mantel-Haenszel chi-square, 1 df).

    Rows with a missing group are left out. Raises ``ValueError`` unless there are exactly two
    groups. With no death while both groups are at risk (e.g. no deaths at all) the test is
    not estimable: ``chi2 = 0``, ``p = NaN``, ``df = 1``.
    """
    t = np.asarray(time, dtype=float).ravel()
    e = pd.Series(np.asarray(event).ravel())
    codes, levels = pd.factorize(np.asarray(group).ravel())
    if len(levels) != 2:
        raise ValueError(f"log-rank needs two groups, got {list(levels)}")
    ok = ~(np.isnan(t) | e.isna().to_numpy()) & (codes >= 0)
    return _logrank_two(t[ok], e[ok].astype(bool).to_numpy(), codes[ok] == 0)


# ---------------------------------------------------------------------------------------------
# one analysis: curves, marks, landmarks, medians, risk table, log-rank
def follow_up_ticks(times: object) -> tuple[float, ...]:
    """Axis ticks covering all follow-up: whole years 0, 1, ..., ceil(max time) (at least 1)."""
    t = np.asarray(times, dtype=float).ravel()
    t = t[~np.isnan(t)]
    top = max(int(np.ceil(t.max())) if t.size else 1, 1)
    return tuple(float(k) for k in range(top + 1))


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object if c == "group" else float) for c in columns})


def _with_group(frame: pd.DataFrame, g: str) -> pd.DataFrame:
    frame.insert(0, "group", g)
    return frame


def analyse(
    frame: pd.DataFrame,
    *,
    key: str,
    time: str,
    event: str,
    group: str | None = None,
    order: Sequence[str] | None = None,
    ticks: Sequence[float] | None = None,
    years: Sequence[float] = LANDMARK_YEARS,
) -> SurvivalAnalysis:
    """KM curves, landmarks, medians, risk table and (two groups) log-rank for ``frame``.

    Rows with a missing time or event (or group) are left out. ``order`` fixes the groups and
    their order (a group without rows is reported with size 0); without it, the groups are the
    distinct values in order of appearance. ``ticks`` default to :func:`follow_up_ticks`.
    """
    t_all = frame[time].to_numpy(dtype=float)
    e_ser = frame[event]
    ok = ~(np.isnan(t_all) | e_ser.isna().to_numpy())
    t_all = t_all[ok]
    e_all = e_ser.to_numpy()[ok].astype(bool)
    if group:
        codes, levels = pd.factorize(frame[group].to_numpy()[ok])
        ok_group = codes >= 0
        t_all, e_all, codes = t_all[ok_group], e_all[ok_group], codes[ok_group]
        groups = tuple(order) if order else tuple(levels)
        index = pd.Index(levels)
    else:
        codes = np.zeros(t_all.size, dtype=np.intp)
        groups = tuple(order) if order else ("all",)
        index = pd.Index([groups[0]] if groups else [])
    tick_values = tuple(float(x) for x in (follow_up_ticks(t_all) if ticks is None else ticks))

    curves, marks, lands, meds, risks = [], [], [], [], []
    sizes: dict[str, int] = {}
    fitted: list[str] = []
    members: dict[str, np.ndarray] = {}
    for g in groups:
        k = int(index.get_indexer([g])[0]) if g in index else -1
        mask = codes == k if k >= 0 else np.zeros(t_all.size, dtype=bool)
        sizes[g] = int(mask.sum())
        if not sizes[g]:
            continue
        t, e = t_all[mask], e_all[mask]
        c = _km(t, e)
        fitted.append(g)
        members[g] = mask
        curves.append(_with_group(c.frame(), g))
        cens = c.sorted_censored
        marks.append(pd.DataFrame({"group": g, "time": cens, "survival": c.survival[c.step(cens)]}))
        lands.append(_with_group(_survival_at(c, years), g))
        meds.append({"group": g, "n": sizes[g], "events": int(e.sum()), **_median(c)})
        risks.append(_with_group(_risk_table(c, tick_values), g))
    lr = None
    if group and len(fitted) == 2:
        both = members[fitted[0]] | members[fitted[1]]
        lr = _logrank_two(t_all[both], e_all[both], members[fitted[0]][both])

    def cat(parts: list[pd.DataFrame], columns: Sequence[str]) -> pd.DataFrame:
        return pd.concat(parts, ignore_index=True) if parts else _empty(columns)

    return SurvivalAnalysis(
        key=key,
        groups=groups,
        sizes=sizes,
        curves=cat(curves, ("group", *_CURVE_COLS)),
        censor_marks=cat(marks, ("group", "time", "survival")),
        landmarks=cat(lands, ("group", "years", "survival", "ci_low", "ci_high", "at_risk")),
        medians=(
            pd.DataFrame(meds)
            if meds
            else _empty(("group", "n", "events", "median", "ci_low", "ci_high"))
        ),
        risk=cat(risks, ("group", "time", "at_risk", "censored", "events")),
        ticks=tick_values,
        logrank=lr,
    )


# ---------------------------------------------------------------------------------------------
# the report's three analyses
def os_all(cohort: Cohort) -> SurvivalAnalysis:
    return memo(cohort, "os_all", lambda: _os_all(cohort))


def _os_all(cohort: Cohort) -> SurvivalAnalysis:
    """Figure 1A: overall survival from R/R diagnosis, all analysed patients."""
    pts = cohort.analysed
    return analyse(pts, key="os", time="os_years", event="os_event")


def os_by_hsct(cohort: Cohort) -> SurvivalAnalysis:
    return memo(cohort, "os_by_hsct", lambda: _os_by_hsct(cohort))


def _os_by_hsct(cohort: Cohort) -> SurvivalAnalysis:
    """Figure 1B: overall survival from R/R diagnosis by HSCT (as in the paper: a naive
    comparison, subject to immortal-time bias; see :mod:`rrall.timedep` for the analyses
    that treat HSCT as a time-dependent state)."""
    pts = cohort.analysed.assign(group=lambda d: np.where(d["hsct_done"], "hsct", "no_hsct"))
    return analyse(
        pts,
        key="os_hsct",
        time="os_years",
        event="os_event",
        group="group",
        order=("hsct", "no_hsct"),
    )


def os_after_hsct_cr(cohort: Cohort) -> SurvivalAnalysis:
    return memo(cohort, "os_after_hsct_cr", lambda: _os_after_hsct_cr(cohort))


def _os_after_hsct_cr(cohort: Cohort) -> SurvivalAnalysis:
    """Figure 1C: survival from HSCT among patients transplanted in CR or CRp."""
    pts = cohort.analysed
    sub = pts[pts["hsct_in_cr"]].assign(group="cr_hsct")
    return analyse(
        sub,
        key="os_after_hsct",
        time="after_hsct_years",
        event="os_event",
        group="group",
        order=("cr_hsct",),
    )

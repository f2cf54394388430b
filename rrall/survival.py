"""Kaplan-Meier estimates, Greenwood log-log CIs, risk tables and the log-rank test.

Compute only: tidy frames and frozen dataclasses, no language, no plotting. The estimator is
lifelines' ``KaplanMeierFitter`` (its CI is Greenwood's variance on the log(-log) scale) and
``logrank_test``; the tests cross-check both against statsmodels and hand-worked examples.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test

from rrall.cohort import Cohort, memo

__all__ = [
    "LANDMARK_YEARS",
    "LogRank",
    "SurvivalAnalysis",
    "analyse",
    "km_curve",
    "logrank",
    "median_survival",
    "os_after_hsct_cr",
    "os_all",
    "os_by_hsct",
    "risk_table",
    "survival_at",
]

LANDMARK_YEARS: tuple[float, ...] = (1, 2, 3, 5)


@dataclass(frozen=True)
class LogRank:
    """Log-rank test result: chi-square statistic, degrees of freedom and P value."""

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
    ``logrank``: the test between groups, or ``None`` for one group.
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


def _fit(time: pd.Series, event: pd.Series) -> KaplanMeierFitter:
    kmf = KaplanMeierFitter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kmf.fit(np.asarray(time, dtype=float), np.asarray(event, dtype=bool))
    return kmf


def km_curve(time: pd.Series, event: pd.Series) -> pd.DataFrame:
    """KM step function with its 95% CI: ``time``, ``survival``, ``ci_low``, ``ci_high``."""
    kmf = _fit(time, event)
    sf = kmf.survival_function_.iloc[:, 0]
    ci = kmf.confidence_interval_
    out = pd.DataFrame(
        {
            "time": sf.index.to_numpy(dtype=float),
            "survival": sf.to_numpy(),
            "ci_low": ci.iloc[:, 0].to_numpy(),
            "ci_high": ci.iloc[:, 1].to_numpy(),
        }
    )
    zero = out["survival"] <= 0
    out.loc[zero, ["ci_low", "ci_high"]] = np.nan
    return out


def _step_at(curve: pd.DataFrame, t: float, col: str) -> float:
    idx = np.searchsorted(curve["time"].to_numpy(), t, side="right") - 1
    return float(curve[col].iloc[max(idx, 0)])


def survival_at(time: pd.Series, event: pd.Series, years: Sequence[float]) -> pd.DataFrame:
    """S(t) with 95% CI and the number still at risk, at each of ``years``.

    Beyond the last observation the estimate is not defined (NaN) unless it has reached 0.
    """
    curve = km_curve(time, event)
    t_arr = np.asarray(time, dtype=float)
    last = float(t_arr.max()) if t_arr.size else 0.0
    rows = []
    for y in years:
        s = _step_at(curve, y, "survival")
        lo, hi = _step_at(curve, y, "ci_low"), _step_at(curve, y, "ci_high")
        at_risk = int((t_arr >= y).sum())
        if y > last and s > 0:
            s = lo = hi = float("nan")
        rows.append(
            {"years": float(y), "survival": s, "ci_low": lo, "ci_high": hi, "at_risk": at_risk}
        )
    return pd.DataFrame(rows)


def median_survival(time: pd.Series, event: pd.Series) -> dict[str, float]:
    """Median survival time and its 95% CI (NaN where not reached)."""
    curve = km_curve(time, event)

    eps = 1e-9
    times = curve["time"].to_numpy(dtype=float)

    def first_below(col: str) -> float:
        # R survfit / SAS rule: the first time S <= 0.5; where S sits exactly at 0.5 take the
        # midpoint of that plateau, and "not reached" when it stays at 0.5 to the end
        s = curve[col].fillna(0.0 if col != "ci_high" else np.nan).to_numpy(dtype=float)
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

    return {
        "median": first_below("survival"),
        "ci_low": first_below("ci_low"),
        "ci_high": first_below("ci_high"),
    }


def risk_table(time: pd.Series, event: pd.Series, ticks: Sequence[float]) -> pd.DataFrame:
    """KMunicate counts at each tick: at risk (time >= t), censored and events before t.

    The three add up to N at every tick.
    """
    t = np.asarray(time, dtype=float)
    e = np.asarray(event, dtype=bool)
    rows = []
    for tick in ticks:
        rows.append(
            {
                "time": float(tick),
                "at_risk": int((t >= tick).sum()) if tick > 0 else int(t.size),
                "censored": int(((t < tick) & ~e).sum()),
                "events": int(((t < tick) & e).sum()),
            }
        )
    return pd.DataFrame(rows)


def logrank(time: pd.Series, event: pd.Series, group: pd.Series) -> LogRank:
    """Two-group log-rank test (Mantel-Haenszel chi-square, 1 df)."""
    g = pd.Series(np.asarray(group))
    levels = list(pd.unique(g))
    if len(levels) != 2:
        raise ValueError(f"log-rank needs two groups, got {levels}")
    t = np.asarray(time, dtype=float)
    e = np.asarray(event, dtype=bool)
    a = (g == levels[0]).to_numpy()
    res = logrank_test(t[a], t[~a], e[a], e[~a])
    return LogRank(float(res.test_statistic), 1, float(res.p_value))


def analyse(
    frame: pd.DataFrame,
    *,
    key: str,
    time: str,
    event: str,
    group: str | None = None,
    order: Sequence[str] | None = None,
    ticks: Sequence[float] = (0, 1, 2, 3, 4, 5, 6, 7, 8),
    years: Sequence[float] = LANDMARK_YEARS,
) -> SurvivalAnalysis:
    """KM curves, landmarks, medians, risk table and (two groups) log-rank for ``frame``."""
    df = frame.dropna(subset=[time]).copy()
    groups = tuple(order) if order else (tuple(pd.unique(df[group])) if group else ("all",))
    labels = df[group] if group else pd.Series("all", index=df.index)
    curves, marks, lands, meds, risks = [], [], [], [], []
    sizes: dict[str, int] = {}
    for g in groups:
        sub = df[labels == g]
        sizes[g] = len(sub)
        if sub.empty:
            continue
        c = km_curve(sub[time], sub[event])
        c.insert(0, "group", g)
        curves.append(c)
        cens = sub.loc[~sub[event].astype(bool), time].to_numpy(dtype=float)
        marks.append(
            pd.DataFrame(
                {"group": g, "time": cens, "survival": [_step_at(c, x, "survival") for x in cens]}
            )
        )
        lm = survival_at(sub[time], sub[event], years)
        lm.insert(0, "group", g)
        lands.append(lm)
        m = median_survival(sub[time], sub[event])
        meds.append({"group": g, "n": len(sub), "events": int(sub[event].sum()), **m})
        r = risk_table(sub[time], sub[event], ticks)
        r.insert(0, "group", g)
        risks.append(r)
    lr = None
    if group and len([g for g in groups if sizes.get(g)]) == 2:
        lr = logrank(df[time], df[event], labels)
    return SurvivalAnalysis(
        key=key,
        groups=groups,
        sizes=sizes,
        curves=pd.concat(curves, ignore_index=True),
        censor_marks=pd.concat(marks, ignore_index=True),
        landmarks=pd.concat(lands, ignore_index=True),
        medians=pd.DataFrame(meds),
        risk=pd.concat(risks, ignore_index=True),
        ticks=tuple(float(t) for t in ticks),
        logrank=lr,
    )


def _ticks_for(times: pd.Series) -> tuple[float, ...]:
    top = float(np.nanmax(times)) if len(times) else 5.0
    return tuple(float(t) for t in range(0, int(np.floor(top)) + 1))


def os_all(cohort: Cohort) -> SurvivalAnalysis:
    return memo(cohort, "os_all", lambda: _os_all(cohort))


def _os_all(cohort: Cohort) -> SurvivalAnalysis:
    """Figure 1A: overall survival from R/R diagnosis, all analysed patients."""
    pts = cohort.analysed
    return analyse(
        pts, key="os", time="os_years", event="os_event", ticks=_ticks_for(pts["os_years"])
    )


def os_by_hsct(cohort: Cohort) -> SurvivalAnalysis:
    return memo(cohort, "os_by_hsct", lambda: _os_by_hsct(cohort))


def _os_by_hsct(cohort: Cohort) -> SurvivalAnalysis:
    """Figure 1B: overall survival from R/R diagnosis by HSCT (as in the paper: a naive
    comparison, subject to immortal-time bias; see the review appendix)."""
    pts = cohort.analysed.assign(group=lambda d: np.where(d["hsct_done"], "hsct", "no_hsct"))
    return analyse(
        pts,
        key="os_hsct",
        time="os_years",
        event="os_event",
        group="group",
        order=("hsct", "no_hsct"),
        ticks=_ticks_for(pts["os_years"]),
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
        ticks=_ticks_for(sub["after_hsct_years"]),
    )

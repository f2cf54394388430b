"""Transplant as a time-dependent state: the comparisons that avoid immortal-time bias.

A patient is followed from R/R diagnosis (t = 0) to ``time`` (death if ``event``, else
censored). If transplanted at ``tx`` the patient moves from state 0 (not yet transplanted) to
state 1 (transplanted). Comparing "ever transplanted" with "never transplanted" from t = 0, as
a plain log-rank does, credits the transplant group with the time every transplanted patient
had to survive to reach the transplant (immortal time). The analyses here count each patient
in the state they are in at each moment:

- :func:`split_at_transplant`: counting-process records ``(start, stop]`` per state;
- :func:`mantel_byar`: the log-rank with time-dependent risk sets (Mantel & Byar 1974);
- :func:`td_cox`: Cox regression with the state as a time-dependent covariate (lifelines
  ``CoxTimeVaryingFitter``, Efron ties);
- :func:`landmark`: patients alive at a landmark, grouped by transplant by then
  (Anderson, Cain & Gelber 1983), with :func:`landmark_covering` as a simple pre-specification;
- :func:`simon_makuch`: survival curves by current state (Simon & Makuch 1984).

Conventions
-----------
At risk
    A record ``(start, stop]`` is at risk at t iff ``start < t <= stop``: a patient who enters
    a state at t is at risk in it only after t, and one who dies or is censored at t is at
    risk at t. A death at t therefore counts in the state the patient was in just before t.
Transplant on the last day
    ``tx == time`` (transplanted on the day of death or last contact) gives no time in
    state 1: the single record ``(0, time]`` is in state 0 and carries the death, if any.
    ``tx == 0`` (transplanted at R/R diagnosis) puts the patient in state 1 from the start.
Ties
    Deaths at the same time are all counted at that time (hypergeometric variance in the
    Mantel-Byar test, Efron's method in the Cox model); censorings at a death time are at risk.
Zero-length follow-up
    A patient with ``time == 0`` has no time at risk and no records.
Not estimable
    No function raises on a degenerate cohort (empty, one patient, no deaths, nobody or
    everybody transplanted). A number that cannot be estimated is NaN and the result's
    ``reason`` holds one of the codes in :data:`REASONS` (``None`` when all is well).
    Invalid data (negative or missing times, a transplant after the end of follow-up)
    raise ``ValueError``.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from lifelines import CoxPHFitter, CoxTimeVaryingFitter
from lifelines.exceptions import ConvergenceError, ConvergenceWarning
from numpy.typing import ArrayLike
from scipy import special

from rrall.survival import SurvivalAnalysis, analyse, follow_up_ticks, product_limit

__all__ = [
    "REASONS",
    "Landmark",
    "MantelByar",
    "SimonMakuch",
    "TDCox",
    "landmark",
    "landmark_covering",
    "mantel_byar",
    "simon_makuch",
    "split_at_transplant",
    "td_cox",
]

REASONS: dict[str, str] = {
    "no_records": "no follow-up time at all (no patients, or only zero-length follow-up)",
    "no_transplants": "no follow-up time in state 1 (nobody transplanted before the end)",
    "all_transplanted": "no follow-up time in state 0 (everybody transplanted at time 0)",
    "no_events": "no deaths",
    "no_comparison": "no death while both states were at risk: the variance is 0",
    "monotone": (
        "the Cox partial likelihood has no maximum: every death at a time when both states "
        "were at risk was in the same state, so the HR estimate is 0 or infinite"
    ),
    "fit_failed": "the Cox model did not converge",
}

_SPLIT_COLS = ("id", "start", "stop", "event", "state")
_Z = float(special.ndtri(0.975))


# ---------------------------------------------------------------------------------------------
# results
@dataclass(frozen=True)
class MantelByar:
    """Mantel-Byar test of state 1 (transplanted) against state 0.

    ``observed`` and ``expected``: deaths in (state 0, state 1) and their expectation under
    the null hypothesis; ``variance``: the hypergeometric variance of the state-1 deaths;
    ``chi2 = (O1 - E1)^2 / variance`` with ``df = 1``; ``table``: one row per distinct death
    time with ``time, n0, n1, d0, d1, expected1, variance``. ``chi2`` and ``p`` are NaN when
    the variance is 0 (``reason`` says why).
    """

    chi2: float
    df: int
    p: float
    observed: tuple[int, int]
    expected: tuple[float, float]
    variance: float
    table: pd.DataFrame
    reason: str | None


@dataclass(frozen=True)
class TDCox:
    """Cox model with the current state as a time-dependent covariate.

    ``hr``: hazard ratio of state 1 against state 0 with its 95% Wald CI and Wald ``p``;
    ``coef`` and ``se``: log HR and its standard error. The counts (deaths, patients, records)
    are always filled; the estimates are NaN when ``reason`` is set.
    """

    hr: float
    ci_low: float
    ci_high: float
    p: float
    coef: float
    se: float
    n_events: int
    n_subjects: int
    n_records: int
    reason: str | None


@dataclass(frozen=True)
class Landmark:
    """Landmark comparison at ``at`` years: transplanted by then ("hsct") or not ("no_hsct").

    Patients with ``time > at`` are kept; the others are counted in ``excluded_died`` (died at
    or before the landmark) and ``excluded_censored`` (censored at or before it).
    ``n_tx_later``: kept patients transplanted after the landmark, analysed as "no_hsct".
    Times are measured from the landmark. ``chi2``/``p``: log-rank (NaN when not estimable);
    ``survival``: group, years (after the landmark), survival, ci_low, ci_high, at_risk;
    ``cox``: HR of "hsct" against "no_hsct" (ordinary Cox model on the landmark set, lifelines
    ``CoxPHFitter``, Efron ties; NaN with a reason as in :func:`td_cox`); ``analysis``: the
    KM analysis behind it all (curves, medians, risk table), ready for
    :func:`rrall.figures.km_figure`.
    """

    at: float
    n_hsct: int
    n_no_hsct: int
    events_hsct: int
    events_no_hsct: int
    excluded_died: int
    excluded_censored: int
    n_tx_later: int
    chi2: float
    p: float
    survival: pd.DataFrame
    cox: TDCox
    analysis: SurvivalAnalysis
    reason: str | None


@dataclass(frozen=True)
class SimonMakuch:
    """Survival by current state (0 = not yet transplanted, 1 = transplanted).

    ``curves``: state, time, at_risk, events, survival, ci_low, ci_high: one row at time 0 and
    one at every time a record of that state ends by death or censoring (not at transitions);
    product-limit over the time-dependent risk sets, Greenwood log-log 95% CI as in
    :func:`rrall.survival.km_curve`. A state without records has no rows.
    ``censor_marks``: state, time, survival at each censoring (last record of a patient).
    ``risk``: state, time, at_risk at each of ``ticks``: at a tick t > 0 the records of the
    state with ``start < t <= stop`` (the risk set for a death at t, so a patient transplanted
    at t is still counted in state 0 and one dying at t is counted); at t <= 0 the records
    with ``start <= t < stop`` (those starting follow-up in the state).
    """

    curves: pd.DataFrame
    censor_marks: pd.DataFrame
    risk: pd.DataFrame
    ticks: tuple[float, ...]


# ---------------------------------------------------------------------------------------------
# counting-process records
def _validate(
    time: ArrayLike, event: ArrayLike, tx: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    t = np.asarray(time, dtype=float).ravel()
    ev = pd.Series(np.asarray(event).ravel())
    x = np.asarray(tx, dtype=float).ravel()
    if not (t.size == ev.size == x.size):
        raise ValueError(f"time, event and tx differ in length: {t.size}, {ev.size}, {x.size}")
    if np.isnan(t).any() or (t < 0).any() or np.isinf(t).any():
        raise ValueError("time must be finite and >= 0 for every patient")
    if ev.isna().any():
        raise ValueError("event is missing for some patients")
    done = ~np.isnan(x)
    if (x[done] < 0).any() or (x[done] > t[done]).any():
        raise ValueError("tx must lie in [0, time] (a transplant after the end of follow-up?)")
    return t, ev.astype(bool).to_numpy(), x


def split_at_transplant(
    time: ArrayLike, event: ArrayLike, tx: ArrayLike, *, ids: ArrayLike | None = None
) -> pd.DataFrame:
    """Counting-process records, split at the transplant.

    Parameters
    ----------
    time
        Follow-up from R/R diagnosis to death or last contact (>= 0).
    event
        True where the patient died at ``time``.
    tx
        Time of transplant (NaN: not transplanted), ``0 <= tx <= time``.
    ids
        Patient identifiers for the ``id`` column (default: positions 0, 1, ...).

    Returns
    -------
    pd.DataFrame
        ``id, start, stop, event, state``, sorted by id and start; every record has
        ``start < stop``. A patient transplanted at ``0 < tx < time`` has ``(0, tx]`` in state 0
        with no event and ``(tx, time]`` in state 1 carrying the death; ``tx == 0`` gives one
        record in state 1, ``tx == time`` one record in state 0 (no time after the
        transplant); a patient with ``time == 0`` has no records. See the module conventions.
    """
    t, e, x = _validate(time, event, tx)
    pid = np.arange(t.size) if ids is None else np.asarray(ids).ravel()
    if pid.size != t.size:
        raise ValueError("ids and time differ in length")
    in_state1 = ~np.isnan(x) & (x < t)  # some time after the transplant
    pre = in_state1 & (x > 0)  # some time before it
    xs = np.where(pre, x, 0.0)
    start = np.concatenate([np.zeros(int(pre.sum())), xs])
    stop = np.concatenate([x[pre], t])
    ev = np.concatenate([np.zeros(int(pre.sum()), dtype=bool), e])
    state = np.concatenate([np.zeros(int(pre.sum()), dtype=np.int64), in_state1.astype(np.int64)])
    pos = np.concatenate([np.flatnonzero(pre), np.arange(t.size)])
    keep = stop > start
    order = np.lexsort((start[keep], pos[keep]))
    return pd.DataFrame(
        {
            "id": pid[pos[keep][order]],
            "start": start[keep][order],
            "stop": stop[keep][order],
            "event": ev[keep][order],
            "state": state[keep][order],
        }
    )


@dataclass(frozen=True)
class _Records:
    start: np.ndarray
    stop: np.ndarray
    event: np.ndarray
    state: np.ndarray
    last: np.ndarray  # the patient's last record (its end is a death or a censoring)
    patient: np.ndarray  # integer code of the record's patient
    n_subjects: int


def _records(split: pd.DataFrame) -> _Records:
    missing = [c for c in _SPLIT_COLS if c not in split.columns]
    if missing:
        raise ValueError(f"split needs the columns {_SPLIT_COLS}; missing {missing}")
    start = split["start"].to_numpy(dtype=float)
    stop = split["stop"].to_numpy(dtype=float)
    keep = stop > start  # zero-length records carry no time at risk
    ids = split["id"].to_numpy()[keep]
    start, stop = start[keep], stop[keep]
    event = split["event"].to_numpy()[keep].astype(bool)
    state = split["state"].to_numpy()[keep].astype(np.int64)
    if not np.isin(state, (0, 1)).all():
        raise ValueError("state must be 0 or 1")
    codes, uniq = pd.factorize(ids)
    last = np.zeros(stop.size, dtype=bool)
    if stop.size:
        latest = np.full(len(uniq), -np.inf)
        np.maximum.at(latest, codes, stop)
        last = stop == latest[codes]
    return _Records(start, stop, event, state, last, codes, len(uniq))


def _count_at(sorted_values: np.ndarray, at: np.ndarray) -> np.ndarray:
    return np.searchsorted(sorted_values, at, side="right") - np.searchsorted(
        sorted_values, at, side="left"
    )


def _at_risk(r: _Records, s: int, at: np.ndarray) -> np.ndarray:
    """Records of state ``s`` with ``start < t <= stop``: #(start < t) - #(stop < t)."""
    m = r.state == s
    starts, stops = np.sort(r.start[m]), np.sort(r.stop[m])
    return np.searchsorted(starts, at, side="left") - np.searchsorted(stops, at, side="left")


def _deaths(r: _Records, s: int, at: np.ndarray) -> np.ndarray:
    return _count_at(np.sort(r.stop[(r.state == s) & r.event]), at)


def _risk_sets(r: _Records) -> pd.DataFrame:
    """At each distinct death time: at risk and deaths per state."""
    times = np.unique(r.stop[r.event])
    return pd.DataFrame(
        {
            "time": times,
            "n0": _at_risk(r, 0, times),
            "n1": _at_risk(r, 1, times),
            "d0": _deaths(r, 0, times),
            "d1": _deaths(r, 1, times),
        }
    )


def _structural_reason(r: _Records) -> str | None:
    if r.stop.size == 0:
        return "no_records"
    if not (r.state == 1).any():
        return "no_transplants"
    if not (r.state == 0).any():
        return "all_transplanted"
    if not r.event.any():
        return "no_events"
    return None


# ---------------------------------------------------------------------------------------------
# Mantel-Byar
def mantel_byar(split: pd.DataFrame) -> MantelByar:
    """Log-rank test with time-dependent risk sets (Mantel & Byar 1974).

    At each distinct death time t, with ``n0``/``n1`` records at risk in each state
    (``start < t <= stop``) and ``d = d0 + d1`` deaths among ``n = n0 + n1``:
    ``E1 = d n1 / n`` and ``V = d (n1/n)(n0/n)(n - d)/(n - 1)`` (0 when n = 1).
    ``chi2 = (O1 - E1)^2 / V`` on 1 df.

    Parameters
    ----------
    split
        Records as returned by :func:`split_at_transplant`.

    Returns
    -------
    MantelByar
        ``chi2``/``p`` NaN when V = 0, with ``reason`` from :data:`REASONS`.
    """
    r = _records(split)
    tab = _risk_sets(r)
    n = (tab["n0"] + tab["n1"]).to_numpy(dtype=float)
    d = (tab["d0"] + tab["d1"]).to_numpy(dtype=float)
    n1 = tab["n1"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(n > 0, n1 / n, 0.0)
        frac = np.where(n > 1, (n - d) / np.maximum(n - 1, 1), 0.0)
    tab["expected1"] = d * share
    tab["variance"] = d * share * (1 - share) * frac
    o1, o0 = int(tab["d1"].sum()), int(tab["d0"].sum())
    e1 = float(tab["expected1"].sum())
    v = float(tab["variance"].sum())
    reason = _structural_reason(r) or (None if v > 0 else "no_comparison")
    chi2 = p = float("nan")
    if reason is None:
        chi2 = (o1 - e1) ** 2 / v
        p = float(special.chdtrc(1, chi2))
    return MantelByar(
        chi2=float(chi2),
        df=1,
        p=p,
        observed=(o0, o1),
        expected=(float(o0 + o1 - e1), e1),
        variance=v,
        table=tab,
        reason=reason,
    )


# ---------------------------------------------------------------------------------------------
# time-dependent Cox
def _cox_reason(r: _Records) -> str | None:
    reason = _structural_reason(r)
    if reason:
        return reason
    tab = _risk_sets(r)
    both = (tab["n0"] > 0) & (tab["n1"] > 0)
    if not both[tab["d0"] + tab["d1"] > 0].any():
        return "no_comparison"
    # the log partial likelihood is monotone in beta (no finite maximum) unless some state-1
    # death happens while state 0 is at risk and some state-0 death while state 1 is at risk:
    # its score tends to sum(d1 where n0 > 0) as beta -> -inf and to -sum(d0 where n1 > 0)
    # as beta -> +inf
    if tab.loc[tab["n0"] > 0, "d1"].sum() == 0 or tab.loc[tab["n1"] > 0, "d0"].sum() == 0:
        return "monotone"
    return None


def td_cox(split: pd.DataFrame) -> TDCox:
    """Cox regression on the current state (lifelines ``CoxTimeVaryingFitter``, Efron ties).

    Parameters
    ----------
    split
        Records as returned by :func:`split_at_transplant`.

    Returns
    -------
    TDCox
        HR of state 1 against state 0 with its 95% Wald CI and P. Degenerate data (see
        :data:`REASONS`) give NaN estimates and a ``reason`` instead of a fit. Where
        lifelines' Newton iterations fail (a convergence warning, or an overflow), the fit is
        tried again with shorter steps; only when every step size fails is it reported as
        ``reason="fit_failed"``, with no warning escaping.

    Notes
    -----
    lifelines' time-varying fitter recomputes every risk set, so its cost grows with
    records x death times: well under a second for a study cohort, about 5 s for 10^4
    patients. The landmark analysis, with one record per patient, uses the ordinary Cox
    fitter instead (:func:`landmark`).
    """
    return _cox(_records(split), time_varying=True)


def _cox(r: _Records, *, time_varying: bool) -> TDCox:
    n_events = int(r.event.sum())
    nan = float("nan")

    def result(reason: str | None, **est: float) -> TDCox:
        vals = {k: est.get(k, nan) for k in ("hr", "ci_low", "ci_high", "p", "coef", "se")}
        return TDCox(
            **vals,
            n_events=n_events,
            n_subjects=r.n_subjects,
            n_records=int(r.stop.size),
            reason=reason,
        )

    reason = _cox_reason(r)
    if reason:
        return result(reason)
    df = pd.DataFrame(
        {
            "id": r.patient,
            "start": r.start,
            "stop": r.stop,
            "event": r.event.astype(int),
            "state": r.state.astype(float),
        }
    )
    cph = _fit_cox(df, time_varying=time_varying)
    if cph is None:
        return result("fit_failed")
    coef = float(cph.params_["state"])
    se = float(cph.standard_errors_["state"])
    if not (math.isfinite(coef) and math.isfinite(se) and se > 0):
        return result("fit_failed")
    return result(
        None,
        hr=math.exp(coef),
        ci_low=math.exp(coef - _Z * se),
        ci_high=math.exp(coef + _Z * se),
        p=float(cph.summary.loc["state", "p"]),
        coef=coef,
        se=se,
    )


#: lifelines' Newton step (its default), then shorter ones: on a flat log likelihood (few
#: deaths, a state held by few patients) the full step can overshoot until exp overflows,
#: although the maximum is finite and a shorter step reaches it
_STEP_SIZES = (0.95, 0.5, 0.25)


def _fit_cox(df: pd.DataFrame, *, time_varying: bool) -> CoxTimeVaryingFitter | CoxPHFitter | None:
    """lifelines' Cox fit of ``state`` on the records ``df``, or ``None`` when it fails to
    converge at every step size of :data:`_STEP_SIZES` (a convergence warning, a singular
    matrix or an overflow in the Newton iterations; none of them escapes as a warning)."""
    for step in _STEP_SIZES:
        with warnings.catch_warnings(), np.errstate(over="raise"):
            # lifelines' pre-fit note that a binary covariate has "very low variance" among the
            # censored records (e.g. every transplanted patient died) is about the data, not
            # the fit: ignored; any other convergence warning fails this step size
            warnings.filterwarnings("error", category=ConvergenceWarning)
            warnings.filterwarnings(
                "ignore",
                message=r"Column state have very low variance",
                category=ConvergenceWarning,
            )
            options = {"step_size": step}
            try:
                if time_varying:
                    return CoxTimeVaryingFitter().fit(
                        df,
                        id_col="id",
                        event_col="event",
                        start_col="start",
                        stop_col="stop",
                        fit_options=options,
                    )
                # one record per patient from time 0: the ordinary Cox model
                return CoxPHFitter().fit(
                    df[["stop", "event", "state"]],
                    duration_col="stop",
                    event_col="event",
                    fit_options=options,
                )
            except (
                ConvergenceWarning,
                ConvergenceError,
                np.linalg.LinAlgError,
                FloatingPointError,
            ):
                continue
    return None


# ---------------------------------------------------------------------------------------------
# landmark
def landmark(
    time: ArrayLike,
    event: ArrayLike,
    tx: ArrayLike,
    *,
    at: float,
    horizons: Sequence[float] = (1.0, 2.0, 3.0),
) -> Landmark:
    """Landmark analysis: survival after ``at`` years by transplant status at ``at``.

    Parameters
    ----------
    time, event, tx
        As for :func:`split_at_transplant`.
    at
        The landmark (years from R/R diagnosis), pre-specified (see :func:`landmark_covering`).
    horizons
        Years after the landmark at which to report KM survival.

    Returns
    -------
    Landmark
        Kept: ``time > at`` (alive and under follow-up just after the landmark; a death or
        censoring exactly at ``at`` is excluded). Group "hsct": ``tx <= at`` (transplanted on
        or before the landmark); everybody else kept is "no_hsct", including those
        transplanted later (state fixed at the landmark). Time is ``time - at``.
        ``reason`` is set (and ``chi2``/``p`` NaN) when the log-rank is not estimable.
    """
    t, e, x = _validate(time, event, tx)
    at = float(at)
    kept = t > at
    early = ~kept
    hsct = kept & ~np.isnan(x) & (x <= at)
    later = kept & ~np.isnan(x) & (x > at)
    frame = pd.DataFrame(
        {"years": t[kept] - at, "event": e[kept], "group": np.where(hsct[kept], "hsct", "no_hsct")}
    )
    a = analyse(
        frame,
        key=f"landmark_{at:g}",
        time="years",
        event="event",
        group="group",
        order=("hsct", "no_hsct"),
        years=horizons,
    )
    fixed = split_at_transplant(frame["years"], frame["event"], np.where(hsct[kept], 0.0, np.nan))
    cox = _cox(_records(fixed), time_varying=False)
    events = frame.groupby("group")["event"].sum()
    if not kept.any():
        reason: str | None = "no_records"
    elif not a.sizes["hsct"]:
        reason = "no_transplants"
    elif not a.sizes["no_hsct"]:
        reason = "all_transplanted"
    elif not frame["event"].any():
        reason = "no_events"
    elif a.logrank is None or math.isnan(a.logrank.p):
        reason = "no_comparison"
    else:
        reason = None
    chi2 = p = float("nan")
    if reason is None and a.logrank is not None:
        chi2, p = a.logrank.chi2, a.logrank.p
    return Landmark(
        at=at,
        n_hsct=a.sizes["hsct"],
        n_no_hsct=a.sizes["no_hsct"],
        events_hsct=int(events.get("hsct", 0)),
        events_no_hsct=int(events.get("no_hsct", 0)),
        excluded_died=int((early & e).sum()),
        excluded_censored=int((early & ~e).sum()),
        n_tx_later=int(later.sum()),
        chi2=float(chi2),
        p=float(p),
        survival=a.landmarks,
        cox=cox,
        analysis=a,
        reason=reason,
    )


def landmark_covering(tx: ArrayLike, *, share: float = 0.9, step: float = 0.5) -> float:
    """A landmark to pre-specify: the first multiple of ``step`` years by which ``share`` of
    the transplants have happened.

    A landmark should come after most transplants (so few transplanted patients are analysed
    as untransplanted) but early (so few deaths are excluded); taking it from the transplant
    times alone, before looking at survival, keeps the choice honest. NaN without transplants.
    """
    x = np.asarray(tx, dtype=float).ravel()
    x = np.sort(x[~np.isnan(x)])
    if x.size == 0:
        return float("nan")
    k = max(math.ceil(share * x.size), 1) - 1
    return float(math.ceil(round(x[k] / step, 9)) * step)


# ---------------------------------------------------------------------------------------------
# Simon-Makuch
def simon_makuch(split: pd.DataFrame, *, ticks: Sequence[float] | None = None) -> SimonMakuch:
    """Survival curves by current transplant state (Simon & Makuch 1984).

    The product-limit estimate per state, with the risk set at t made of the records in that
    state with ``start < t <= stop``: patients join the state-1 curve when transplanted and
    leave the state-0 curve then. Not a survival probability of any real group (no patient is
    in state 1 from time 0): a picture of the hazards the Mantel-Byar test compares.

    Parameters
    ----------
    split
        Records as returned by :func:`split_at_transplant`.
    ticks
        Times for the at-risk table (default: whole years covering follow-up).

    Returns
    -------
    SimonMakuch
        See the class for the columns and the at-risk convention.
    """
    r = _records(split)
    tick_values = tuple(
        float(v) for v in (follow_up_ticks(r.stop) if ticks is None else ticks)
    )  # fmt: skip
    tk = np.asarray(tick_values, dtype=float)
    curves, marks, risk = [], [], []
    for s in (0, 1):
        m = r.state == s
        starts, stops = np.sort(r.start[m]), np.sort(r.stop[m])
        at_risk = np.searchsorted(starts, tk, side="left") - np.searchsorted(stops, tk, "left")
        at_start = np.searchsorted(starts, tk, side="right") - np.searchsorted(stops, tk, "right")
        risk.append(
            pd.DataFrame({"state": s, "time": tk, "at_risk": np.where(tk > 0, at_risk, at_start)})
        )
        if not m.any():
            continue
        ends = m & (r.event | r.last)  # deaths and censorings, not transitions
        times = np.unique(np.concatenate(([0.0], r.stop[ends])))
        n = np.searchsorted(starts, times, "left") - np.searchsorted(stops, times, "left")
        n[0] = np.searchsorted(starts, 0.0, "right") - np.searchsorted(stops, 0.0, "right")
        d = _deaths(r, s, times)
        d[0] = 0
        surv, lo, hi = product_limit(n, d)
        curves.append(
            pd.DataFrame(
                {"state": s, "time": times, "at_risk": n, "events": d, "survival": surv,
                 "ci_low": lo, "ci_high": hi}
            )
        )  # fmt: skip
        cens = np.sort(r.stop[m & r.last & ~r.event])
        idx = np.searchsorted(times, cens, side="right") - 1
        marks.append(pd.DataFrame({"state": s, "time": cens, "survival": surv[idx]}))

    def cat(parts: list[pd.DataFrame], cols: Sequence[str]) -> pd.DataFrame:
        if parts:
            return pd.concat(parts, ignore_index=True)
        return pd.DataFrame({c: pd.Series(dtype=int if c == "state" else float) for c in cols})

    return SimonMakuch(
        curves=cat(curves, ("state", "time", "at_risk", "events", "survival", "ci_low", "ci_high")),
        censor_marks=cat(marks, ("state", "time", "survival")),
        risk=pd.concat(risk, ignore_index=True),
        ticks=tick_values,
    )

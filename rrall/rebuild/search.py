"""Search synthetic survival times that reproduce every published survival number.

The paper prints, for its treated patients, the overall Kaplan-Meier (KM) survival at several
years, the survival with and without haematopoietic stem cell transplantation (HSCT) at one
time point, the log-rank P of that comparison and the KM survival after HSCT of the patients
transplanted in CR/CRp (all read from ``published.yaml`` by :mod:`rrall.rebuild.targets`).
:func:`search_survival` finds integer days (death or censoring, and HSCT) for which every one
of these numbers, recomputed with exact KM / log-rank formulas, rounds half up to the printed
value, while the clinical rules of :class:`SearchRules` hold.

How it searches
---------------
Every KM value and the log-rank statistic depend only on the *order* of the events (which
patient dies or is censored before which) and on where the marks fall in it; days only have
to realise that order. So the search builds, in seeded random steps:

1. a skeleton: the order of deaths, lost-to-follow-up censorings and transplanted survivors'
   censorings, segment by segment between the overall marks, so that the overall KM prints
   as published at every mark (each segment draws its censorings and tries every number of
   deaths with a random interleaving, depth first);
2. days for that order, each inside its segment and its kind's range, deaths front-loaded in
   the first year;
3. which deaths are transplanted patients': the transplant group's order of deaths and
   survivors must be one whose KM at its mark prints as published (all such orders are
   enumerated), subject to the day rules;
4. the log-rank: deaths are swapped between the groups inside the same gap between
   transplanted survivors, which leaves every KM value unchanged, until P prints as published;
5. HSCT days and the CR/CRp subgroup: random configurations scored at once on the subgroup's
   KM from HSCT and the post-transplant rules, one that meets them all taken.

A result is a solution only when an independent exact recomputation
(:func:`km_survival_at`, :func:`logrank_two_group`, rounding half up) meets every target
and :func:`rule_violations` finds nothing; otherwise the steps are drawn again.

What the seed decides
---------------------
Everything the paper leaves open in survival: the order of events between the marks, every
day of death and censoring, which deaths are transplanted patients', which transplanted
deaths belong to the CR/CRp subgroup and every HSCT day. Different seeds give different
solutions, each meeting the same targets and the same rules.
"""

from __future__ import annotations

import functools
import itertools
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from rrall.constants import DAYS_PER_YEAR
from rrall.fmt import round_half_up
from rrall.rebuild.proofs import (
    digits_of,
    early_km_pattern_count,
    feasibility_report,
    km_allowed,
    matches,
)
from rrall.rebuild.targets import SurvivalTargets

__all__ = [
    "SearchFailedError",
    "SearchRules",
    "SurvivalSolution",
    "km_survival_at",
    "logrank_two_group",
    "rule_violations",
    "search_survival",
]

_Y = DAYS_PER_YEAR


@dataclass(frozen=True)
class SearchRules:
    """Clinical plausibility rules for the survival days (reconstruction choices: the paper
    publishes none of them). Days count from the R/R diagnosis unless said otherwise.

    Attributes
    ----------
    hsct_day
        Day of HSCT, inclusive: reinduction, marrow assessment and a donor search put
        transplants 3 to 8 months after the R/R diagnosis.
    min_days_hsct_to_death, min_days_hsct_to_last_contact
        A transplanted patient who dies does so at least ``min_days_hsct_to_death`` days after
        the HSCT; a survivor is followed at least ``min_days_hsct_to_last_contact`` days
        after it.
    early_post_hsct_days, max_early_post_hsct_deaths
        At most this many deaths within ``early_post_hsct_days`` of HSCT (early
        transplant-related deaths happen, but not as a cluster).
    late_post_hsct_days, max_late_post_hsct_deaths
        At most this many deaths later than ``late_post_hsct_days`` after HSCT.
    hsct_death_max_day
        No transplanted patient dies after this day (the group's curve is flat at its mark).
    alive_followup
        Follow-up of the transplanted survivors, inclusive; the longest must pass the last
        overall mark (else the estimate there is not defined).
    lost_day
        Day of last contact of the untransplanted patients lost to follow-up, inclusive.
    non_hsct_death_day
        Day of death without HSCT, inclusive.
    non_hsct_death_median
        Median day of the deaths without HSCT, inclusive (steep early mortality).
    non_hsct_min_deaths_after_1y
        At least this many deaths without HSCT after 1 year.
    induction_death_max_day
        Deaths during induction (before any marrow examination) happen by this day.
    exam_min_day
        A patient whose marrow is examined after the first cycle lives at least this long.
    min_lost, max_lost
        Range of the number of untransplanted patients censored as lost to follow-up. The
        paper names loss to follow-up among the reasons for no transplant, so at least one.
    """

    hsct_day: tuple[int, int] = (90, 245)
    min_days_hsct_to_death: int = 18
    min_days_hsct_to_last_contact: int = 60
    early_post_hsct_days: int = 100
    max_early_post_hsct_deaths: int = 2
    late_post_hsct_days: int = math.floor(2 * _Y)
    max_late_post_hsct_deaths: int = 3
    hsct_death_max_day: int = math.floor(5 * _Y)
    alive_followup: tuple[int, int] = (250, 3000)
    lost_day: tuple[int, int] = (90, math.floor(3 * _Y))
    non_hsct_death_day: tuple[int, int] = (7, math.floor(54 / 12 * _Y))
    non_hsct_death_median: tuple[int, int] = (150, 300)
    non_hsct_min_deaths_after_1y: int = 3
    induction_death_max_day: int = 49
    exam_min_day: int = 30
    min_lost: int = 1
    max_lost: int = 6


@dataclass(frozen=True, eq=False)
class SurvivalSolution:
    """Result of :func:`search_survival`.

    Attributes
    ----------
    data
        One row per patient: ``idx, hsct, cr_subgroup, hsct_day, os_day, death, censor``
        (``censor``: ``"alive"``, ``"lost"`` or ``""`` for a death).
    achieved
        Recomputed statistics (floats), their printed strings (``printed``) and ``missed``
        (target name -> (published, achieved) for every published value not met).
    exact
        True when every target is met, or missed only where ``published.yaml`` records a
        contradiction and the proof allows the value reached (always True for a returned
        solution).
    feasibility_report
        Plain-text summary of the exhaustive checks and of the search.
    k_lost
        Number of untransplanted patients censored as lost to follow-up.
    iterations
        Skeletons drawn (attempts).
    """

    data: pd.DataFrame
    achieved: dict[str, object]
    exact: bool
    feasibility_report: str
    k_lost: int
    iterations: int
    seed: int
    runtime_s: float = field(default=0.0, compare=False)


# --- exact KM and log-rank (numpy, ties allowed) -----------------------------------------------
def km_survival_at(
    times: Sequence[float] | np.ndarray,
    events: Sequence[bool] | np.ndarray,
    at: Sequence[float] | np.ndarray,
) -> np.ndarray:
    """Kaplan-Meier survival S(t) evaluated at ``at`` (right-continuous step function).

    Deaths at exactly ``t`` are included in ``S(t)``; 1.0 before the first death.
    """
    t = np.asarray(times, dtype=float)
    e = np.asarray(events, dtype=bool)
    uniq = np.unique(t[e])
    at_risk = (t[None, :] >= uniq[:, None]).sum(axis=1)
    deaths = ((t[None, :] == uniq[:, None]) & e[None, :]).sum(axis=1)
    surv = np.cumprod(1.0 - deaths / at_risk)
    pos = np.searchsorted(uniq, np.asarray(at, dtype=float), side="right")
    return np.where(pos > 0, surv[np.maximum(pos - 1, 0)], 1.0)


def logrank_two_group(
    times: Sequence[float] | np.ndarray,
    events: Sequence[bool] | np.ndarray,
    group: Sequence[bool] | np.ndarray,
) -> tuple[float, float]:
    """Two-group log-rank (Mantel-Haenszel) chi-square test with 1 df: ``(chi2, p)``.

    Hypergeometric variance ``sum n1 n2 d (n - d) / (n^2 (n - 1))`` over the distinct death
    times; ``group`` True marks group 1.
    """
    t = np.asarray(times, dtype=float)
    e = np.asarray(events, dtype=bool)
    g = np.asarray(group, dtype=bool)
    uniq = np.unique(t[e])
    risk = t[None, :] >= uniq[:, None]
    dead = (t[None, :] == uniq[:, None]) & e[None, :]
    n = risk.sum(axis=1).astype(float)
    n1 = (risk & g[None, :]).sum(axis=1).astype(float)
    d = dead.sum(axis=1).astype(float)
    d1 = (dead & g[None, :]).sum(axis=1).astype(float)
    o_minus_e = float(np.sum(d1 - d * n1 / n))
    with np.errstate(invalid="ignore", divide="ignore"):
        v = np.where(n > 1, n1 * (n - n1) * d * (n - d) / (n * n * (n - 1)), 0.0)
    var = float(v.sum())
    chi2 = o_minus_e**2 / var if var > 0 else 0.0
    return chi2, float(stats.chi2.sf(chi2, 1))


# --- rules on a finished table --------------------------------------------------------------------
def rule_violations(
    data: pd.DataFrame,
    rules: SearchRules,
    *,
    n_induction: int = 0,
    n_unexamined: int | None = None,
) -> list[str]:
    """Every rule of ``rules`` that the survival table ``data`` (as in
    :class:`SurvivalSolution`) breaks, in words; empty when all hold."""
    r = rules
    out: list[str] = []
    day = data["os_day"].to_numpy(dtype=np.int64)
    dead = data["death"].to_numpy(dtype=bool)
    h = data["hsct"].to_numpy(dtype=bool)
    censor = data["censor"].to_numpy(dtype=object)
    hsct = data["hsct_day"].to_numpy(dtype=float, na_value=np.nan)

    def outside(mask: np.ndarray, bounds: tuple[int, int], what: str) -> None:
        bad = mask & ((day < bounds[0]) | (day > bounds[1]))
        if bad.any():
            out.append(f"{what} outside days {bounds[0]}-{bounds[1]}: {sorted(day[bad].tolist())}")

    if len(np.unique(day)) != len(day):
        out.append("two patients share a day of death or censoring")
    outside(h & ~dead, r.alive_followup, "transplanted survivors' follow-up")
    outside(censor == "lost", r.lost_day, "lost to follow-up")
    outside(~h & dead, r.non_hsct_death_day, "deaths without HSCT")
    outside(h & dead, (r.hsct_day[0], r.hsct_death_max_day), "deaths after HSCT")
    tx = hsct[h]
    if np.isnan(tx).any() or ((tx < r.hsct_day[0]) | (tx > r.hsct_day[1])).any():
        out.append(f"HSCT days outside {r.hsct_day[0]}-{r.hsct_day[1]}")
    followed = day[h] - np.nan_to_num(tx)
    post = followed[dead[h]]
    if (post < r.min_days_hsct_to_death).any():
        out.append(f"a death within {r.min_days_hsct_to_death} days of HSCT")
    if (followed[~dead[h]] < r.min_days_hsct_to_last_contact).any():
        out.append(
            f"a survivor followed less than {r.min_days_hsct_to_last_contact} days after HSCT"
        )
    if (post <= r.early_post_hsct_days).sum() > r.max_early_post_hsct_deaths:
        out.append(
            f"more than {r.max_early_post_hsct_deaths} deaths within "
            f"{r.early_post_hsct_days} days of HSCT"
        )
    if (post > r.late_post_hsct_days).sum() > r.max_late_post_hsct_deaths:
        out.append(
            f"more than {r.max_late_post_hsct_deaths} deaths later than "
            f"{r.late_post_hsct_days} days after HSCT"
        )
    nd = np.sort(day[~h & dead])
    if nd.size:
        med = float(np.median(nd))
        lo, hi = r.non_hsct_death_median
        if not lo <= med <= hi:
            out.append(f"median day of death without HSCT {med:g} outside {lo}-{hi}")
        if (nd > _Y).sum() < r.non_hsct_min_deaths_after_1y:
            out.append(
                f"fewer than {r.non_hsct_min_deaths_after_1y} deaths without HSCT after 1 year"
            )
        if (nd <= r.induction_death_max_day).sum() < n_induction:
            out.append(f"fewer than {n_induction} deaths by day {r.induction_death_max_day}")
        if n_unexamined is not None and (nd < r.exam_min_day).sum() > n_unexamined:
            out.append(f"more than {n_unexamined} deaths before day {r.exam_min_day}")
        lost = day[censor == "lost"]
        if lost.size and lost.max() >= nd[-1]:
            out.append("a lost patient is followed beyond the last death without HSCT")
    alive_h = day[h & ~dead]
    if alive_h.size and alive_h.max() <= r.alive_followup[0]:
        out.append("no transplanted survivor is followed beyond the minimum")
    return out


# --- the problem ----------------------------------------------------------------------------------
ALIVE, HDEATH, LOST, DEATH = 0, 1, 2, 3  # roles of patients


def _interval(printed: str) -> tuple[float, float, float]:
    """``(lo, hi, step)`` in percent: values in ``[lo, hi)`` round half up to ``printed``."""
    step = 10.0 ** -digits_of(printed)
    return float(printed) - step / 2, float(printed) + step / 2, step


def _inside(value: float, options: Sequence[tuple[float, float, float]]) -> bool:
    return any(lo <= value < hi for lo, hi, _ in options)


@dataclass(frozen=True)
class _Segment:
    """Days ``lo..hi`` up to an overall mark; ``options``: the KM intervals allowed at the
    mark (none for the segment after the last mark); which kinds of event it may hold."""

    lo: int
    hi: int
    options: tuple[tuple[float, float, float], ...]
    deaths: bool
    lost: bool
    alive: bool


@dataclass(frozen=True)
class _Problem:
    targets: SurvivalTargets
    rules: SearchRules
    k: int
    n: int
    n_h: int
    n_alive: int
    n_deaths: int
    segments: tuple[_Segment, ...]
    patterns: tuple[tuple[int, ...], ...]
    chi2_lo: float
    chi2_hi: float
    n_induction: int
    n_unexamined: int
    sub_mark: float
    sub_target: tuple[float, float, float]
    n_sub_deaths: int


@functools.lru_cache(maxsize=8)
def _hsct_patterns(targets: SurvivalTargets) -> tuple[tuple[int, ...], ...]:
    """Deaths before, between and after the survivors of the transplant group, for every order
    of its deaths and survivors whose KM at its mark prints as published (every death of the
    group precedes its mark, so the whole order counts)."""
    n, n_alive = targets.n_hsct, targets.n_hsct_alive
    out = []
    for cpos in itertools.combinations(range(n), n_alive):
        s, at_risk, gaps, g = 1.0, n, [], 0
        cset = set(cpos)
        for i in range(n):
            if i in cset:
                gaps.append(g)
                g = 0
            else:
                s *= 1.0 - 1.0 / at_risk
                g += 1
            at_risk -= 1
        gaps.append(g)
        if matches(100 * s, targets.hsct_pct[1]):
            out.append(tuple(gaps))
    return tuple(out)


def _make_problem(
    targets: SurvivalTargets,
    rules: SearchRules,
    k: int,
    allowed: list[tuple[str, ...]],
    *,
    n_induction: int,
    n_unexamined: int,
) -> _Problem:
    r = rules
    if r.hsct_death_max_day >= targets.hsct_pct[0] * _Y:
        raise ValueError("the rules let transplanted patients die after the group's mark")
    marks = [y * _Y for y, _ in targets.os_pct]
    last_death = max(r.hsct_death_max_day, r.non_hsct_death_day[1])
    segs = []
    prev = 0.0
    for j, mark in enumerate([*marks, float(r.alive_followup[1])]):
        lo, hi = math.floor(prev) + 1, math.floor(mark)
        opts = tuple(_interval(s) for s in allowed[j]) if j < len(marks) else ()
        segs.append(
            _Segment(
                lo=lo,
                hi=hi,
                options=opts,
                deaths=bool(opts) and lo <= last_death,
                lost=lo <= r.lost_day[1] and hi >= r.lost_day[0],
                alive=lo <= r.alive_followup[1] and hi >= r.alive_followup[0],
            )
        )
        prev = mark
    p = float(targets.logrank_p)
    half = 0.5 * 10.0 ** -digits_of(targets.logrank_p)
    n = targets.n_total
    return _Problem(
        targets=targets,
        rules=rules,
        k=k,
        n=n,
        n_h=targets.n_hsct,
        n_alive=targets.n_hsct_alive,
        n_deaths=n - k - targets.n_hsct_alive,
        segments=tuple(segs),
        patterns=_hsct_patterns(targets),
        chi2_lo=float(stats.chi2.isf(p + half, 1)),
        chi2_hi=float(stats.chi2.isf(p - half, 1)),
        n_induction=n_induction,
        n_unexamined=n_unexamined,
        sub_mark=targets.sub_pct[0] * _Y,
        sub_target=_interval(targets.sub_pct[1]),
        n_sub_deaths=targets.n_hsct_cr_subgroup - targets.n_hsct_alive,
    )


# --- step 1: the order of deaths and censorings between the marks ---------------------------------
_SKELETON_BUDGET = 40  # segment draws per skeleton attempt
_PLACEMENTS = 60  # random interleavings tried per number of deaths in a segment
#: the first 35% of the first segment's events are untransplanted deaths: transplanted patients
#: die after their transplant and lost patients are followed for months
_LATE_START = 0.35
#: ... and transplanted survivors censored within the first year are in its last fifth
_SURVIVOR_TAIL = 0.2


def _slots(
    hp: np.ndarray, head: int, m: int, first_segment: bool, b: int, rng: np.random.Generator
) -> np.ndarray:
    """``b`` random increasing slots in ``head..m-1`` for the transplant group's events ``hp``.

    In the first segment its survivors take the last ``_SURVIVOR_TAIL`` of the slots (they
    are censored late in the first year: the earliest survivor's follow-up bounds every later
    event of the segment from below)."""
    t = hp.size
    alive = np.flatnonzero(hp == ALIVE)
    if first_segment and alive.size:
        i0 = int(alive[0])
        thr = max(head + i0, m - max(math.ceil(_SURVIVOR_TAIL * m), t - i0))
        pre = head + np.argsort(rng.random((b, thr - head)), axis=1)[:, :i0]
        post = thr + np.argsort(rng.random((b, m - thr)), axis=1)[:, : t - i0]
        return np.concatenate([np.sort(pre, axis=1), np.sort(post, axis=1)], axis=1)
    return head + np.sort(np.argsort(rng.random((b, m - head)), axis=1)[:, :t], axis=1)


def _segment_hits(
    at_risk: int,
    s: float,
    hpart: list[int],
    n_range: list[int],
    n_lost: int,
    options: Sequence[tuple[float, float, float]],
    late_start: float,
    rng: np.random.Generator,
) -> list[tuple[np.ndarray, float]]:
    """Interleavings of the transplant group's next events ``hpart`` (kept in order) with
    ``n`` deaths and ``n_lost`` lost patients of the other group, for each ``n`` in
    ``n_range``, whose KM at the segment's end meets the mark: ``(roles, KM)``.

    A number of deaths is tried only if the mark lies between the KM with every death first
    and with every censoring first; then random interleavings are scored at once (the
    KM at the end is ``s * exp(sum of log(1 - 1/r) over the death slots)``).
    """
    lo = np.array([o[0] for o in options])
    hi = np.array([o[1] for o in options])
    hits: list[tuple[np.ndarray, float]] = []
    t = len(hpart)
    hp = np.asarray(hpart, dtype=np.int64)
    n_cens = int((hp == ALIVE).sum()) + n_lost
    ns = np.asarray(n_range, dtype=np.int64)
    if ns.size == 0:
        return hits
    top = t + int(ns.max()) + n_lost
    w_all = np.log1p(-1.0 / (at_risk - np.arange(top)))
    cw = np.concatenate([[0.0], np.cumsum(w_all)])  # cw[j]: sum of the first j terms
    m_all = t + ns + n_lost
    d_all = m_all - n_cens
    high = 100.0 * s * np.exp(cw[d_all])  # deaths first: the most at risk
    low = 100.0 * s * np.exp(cw[m_all] - cw[n_cens])  # censorings first
    reach = ((high[:, None] >= lo[None, :]) & (low[:, None] < hi[None, :])).any(axis=1)
    for n_d in ns[reach].tolist():
        m = t + n_d + n_lost
        w = w_all[:m]
        b = _PLACEMENTS if m > 1 else 1
        head = min(math.ceil(late_start * m), n_d)  # leading deaths of the other group
        roles = np.full((b, m), -1, dtype=np.int64)
        roles[:, :head] = DEATH
        rows = np.arange(b)[:, None]
        if t:
            roles[rows, _slots(hp, head, m, late_start > 0, b, rng)] = hp[None, :]
        other = np.array([DEATH] * (n_d - head) + [LOST] * n_lost, dtype=np.int64)
        if other.size:
            perm = np.argsort(rng.random((b, other.size)), axis=1)
            roles[roles == -1] = other[perm].ravel()
        dead = (roles == HDEATH) | (roles == DEATH)
        km = 100.0 * s * np.exp((w[None, :] * dead).sum(axis=1))
        ok = ((km[:, None] >= lo[None, :]) & (km[:, None] < hi[None, :])).any(axis=1)
        for q in np.flatnonzero(ok).tolist():
            hits.append((roles[q], float(km[q]) / 100.0))
    return hits


def _skeleton(prob: _Problem, rng: np.random.Generator) -> list[np.ndarray] | None:
    """Roles of the events of each segment in time order.

    The transplant group's order of deaths and survivors is drawn from the orders whose KM at
    its mark prints as published; segment by segment, a number of its next events and of lost
    patients is drawn and every number of untransplanted deaths is tried with random
    interleavings; one that makes the overall KM print as allowed at the mark is kept (depth
    first, two draws per segment, a fixed budget)."""
    segs = prob.segments
    pattern = prob.patterns[int(rng.integers(len(prob.patterns)))]
    hseq: list[int] = []
    for i, g in enumerate(pattern):
        hseq += [HDEATH] * g + ([ALIVE] if i < prob.n_alive else [])
    n_nd = prob.n - prob.n_h - prob.k
    budget = [_SKELETON_BUDGET]

    def rec(
        j: int, at_risk: int, s: float, h_at: int, left: tuple[int, int]
    ) -> list[np.ndarray] | None:
        left_n, left_l = left
        seg = segs[j]
        rest_h = hseq[h_at:]
        if not seg.options:  # after the last mark: the remaining survivors only
            ok = left_n == 0 and left_l == 0 and rest_h and all(x == ALIVE for x in rest_h)
            return [np.asarray(rest_h, dtype=np.int64)] if ok else None
        later_deaths = any(sg.deaths for sg in segs[j + 1 :])
        later_lost = any(sg.lost for sg in segs[j + 1 :])
        # how far the transplant group's sequence may go in this segment
        top = 0
        while top < len(rest_h) - 1:  # keep at least one survivor for the last segment
            x = rest_h[top]
            if (x == ALIVE and not seg.alive) or (x == HDEATH and not seg.deaths):
                break
            top += 1
        for _ in range(2):
            if budget[0] <= 0:
                return None
            budget[0] -= 1
            t = int(rng.integers(0, top + 1))
            if not later_deaths and HDEATH in rest_h[t:]:
                t = max(i + 1 for i, x in enumerate(rest_h) if x == HDEATH)
                if t > top:
                    return None
            n_l = 0
            if seg.lost:
                n_l = left_l if not later_lost else int(rng.integers(0, left_l + 1))
            if not seg.deaths:
                n_range = [0]
            elif not later_deaths:
                n_range = [left_n]
            else:
                n_range = list(range(left_n + 1))
            late = _LATE_START if j == 0 else 0.0
            hits = _segment_hits(at_risk, s, rest_h[:t], n_range, n_l, seg.options, late, rng)
            for pick in rng.permutation(len(hits))[:3].tolist():
                roles, s2 = hits[pick]
                n_d = int((roles == DEATH).sum())
                left2 = (left_n - n_d, left_l - n_l)
                rest = rec(j + 1, at_risk - roles.size, s2, h_at + t, left2)
                if rest is not None:
                    return [roles, *rest]
        return None

    return rec(0, prob.n, 1.0, 0, (n_nd, prob.k))


# --- step 2: days ---------------------------------------------------------------------------------
def _bounds(prob: _Problem) -> tuple[np.ndarray, np.ndarray]:
    """First and last day allowed for each role (ALIVE, HDEATH, LOST, DEATH)."""
    r = prob.rules
    lo = np.array(
        [
            r.alive_followup[0],
            r.hsct_day[0] + r.min_days_hsct_to_death,
            r.lost_day[0],
            r.non_hsct_death_day[0],
        ]
    )
    hi = np.array(
        [r.alive_followup[1], r.hsct_death_max_day, r.lost_day[1], r.non_hsct_death_day[1]]
    )
    return lo, hi


def _days(prob: _Problem, parts: list[np.ndarray], rng: np.random.Generator) -> np.ndarray | None:
    """Distinct increasing days for the skeleton, each event inside its segment and its role's
    range.

    Days are drawn in time order as order statistics: an event with ``r`` events left in its
    segment takes the first of ``r`` uniform draws over what is left of its range, so days
    spread over the segment without piling up at a bound. In the first segment the draws are
    uniform on an exponential time scale (a random scale of 90 to 200 days): early deaths
    are more frequent.
    """
    role = np.concatenate(parts)
    lo_r, hi_r = _bounds(prob)
    segs = prob.segments
    seg = np.concatenate([np.full(len(p), j) for j, p in enumerate(parts)])
    lo = np.maximum(lo_r[role], np.array([s.lo for s in segs])[seg])
    hi = np.minimum(hi_r[role], np.array([s.hi for s in segs])[seg])
    # latest day each event can take with room for the distinct days after it
    last = hi.copy()
    for i in range(prob.n - 2, -1, -1):
        last[i] = min(last[i], last[i + 1] - 1)
    left = np.concatenate([np.arange(len(p), 0, -1) for p in parts])
    tau = rng.uniform(90.0, 200.0)
    draws = rng.random(prob.n)
    days = np.empty(prob.n, dtype=np.int64)
    prev = 0
    for i in range(prob.n):
        a, b = max(int(lo[i]), prev + 1), int(last[i])
        if a > b:
            return None
        v = 1.0 - draws[i] ** (1.0 / left[i])  # the first of left[i] uniform draws
        if seg[i] == 0:  # uniform on the scale F(d) = 1 - exp(-d / tau)
            fa, fb = -math.expm1(-a / tau), -math.expm1(-(b + 1) / tau)
            d = int(-tau * math.log1p(-(fa + v * (fb - fa))))
        else:
            d = int(a + v * (b + 1 - a))
        days[i] = prev = min(max(d, a), b)
    return days


# --- step 3: the day rules that depend on the groups --------------------------------------------
def _label_ok(prob: _Problem, days: np.ndarray, role: np.ndarray) -> bool:
    """The rules on days that depend on who is in which group (the rest hold by
    construction)."""
    r = prob.rules
    nd = np.sort(days[role == DEATH])
    m = nd.size
    med = (nd[(m - 1) // 2] + nd[m // 2]) / 2.0
    if not r.non_hsct_death_median[0] <= med <= r.non_hsct_death_median[1]:
        return False
    if (nd > _Y).sum() < r.non_hsct_min_deaths_after_1y:
        return False
    if (nd <= r.induction_death_max_day).sum() < prob.n_induction:
        return False
    if (nd < r.exam_min_day).sum() > prob.n_unexamined:
        return False
    lost = days[role == LOST]
    if lost.size and lost.max() >= nd[-1]:
        return False
    hd = days[role == HDEATH]
    if (hd <= r.hsct_day[0] + r.early_post_hsct_days).sum() > r.max_early_post_hsct_deaths:
        return False
    return bool((hd > r.hsct_day[1] + r.late_post_hsct_days).sum() <= r.max_late_post_hsct_deaths)


# --- step 4: the log-rank -------------------------------------------------------------------------
def _chi2_rows(prob: _Problem, hsct: np.ndarray, dead: np.ndarray) -> np.ndarray:
    """Log-rank chi-square of each row (events in time order, no ties)."""
    n_h_at = prob.n_h - np.cumsum(hsct, axis=-1) + hsct
    e = n_h_at / (prob.n - np.arange(prob.n))
    ome = (dead & hsct).sum(axis=-1) - (dead * e).sum(axis=-1)
    var = (dead * e * (1.0 - e)).sum(axis=-1)
    return np.where(var > 0, ome * ome / np.where(var > 0, var, 1.0), 0.0)


_TUNE_STEPS = 60


def _tune_logrank(
    prob: _Problem, days: np.ndarray, role: np.ndarray, rng: np.random.Generator
) -> np.ndarray | None:
    """Swap deaths between the groups inside the same gap between transplanted survivors
    (every KM value stays as it is) until the log-rank P prints as published.

    Each step scores every allowed swap at once and takes a random one among those that land
    in the target window, else among the five closest that bring it nearer; it stops when
    none does."""
    lo, hi = _bounds(prob)
    may_h = (days >= lo[HDEATH]) & (days <= hi[HDEATH])
    may_n = (days >= lo[DEATH]) & (days <= hi[DEATH])
    gap = np.searchsorted(np.flatnonzero(role == ALIVE), np.arange(prob.n))
    dead = np.isin(role, (HDEATH, DEATH))
    centre = (prob.chi2_lo + prob.chi2_hi) / 2
    hs = np.isin(role, (ALIVE, HDEATH))
    off = abs(float(_chi2_rows(prob, hs, dead)) - centre)
    for _ in range(_TUNE_STEPS):
        if off <= (prob.chi2_hi - prob.chi2_lo) / 2:
            return role
        h_idx = np.flatnonzero((role == HDEATH) & may_n)
        n_idx = np.flatnonzero((role == DEATH) & may_h)
        ia, ib = np.nonzero(gap[h_idx][:, None] == gap[n_idx][None, :])
        if ia.size == 0:
            return None
        pa = np.stack([h_idx[ia], n_idx[ib]], axis=1)
        hb = np.repeat(hs[None, :], len(pa), axis=0)
        rows = np.arange(len(pa))
        hb[rows, pa[:, 0]] = False
        hb[rows, pa[:, 1]] = True
        dist = np.abs(_chi2_rows(prob, hb, dead) - centre)
        inside = np.flatnonzero(dist <= (prob.chi2_hi - prob.chi2_lo) / 2)
        better = np.flatnonzero(dist < off)
        order = inside if inside.size else better[np.argsort(dist[better])][:5]
        for q in rng.permutation(order).tolist():
            trial = role.copy()
            trial[pa[q, 0]], trial[pa[q, 1]] = DEATH, HDEATH
            if _label_ok(prob, days, trial):
                role, hs, off = trial, hb[q], float(dist[q])
                break
        else:  # no allowed swap brings it closer
            return None
    return None


# --- step 5: HSCT days and the CR/CRp subgroup ----------------------------------------------------
_SUB_DRAWS = 2048  # random configurations of HSCT days and subgroup scored per try


def _dist(v: np.ndarray, target: tuple[float, float, float]) -> np.ndarray:
    """Distance (in rounding steps) of each value outside the target interval."""
    lo, hi, step = target
    d = np.maximum(np.maximum(lo - v, v - hi), 0.0) / step
    return np.where((d == 0.0) & ~((v >= lo) & (v < hi)), 1e-3, d)


def _cost_sub(
    prob: _Problem, os_h: np.ndarray, dead: np.ndarray, hb: np.ndarray, sb: np.ndarray
) -> np.ndarray:
    """Subgroup KM from HSCT and the post-transplant rules, for each row of ``hb``/``sb``."""
    r = prob.rules
    rows = np.arange(hb.shape[0])
    rel = os_h[None, :] - hb
    big = 1 << 40
    key = np.where(sb, rel * 2 + (~dead), big)  # deaths before censorings at equal times
    order = np.argsort(key, axis=1)
    sk = np.take_along_axis(key, order, axis=1)
    dd = dead[order] & (sk < big)
    n_sub = sb.sum(axis=1, keepdims=True)
    n_at = np.maximum(n_sub - np.arange(os_h.size)[None, :], 1)
    cum = np.cumprod(np.where(dd, 1.0 - 1.0 / n_at, 1.0), axis=1)
    cnt = (sk < 2 * prob.sub_mark).sum(axis=1)
    s = np.where(cnt > 0, cum[rows, np.maximum(cnt - 1, 0)], 1.0)
    cost = _dist(100.0 * s, prob.sub_target)
    late = (dead & (rel > r.late_post_hsct_days)).sum(axis=1)
    cost += np.maximum(late - r.max_late_post_hsct_deaths, 0) * 2.0
    early = (dead & (rel <= r.early_post_hsct_days)).sum(axis=1)
    cost += np.maximum(early - r.max_early_post_hsct_deaths, 0) * 2.0
    return cost


def _solve_subgroup(
    prob: _Problem, os_h: np.ndarray, dead: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray] | None:
    """HSCT days and subgroup membership of the transplanted patients (in time order).

    ``_SUB_DRAWS`` random configurations (HSCT days uniform in the allowed range, the
    subgroup's deaths a random subset) are scored at once; a random one of cost 0 is
    returned, ``None`` when there is none."""
    r = prob.rules
    n_h = os_h.size
    gap = np.where(dead, r.min_days_hsct_to_death, r.min_days_hsct_to_last_contact)
    hi = np.minimum(r.hsct_day[1], os_h - gap)
    lo = np.full(n_h, r.hsct_day[0])
    if (hi < lo).any():
        return None
    b = _SUB_DRAWS
    hb = rng.integers(lo, hi + 1, size=(b, n_h))
    deaths = np.flatnonzero(dead)
    sb = np.repeat((~dead)[None, :], b, axis=0)
    pick = np.argsort(rng.random((b, deaths.size)), axis=1)[:, : prob.n_sub_deaths]
    sb[np.arange(b)[:, None], deaths[pick]] = True
    ok = np.flatnonzero(_cost_sub(prob, os_h, dead, hb, sb) == 0.0)
    if ok.size == 0:
        return None
    q = int(ok[int(rng.integers(ok.size))])
    return hb[q], sb[q]


# --- result assembly -----------------------------------------------------------------------------
def _frame(role: np.ndarray, days: np.ndarray, hsct: np.ndarray, sub: np.ndarray) -> pd.DataFrame:
    """The solution table from per-event roles and days and per-transplant HSCT days and
    subgroup membership (transplanted patients in time order)."""
    is_h = np.isin(role, (ALIVE, HDEATH))
    hsct_day = np.zeros(role.size, dtype=np.int64)
    in_sub = np.zeros(role.size, dtype=bool)
    hsct_day[is_h] = hsct
    in_sub[is_h] = sub
    df = pd.DataFrame(
        {
            "hsct": is_h,
            "cr_subgroup": in_sub,
            "hsct_day": pd.array(np.where(is_h, hsct_day, 0), dtype="Int64"),
            "os_day": days.astype(np.int64),
            "death": np.isin(role, (HDEATH, DEATH)),
            "censor": np.select([role == ALIVE, role == LOST], ["alive", "lost"], "").astype(
                object
            ),
        }
    )
    df.loc[~is_h, "hsct_day"] = pd.NA
    df = df.sort_values(["hsct", "os_day"], ascending=[False, True], kind="mergesort")
    df = df.reset_index(drop=True)
    df.insert(0, "idx", np.arange(len(df), dtype=np.int64))
    return df


def _achieved(
    df: pd.DataFrame, targets: SurvivalTargets, allowed: list[tuple[str, ...]]
) -> tuple[dict[str, object], bool]:
    """Exact recomputation of every survival target; ``exact`` as in :class:`SurvivalSolution`."""
    t = df["os_day"].to_numpy(dtype=float)
    e = df["death"].to_numpy(dtype=bool)
    h = df["hsct"].to_numpy(dtype=bool)
    years = [y for y, _ in targets.os_pct]
    km = km_survival_at(t, e, [y * _Y for y in years])
    out: dict[str, object] = {f"os_{y}y": 100 * float(v) for y, v in zip(years, km, strict=True)}
    hy, ny, sy = targets.hsct_pct[0], targets.no_hsct_pct[0], targets.sub_pct[0]
    out[f"hsct_{hy}y"] = 100 * float(km_survival_at(t[h], e[h], [hy * _Y])[0])
    out[f"no_hsct_{ny}y"] = 100 * float(km_survival_at(t[~h], e[~h], [ny * _Y])[0])
    chi2, p = logrank_two_group(t, e, h)
    out["logrank_chi2"] = chi2
    out["logrank_p"] = p
    s = df["cr_subgroup"].to_numpy(dtype=bool)
    rel = t[s] - df.loc[s, "hsct_day"].to_numpy(dtype=float)
    out[f"sub_{sy}y_from_hsct"] = 100 * float(km_survival_at(rel, e[s], [sy * _Y])[0])
    want: dict[str, tuple[str, tuple[str, ...]]] = {
        f"os_{y}y": (p_, ok) for (y, p_), ok in zip(targets.os_pct, allowed, strict=True)
    }
    want[f"hsct_{hy}y"] = (targets.hsct_pct[1], (targets.hsct_pct[1],))
    want[f"no_hsct_{ny}y"] = (targets.no_hsct_pct[1], (targets.no_hsct_pct[1],))
    want["logrank_p"] = (targets.logrank_p, (targets.logrank_p,))
    want[f"sub_{sy}y_from_hsct"] = (targets.sub_pct[1], (targets.sub_pct[1],))
    printed: dict[str, str] = {}
    missed: dict[str, tuple[str, str]] = {}
    exact = True
    for key, (target, ok) in want.items():
        digits = digits_of(target)
        got = f"{round_half_up(float(out[key]), digits):.{digits}f}"  # type: ignore[arg-type]
        printed[key] = got
        if got != target:
            missed[key] = (target, got)
        exact &= got in ok
    last_alive = t[(~e) & h].max(initial=0.0)
    exact &= bool(last_alive > max(years) * _Y)  # the estimates at the last mark are defined
    out["printed"] = printed
    out["missed"] = missed
    return out, exact


class SearchFailedError(RuntimeError):
    """No solution within the search's budget (names the seed)."""


_ATTEMPTS = 4000  # skeletons drawn before the search gives up
_RETRIES = 3  # day draws per skeleton


def _attempt(
    prob: _Problem, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """One skeleton, and a few day draws, log-rank tunings and subgroup searches on it."""
    parts = _skeleton(prob, rng)
    if parts is None:
        return None
    role0 = np.concatenate(parts)
    for _ in range(_RETRIES):
        days = _days(prob, parts, rng)
        if days is None or not _label_ok(prob, days, role0):
            continue
        role = _tune_logrank(prob, days, role0, rng)
        if role is None:
            continue
        is_h = np.isin(role, (ALIVE, HDEATH))
        found = _solve_subgroup(prob, days[is_h], role[is_h] == HDEATH, rng)
        if found is not None:
            return role, days, found[0], found[1]
    return None


def search_survival(
    targets: SurvivalTargets,
    *,
    seed: int,
    rules: SearchRules | None = None,
    n_induction: int = 0,
    n_unexamined: int | None = None,
    max_attempts: int = _ATTEMPTS,
    progress: Callable[[str], None] | None = None,
) -> SurvivalSolution:
    """Find survival days for the cohort that reproduce every published survival number.

    Each attempt draws its number ``k`` of lost-to-follow-up censorings uniformly from
    ``rules.min_lost`` (at least the proven lower bound) to ``rules.max_lost`` and one
    skeleton (see the module docstring); the first exact solution is returned. A count that
    reproduces the paper more easily therefore turns up more often; none is preferred.

    Parameters
    ----------
    targets
        Published survival numbers (:func:`rrall.rebuild.targets.load_targets`).
    seed
        Seed of the generator; the same seed gives the same result.
    rules
        Clinical rules (default :class:`SearchRules`).
    n_induction
        Deaths without HSCT that must fall by ``rules.induction_death_max_day``.
    n_unexamined
        Most deaths without HSCT allowed before ``rules.exam_min_day`` (the patients whose
        marrow was not examined); default: no limit.
    max_attempts
        Skeletons drawn before giving up.
    progress
        Optional callback receiving one-line status messages.

    Raises
    ------
    SearchFailedError
        When no attempt gives a solution.
    """
    start = time.perf_counter()
    rules = rules or SearchRules()
    say = progress or (lambda _msg: None)
    min_alive = rules.alive_followup[0]
    report = list(feasibility_report(targets, min_alive_followup_days=min_alive))
    allowed, notes = km_allowed(targets)
    report.extend(notes)
    k_proof = next(
        (
            k
            for k in range(0, rules.max_lost + 1)
            if early_km_pattern_count(targets, k=k, min_alive_followup_days=min_alive)
        ),
        rules.max_lost + 1,
    )
    k_lo = max(k_proof, rules.min_lost)
    if k_lo > rules.max_lost:
        raise SearchFailedError(
            f"the rules allow at most {rules.max_lost} lost censorings, the proof needs {k_proof}"
        )
    say(f"lost censorings drawn from {k_lo}..{rules.max_lost} (proof: k >= {k_proof})")
    n_unex = targets.n_no_hsct if n_unexamined is None else n_unexamined
    problems = {
        k: _make_problem(targets, rules, k, allowed, n_induction=n_induction, n_unexamined=n_unex)
        for k in range(k_lo, rules.max_lost + 1)
    }
    rng = np.random.default_rng(seed)
    for attempt in range(1, max_attempts + 1):
        k = int(rng.integers(k_lo, rules.max_lost + 1))
        found = _attempt(problems[k], rng)
        if found is None:
            continue
        df = _frame(*found)
        achieved, exact = _achieved(df, targets, allowed)
        broken = rule_violations(df, rules, n_induction=n_induction, n_unexamined=n_unex)
        if not exact or broken:  # pragma: no cover - the steps guarantee both
            say(f"attempt {attempt} (k={k}): rejected ({achieved['missed']}, {broken})")
            continue
        say(f"solution at attempt {attempt} with k={k}")
        report.append(
            f"Search: {attempt} skeleton(s) drawn, each with a number of lost censorings drawn "
            f"from {k_lo}..{rules.max_lost}; solution with k={k}; every target met or allowed: "
            f"{exact}"
        )
        if achieved["missed"]:
            report.append(f"Published values not reached: {achieved['missed']}")
        return SurvivalSolution(
            data=df,
            achieved=achieved,
            exact=exact,
            feasibility_report="\n".join(report),
            k_lost=k,
            iterations=attempt,
            seed=seed,
            runtime_s=time.perf_counter() - start,
        )
    raise SearchFailedError(
        f"survival search with seed {seed} found no solution in {max_attempts} attempts"
    )

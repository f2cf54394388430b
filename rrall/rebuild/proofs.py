"""Exhaustive feasibility arguments about the published survival numbers.

Each function decides a question about *every* Kaplan-Meier (KM) curve of the published
cohort, not about one candidate: a ``False`` / zero answer is a proof (values within a small
tolerance of a rounding boundary are counted as feasible, so a float artefact can never
prove infeasibility). The survival search (:mod:`rrall.rebuild.search`) uses them to know
what to aim at; :func:`feasibility_report` states them in plain text for
``reconstruction.yaml``.

* Without early censorings the overall KM at the first mark is ``m/N`` and may never print as
  published (:func:`early_km_pattern_count` counts how many early censorings are needed).
* Two printed overall values may be jointly impossible for any N-patient curve
  (:func:`km_pair_feasible`); :func:`km_allowed` then accepts the nearest printable values.
* Survivors all followed beyond a late mark contradict a low value at an earlier mark
  (:func:`alive_followup_bound_ok`).
* The transplant group's value at its mark needs a number of its deaths after the first
  censored survivor (:func:`min_late_hsct_deaths`).

Every target comes from :class:`rrall.rebuild.targets.SurvivalTargets` (``published.yaml``).
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np

from rrall.constants import DAYS_PER_YEAR
from rrall.fmt import round_half_up
from rrall.rebuild.targets import SurvivalTargets

__all__ = [
    "STRICT_ALIVE_FOLLOWUP_DAYS",
    "alive_followup_bound_ok",
    "digits_of",
    "early_km_pattern_count",
    "feasibility_report",
    "km_allowed",
    "km_pair_feasible",
    "matches",
    "min_late_hsct_deaths",
]

#: A frame in which every transplanted survivor is followed for more than three years (the
#: project's first brief); :func:`feasibility_report` shows it cannot hold.
STRICT_ALIVE_FOLLOWUP_DAYS = 1250

#: above this many patients at risk :func:`km_pair_feasible` does not enumerate (2^m subsets)
_MAX_AT_RISK = 24


def digits_of(printed: str) -> int:
    """Decimal places of a printed number (``"12.5"`` -> 1, ``"0"`` -> 0)."""
    return len(printed.split(".")[1]) if "." in printed else 0


def matches(value: float, printed: str) -> bool:
    """Whether ``value`` rounds half up to ``printed`` at its number of decimals."""
    digits = digits_of(printed)
    return round_half_up(value, digits) == float(printed)


def _half(printed: str) -> float:
    return 0.5 * 10.0 ** -digits_of(printed)


def early_km_pattern_count(
    targets: SurvivalTargets, *, k: int, min_alive_followup_days: int
) -> int:
    """Patterns of ``k`` early censorings meeting the overall targets before the survivors.

    Only the overall marks earlier than ``min_alive_followup_days`` are used: before it the only
    possible censorings are the ``k`` lost-to-follow-up patients (transplanted survivors are
    censored later). ``S(t)`` then depends only on how many deaths precede each censoring
    (``p_1 <= ... <= p_k``) and on the number of deaths ``j`` up to ``t``:
    ``S = prod_{i <= j} (1 - 1 / r_i)`` with ``r_i = n - (i - 1) - #{p <= i - 1}``. All patterns
    with ``p`` in ``0..D`` (``D = n - n_alive - k`` deaths at most) are enumerated.

    Returns
    -------
    int
        Number of patterns ``(p_1..p_k)`` for which every early target is met by some ``j``;
        0 proves that ``k`` early censorings are too few.
    """
    n = targets.n_total
    early = [(y, s) for y, s in targets.os_pct if y * DAYS_PER_YEAR < min_alive_followup_days]
    d_max = n - targets.n_hsct_alive - k
    combos = (
        np.array(
            list(itertools.combinations_with_replacement(range(d_max + 1), k)), dtype=int
        ).reshape(-1, k)
        if k
        else np.zeros((1, 0), dtype=int)
    )
    i = np.arange(1, d_max + 1)
    censored_before = (combos[:, :, None] <= (i - 1)[None, None, :]).sum(axis=1)
    at_risk = n - (i - 1)[None, :] - censored_before
    surv = np.concatenate(
        [np.ones((len(combos), 1)), np.cumprod(1.0 - 1.0 / at_risk, axis=1)], axis=1
    )
    ok = np.ones(len(combos), dtype=bool)
    for _, s in early:
        lo = float(s) - _half(s) - 1e-9
        hi = float(s) + _half(s) + 1e-9
        ok &= ((100 * surv >= lo) & (100 * surv <= hi)).any(axis=1)
    return int(ok.sum())


def km_pair_feasible(n: int, earlier: str, later: str, *, max_at_risk: int = _MAX_AT_RISK) -> bool:
    """Can a KM curve of ``n`` patients print ``earlier`` at one time and ``later`` at a later one?

    Since censored mass moves to the right, ``S(a) >= Y(a) / n`` with ``Y(a)`` the number still
    at risk after ``a``; so ``Y(a) <= floor(n * hi_a)``. Between the two times
    ``S(b) / S(a) = prod (1 - 1/m)`` over the (distinct) at-risk counts ``m <= Y(a)`` at the
    deaths, whatever the censorings. All subsets of ``{2..Y(a)}`` are enumerated (1.0 = no
    death included). ``False`` is a proof. When ``Y(a)`` exceeds ``max_at_risk`` the check is
    skipped and ``True`` is returned.
    """
    lo_a = (float(earlier) - _half(earlier)) / 100
    hi_a = (float(earlier) + _half(earlier)) / 100
    lo_b = (float(later) - _half(later)) / 100
    hi_b = (float(later) + _half(later)) / 100
    y_max = math.floor(n * hi_a + 1e-12)
    if y_max > max_at_risk:
        return True
    ms = list(range(2, y_max + 1))
    for r in range(len(ms) + 1):
        for subset in itertools.combinations(ms, r):
            ratio = math.prod(1.0 - 1.0 / m for m in subset)
            if lo_a * ratio < hi_b + 1e-12 and hi_a * ratio > lo_b - 1e-12:
                return True
    return False


@functools.lru_cache(maxsize=8)
def km_allowed(targets: SurvivalTargets) -> tuple[list[tuple[str, ...]], list[str]]:
    """Printed values the search accepts at each overall mark, with the reasons.

    Each mark keeps its published value unless it is provably incompatible with the value kept
    at the previous mark; then the nearest printable values compatible with it are allowed.
    A mark found infeasible must be recorded in ``published.yaml`` as a contradiction that
    follows the other published numbers, and a mark so recorded must be infeasible: otherwise
    the record and the proof disagree and ``ValueError`` is raised.
    """
    n = targets.n_total
    recorded = {y for y, f in targets.os_follows if f == "other_published_numbers"}
    allowed: list[tuple[str, ...]] = [(targets.os_pct[0][1],)]
    notes: list[str] = []
    infeasible: set[int] = set()
    for (y0, s0), (y1, s1) in itertools.pairwise(targets.os_pct):
        if km_pair_feasible(n, s0, s1):
            allowed.append((s1,))
            continue
        infeasible.add(y1)
        digits = digits_of(s1)
        step = 10.0**-digits
        alts: tuple[str, ...] = ()
        j = 0
        for j in range(1, 50):
            cand = (f"{float(s1) + sign * j * step:.{digits}f}" for sign in (-1, 1))
            alts = tuple(c for c in cand if float(c) >= 0 and km_pair_feasible(n, s0, c))
            if alts:
                break
        allowed.append(alts)
        notes.append(
            f"- overall {s0}% at {y0}y and {s1}% at {y1}y are jointly impossible for any "
            f"{n}-patient KM (at most {math.floor(n * (float(s0) + _half(s0)) / 100)} at risk"
            f" after {y0}y; the ratio S({y1}y)/S({y0}y) is a product of (1-1/m) over distinct"
            f" m, none fits). Accepting {' or '.join(alts)} at {y1}y instead (a miss of {j} in"
            " the last digit)."
        )
    if infeasible != recorded:
        raise ValueError(
            "published.yaml and the feasibility proof disagree about the overall survival "
            f"marks: recorded as infeasible {sorted(recorded)}, proven infeasible "
            f"{sorted(infeasible)}"
        )
    return allowed, notes


def _km_of_sequence(seq: str, n: int) -> float:
    s = 1.0
    for ch in seq:
        if ch == "D":
            s *= 1.0 - 1.0 / n
        n -= 1
    return s


def min_late_hsct_deaths(targets: SurvivalTargets) -> tuple[int, list[str]]:
    """Fewest transplant-group deaths after its first censored survivor, given its target.

    All ``C(n_hsct, n_alive)`` orderings of deaths (``D``) and censorings (``C``) of the
    transplant group are enumerated; every death precedes the group's mark and every
    censoring comes later than every overall mark before the group's mark (whatever its day),
    so the group's KM at its mark is the product over the whole sequence.

    Returns
    -------
    tuple
        ``(minimum, orderings)``: the minimum number of deaths after the first ``C`` among
        orderings whose KM rounds to the target, and those orderings.
    """
    n = targets.n_hsct
    target = targets.hsct_pct[1]
    best = n + 1
    found: list[str] = []
    for cpos in itertools.combinations(range(n), targets.n_hsct_alive):
        seq = ["D"] * n
        for c in cpos:
            seq[c] = "C"
        text = "".join(seq)
        if not matches(100 * _km_of_sequence(text, n), target):
            continue
        late = text[text.index("C") :].count("D")
        if late < best:
            best, found = late, [text]
        elif late == best:
            found.append(text)
    return best, found


def alive_followup_bound_ok(targets: SurvivalTargets, *, min_alive_followup_days: int) -> bool:
    """Necessary condition linking the survivors' follow-up to the overall targets.

    For every overall mark ``a`` earlier than ``min_alive_followup_days`` all ``n_hsct_alive``
    survivors are still at risk after ``a``; if a later mark prints a lower value, at least one
    death follows ``a`` as well, so ``Y(a) >= n_alive + 1`` and ``S(a) >= Y(a) / n``. Returns
    False when that bound exceeds the upper rounding limit of the value printed at ``a``.
    """
    n = targets.n_total
    for (y0, s0), (_, s1) in itertools.pairwise(targets.os_pct):
        if y0 * DAYS_PER_YEAR >= min_alive_followup_days or float(s1) >= float(s0):
            continue
        if 100 * (targets.n_hsct_alive + 1) / n >= float(s0) + _half(s0):
            return False
    return True


def _subgroup_without_censoring(targets: SurvivalTargets) -> list[int]:
    n = targets.n_hsct_cr_subgroup
    return [m for m in range(n + 1) if matches(100 * m / n, targets.sub_pct[1])]


@functools.lru_cache(maxsize=8)
def feasibility_report(
    targets: SurvivalTargets, *, min_alive_followup_days: int
) -> tuple[str, ...]:
    """The exhaustive checks in plain text, one line each (for ``reconstruction.yaml``)."""
    n = targets.n_total
    lines = ["Exhaustive feasibility checks"]
    for y, s in targets.os_pct:
        if y * DAYS_PER_YEAR >= min_alive_followup_days:
            continue
        near = [m for m in range(n + 1) if abs(100 * m / n - float(s)) < 100 / n]
        shown = ", ".join(f"{m}/{n}={100 * m / n:.2f}%" for m in near)
        ok = any(matches(100 * m / n, s) for m in range(n + 1))
        lines.append(
            f"- k=0 (no lost censoring): S({y}y)=m/{n}; no m rounds to {s} "
            f"(nearest {shown})" + ("" if not ok else " -- unexpectedly feasible")
        )
    counts = []
    k_min = None
    for k in range(1, 4):
        c = early_km_pattern_count(targets, k=k, min_alive_followup_days=min_alive_followup_days)
        counts.append(f"k={k}: {c}")
        if c and k_min is None:
            k_min = k
    lines.append(
        "- patterns of k early censorings meeting the overall marks before the survivors' "
        "censorings (exhaustive): "
        + "; ".join(counts)
        + (" -> at least 4 lost censorings needed" if k_min is None else "")
    )
    strict = alive_followup_bound_ok(targets, min_alive_followup_days=STRICT_ALIVE_FOLLOWUP_DAYS)
    lines.append(
        f"- survivors' follow-up >= {STRICT_ALIVE_FOLLOWUP_DAYS} days (> 3y) is impossible: then "
        f"S(3y) >= ({targets.n_hsct_alive}+1)/{n} = "
        f"{100 * (targets.n_hsct_alive + 1) / n:.2f}% (the survivors plus >= 1 later death still "
        f"at risk, and S(t) >= at-risk/n); bound holds: {strict}; with the current "
        f"{min_alive_followup_days} days: "
        f"{alive_followup_bound_ok(targets, min_alive_followup_days=min_alive_followup_days)}"
    )
    late, seqs = min_late_hsct_deaths(targets)
    lines.append(
        f"- HSCT {targets.hsct_pct[1]}% at {targets.hsct_pct[0]}y: at least {late} of "
        f"{targets.n_hsct - targets.n_hsct_alive} HSCT deaths must follow the first censored "
        f"survivor (day >= {min_alive_followup_days}); orderings with {late}: {', '.join(seqs)}"
    )
    lines.append(
        f"- subgroup {targets.sub_pct[1]}% at {targets.sub_pct[0]}y from HSCT: "
        f"(n-d)/n matches for d in {_subgroup_without_censoring(targets)} -> censorings before "
        f"{targets.sub_pct[0]}y after HSCT needed"
    )
    return tuple(lines)

"""Table 1 patients and the screening log of the reconstruction.

Counts per category, and the printed mean, SD, median, minimum and maximum of age, height and
weight, come from :class:`rrall.rebuild.targets.Targets` (``published.yaml``);
:func:`fit_summary` finds values whose summaries print exactly so. What the paper leaves open
(who has which combination of characteristics, each value, sites, why records were ineligible)
is drawn from the seed under the clinical constraints named below.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from rrall.characteristics import continuous_summary
from rrall.constants import DAYS_PER_YEAR
from rrall.contract import growth_reference
from rrall.fmt import fmt_num, round_half_up
from rrall.rebuild.targets import Targets

__all__ = [
    "B_LINEAGE_CYTOGENETICS",
    "INELIGIBLE_REASONS",
    "baseline_patients",
    "fit_summary",
    "screening_log",
]

#: cytogenetic findings of B-lineage ALL: only B-lineage patients carry them
B_LINEAGE_CYTOGENETICS = ("t9_22", "t1_19", "hyperdiploid", "hypodiploid")
#: why the reviewed records that were not eligible failed (a choice: the paper gives no split),
#: used in turn for as many records as ``flow_reviewed - flow_eligible``
INELIGIBLE_REASONS = (
    "clofarabine",
    "prior_regimens",
    "age",
    "clofarabine",
    "prior_regimens",
    "blasts",
)
_FIT_TRIES = 30
#: youngest age at first diagnosis (the smallest published height and weight fit about 2.5
#: years; the eligibility criterion alone would allow 1)
_MIN_AGE_AT_FIRST_DX = 2.6


# ---------------------------------------------------------------------------------------------
def _prints(x: np.ndarray, target: Mapping[str, str], digits: int) -> bool:
    """Whether the summaries of ``x`` print as ``target`` (numpy; mirrors
    :func:`rrall.characteristics.continuous_summary`)."""
    got = {
        "mean": float(x.mean()),
        "sd": float(x.std(ddof=1)),
        "median": float(np.median(x)),
        "min": float(x.min()),
        "max": float(x.max()),
    }
    return all(fmt_num(got[k], digits) == v for k, v in target.items())


def fit_summary(
    base: np.ndarray,
    target: Mapping[str, str],
    *,
    lower: np.ndarray,
    upper: np.ndarray,
    step: float = 0.1,
    offset: np.ndarray | None = None,
    digits: int = 1,
) -> np.ndarray:
    """Values shaped like ``base`` whose mean, SD, median, min and max print as ``target``.

    The smallest and largest ``base`` values become the printed minimum and maximum and the
    middle one(s) the median; the others keep their ranks' side of the median and are mapped
    by one affine transform that meets the mean and SD exactly (values clipped to ``lower`` /
    ``upper`` are held and the transform solved again). Then every value is put on the grid
    ``offset + k * step`` and single grid steps are taken, best first, until every statistic
    prints as published.

    Raises ``RuntimeError`` when the target cannot be met within the bounds.
    """
    n = base.size
    t = {k: float(v) for k, v in target.items()}
    off = np.zeros(n) if offset is None else np.asarray(offset, dtype=float)
    lower = np.asarray(lower, dtype=float)
    upper = np.asarray(upper, dtype=float)
    if ((upper < t["min"]) | (lower > t["max"])).any():
        raise RuntimeError(f"could not fit summary {dict(target)}: a value cannot be in range")
    order = [int(i) for i in np.argsort(base, kind="stable")]

    def holder(value: float, ranked: list[int]) -> int:
        for i in ranked:
            if lower[i] - 1e-9 <= value <= upper[i] + 1e-9:
                return i
        raise RuntimeError(f"could not fit summary {dict(target)}: nobody can hold {value}")

    i_min = holder(t["min"], order)
    i_max = holder(t["max"], [i for i in reversed(order) if i != i_min])
    rem = [i for i in order if i not in (i_min, i_max)]
    m = len(rem)
    centre = (m - 1) / 2
    near = sorted(range(m), key=lambda j: (abs(j - centre), j))
    n_mid = 1 if n % 2 else 2
    mid_pos: list[int] = []
    for j in near:
        if lower[rem[j]] - 1e-9 <= t["median"] <= upper[rem[j]] + 1e-9:
            mid_pos.append(j)
            if len(mid_pos) == n_mid:
                break
    if len(mid_pos) < n_mid:
        raise RuntimeError(f"could not fit summary {dict(target)}: nobody can hold the median")
    mids = [rem[j] for j in sorted(mid_pos)]
    others = [i for i in rem if i not in mids]
    below = np.zeros(n, dtype=bool)
    below[others[: (n - n_mid) // 2 - 1]] = True
    below[i_min] = True
    fixed = {i_min: t["min"], i_max: t["max"]} | {i: t["median"] for i in mids}
    side_lo = np.where(below, t["min"], t["median"])
    side_hi = np.where(below, t["median"], t["max"])
    lo = np.clip(lower, side_lo, side_hi)
    hi = np.clip(upper, side_lo, side_hi)
    # bounds beyond the median from the wrong side: the value sits at the median
    clash = lo > hi
    lo[clash] = hi[clash] = t["median"]
    x = base.astype(float).copy()
    for i, v in fixed.items():
        x[i] = v
    free = np.array([i for i in range(n) if i not in fixed])
    held = np.zeros(n, dtype=bool)
    held[list(fixed)] = True
    z = base.astype(float)
    for _ in range(n):
        move = free[~held[free]]
        rest = np.flatnonzero(held)
        need_sum = n * t["mean"] - x[rest].sum()
        need_sq = (n - 1) * t["sd"] ** 2 + n * t["mean"] ** 2 - (x[rest] ** 2).sum()
        m = move.size
        zc = z[move] - z[move].mean()
        a = need_sum / m
        spread = need_sq - m * a * a
        b = np.sqrt(max(spread, 0.0) / max(float((zc**2).sum()), 1e-12))
        x[move] = a + b * zc
        out = (x[move] < lo[move]) | (x[move] > hi[move])
        if not out.any():
            break
        x[move] = np.clip(x[move], lo[move], hi[move])
        held[move[out]] = True
        if held[free].all():
            break
    # onto the grid, then single steps
    x = off + np.round((x - off) / step) * step
    x = np.where(x < lo - 1e-9, x + step, x)
    x = np.where(x > hi + 1e-9, x - step, x)
    for _ in range(30 * n):
        if _prints(x, target, digits):
            return x
        s1, s2 = x.sum(), (x**2).sum()
        cand = np.concatenate([free, free])
        delta = np.concatenate([np.full(free.size, step), np.full(free.size, -step)])
        new = x[cand] + delta
        ok = (new >= lo[cand] - 1e-9) & (new <= hi[cand] + 1e-9)
        n1 = s1 + delta
        n2 = s2 - x[cand] ** 2 + new**2
        mean = n1 / n
        sd = np.sqrt(np.maximum(n2 - n * mean**2, 0.0) / (n - 1))
        score = np.abs(mean - t["mean"]) + np.abs(sd - t["sd"])
        score[~ok] = np.inf
        cur_sd = np.sqrt(max(s2 - s1 * s1 / n, 0.0) / (n - 1))
        cur = abs(s1 / n - t["mean"]) + abs(cur_sd - t["sd"])
        best = int(np.argmin(score))
        if not score[best] < cur - 1e-12:
            break
        x[cand[best]] = new[best]
    raise RuntimeError(f"could not fit summary {dict(target)}")


def _labels(counts: Mapping[str | None, int], rng: np.random.Generator) -> list[str | None]:
    out: list[str | None] = []
    for k, v in counts.items():
        out += [k] * v
    return [out[i] for i in rng.permutation(len(out))]


def _cytogenetics(
    counts: Mapping[str | None, int], phenotype: Sequence[str | None], rng: np.random.Generator
) -> list[str | None]:
    """Cytogenetics per patient; the B-lineage findings go to B-lineage patients."""
    n = len(phenotype)
    out: list[str | None] = [None] * n
    b_idx = [int(i) for i in rng.permutation([i for i, p in enumerate(phenotype) if p == "B"])]
    pool = [c for c in B_LINEAGE_CYTOGENETICS for _ in range(counts.get(c, 0))]
    if len(pool) > len(b_idx):
        raise ValueError("more B-lineage cytogenetic findings than B-lineage patients")
    for i, c in zip(b_idx, pool, strict=False):
        out[i] = c
    rest = [int(i) for i in rng.permutation(n) if out[int(i)] is None]
    pool2 = [c for c, v in counts.items() if c not in B_LINEAGE_CYTOGENETICS for _ in range(v)]
    for i, c2 in zip(rest, pool2, strict=True):
        out[i] = c2
    return out


def baseline_patients(
    targets: Targets, rng: np.random.Generator, *, unmeasured: Sequence[int]
) -> pd.DataFrame:
    """The eligible patients' Table 1 characteristics, one row each (position = patient key).

    Columns: ``sex``, ``disease_status``, ``immunophenotype``, ``cytogenetics`` (codes;
    ``None`` = not available), ``interval_days`` (first to R/R diagnosis), ``age_at_initial_dx``
    (2 decimals; with ``interval_days`` it gives the fitted age at R/R diagnosis), ``height_cm``
    and ``weight_kg`` at first diagnosis (NaN for the ``unmeasured`` positions).
    """
    cat = targets.categories
    n = sum(cat["sex"].values())
    df = pd.DataFrame({"k": np.arange(n)})
    for var in ("sex", "disease_status", "immunophenotype"):
        df[var] = _labels(cat[var], rng)
    df["cytogenetics"] = _cytogenetics(cat["cytogenetics"], list(df["immunophenotype"]), rng)
    measured = np.ones(n, dtype=bool)
    measured[list(unmeasured)] = False
    if int(measured.sum()) != targets.measured["height"] or (
        targets.measured["height"] != targets.measured["weight"]
    ):
        raise ValueError("the unmeasured patients do not match the published counts")
    rel = df["disease_status"].eq("relapsed").to_numpy()
    for attempt in range(_FIT_TRIES):  # a fresh draw when the bounds leave no fit
        try:
            days, age0, h, w = _measures(targets, df["sex"].to_numpy(), rel, measured, rng)
            break
        except RuntimeError:
            if attempt == _FIT_TRIES - 1:
                raise
    df["interval_days"] = days
    df["age_at_initial_dx"] = age0
    df["height_cm"] = h
    df["weight_kg"] = w
    _check_summaries(df, targets)
    return df


def _measures(
    targets: Targets,
    sex: np.ndarray,
    relapsed: np.ndarray,
    measured: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Days from first to R/R diagnosis, age at first diagnosis, height and weight.

    Relapses after >= 2 regimens come later than refractory disease. The age at R/R
    diagnosis (age at first diagnosis, 2 decimals, + days / DAYS_PER_YEAR) is fitted on that
    grid, so that the derived ages print as published. Height within 2.8 SD of the growth reference
    for sex and age at first diagnosis, weight within -2.8..+4 SD and following height
    (correlated z-scores), both fitted to Table 1.
    """
    n = sex.size
    base_age = np.clip(rng.normal(14.6, 4.3, n), 6.5, 24.5)
    interval = np.where(relapsed, rng.gamma(4.0, 0.95, n) + 1.0, rng.gamma(2.0, 0.45, n) + 0.5)
    interval = np.clip(interval, np.maximum(base_age - 21.5, 0.4), np.maximum(base_age - 2.6, 0.4))
    days = np.round(interval * DAYS_PER_YEAR).astype(int)
    years = days / DAYS_PER_YEAR
    age = fit_summary(
        base_age,
        targets.summaries["age"],
        lower=years + _MIN_AGE_AT_FIRST_DX,
        upper=years + 21.99,
        step=0.01,
        offset=years - np.round(years, 2),
    )
    age0 = np.round(age - years, 2)
    ref = [growth_reference(str(s), float(a)) for s, a in zip(sex, age0, strict=True)]
    hm, hsd, wm, wsd = (np.array([r[j] for r in ref]) for j in range(4))
    zh = np.clip(rng.normal(0, 0.8, n), -2.0, 2.0)
    h_base = hm + zh * hsd
    h = np.full(n, np.nan)
    h[measured] = fit_summary(
        h_base[measured],
        targets.summaries["height"],
        lower=(hm - 2.8 * hsd)[measured],
        upper=(hm + 2.8 * hsd)[measured],
    )
    zw = np.clip(0.6 * zh + rng.normal(0, 0.6, n), -2.0, 2.5)
    w_base = (wm + zw * wsd) * np.where(
        np.isnan(h), 1.0, (np.nan_to_num(h) / hm) ** 2 / np.maximum((h_base / hm) ** 2, 1e-9)
    )
    w = np.full(n, np.nan)
    w[measured] = fit_summary(
        w_base[measured],
        targets.summaries["weight"],
        lower=np.maximum(wm - 2.8 * wsd, 0.75 * wm)[measured],
        upper=(wm + 4.0 * wsd)[measured],
    )
    return days, age0, h, w


def _check_summaries(df: pd.DataFrame, targets: Targets) -> None:
    """The report's own Table 1 statistics of the derived values print as published."""
    age = df["age_at_initial_dx"] + df["interval_days"] / DAYS_PER_YEAR
    for var, values in (("age", age), ("height", df["height_cm"]), ("weight", df["weight_kg"])):
        s = continuous_summary(pd.Series(values))
        got = {k: fmt_num(round_half_up(s[k], 6), 1) for k in targets.summaries[var]}
        if got != dict(targets.summaries[var]):
            raise RuntimeError(f"{var}: summaries {got} differ from {targets.summaries[var]}")


def screening_log(
    base: pd.DataFrame,
    ids: Sequence[str],
    ineligible_ids: Sequence[str],
    sites: Sequence[str],
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Every reviewed record: the eligible patients (``base`` with ``patient_id``) at their
    ``sites``, and the ineligible records, each failing one criterion
    (:data:`INELIGIBLE_REASONS` in turn)."""
    rows = []
    enrolling = sorted(set(sites))
    records = base.to_dict("records")
    for k, pid in enumerate(ids):
        b = records[k]
        rel = b["disease_status"] == "relapsed"
        rows.append(
            {
                "patient_id": pid,
                "site": sites[k],
                "age_at_initial_dx": f"{b['age_at_initial_dx']:.2f}",
                "prior_regimens": int(rng.integers(2, 5)) if rel else int(rng.integers(2, 4)),
                "marrow_blast_pct": fmt_num(float(rng.uniform(27, 97)), 1),
                "clofarabine_exposed": "N",
            }
        )
    for j, pid in enumerate(ineligible_ids):
        why = INELIGIBLE_REASONS[j % len(INELIGIBLE_REASONS)]
        age0 = float(rng.uniform(0.2, 0.9)) if why == "age" else float(rng.uniform(3, 16))
        blasts = float(rng.uniform(8, 24)) if why == "blasts" else float(rng.uniform(30, 90))
        rows.append(
            {
                "patient_id": pid,
                "site": enrolling[int(rng.integers(len(enrolling)))],
                "age_at_initial_dx": f"{age0:.2f}",
                "prior_regimens": 1 if why == "prior_regimens" else int(rng.integers(2, 4)),
                "marrow_blast_pct": fmt_num(blasts, 1),
                "clofarabine_exposed": "Y" if why == "clofarabine" else "N",
            }
        )
    return pd.DataFrame(rows).sort_values("patient_id").reset_index(drop=True)

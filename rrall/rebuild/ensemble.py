"""Many reconstructions, and which conclusions hold in all of them.

The shipped cohort is one of very many that reproduce the paper's numbers exactly. Whatever the
paper does not pin down (which patients got which drugs together, exact survival and
censoring times, when each transplant happened, who was lost to follow-up) was drawn by one
seed, so every statistic the report adds beyond the paper depends on choices nobody can
check. :func:`run_ensemble` builds ``n`` cohorts from seeds derived from one master seed, holds
each to the same tests as the shipped cohort (the audit: no item ``differs`` and exactly the
recorded contradictions; the clinical timeline rules; loss to follow-up as recorded) and
computes, with the report's own functions, the statistics of :data:`COLUMNS`.
:func:`summarise` turns the results into tidy frames: the spread of each statistic, the share
of cohorts in which each conclusion holds (:data:`CONCLUSIONS`, categories by
:data:`CATEGORY_RULES`), and a diagnostic showing that the free parts do vary.

How the seeds vary the free parts
---------------------------------
Cohort ``i`` is built by :func:`rrall.rebuild.reconstruct.build_cohort` with the ``i``-th seed
of :func:`cohort_seeds` (``numpy.random.SeedSequence(master).generate_state``, distinct
32-bit seeds); each seed draws every free part anew (see
:data:`rrall.rebuild.reconstruct.SEED_VARIES`): the order and days of deaths and censorings
between the published survival marks, HSCT days, how many and which untransplanted patients
are lost to follow-up, characteristics, regimen combinations, dates. Nothing is carried from
one cohort to the next, and nothing is selected on any statistic of :data:`COLUMNS`: every
cohort that passes the checks is kept, and a cohort that fails stops the run.

Deterministic: a row depends on its seed only, so the results (sorted by seed) are the same
for any number of processes.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import multiprocessing
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from rrall.constants import ALPHA, LANDMARK_MONTHS
from rrall.paths import read_yaml
from rrall.registry import Value

__all__ = [
    "CATEGORY_RULES",
    "COLUMNS",
    "CONCLUSIONS",
    "DEFAULT_LANDMARK_MONTHS",
    "DEFAULT_MASTER_SEED",
    "DEFAULT_N",
    "DIAGNOSTICS",
    "EXTRA_SURVIVAL_YEARS",
    "HOLDS_KEY",
    "MOST",
    "RESULTS_FILE",
    "SIDECAR_FILE",
    "CohortFailedError",
    "Conclusion",
    "EnsembleFailedError",
    "EnsembleSummary",
    "EnsembleView",
    "category",
    "cohort_row",
    "cohort_seeds",
    "cohort_statistics",
    "conclusions",
    "diagnostic",
    "ensemble_dir",
    "ensemble_values",
    "ensemble_view",
    "main",
    "read_results",
    "read_sidecar",
    "results_csv",
    "run_ensemble",
    "shipped_statistics",
    "sidecar",
    "spread",
    "summarise",
    "write_results",
]

DEFAULT_N = 200
DEFAULT_MASTER_SEED = 20170925
#: the landmark comparison's landmark: the report's own (rrall.constants.LANDMARK_MONTHS)
DEFAULT_LANDMARK_MONTHS = LANDMARK_MONTHS
#: survival times the paper does not print (years)
EXTRA_SURVIVAL_YEARS = (0.5, 4.0)
RESULTS_FILE = "ensemble.csv"
SIDECAR_FILE = "ensemble.yaml"
#: a conclusion holds in "most" cohorts from this share on (and in "all" only at 1)
MOST = 0.9
#: (category, rule) in the order they are tried; ``share`` is the share of cohorts
CATEGORY_RULES: tuple[tuple[str, str], ...] = (
    ("all", "share == 1"),
    ("most", f"share >= {MOST}"),
    ("none", "share == 0"),
    ("some", "0 < share < " + str(MOST)),
)

#: the results file's columns after ``seed`` (statistic, unit, what)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("os_median", "years", "median overall survival (KM)"),
    ("os_median_ci_low", "years", "its 95% CI, lower end (NaN: not reached)"),
    ("os_median_ci_high", "years", "its 95% CI, upper end (NaN: not reached)"),
    ("os_6m", "percent", "overall survival at 6 months (KM)"),
    ("os_4y", "percent", "overall survival at 4 years (KM)"),
    ("logrank_p", "p", "naive log-rank P, HSCT against no HSCT (fixed by the paper)"),
    ("mb_chi2", "chi2", "Mantel-Byar chi-square (transplant as a time-dependent state)"),
    ("mb_p", "p", "Mantel-Byar P"),
    ("td_hr", "ratio", "time-dependent Cox HR, transplanted against not yet"),
    ("td_hr_ci_low", "ratio", "its 95% CI, lower end"),
    ("td_hr_ci_high", "ratio", "its 95% CI, upper end"),
    ("td_p", "p", "its Wald P"),
    ("landmark_months", "months", "landmark (months after R/R diagnosis)"),
    ("lm_n_hsct", "patients", "alive at the landmark and transplanted by then"),
    ("lm_n_no_hsct", "patients", "alive at the landmark and not transplanted by then"),
    ("lm_p", "p", "landmark log-rank P"),
    ("lm_hr", "ratio", "landmark Cox HR, transplanted by the landmark against not"),
    ("lm_hr_ci_low", "ratio", "its 95% CI, lower end"),
    ("lm_hr_ci_high", "ratio", "its 95% CI, upper end"),
    ("k_lost", "patients", "lost to follow-up (codebook rule)"),
    ("hsct_day_min", "days", "earliest transplant after R/R diagnosis"),
    ("hsct_day_median", "days", "median transplant day"),
    ("hsct_day_max", "days", "latest transplant day"),
    ("post_hsct_death_median", "days", "median days from HSCT to death (transplanted deaths)"),
    ("alive_followup_median", "days", "median follow-up of the survivors (censoring time)"),
    ("lost_day_median", "days", "median day of last contact of the lost patients"),
    ("n_regimen_combinations", "count", "distinct first-cycle combinations"),
)
#: the columns that show the free parts vary (the diagnostic of :func:`diagnostic`)
DIAGNOSTICS = (
    "hsct_day_min",
    "hsct_day_median",
    "hsct_day_max",
    "post_hsct_death_median",
    "alive_followup_median",
    "lost_day_median",
    "k_lost",
    "n_regimen_combinations",
)


@dataclass(frozen=True)
class Conclusion:
    """A yes/no reading of one cohort's results: ``rule`` on ``statistic`` (NaN: no)."""

    id: str
    statistic: str
    rule: str
    test: Callable[[pd.DataFrame], pd.Series]


def _lt(col: str, x: float) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda r: r[col] < x


CONCLUSIONS: tuple[Conclusion, ...] = (
    Conclusion(
        "naive_logrank_p_below_05", "logrank_p", f"logrank_p < {ALPHA}", _lt("logrank_p", ALPHA)
    ),
    Conclusion("mantel_byar_p_below_05", "mb_p", f"mb_p < {ALPHA}", _lt("mb_p", ALPHA)),
    Conclusion("td_cox_hr_below_1", "td_hr", "td_hr < 1", _lt("td_hr", 1.0)),
    Conclusion(
        "td_cox_ci_excludes_1",
        "td_hr",
        "td_hr_ci_high < 1 or td_hr_ci_low > 1",
        lambda r: (r["td_hr_ci_high"] < 1.0) | (r["td_hr_ci_low"] > 1.0),
    ),
    Conclusion("td_cox_p_below_05", "td_p", f"td_p < {ALPHA}", _lt("td_p", ALPHA)),
    Conclusion("landmark_p_below_05", "lm_p", f"lm_p < {ALPHA}", _lt("lm_p", ALPHA)),
    Conclusion("landmark_hr_below_1", "lm_hr", "lm_hr < 1", _lt("lm_hr", 1.0)),
    Conclusion("os_median_below_1y", "os_median", "os_median < 1", _lt("os_median", 1.0)),
)


class CohortFailedError(RuntimeError):
    """A cohort failed the reproduction test or the timeline rules (names its seed)."""

    def __init__(self, seed: int, reason: str) -> None:
        super().__init__(f"cohort with seed {seed} failed: {reason}")
        self.seed = seed
        self.reason = reason


class EnsembleFailedError(RuntimeError):
    """Some cohorts failed; ``failures`` lists ``(seed, reason)``."""

    def __init__(self, failures: Sequence[tuple[int, str]]) -> None:
        seeds = ", ".join(str(s) for s, _ in failures)
        detail = "\n".join(f"  seed {s}: {r}" for s, r in failures)
        super().__init__(f"{len(failures)} cohort(s) failed (seeds {seeds}):\n{detail}")
        self.failures = list(failures)


# ---------------------------------------------------------------------------------------------
def cohort_seeds(master_seed: int, n: int) -> list[int]:
    """``n`` distinct cohort seeds derived from ``master_seed`` (the first ``n`` of a fixed
    sequence: a smaller ``n`` gives a prefix of a larger one)."""
    state = np.random.SeedSequence(master_seed).generate_state(4 * n + 8, dtype=np.uint32)
    out: list[int] = []
    seen: set[int] = set()
    for v in state.tolist():
        if v not in seen:
            seen.add(v)
            out.append(int(v))
        if len(out) == n:
            return out
    raise RuntimeError("could not derive distinct seeds")  # pragma: no cover


def ensemble_dir() -> Path:
    """Where the default results live: ``data/ensemble/`` of the project."""
    from rrall.paths import project_root

    return project_root() / "data" / "ensemble"


def _days(x: pd.Series) -> np.ndarray:
    return np.round(x.to_numpy(dtype=float) * _year()).astype(float)


def _year() -> float:
    from rrall.constants import DAYS_PER_YEAR

    return DAYS_PER_YEAR


def _median(x: np.ndarray) -> float:
    x = x[~np.isnan(x)]
    return float(np.median(x)) if x.size else float("nan")


def cohort_statistics(
    cohort: Any, *, landmark_months: float = DEFAULT_LANDMARK_MONTHS
) -> dict[str, float]:
    """The statistics of :data:`COLUMNS` for one cohort, computed with the report's own
    functions (:mod:`rrall.registry`, :mod:`rrall.survival`, :mod:`rrall.transplant`)."""
    from rrall import survival
    from rrall.registry import registry
    from rrall.transplant import transplant_comparison

    reg = registry(cohort)
    p = cohort.analysed
    t, e, tx = p["os_years"], p["os_event"], p["hsct_years"]
    med = reg["os.median"]
    surv = survival.survival_at(t, e, EXTRA_SURVIVAL_YEARS)["survival"].to_numpy()
    comparison = transplant_comparison(cohort, landmark_months=landmark_months)
    mb, cox, lm = comparison.mantel_byar, comparison.cox, comparison.landmark
    hs = p["hsct_done"].to_numpy(dtype=bool)
    ev = e.to_numpy(dtype=bool)
    hsct_day = _days(tx)[hs]
    after = _days(p["after_hsct_years"])
    os_day = _days(t)
    combos = cohort.agents.groupby("patient_id")["agent"].apply(lambda a: "+".join(sorted(a)))
    ci = med.ci or (float("nan"), float("nan"))
    return {
        "os_median": float(med.value),
        "os_median_ci_low": float(ci[0]),
        "os_median_ci_high": float(ci[1]),
        "os_6m": 100 * float(surv[0]),
        "os_4y": 100 * float(surv[1]),
        "logrank_p": float(reg["os.hsct.logrank_p"].value),
        "mb_chi2": float(mb.chi2),
        "mb_p": float(mb.p),
        "td_hr": float(cox.hr),
        "td_hr_ci_low": float(cox.ci_low),
        "td_hr_ci_high": float(cox.ci_high),
        "td_p": float(cox.p),
        "landmark_months": float(landmark_months),
        "lm_n_hsct": float(lm.n_hsct),
        "lm_n_no_hsct": float(lm.n_no_hsct),
        "lm_p": float(lm.p),
        "lm_hr": float(lm.cox.hr),
        "lm_hr_ci_low": float(lm.cox.ci_low),
        "lm_hr_ci_high": float(lm.cox.ci_high),
        "k_lost": float(p["lost_to_followup"].sum()),
        "hsct_day_min": float(hsct_day.min()) if hsct_day.size else float("nan"),
        "hsct_day_median": _median(hsct_day),
        "hsct_day_max": float(hsct_day.max()) if hsct_day.size else float("nan"),
        "post_hsct_death_median": _median(after[hs & ev]),
        "alive_followup_median": _median(os_day[~ev]),
        "lost_day_median": _median(os_day[p["lost_to_followup"].to_numpy(dtype=bool)]),
        "n_regimen_combinations": float(combos.nunique()),
    }


def _check(cohort: Any, seed: int, k_lost: int) -> None:
    """The shipped cohort's tests: audit, timeline rules, loss to follow-up as recorded."""
    from rrall.audit import audit
    from rrall.published import load_published
    from rrall.rebuild.timeline import lost_to_followup, timeline_violations

    table = audit(cohort)
    differs = table[table["status"] == "differs"]
    if len(differs):
        shown = ", ".join(f"{r.id} ({r.quote} vs {r.recomputed})" for r in differs.itertuples())
        raise CohortFailedError(seed, f"audit: {len(differs)} item(s) differ: {shown}")
    recorded = {it.id for it in load_published().items if it.contradiction}
    contra = set(table.loc[table["status"] == "contradiction", "id"])
    if contra != recorded:
        raise CohortFailedError(
            seed, f"audit: contradictions {sorted(contra)}, recorded {sorted(recorded)}"
        )
    broken = timeline_violations(cohort)
    if len(broken):
        first = broken.iloc[0]
        raise CohortFailedError(
            seed,
            f"timeline: {len(broken)} break(s), e.g. {first['patient_id']} {first['rule']}",
        )
    lost = int(lost_to_followup(cohort).sum())
    if lost != k_lost:
        raise CohortFailedError(seed, f"{lost} lost to follow-up, the search censored {k_lost}")


def cohort_row(seed: int, *, landmark_months: float = DEFAULT_LANDMARK_MONTHS) -> dict[str, float]:
    """Build the cohort of ``seed``, write and read it back through the data contract, check
    it (:class:`CohortFailedError` if it fails) and return ``{"seed": ..., **statistics}``."""
    from rrall.cohort import load_cohort
    from rrall.contract import DataValidationError
    from rrall.rebuild.reconstruct import build_cohort, write_cohort

    try:
        rec = build_cohort(seed=seed)
    except (RuntimeError, ValueError) as err:
        raise CohortFailedError(seed, f"build: {err}") from err
    scratch = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(dir=scratch) as tmp:
        folder = Path(tmp) / "cohort"
        write_cohort(rec, folder)
        try:
            cohort = load_cohort(folder)
        except DataValidationError as err:
            raise CohortFailedError(seed, f"data contract: {err}") from err
        _check(cohort, seed, int(rec.record["k_lost"]))
        stats = cohort_statistics(cohort, landmark_months=landmark_months)
    return {"seed": seed, **stats}


def _work(job: tuple[int, float]) -> tuple[int, dict[str, float] | None, str | None]:
    seed, landmark_months = job
    try:
        return seed, cohort_row(seed, landmark_months=landmark_months), None
    except CohortFailedError as err:
        return seed, None, err.reason


def _warm() -> None:
    """Import and cache, once in the parent, what every cohort needs (forked workers inherit
    it): the report's modules and the proofs and enumerations of the targets."""
    import lifelines  # noqa: F401

    import rrall.audit
    import rrall.transplant  # noqa: F401
    from rrall.rebuild import proofs, reconstruct, search
    from rrall.rebuild.targets import load_targets

    targets = load_targets().survival
    rules = reconstruct.Settings().rules
    proofs.feasibility_report(targets, min_alive_followup_days=rules.alive_followup[0])
    proofs.km_allowed(targets)
    search._hsct_patterns(targets)


def _collect(
    results: Iterator[tuple[int, dict[str, float] | None, str | None]],
    total: int,
    progress: bool,
    rows: list[dict[str, float]],
    failures: list[tuple[int, str]],
) -> None:
    """Gather rows and failures, with a progress bar and ETA on stderr when ``progress``."""
    bar = None
    if progress:
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread
        bar = tqdm(total=total, unit="cohort", file=sys.stderr, desc="ensemble", smoothing=0.1)
    try:
        for seed, row, reason in results:
            if row is None:
                failures.append((seed, str(reason)))
            else:
                rows.append(row)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()


def run_ensemble(
    *,
    n: int = DEFAULT_N,
    master_seed: int = DEFAULT_MASTER_SEED,
    jobs: int | None = None,
    landmark_months: float = DEFAULT_LANDMARK_MONTHS,
    seeds: Sequence[int] | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Build and check ``n`` cohorts over ``jobs`` processes (default: every core); one row per
    cohort, sorted by seed.

    ``seeds`` replaces the derived seeds (to re-run some). Raises
    :class:`EnsembleFailedError` naming every seed whose cohort failed.
    """
    todo = list(seeds) if seeds is not None else cohort_seeds(master_seed, n)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    rows: list[dict[str, float]] = []
    failures: list[tuple[int, str]] = []
    work = [(s, landmark_months) for s in todo]
    _warm()
    if jobs == 1:
        _collect(map(_work, work), len(work), progress, rows, failures)
    else:
        ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        with ctx.Pool(jobs) as pool:  # forked before the progress bar exists
            results = pool.imap_unordered(_work, work, chunksize=1)
            _collect(results, len(work), progress, rows, failures)
    if failures:
        raise EnsembleFailedError(sorted(failures))
    out = pd.DataFrame(rows, columns=["seed", *(c for c, _, _ in COLUMNS)])
    out["seed"] = out["seed"].astype(np.int64)
    return out.sort_values("seed", kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
def _versions() -> dict[str, str]:
    import rrall

    out = {"rrall": rrall.__version__, "python": platform.python_version()}
    for pkg in ("numpy", "pandas", "scipy", "lifelines", "statsmodels", "pyarrow", "PyYAML"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:  # pragma: no cover
            out[pkg] = "not installed"
    return out


def sidecar(*, n: int, master_seed: int, landmark_months: float) -> dict[str, Any]:
    """Settings and versions that produced a results file (no times: byte-stable)."""
    from rrall.rebuild.reconstruct import SEED_VARIES, Settings

    return {
        "what": "one row per reconstructed cohort: its seed and the statistics below",
        "generator": "python -m rrall ensemble",
        "n": n,
        "master_seed": master_seed,
        "seeds": "numpy.random.SeedSequence(master_seed).generate_state, first n distinct",
        "landmark_months": landmark_months,
        "checks": "audit: no item differs and exactly the recorded contradictions; clinical "
        "timeline rules; lost to follow-up as censored by the search",
        "how_seeds_vary": SEED_VARIES,
        "columns": {c: {"unit": u, "what": w} for c, u, w in COLUMNS},
        "reconstruction_settings": _plain(dataclasses.asdict(Settings())),
        "versions": _versions(),
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def results_csv(results: pd.DataFrame) -> str:
    """The results file's text (round-trip floats, LF line ends)."""
    return results.to_csv(index=False, lineterminator="\n")


def write_results(
    results: pd.DataFrame, folder: Path, *, n: int, master_seed: int, landmark_months: float
) -> tuple[Path, Path]:
    """Write :data:`RESULTS_FILE` and :data:`SIDECAR_FILE` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / RESULTS_FILE
    csv_path.write_text(results_csv(results), encoding="utf-8")
    meta = sidecar(n=n, master_seed=master_seed, landmark_months=landmark_months)
    yaml_path = folder / SIDECAR_FILE
    yaml_path.write_text(
        yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )
    return csv_path, yaml_path


def read_results(folder: Path | None = None) -> pd.DataFrame:
    """The committed results (default ``data/ensemble/``)."""
    return pd.read_csv((folder or ensemble_dir()) / RESULTS_FILE)


# ---------------------------------------------------------------------------------------------
# summaries (tidy frames, no language)
@dataclass(frozen=True)
class EnsembleSummary:
    """``spread``, ``conclusions`` and ``diagnostic`` frames (see the functions of the same
    names)."""

    spread: pd.DataFrame
    conclusions: pd.DataFrame
    diagnostic: pd.DataFrame


def _percentile(values: np.ndarray, x: float) -> float:
    """Mid-rank percentile of ``x`` among ``values`` (NaN when either is missing)."""
    v = values[~np.isnan(values)]
    if not v.size or math.isnan(x):
        return float("nan")
    return 100.0 * (float((v < x).sum()) + 0.5 * float((v == x).sum())) / v.size


def spread(results: pd.DataFrame, *, shipped: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Per statistic: ``statistic``, ``unit``, ``n`` (cohorts where it is estimable),
    ``median``, ``q1``, ``q3``, ``min``, ``max``, ``share_p_below_05`` (P values only, else
    NaN), ``shipped`` (the shipped cohort's value) and ``shipped_percentile`` (its mid-rank
    percentile among the cohorts)."""
    rows = []
    for col, unit, _ in COLUMNS:
        v = results[col].to_numpy(dtype=float)
        ok = v[~np.isnan(v)]
        q = np.percentile(ok, [0, 25, 50, 75, 100]) if ok.size else [float("nan")] * 5
        x = float(shipped[col]) if shipped is not None and col in shipped else float("nan")
        rows.append(
            {
                "statistic": col,
                "unit": unit,
                "n": int(ok.size),
                "median": float(q[2]),
                "q1": float(q[1]),
                "q3": float(q[3]),
                "min": float(q[0]),
                "max": float(q[4]),
                "share_p_below_05": float((ok < ALPHA).mean())
                if unit == "p" and ok.size
                else float("nan"),
                "shipped": x,
                "shipped_percentile": _percentile(v, x),
            }
        )
    return pd.DataFrame(rows)


def category(share: float) -> str:
    """``all`` (1), ``most`` (>= :data:`MOST`), ``some`` (> 0), ``none`` (0)."""
    if share >= 1.0:
        return "all"
    if share >= MOST:
        return "most"
    if share > 0.0:
        return "some"
    return "none"


def conclusions(
    results: pd.DataFrame,
    *,
    shipped: Mapping[str, float] | None = None,
    rules: Sequence[Conclusion] = CONCLUSIONS,
) -> pd.DataFrame:
    """Per conclusion: ``conclusion``, ``statistic``, ``rule``, ``n`` (cohorts), ``holds``
    (cohorts where it holds; a statistic that is not estimable counts as not holding),
    ``not_estimable``, ``share`` (holds / n), ``category`` (:func:`category`) and
    ``shipped_holds`` (in the shipped cohort; None without it)."""
    rows = []
    one = pd.DataFrame([dict(shipped)]) if shipped is not None else None
    for c in rules:
        hold = c.test(results).fillna(False).astype(bool)
        n = len(results)
        share = float(hold.sum()) / n if n else float("nan")
        rows.append(
            {
                "conclusion": c.id,
                "statistic": c.statistic,
                "rule": c.rule,
                "n": n,
                "holds": int(hold.sum()),
                "not_estimable": int(results[c.statistic].isna().sum()),
                "share": share,
                "category": category(share) if n else "none",
                "shipped_holds": None if one is None else bool(c.test(one).fillna(False).iloc[0]),
            }
        )
    return pd.DataFrame(rows)


def diagnostic(results: pd.DataFrame) -> pd.DataFrame:
    """The free parts vary: per :data:`DIAGNOSTICS` column, ``variable``, ``unit``,
    ``n_distinct`` (distinct values across cohorts), ``min``, ``q1``, ``median``, ``q3``,
    ``max`` and ``varies`` (more than one distinct value)."""
    units = {c: u for c, u, _ in COLUMNS}
    rows = []
    for col in DIAGNOSTICS:
        v = results[col].to_numpy(dtype=float)
        ok = v[~np.isnan(v)]
        q = np.percentile(ok, [0, 25, 50, 75, 100]) if ok.size else [float("nan")] * 5
        distinct = int(np.unique(ok).size)
        rows.append(
            {
                "variable": col,
                "unit": units[col],
                "n_distinct": distinct,
                "min": float(q[0]),
                "q1": float(q[1]),
                "median": float(q[2]),
                "q3": float(q[3]),
                "max": float(q[4]),
                "varies": distinct > 1,
            }
        )
    return pd.DataFrame(rows)


def summarise(
    results: pd.DataFrame, *, shipped: Mapping[str, float] | None = None
) -> EnsembleSummary:
    """:func:`spread`, :func:`conclusions` and :func:`diagnostic` of ``results``."""
    return EnsembleSummary(
        spread=spread(results, shipped=shipped),
        conclusions=conclusions(results, shipped=shipped),
        diagnostic=diagnostic(results),
    )


# ---------------------------------------------------------------------------------------------
# the numbers the appendix cites (rrall.registry.Value, keys written out: grep finds them)
#: (key, column, which): a summary across the reconstructions
_SPREAD_KEYS: tuple[tuple[str, str, str], ...] = (
    ("ens.logrank_p.min", "logrank_p", "min"),
    ("ens.logrank_p.max", "logrank_p", "max"),
    ("ens.mb_p.median", "mb_p", "median"),
    ("ens.mb_p.min", "mb_p", "min"),
    ("ens.mb_p.max", "mb_p", "max"),
    ("ens.td_hr.median", "td_hr", "median"),
    ("ens.td_hr.min", "td_hr", "min"),
    ("ens.td_hr.max", "td_hr", "max"),
    ("ens.os_median.min", "os_median", "min"),
    ("ens.os_median.max", "os_median", "max"),
    ("ens.hsct_day_median.min", "hsct_day_median", "min"),
    ("ens.hsct_day_median.max", "hsct_day_median", "max"),
    ("ens.alive_followup_median.min", "alive_followup_median", "min"),
    ("ens.alive_followup_median.max", "alive_followup_median", "max"),
    ("ens.k_lost.min", "k_lost", "min"),
    ("ens.k_lost.max", "k_lost", "max"),
)
#: (key, conclusion id): in how many reconstructions a conclusion holds
_HOLDS_KEYS: tuple[tuple[str, str], ...] = (
    ("ens.holds.naive_p", "naive_logrank_p_below_05"),
    ("ens.holds.mb_p", "mantel_byar_p_below_05"),
    ("ens.holds.td_hr", "td_cox_hr_below_1"),
    ("ens.holds.td_ci", "td_cox_ci_excludes_1"),
    ("ens.holds.td_p", "td_cox_p_below_05"),
    ("ens.holds.lm_p", "landmark_p_below_05"),
    ("ens.holds.lm_hr", "landmark_hr_below_1"),
    ("ens.holds.os_median", "os_median_below_1y"),
)
#: conclusion id -> the key of its count
HOLDS_KEY: dict[str, str] = {cid: key for key, cid in _HOLDS_KEYS}


def read_sidecar(folder: Path | None = None) -> dict[str, Any]:
    """The settings a results file was made with (:data:`SIDECAR_FILE`)."""
    path = (folder or ensemble_dir()) / SIDECAR_FILE
    out = read_yaml(path.read_text(encoding="utf-8"))
    return out if isinstance(out, dict) else {}


@dataclass(frozen=True)
class EnsembleView:
    """The committed ensemble as one cohort's report shows it: the ``results``, their
    ``summary`` with that cohort's statistics as the marked one, the settings (``meta``) and
    the cited ``values`` (:func:`ensemble_values`)."""

    results: pd.DataFrame
    summary: EnsembleSummary
    shipped: Mapping[str, float]
    meta: Mapping[str, Any]
    values: tuple[Value, ...]

    @property
    def landmark_months(self) -> float:
        """The landmark the results were computed with."""
        return float(self.meta.get("landmark_months", DEFAULT_LANDMARK_MONTHS))


def ensemble_view(cohort: Any, folder: Path | None = None) -> EnsembleView:
    """The results in ``folder`` (default: the committed ones) beside ``cohort``'s own
    statistics; computed once per cohort and folder."""
    from rrall.cohort import memo

    def build() -> EnsembleView:
        results = read_results(folder)
        meta = read_sidecar(folder)
        months = float(meta.get("landmark_months", DEFAULT_LANDMARK_MONTHS))
        shipped = cohort_statistics(cohort, landmark_months=months)
        summary = summarise(results, shipped=shipped)
        seed = int(meta.get("master_seed", DEFAULT_MASTER_SEED))
        values = ensemble_values(summary, master_seed=seed, landmark_months=months)
        return EnsembleView(results, summary, shipped, meta, tuple(values))

    return memo(cohort, f"ensemble-view:{folder or ensemble_dir()}", build)


def _kind_of(column: str) -> tuple[str, int]:
    """The registry kind and digits a column's values are printed with."""
    unit = {c: u for c, u, _ in COLUMNS}[column]
    return {
        "p": ("p", 2),
        "ratio": ("number", 2),
        "years": ("duration", 1),
        "percent": ("number", 1),
        "chi2": ("number", 2),
    }.get(unit, ("number", 0))


def ensemble_values(
    summary: EnsembleSummary, *, master_seed: int, landmark_months: float
) -> list[Value]:
    """The appendix's cited numbers: the number of cohorts, the master seed, summaries of the
    spread (:data:`_SPREAD_KEYS`), the count of cohorts in which each conclusion holds
    (:data:`_HOLDS_KEYS`) and the shipped cohort's Mantel-Byar P with its percentile."""
    sp = summary.spread.set_index("statistic")
    cn = summary.conclusions.set_index("conclusion")
    n = int(cn["n"].iloc[0]) if len(cn) else 0
    months = float(landmark_months)
    method = "est_ensemble"
    out = [
        Value("ens.n", "count", n, "what_ens_n", n=n, method=method),
        Value("ens.master_seed", "text", str(master_seed), "what_ens_seed", method=method),
        Value("ens.landmark_months", "number", months, "what_ens_landmark", digits=0),
        Value("ens.most", "number", 100 * MOST, "what_ens_most", digits=0),
    ]
    for key, col, which in _SPREAD_KEYS:
        kind, digits = _kind_of(col)
        x = float(sp.loc[col, which])
        out.append(
            Value(
                key,
                kind,  # type: ignore[arg-type]
                x,
                "what_ens_stat",
                digits=digits,
                method=method,
                fields={"statistic": col, "which": which, "t": months},
                missing="not_estimable" if math.isnan(x) else None,
            )
        )
    for key, cid in _HOLDS_KEYS:
        holds = int(cn.loc[cid, "holds"])
        share = 100.0 * holds / n if n else float("nan")
        out.append(
            Value(
                key,
                "share",
                share,
                "what_ens_holds",
                n=holds,
                of=n,
                method=method,
                fields={"conclusion": cid, "t": months},
            )
        )
    k = int(cn.loc["mantel_byar_p_below_05", "holds"]) if n else 0
    share = 100.0 * (n - k) / n if n else float("nan")
    out.append(
        Value(
            "ens.fails.mb_p",
            "share",
            share,
            "what_ens_fails",
            n=n - k,
            of=n,
            method=method,
            fields={"conclusion": "mantel_byar_p_below_05", "t": months},
        )
    )
    dg = summary.diagnostic
    fixed = ",".join(str(v) for v in dg.loc[~dg["varies"].astype(bool), "variable"])
    out.append(Value("ens.diag.fixed", "text", fixed, "what_ens_fixed", method=method))
    x, pct = float(sp.loc["mb_p", "shipped"]), float(sp.loc["mb_p", "shipped_percentile"])
    out += [
        Value(
            "ens.mb_p.shipped",
            "p",
            x,
            "what_ens_shipped",
            method=method,
            fields={"statistic": "mb_p", "t": months},
            missing="not_estimable" if math.isnan(x) else None,
        ),
        Value(
            "ens.mb_p.percentile",
            "number",
            pct,
            "what_ens_percentile",
            digits=0,
            method=method,
            fields={"statistic": "mb_p", "t": months},
            missing="not_estimable" if math.isnan(pct) else None,
        ),
    ]
    return out


def shipped_statistics(*, landmark_months: float = DEFAULT_LANDMARK_MONTHS) -> dict[str, float]:
    """:func:`cohort_statistics` of the shipped data (``data/``)."""
    from rrall.cohort import load_cohort
    from rrall.paths import project_root

    return cohort_statistics(load_cohort(project_root() / "data"), landmark_months=landmark_months)


# ---------------------------------------------------------------------------------------------
def _screen(summary: EnsembleSummary, results: pd.DataFrame, seconds: float, jobs: int) -> str:
    """The one-screen summary printed at the end of a run."""
    sp = summary.spread.set_index("statistic")
    lines = [
        f"ensemble: {len(results)} cohorts, each reproducing the paper (audit) and obeying the "
        f"timeline rules; {seconds:.1f} s on {jobs} process(es), "
        f"{seconds * jobs / max(len(results), 1):.2f} s per cohort per process",
        "",
        f"{'statistic':<22}{'median':>10}{'IQR':>22}{'range':>24}{'P<0.05':>8}{'shipped':>10}",
    ]
    shown = ("os_median", "os_6m", "os_4y", "logrank_p", "mb_p", "td_hr", "td_p", "lm_p", "lm_hr")
    for col in shown:
        r = sp.loc[col]
        share = "" if math.isnan(r["share_p_below_05"]) else f"{100 * r['share_p_below_05']:.0f}%"
        iqr = f"{r['q1']:.4g}-{r['q3']:.4g}"
        rng = f"{r['min']:.4g}-{r['max']:.4g}"
        lines.append(
            f"{col:<22}{r['median']:>10.4g}{iqr:>22}{rng:>24}{share:>8}{r['shipped']:>10.4g}"
        )
    lines += ["", f"{'conclusion':<28}{'holds in':>12}  category  (all = 100%, most >= {MOST:.0%})"]
    for r in summary.conclusions.itertuples():
        lines.append(f"{r.conclusion:<28}{f'{r.holds}/{r.n}':>12}  {r.category}")
    dg = summary.diagnostic.set_index("variable")
    lines += [
        "",
        "free parts vary (min-max across cohorts): "
        + "; ".join(
            f"{v} {dg.loc[v, 'min']:.0f}-{dg.loc[v, 'max']:.0f}"
            for v in ("hsct_day_median", "alive_followup_median", "k_lost")
        ),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m rrall ensemble [--n N] [--seed S] [--jobs J] [--landmark-months M] [--out D]``"""
    ap = argparse.ArgumentParser(
        prog="python -m rrall ensemble",
        description="Build many reconstructions; record which conclusions hold in all of them.",
    )
    ap.add_argument("--n", type=int, default=DEFAULT_N, help=f"cohorts (default {DEFAULT_N})")
    ap.add_argument("--seed", type=int, default=DEFAULT_MASTER_SEED, help="master seed")
    ap.add_argument("--jobs", type=int, default=None, help="processes (default: every core)")
    ap.add_argument(
        "--landmark-months",
        type=float,
        default=DEFAULT_LANDMARK_MONTHS,
        help=f"landmark, months after R/R diagnosis (default {DEFAULT_LANDMARK_MONTHS})",
    )
    ap.add_argument("--out", type=Path, default=None, help="folder (default data/ensemble)")
    ap.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("--n must be at least 1")
    folder = (args.out or ensemble_dir()).resolve()
    jobs = max(1, args.jobs or os.cpu_count() or 1)
    print(f"[ensemble] {args.n} cohorts, master seed {args.seed}, {jobs} process(es) -> {folder}")
    t0 = time.perf_counter()
    try:
        results = run_ensemble(
            n=args.n,
            master_seed=args.seed,
            jobs=jobs,
            landmark_months=args.landmark_months,
            progress=not args.no_progress,
        )
    except EnsembleFailedError as err:
        print(f"[ensemble] FAILED: {err}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - t0
    paths = write_results(
        results, folder, n=args.n, master_seed=args.seed, landmark_months=args.landmark_months
    )
    summary = summarise(results, shipped=shipped_statistics(landmark_months=args.landmark_months))
    print(_screen(summary, results, seconds, jobs))
    for p in paths:
        print(f"[ensemble] wrote {p}")
    return 0

"""rrall.rebuild.ensemble: deterministic, loud on failure, the committed file reproduces, and the
summary frames are worked out by hand here."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from rrall.rebuild import ensemble
from rrall.rebuild.ensemble import (
    COLUMNS,
    DIAGNOSTICS,
    MOST,
    CohortFailedError,
    EnsembleFailedError,
    category,
    cohort_seeds,
    conclusions,
    diagnostic,
    read_results,
    results_csv,
    run_ensemble,
    spread,
    summarise,
)

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "data" / "ensemble"


def test_cohort_seeds_are_distinct_deterministic_prefixes() -> None:
    a = cohort_seeds(20170925, 50)
    assert a == cohort_seeds(20170925, 50)
    assert len(set(a)) == 50 and all(0 <= s < 2**32 for s in a)
    assert cohort_seeds(20170925, 5) == a[:5]
    assert cohort_seeds(1, 5) != a[:5]


def test_same_seed_same_rows_for_any_number_of_processes() -> None:
    one = run_ensemble(n=3, master_seed=123, jobs=1, progress=False)
    two = run_ensemble(n=3, master_seed=123, jobs=2, progress=False)
    assert list(one.columns) == ["seed", *(c for c, _, _ in COLUMNS)]
    assert one["seed"].tolist() == sorted(cohort_seeds(123, 3))
    assert results_csv(one) == results_csv(two)
    # cohorts differ by seed in what the paper leaves open, never in the paper's numbers
    assert one["logrank_p"].round(4).nunique() == 1
    assert one["mb_p"].nunique() == 3


def test_a_failing_cohort_stops_the_run_and_names_its_seed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = cohort_seeds(7, 2)
    real = ensemble._check

    def broken(cohort: object, seed: int, k_lost: int) -> None:
        if seed == seeds[1]:
            raise CohortFailedError(seed, "audit: 1 item(s) differ: os_1y (53.7% vs 53.8%)")
        real(cohort, seed, k_lost)  # type: ignore[arg-type]

    monkeypatch.setattr(ensemble, "_check", broken)
    with pytest.raises(EnsembleFailedError, match=str(seeds[1])) as err:
        run_ensemble(seeds=seeds, jobs=1, progress=False)
    assert err.value.failures == [(seeds[1], "audit: 1 item(s) differ: os_1y (53.7% vs 53.8%)")]
    code = ensemble.main(
        ["--n", "2", "--seed", "7", "--jobs", "1", "--no-progress", "--out", "/nonexistent/x"]
    )
    assert code == 1
    assert str(seeds[1]) in capsys.readouterr().err
    assert not Path("/nonexistent/x").exists()


def test_the_committed_results_reproduce() -> None:
    meta = yaml.safe_load((COMMITTED / ensemble.SIDECAR_FILE).read_text(encoding="utf-8"))
    committed = (COMMITTED / ensemble.RESULTS_FILE).read_text(encoding="utf-8").splitlines()
    results = read_results(COMMITTED)
    assert len(results) == meta["n"] == ensemble.DEFAULT_N
    assert meta["master_seed"] == ensemble.DEFAULT_MASTER_SEED
    assert sorted(results["seed"]) == sorted(cohort_seeds(meta["master_seed"], meta["n"]))
    assert results["seed"].is_monotonic_increasing
    assert (results["landmark_months"] == meta["landmark_months"]).all()
    picks = [0, len(results) // 2, len(results) - 1]
    again = run_ensemble(
        seeds=[int(results["seed"][i]) for i in picks],
        landmark_months=meta["landmark_months"],
        jobs=1,
        progress=False,
    )
    lines = results_csv(again).splitlines()
    assert lines[0] == committed[0]
    assert lines[1:] == [committed[i + 1] for i in picks]


def test_sidecar_names_settings_and_versions() -> None:
    meta = yaml.safe_load((COMMITTED / ensemble.SIDECAR_FILE).read_text(encoding="utf-8"))
    assert set(meta["columns"]) == {c for c, _, _ in COLUMNS}
    for pkg in ("rrall", "python", "numpy", "pandas", "scipy", "lifelines"):
        assert meta["versions"][pkg]
    assert "seed draws everything the paper leaves open" in meta["how_seeds_vary"]
    assert meta["reconstruction_settings"]["cutoff"] == "2015-06-30"


# --- summaries on a hand-made frame ---------------------------------------------------------------
def _frame() -> pd.DataFrame:
    """Ten cohorts. Naive P always < 0.05; Mantel-Byar P < 0.05 in 9; HR < 1 in 5 (one NaN);
    its CI excludes 1 in 2; landmark P never < 0.05."""
    rows = []
    for i in range(10):
        row = {c: 1.0 for c, _, _ in COLUMNS}
        row.update(
            seed=i,
            logrank_p=0.0097,
            mb_p=0.01 if i < 9 else 0.2,
            td_hr=[0.5, 0.6, 0.7, 0.8, 0.9, 1.1, 1.2, 1.3, 1.4, float("nan")][i],
            td_hr_ci_low=[0.2, 0.3, 0.5, 0.5, 0.5, 0.6, 0.7, 0.8, 1.05, float("nan")][i],
            td_hr_ci_high=[0.9, 0.95, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, float("nan")][i],
            lm_p=0.3,
            os_median=1.0 + i / 10,
            hsct_day_median=100.0 + i,
            k_lost=float(1 + i % 3),
        )
        rows.append(row)
    return pd.DataFrame(rows)


def test_categories_and_their_thresholds() -> None:
    assert category(1.0) == "all"
    assert category(MOST) == "most" and category(0.95) == "most"
    assert category(0.89) == "some" and category(0.01) == "some"
    assert category(0.0) == "none"
    assert MOST == 0.9


def test_conclusions_by_hand() -> None:
    c = conclusions(_frame()).set_index("conclusion")
    assert c.loc["naive_logrank_p_below_05", ["holds", "share", "category"]].tolist() == [
        10,
        1.0,
        "all",
    ]
    assert c.loc["mantel_byar_p_below_05", ["holds", "category"]].tolist() == [9, "most"]
    assert c.loc["td_cox_hr_below_1", ["holds", "not_estimable", "category"]].tolist() == [
        5,
        1,
        "some",
    ]
    # CI excludes 1: cohorts 0 and 1 (high < 1) and 8 (low > 1)
    assert c.loc["td_cox_ci_excludes_1", "holds"] == 3
    assert c.loc["landmark_p_below_05", ["holds", "category"]].tolist() == [0, "none"]
    assert c["shipped_holds"].isna().all()


def test_spread_and_shipped_percentile_by_hand() -> None:
    shipped = {c: 1.0 for c, _, _ in COLUMNS} | {
        "os_median": 1.45,
        "mb_p": 0.2,
        "logrank_p": 0.0097,
    }
    s = spread(_frame(), shipped=shipped).set_index("statistic")
    om = s.loc["os_median"]
    assert (om["n"], om["min"], om["max"]) == (10, 1.0, 1.9)
    assert math.isclose(om["median"], 1.45) and math.isclose(om["q1"], 1.225)
    assert math.isclose(om["q3"], 1.675)
    assert math.isclose(om["shipped_percentile"], 50.0)  # five below, none equal
    assert math.isclose(s.loc["mb_p", "share_p_below_05"], 0.9)
    assert math.isclose(s.loc["mb_p", "shipped_percentile"], 95.0)  # nine below, one equal
    assert math.isnan(s.loc["os_median", "share_p_below_05"])  # not a P value
    assert s.loc["td_hr", "n"] == 9  # NaN left out
    c = conclusions(_frame(), shipped=shipped).set_index("conclusion")
    assert not c.loc["mantel_byar_p_below_05", "shipped_holds"]
    assert c.loc["naive_logrank_p_below_05", "shipped_holds"]


def test_diagnostic_by_hand_and_on_the_committed_results() -> None:
    d = diagnostic(_frame()).set_index("variable")
    assert list(d.index) == list(DIAGNOSTICS)
    assert d.loc["hsct_day_median", ["n_distinct", "min", "max"]].tolist() == [10, 100.0, 109.0]
    assert d.loc["k_lost", "n_distinct"] == 3
    assert not d.loc["n_regimen_combinations", "varies"]  # all 1.0 in the hand-made frame
    real = diagnostic(read_results(COMMITTED)).set_index("variable")
    assert real["varies"].all()  # transplant days, censoring times, losses, regimens all vary
    assert real.loc["hsct_day_median", "n_distinct"] > 20
    assert real.loc["alive_followup_median", "n_distinct"] > 20
    assert real.loc["k_lost", "n_distinct"] >= 3


def test_summarise_on_the_committed_results() -> None:
    results = read_results(COMMITTED)
    shipped = ensemble.shipped_statistics()
    s = summarise(results, shipped=shipped)
    assert list(s.spread.columns) == [
        "statistic", "unit", "n", "median", "q1", "q3", "min", "max",
        "share_p_below_05", "shipped", "shipped_percentile",
    ]  # fmt: skip
    assert list(s.conclusions.columns) == [
        "conclusion", "statistic", "rule", "n", "holds", "not_estimable", "share", "category",
        "shipped_holds",
    ]  # fmt: skip
    c = s.conclusions.set_index("conclusion")
    # the paper's own comparison holds everywhere: its P is fixed by the reconstruction
    assert c.loc["naive_logrank_p_below_05", "category"] == "all"
    assert np.isfinite(s.spread.set_index("statistic").loc["mb_p", "shipped_percentile"])

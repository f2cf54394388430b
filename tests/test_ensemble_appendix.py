"""The ensemble appendix: its numbers, sentences, tables and figure come from the results file,
so feeding another file changes them; categories and counts are worked out here by hand."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import rrall
from rrall import prose
from rrall.labels import visible_text
from rrall.rebuild import ensemble
from rrall.tables import tbl_ensemble, tbl_ensemble_conclusions, tbl_ensemble_diagnostic

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "data" / "ensemble"


def _text(md: object) -> str:
    return visible_text(str(md))


@pytest.fixture(scope="module")
def cohort() -> rrall.Cohort:
    return rrall.load_cohort()


def _write(tmp: Path, results: pd.DataFrame) -> Path:
    folder = tmp / "ensemble"
    folder.mkdir(parents=True, exist_ok=True)
    results.to_csv(folder / ensemble.RESULTS_FILE, index=False)
    shutil.copy(COMMITTED / ensemble.SIDECAR_FILE, folder / ensemble.SIDECAR_FILE)
    return folder


def test_counts_and_spread_are_those_of_the_file(cohort: rrall.Cohort) -> None:
    results = ensemble.read_results()
    nums = prose.ensemble_numbers(cohort, lang="en")
    assert nums.count("ens.n") == len(results)
    # counted here from the CSV, not through rrall.rebuild.ensemble.conclusions
    assert nums.count("ens.holds.mb_p") == int((results["mb_p"] < 0.05).sum())
    assert nums.count("ens.holds.lm_hr") == int((results["lm_hr"] < 1).sum())
    excl = (results["td_hr_ci_high"] < 1) | (results["td_hr_ci_low"] > 1)
    assert nums.count("ens.holds.td_ci") == int(excl.sum())
    assert nums.raw("ens.mb_p.min") == results["mb_p"].min()
    assert nums.raw("ens.td_hr.median") == pytest.approx(float(np.median(results["td_hr"])))
    assert nums.raw("ens.k_lost.max") == results["k_lost"].max()
    # the shipped cohort's Mantel-Byar P is the report's own (rrall.registry) value
    assert nums.raw("ens.mb_p.shipped") == pytest.approx(
        rrall.numbers(cohort, lang="en").raw("td.mb.p")
    )
    below = float((results["mb_p"] < nums.raw("ens.mb_p.shipped")).mean()) * 100
    assert abs(nums.raw("ens.mb_p.percentile") - below) <= 100 / len(results)


def test_every_cited_ensemble_key_is_written_once_in_the_ensemble_module(
    cohort: rrall.Cohort,
) -> None:
    text = (ROOT / "rrall" / "prose.py").read_text(encoding="utf-8")
    home = (ROOT / "rrall" / "rebuild" / "ensemble.py").read_text(encoding="utf-8")
    cited = set(re.findall(r"""["'](ens\.[\w.]+)["']""", text))
    assert len(cited) > 15
    nums = prose.ensemble_numbers(cohort, lang="en")
    for key in sorted(cited):
        nums.value(key)  # defined
        assert len(re.findall(rf'\(\s*"{re.escape(key)}"', home)) == 1, key


def test_sentences_change_when_the_results_change(cohort: rrall.Cohort, tmp_path: Path) -> None:
    shipped = prose.ensemble_findings(prose.ensemble_numbers(cohort, lang="en"))
    assert "No reconstruction gives" in _text(shipped)
    # a different results file: every corrected test significant, the interval below 1
    results = ensemble.read_results().head(40).copy()
    results["mb_p"] = 0.01
    results["td_p"] = 0.02
    results["td_hr_ci_high"] = 0.9
    folder = _write(tmp_path, results)
    for lang in ("en", "ko"):
        nums = prose.ensemble_numbers(cohort, lang=lang, folder=folder)
        text = _text(prose.ensemble_findings(nums))
        assert text != _text(prose.ensemble_findings(prose.ensemble_numbers(cohort, lang=lang)))
        assert rrall.label("ens_verdict_robust", lang) in text
        assert rrall.label("ens_verdict_immortal", lang) not in text
        assert "40" in _text(prose.ensemble_intro(nums))
    en = _text(prose.ensemble_findings(prose.ensemble_numbers(cohort, lang="en", folder=folder)))
    assert "All 40 reconstructions give" in en and "a Mantel-Byar P below 0.05" in en


def test_a_split_result_is_said_to_depend_on_the_details(
    cohort: rrall.Cohort, tmp_path: Path
) -> None:
    results = ensemble.read_results().head(10).copy()
    results.loc[:2, "mb_p"] = 0.001  # 3 of 10: "some", with its count
    folder = _write(tmp_path, results)
    text = _text(prose.ensemble_findings(prose.ensemble_numbers(cohort, lang="en", folder=folder)))
    assert "a Mantel-Byar P below 0.05 (3 of 10, 30.0%)" in text
    assert rrall.label("ens_verdict_depends", "en") in text
    ko = _text(prose.ensemble_findings(prose.ensemble_numbers(cohort, lang="ko", folder=folder)))
    assert "(10개 중 3개, 30.0%)" in ko


def test_naive_p_that_varies_is_reported_as_a_range(cohort: rrall.Cohort, tmp_path: Path) -> None:
    results = ensemble.read_results().head(5).copy()
    results["logrank_p"] = [0.004, 0.009, 0.02, 0.03, 0.2]
    folder = _write(tmp_path, results)
    nums = prose.ensemble_numbers(cohort, lang="en", folder=folder)
    text = _text(prose.ensemble_spread_sentence(nums))
    assert "The naive log-rank test gives P=0.0040 to P=0.20" in text
    findings = _text(prose.ensemble_findings(nums))
    assert "(4 of 5, 80.0%)" in findings  # 0.2 is not below 0.05
    assert rrall.label("ens_verdict_naive_varies", "en") in findings


def test_tables_follow_the_file(cohort: rrall.Cohort, tmp_path: Path) -> None:
    results = ensemble.read_results().head(8).copy()
    results["hsct_day_median"] = 150.0  # one value: the diagnostic says it does not vary
    folder = _write(tmp_path, results)
    conc = tbl_ensemble_conclusions(cohort, lang="en", folder=folder).data
    k = int((results["lm_p"] < 0.05).sum())
    row = conc[conc["conclusion"].str.startswith("A 6-month landmark log-rank P")].iloc[0]
    assert row["holds"].startswith(f"{k} of 8 (")
    spread = tbl_ensemble(cohort, lang="ko", folder=folder).data
    mb = spread[spread["statistic"] == rrall.label("ens_s_mb_p", "ko")].iloc[0]
    lo, hi = results["mb_p"].min(), results["mb_p"].max()
    assert mb["range"] == f"{lo:.2g}-{hi:.2g}"
    # the naive log-rank P prints the same in every reconstruction: one value, not "a-a"
    naive = spread[spread["statistic"] == rrall.label("ens_s_logrank_p", "ko")].iloc[0]
    assert results["logrank_p"].max() / results["logrank_p"].min() < 1.01
    assert "-" not in naive["range"] and naive["range"] in naive["median_iqr"]
    diag = tbl_ensemble_diagnostic(cohort, lang="en", folder=folder).data
    assert diag.loc[1, "distinct"] == "1"
    nums = prose.ensemble_numbers(cohort, lang="en", folder=folder)
    text = _text(prose.ensemble_diagnostic_sentence(nums))
    assert "These parts took one value in every reconstruction: median transplant day" in text


def test_real_data_mode_marks_the_study_not_a_shipped_cohort(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for f in (ROOT / "data").iterdir():
        if f.is_file() and f.name != "reconstruction.yaml":  # a study's own export
            shutil.copy(f, folder / f.name)
    real = rrall.load_cohort(folder)
    assert not real.reconstructed
    nums = prose.ensemble_numbers(real, lang="en")
    assert "built from the paper alone" in _text(prose.ensemble_intro(nums))
    assert "this study's data" in prose.ensemble_caption(nums, "figure")
    gt_cols = tbl_ensemble(real, lang="en").gt._boxhead
    assert any("This study's data" in str(c.column_label) for c in gt_cols)


def test_figure_marks_the_cohort_and_each_reconstruction(cohort: rrall.Cohort) -> None:
    fig = rrall.fig_ensemble(cohort, lang="en")
    results = ensemble.read_results()
    ax_p, ax_hr = fig.axes
    dots = [c for c in ax_p.collections if len(c.get_offsets()) == len(results)]
    assert len(dots) == 4  # naive, Mantel-Byar, Cox P, landmark P
    diamonds = [ln for ln in ax_p.lines if ln.get_marker() == "D"]
    shipped = rrall.numbers(cohort, lang="en").raw("td.mb.p")
    assert any(np.isclose(ln.get_xdata()[0], shipped) for ln in diamonds)
    assert any(
        np.isclose(ln.get_xdata()[0], 0.05) for ln in ax_p.lines if ln.get_linestyle() == ":"
    )
    assert any(
        np.isclose(ln.get_xdata()[0], 1.0) for ln in ax_hr.lines if ln.get_linestyle() == ":"
    )

"""rrall.rebuild.baseline and rrall.rebuild.regimens: Table 1 and Table 2 from their targets."""

from __future__ import annotations

import collections

import numpy as np
import pandas as pd
import pytest

from rrall.characteristics import continuous_summary
from rrall.fmt import fmt_num
from rrall.rebuild.baseline import B_LINEAGE_CYTOGENETICS, baseline_patients, fit_summary
from rrall.rebuild.regimens import TEMPLATES, Template, all_counts, assign_regimens, solve_counts
from rrall.rebuild.targets import load_targets

TARGETS = load_targets()


def test_fit_summary_hits_printed_statistics() -> None:
    age = TARGETS.summaries["age"]
    rng = np.random.default_rng(1)
    base = rng.normal(14, 4, 64)
    x = fit_summary(base, age, lower=np.full(64, 6.0), upper=np.full(64, 25.0), step=0.01)
    s = continuous_summary(pd.Series(x))
    assert {k: fmt_num(s[k], 1) for k in age} == dict(age)
    # on a shifted grid: every value is offset + k * step
    off = rng.uniform(-0.005, 0.005, 64)
    y = fit_summary(
        base, age, lower=np.full(64, 6.0), upper=np.full(64, 25.0), step=0.01, offset=off
    )
    assert np.allclose(np.round((y - off) / 0.01), (y - off) / 0.01)
    # an impossible target is reported, not silently missed
    height = TARGETS.summaries["height"]
    with pytest.raises(RuntimeError):
        fit_summary(base[:5], height, lower=np.full(5, 140.0), upper=np.full(5, 150.0))


def test_baseline_patients_meet_table1() -> None:
    df = baseline_patients(TARGETS, np.random.default_rng(3), unmeasured=[5])
    for var in ("sex", "disease_status", "immunophenotype", "cytogenetics"):
        got = collections.Counter(df[var].tolist())
        assert dict(got) == dict(TARGETS.categories[var]), var
    assert set(df.loc[df["cytogenetics"].isin(B_LINEAGE_CYTOGENETICS), "immunophenotype"]) == {"B"}
    assert df["height_cm"].isna().tolist() == [i == 5 for i in range(len(df))]
    age = df["age_at_initial_dx"] + df["interval_days"] / 365.25
    s = continuous_summary(age)
    assert {k: fmt_num(s[k], 1) for k in TARGETS.summaries["age"]} == dict(TARGETS.summaries["age"])
    assert (df["age_at_initial_dx"] >= 1).all() and (df["age_at_initial_dx"] < 22).all()


def _agent_totals(counts: tuple[int, ...] | list[int]) -> dict[str, int]:
    tot: collections.Counter[str] = collections.Counter()
    for t, n in zip(TEMPLATES, counts, strict=True):
        for a in t.agents:
            tot[a] += n
    return dict(tot)


def test_every_template_combination_gives_table2() -> None:
    n = TARGETS.counts["flow_analysed"]
    found = all_counts(tuple(sorted(TARGETS.agents.items())), n)
    assert len(found) > 1  # the seed has a choice
    for counts in found:
        assert sum(counts) == n and _agent_totals(counts) == dict(TARGETS.agents)
    a = solve_counts(TARGETS.agents, n, np.random.default_rng(1))
    b = solve_counts(TARGETS.agents, n, np.random.default_rng(1))
    assert a == b and tuple(a) in found
    picked = {tuple(solve_counts(TARGETS.agents, n, np.random.default_rng(s))) for s in range(40)}
    assert len(picked) > 3
    with pytest.raises(ValueError):
        solve_counts({**TARGETS.agents, "vincristine": 200}, n, np.random.default_rng(1))


def test_regimens_honour_lineage() -> None:
    df = baseline_patients(TARGETS, np.random.default_rng(4), unmeasured=[0])
    pts = df.iloc[1:][["immunophenotype", "cytogenetics"]].reset_index(drop=True)
    counts = solve_counts(TARGETS.agents, len(pts), np.random.default_rng(4))
    regs = assign_regimens(pts, counts, np.random.default_rng(4))
    for reg, (_, p) in zip(regs, pts.iterrows(), strict=True):
        if "nelarabine" in reg.agents:
            assert p["immunophenotype"] == "T"
        if "dasatinib" in reg.agents:
            assert p["cytogenetics"] == "t9_22"
        if "rituximab" in reg.agents:
            assert p["immunophenotype"] == "B"
    assert _agent_totals([regs.count(t) for t in TEMPLATES]) == dict(TARGETS.agents)
    with pytest.raises(ValueError):
        assign_regimens(
            pts.iloc[:3], [1, 1, 1, 1] + [0] * (len(TEMPLATES) - 4), np.random.default_rng(0)
        )
    lone = [Template(("nelarabine",), False, "T")]
    with pytest.raises(ValueError, match="no eligible"):
        assign_regimens(
            pts[pts["immunophenotype"] == "B"].head(1),
            [1],
            np.random.default_rng(0),
            templates=lone,
        )

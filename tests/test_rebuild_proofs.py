"""rrall.rebuild.proofs: the exhaustive feasibility arguments, on the published targets."""

from __future__ import annotations

import dataclasses

import pytest

from rrall.fmt import round_half_up
from rrall.rebuild.proofs import (
    STRICT_ALIVE_FOLLOWUP_DAYS,
    alive_followup_bound_ok,
    early_km_pattern_count,
    feasibility_report,
    km_allowed,
    km_pair_feasible,
    min_late_hsct_deaths,
)
from rrall.rebuild.targets import load_targets

TARGETS = load_targets().survival
N = TARGETS.n_total


def _printed(x: float) -> str:
    return f"{round_half_up(x, 1):.1f}"


def test_no_lost_censoring_before_the_first_mark_is_infeasible() -> None:
    # without a censoring before 1 y the KM at 1 y is m/N: never the published value
    first = TARGETS.os_pct[0][1]
    assert all(_printed(100 * m / N) != first for m in range(N + 1))
    # when survivors are censored only after 1 y (min follow-up 400 days) one early lost
    # censoring is needed and enough; with 1250 days even 4 are too few for 1/2/3 y jointly
    assert early_km_pattern_count(TARGETS, k=0, min_alive_followup_days=400) == 0
    assert early_km_pattern_count(TARGETS, k=1, min_alive_followup_days=400) > 0
    assert [
        early_km_pattern_count(TARGETS, k=k, min_alive_followup_days=STRICT_ALIVE_FOLLOWUP_DAYS)
        for k in range(5)
    ] == [0] * 5


def test_published_3y_5y_pair_is_infeasible() -> None:
    (_, s1), (_, s2), (_, s3), (_, s5) = TARGETS.os_pct
    assert not km_pair_feasible(N, s3, s5)
    assert km_pair_feasible(N, s3, "6.6") and km_pair_feasible(N, s3, "6.8")
    assert km_pair_feasible(N, s2, s3) and km_pair_feasible(N, s1, s2)
    allowed, notes = km_allowed(TARGETS)
    assert allowed[-1] == ("6.6", "6.8") and len(notes) == 1


def test_the_record_and_the_proof_must_agree() -> None:
    # published.yaml records the 5-year value as a contradiction; without that record the
    # proof's finding is an error, not a silent change of target
    unrecorded = dataclasses.replace(TARGETS, os_follows=())
    with pytest.raises(ValueError, match="disagree"):
        km_allowed(unrecorded)


def test_strict_followup_frame_is_infeasible() -> None:
    assert not alive_followup_bound_ok(TARGETS, min_alive_followup_days=STRICT_ALIVE_FOLLOWUP_DAYS)
    assert alive_followup_bound_ok(TARGETS, min_alive_followup_days=250)


def test_hsct_5y_needs_four_late_deaths() -> None:
    late, orders = min_late_hsct_deaths(TARGETS)
    assert late == 4
    assert orders == ["DDDDCCCCDDDCDCCC"]


def test_report_states_each_argument() -> None:
    text = "\n".join(feasibility_report(TARGETS, min_alive_followup_days=400))
    assert f"no m rounds to {TARGETS.os_pct[0][1]}" in text  # survivors censored after 1 y
    assert f">= {STRICT_ALIVE_FOLLOWUP_DAYS} days (> 3y) is impossible" in text
    assert "at least 4 of 8 HSCT deaths must follow the first censored survivor" in text
    assert "censorings before 3y after HSCT needed" in text
    assert "jointly impossible" in km_allowed(TARGETS)[1][0]

"""The transplant comparison of one cohort, done right: transplant as a time-dependent state.

Compute only: :mod:`rrall.timedep` run on the analysed patients (time from R/R diagnosis to
death or last contact, transplant day), once per cohort, at the report's pre-specified landmark.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from rrall import timedep
from rrall.cohort import Cohort, memo
from rrall.constants import LANDMARK_MONTHS, MONTHS_PER_YEAR
from rrall.survival import follow_up_ticks

__all__ = ["TransplantComparison", "transplant_comparison"]


@dataclass(frozen=True)
class TransplantComparison:
    """Counting-process records, the Mantel-Byar test, the time-dependent Cox model, the
    landmark analysis and the Simon-Makuch curves of one cohort."""

    split: pd.DataFrame
    mantel_byar: timedep.MantelByar
    cox: timedep.TDCox
    landmark: timedep.Landmark
    simon_makuch: timedep.SimonMakuch


def transplant_comparison(
    cohort: Cohort, *, landmark_months: float = LANDMARK_MONTHS
) -> TransplantComparison:
    """The corrected comparison of transplanted and untransplanted patients of ``cohort``."""
    return memo(cohort, f"transplant-{landmark_months}", lambda: _compare(cohort, landmark_months))


def _compare(cohort: Cohort, landmark_months: float) -> TransplantComparison:
    ana = cohort.analysed.dropna(subset=["os_years"])
    time = ana["os_years"].to_numpy(dtype=float)
    event = ana["os_event"].to_numpy(dtype=bool)
    tx = ana["hsct_years"].where(ana["hsct_done"]).to_numpy(dtype=float)
    split = timedep.split_at_transplant(time, event, tx, ids=ana["patient_id"].to_numpy())
    return TransplantComparison(
        split=split,
        mantel_byar=timedep.mantel_byar(split),
        cox=timedep.td_cox(split),
        landmark=timedep.landmark(time, event, tx, at=landmark_months / MONTHS_PER_YEAR),
        simon_makuch=timedep.simon_makuch(split, ticks=follow_up_ticks(time)),
    )

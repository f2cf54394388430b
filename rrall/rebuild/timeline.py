"""The clinical timeline rules, and loss to follow-up, checked on a loaded cohort.

The data contract is gaining these rules (per patient, every dated event lies between the
R/R diagnosis and death or last contact; the cut-off is not in the future and not before any
event; one cycle-1 start date per patient). The reconstruction obeys them by construction;
:func:`timeline_violations` checks them on any cohort, so that every reconstruction of the
ensemble is held to them.

Loss to follow-up is defined once (:func:`rrall.cohort.lost_to_followup_days`, from the
codebook): a patient alive at last contact whose last contact is more than
``study.lost_to_followup_days`` (default 365) before the cut-off.
"""

from __future__ import annotations

import pandas as pd

from rrall.cohort import Cohort, lost_to_followup_days

__all__ = ["lost_to_followup", "lost_to_followup_days", "timeline_violations"]


def lost_to_followup(cohort: Cohort) -> pd.Series:
    """Per analysed patient (``cohort.analysed`` order): lost to follow-up, as derived once by
    :mod:`rrall.cohort` (alive, last contact more than :func:`lost_to_followup_days` before
    the cut-off)."""
    return cohort.analysed["lost_to_followup"].astype(bool)


def timeline_violations(cohort: Cohort, *, today: pd.Timestamp | None = None) -> pd.DataFrame:
    """Every break of the timeline rules: ``patient_id``, ``rule``, ``detail``.

    Rules: cycle 1 starts on one date per patient; cycle-1 start, marrow examination and HSCT
    lie between the R/R diagnosis and the end of follow-up (death, else last contact); death
    and last contact are not before the R/R diagnosis; the cut-off is not after ``today``
    (default: now) and not before any event. Empty when all hold.
    """
    today = pd.Timestamp.now().normalize() if today is None else today
    p = cohort.analysed
    rows: list[dict[str, str]] = []

    def add(mask: pd.Series, ids: pd.Series, rule: str, detail: str) -> None:
        for pid in ids[mask.fillna(False).astype(bool)]:
            rows.append({"patient_id": str(pid), "rule": rule, "detail": detail})

    starts = cohort.agents[cohort.agents["cycle"] == 1].groupby("patient_id")["start_date"]
    n_dates = starts.nunique()
    many = n_dates[n_dates > 1]
    for pid in many.index:
        rows.append({"patient_id": str(pid), "rule": "one_start", "detail": "several dates"})
    first = starts.min()
    rr = p["rr_dx_date"]
    end = p["death_date"].where(p["vital_status"].eq("dead"), p["last_contact_date"])
    events = {
        "start": p["patient_id"].map(first),
        "exam": p["exam_date"],
        "hsct": p["hsct_date"],
    }
    for name, when in events.items():
        add(when < rr, p["patient_id"], f"{name}_after_rr", f"{name} before R/R diagnosis")
        add(when > end, p["patient_id"], f"{name}_before_end", f"{name} after death/last contact")
    add(end < rr, p["patient_id"], "end_after_rr", "death or last contact before R/R diagnosis")
    cut = p["cutoff_date"]
    add(cut > today, p["patient_id"], "cutoff_past", "cut-off in the future")
    for name, when in {**events, "end": end, "last_contact": p["last_contact_date"]}.items():
        add(when > cut, p["patient_id"], f"{name}_by_cutoff", f"{name} after the cut-off")
    return pd.DataFrame(rows, columns=["patient_id", "rule", "detail"])

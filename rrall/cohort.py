"""load_cohort(): read, validate and derive. The only way chapters get data.

Derived variables are computed here and only here:

- ``eligible`` (screening): the paper's criteria applied to the screening log;
- ``age_at_rr``: age at first diagnosis + (R/R diagnosis - first diagnosis) / 365.25;
- ``analysed``: eligible patients with treatment and follow-up records;
- ``os_years`` / ``os_event``: R/R diagnosis to death from any cause, censored at last contact;
- ``hsct_years``: R/R diagnosis to HSCT; ``after_hsct_years``: HSCT to death or last contact;
- ``cr_any`` (CR or CRp), ``responder`` (CR, CRp or PR), ``hsct_in_cr`` (pre-HSCT CR/CRp).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from rrall.paths import data_dir
from rrall.schema import ValidatedData, eligible_mask, validate_folder

__all__ = ["DAYS_PER_YEAR", "Cohort", "derive", "ineligibility_reasons", "load_cohort"]

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Cohort:
    """The validated study data with derived variables.

    ``screening``: all reviewed records with ``eligible`` and ``ineligible_reason``;
    ``patients``: one row per eligible patient (baseline + response + transplant + follow-up);
    ``agents``: first-cycle agents, one row per patient and agent (analysed patients).
    """

    screening: pd.DataFrame
    patients: pd.DataFrame
    agents: pd.DataFrame
    cutoff: pd.Timestamp | None
    sources: dict[str, str]
    folder: Path | None = None

    @property
    def analysed(self) -> pd.DataFrame:
        """Patients with treatment and follow-up data (the paper's N=63)."""
        return self.patients[self.patients["analysed"]].reset_index(drop=True)


def ineligibility_reasons(screening: pd.DataFrame) -> pd.Series:
    """The first criterion each record fails, as a code ("" when eligible)."""
    reasons = pd.Series("", index=screening.index, dtype="object")
    rules = [
        ("clofarabine", screening["clofarabine_exposed"] == "Y"),
        ("age", ~((screening["age_at_initial_dx"] >= 1) & (screening["age_at_initial_dx"] < 22))),
        ("prior_regimens", screening["prior_regimens"] < 2),
        ("blasts", screening["marrow_blast_pct"] < 25),
    ]
    for code, mask in reversed(rules):
        reasons[mask.fillna(False).astype(bool)] = code
    return reasons


def derive(data: ValidatedData) -> Cohort:
    """Derive the analysis variables from validated frames."""
    scr = data["screening"].copy()
    scr["eligible"] = eligible_mask(scr)
    scr["ineligible_reason"] = ineligibility_reasons(scr)

    base = data["baseline"].merge(
        scr[["patient_id", "site", "age_at_initial_dx"]], on="patient_id", how="left"
    )
    base["age_at_rr"] = base["age_at_initial_dx"] + (
        (base["rr_dx_date"] - base["initial_dx_date"]).dt.days / DAYS_PER_YEAR
    )
    resp = data["response"]
    hsct = data["transplant"]
    fu = data["followup"]
    pts = base.merge(resp, on="patient_id", how="left").merge(hsct, on="patient_id", how="left")
    pts = pts.merge(fu, on="patient_id", how="left")
    treated = set(data["treatment"]["patient_id"])
    pts["analysed"] = pts["patient_id"].isin(treated) & pts["vital_status"].notna()

    dead = pts["vital_status"].eq("dead")
    end = pts["death_date"].where(dead, pts["last_contact_date"])
    pts["os_event"] = dead
    pts["os_days"] = (end - pts["rr_dx_date"]).dt.days
    pts["os_years"] = pts["os_days"] / DAYS_PER_YEAR
    pts["hsct_done"] = pts["hsct"].eq("Y")
    pts["hsct_years"] = (pts["hsct_date"] - pts["rr_dx_date"]).dt.days / DAYS_PER_YEAR
    pts["after_hsct_years"] = (end - pts["hsct_date"]).dt.days / DAYS_PER_YEAR
    pts["marrow_examined"] = pts["marrow_exam"].eq("Y")
    pts["cr_any"] = pts["response"].isin(["CR", "CRp"])
    pts["responder"] = pts["response"].isin(["CR", "CRp", "PR"])
    pts["hsct_in_cr"] = pts["hsct_done"] & pts["pre_hsct_marrow"].isin(["CR", "CRp"])
    pts["lost_to_followup"] = (~dead) & (
        pts["last_contact_date"] < pts["cutoff_date"] - pd.Timedelta(days=180)
    )
    for col in ("os_event", "hsct_done", "marrow_examined", "cr_any", "responder", "hsct_in_cr"):
        pts[col] = pts[col].fillna(False).astype(bool)

    agents = data["treatment"][
        data["treatment"]["patient_id"].isin(pts.loc[pts["analysed"], "patient_id"])
    ]
    cut = fu["cutoff_date"].dropna()
    return Cohort(
        screening=scr,
        patients=pts.reset_index(drop=True),
        agents=agents.reset_index(drop=True),
        cutoff=cut.iloc[0] if len(cut) else None,
        sources=dict(data.sources),
    )


def load_cohort(folder: Path | str | None = None) -> Cohort:
    """Read, validate and derive the study data in ``folder`` (default: ``data/``).

    Raises :class:`rrall.schema.DataValidationError` listing every problem when the files
    break the data contract; nothing is computed from invalid data.
    """
    path = Path(folder).resolve() if folder else data_dir()
    return dataclasses.replace(derive(validate_folder(path)), folder=path)

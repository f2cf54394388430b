"""Tiny hand-made cohorts for tests, built without touching the real data files.

``make_cohort([patient(...), ...])`` returns a :class:`rrall.cohort.Cohort` made by
``rrall.cohort.derive`` from frames typed exactly like ``rrall.contract.validate_folder``
produces them (ids and codes ``object``, ints ``Int64``, floats
``float64``, dates ``datetime64[ns]``, missing values ``None``/``NaN``/``NaT``).
``write_folder`` writes the same frames as CSV so that a test can check the round trip
through the real validator.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from rrall.cohort import Cohort, derive
from rrall.contract import ENTITIES, ValidatedData, load_codebook
from rrall.paths import data_dir

__all__ = [
    "DATA_DIR",
    "DATA_FILES",
    "REAL_FILES",
    "copy_real_data",
    "days_after",
    "make_cohort",
    "make_frames",
    "patient",
    "read_csv_text",
    "screened_only",
    "write_csv_text",
    "write_folder",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_FILES: tuple[str, ...] = tuple(f"{e}.csv" for e in ENTITIES)
REAL_FILES: tuple[str, ...] = (*DATA_FILES, "codebook.yaml")

CUTOFF = "2017-06-30"


def days_after(date: str, days: int) -> str:
    """ISO date ``days`` after ``date``."""
    return (pd.Timestamp(date) + pd.Timedelta(days=days)).date().isoformat()


def _steroid(agent: str) -> str:
    return "Y" if load_codebook().codes["agent"][agent].get("steroid") else "N"


def patient(
    pid: str,
    *,
    # screening
    site: str = "H01",
    age0: float = 6.0,
    prior_regimens: int = 2,
    marrow_blast_pct: float = 60.0,
    clofarabine: str = "N",
    # baseline
    sex: str = "M",
    initial_dx: str = "2005-01-01",
    rr_dx: str = "2008-01-01",
    height: float | None = 120.0,
    weight: float | None = 22.0,
    cytogenetics: str | None = None,
    immunophenotype: str | None = "B",
    disease_status: str = "relapsed",
    # treatment (None = no treatment/follow-up data at all: eligible but not analysed)
    agents: tuple[str, ...] | None = ("vincristine", "prednisolone"),
    # response
    response: str | None = "CR",
    blast_pct: float | None = None,
    reasons: str | None = None,
    # transplant
    hsct: str = "N",
    hsct_after_days: int | None = None,
    pre_hsct_marrow: str | None = None,
    donor: str | None = None,
    reason_no_hsct: str | None = "cr_maintained",
    # follow-up: days from R/R diagnosis to death (dead=True) or last contact
    os_days: int = 400,
    dead: bool = False,
) -> dict[str, list[dict[str, Any]]]:
    """One eligible patient as rows per entity (``{entity: [row, ...]}``), valid by default.

    ``response=None`` means no marrow examination (give ``reasons``, e.g. ``"persistent"`` or
    ``"persistent;other"``); ``hsct="Y"`` needs ``hsct_after_days`` and ``pre_hsct_marrow``.
    """
    rows: dict[str, list[dict[str, Any]]] = {e: [] for e in ENTITIES}
    rows["screening"].append(
        {
            "patient_id": pid,
            "site": site,
            "age_at_initial_dx": float(age0),
            "prior_regimens": int(prior_regimens),
            "marrow_blast_pct": float(marrow_blast_pct),
            "clofarabine_exposed": clofarabine,
        }
    )
    rows["baseline"].append(
        {
            "patient_id": pid,
            "sex": sex,
            "initial_dx_date": initial_dx,
            "rr_dx_date": rr_dx,
            "height_cm": height,
            "weight_kg": weight,
            "cytogenetics": cytogenetics,
            "immunophenotype": immunophenotype,
            "disease_status": disease_status,
        }
    )
    if agents is None:
        return rows
    start = days_after(rr_dx, 3)
    for a in agents:
        rows["treatment"].append(
            {"patient_id": pid, "cycle": 1, "start_date": start, "agent": a, "steroid": _steroid(a)}
        )
    if response is None:
        rows["response"].append(
            {
                "patient_id": pid,
                "marrow_exam": "N",
                "exam_date": None,
                "blast_pct": None,
                "response": None,
                # the validator stores a code set sorted and ";"-joined
                "reasons_not_examined": ";".join(sorted(set((reasons or "persistent").split(";")))),
            }
        )
    else:
        default_blasts = {"CR": 1.0, "CRp": 2.0, "PR": 10.0, "REF": 60.0, "NE": None}
        rows["response"].append(
            {
                "patient_id": pid,
                "marrow_exam": "Y",
                "exam_date": days_after(rr_dx, 30),
                "blast_pct": blast_pct if blast_pct is not None else default_blasts[response],
                "response": response,
                "reasons_not_examined": None,
            }
        )
    if hsct == "Y":
        assert hsct_after_days is not None and pre_hsct_marrow is not None
        rows["transplant"].append(
            {
                "patient_id": pid,
                "hsct": "Y",
                "hsct_date": days_after(rr_dx, hsct_after_days),
                "donor": donor or "MUD",
                "pre_hsct_marrow": pre_hsct_marrow,
                "reason_no_hsct": None,
            }
        )
    else:
        rows["transplant"].append(
            {
                "patient_id": pid,
                "hsct": "N",
                "hsct_date": None,
                "donor": None,
                "pre_hsct_marrow": None,
                "reason_no_hsct": reason_no_hsct,
            }
        )
    end = days_after(rr_dx, os_days)
    rows["followup"].append(
        {
            "patient_id": pid,
            "vital_status": "dead" if dead else "alive",
            "death_date": end if dead else None,
            "last_contact_date": end,
            "cutoff_date": CUTOFF,
        }
    )
    return rows


def screened_only(
    pid: str,
    *,
    site: str = "H02",
    age0: float = 6.0,
    prior_regimens: int = 2,
    marrow_blast_pct: float = 60.0,
    clofarabine: str = "N",
) -> dict[str, list[dict[str, Any]]]:
    """A screening record only (make it ineligible with the keyword arguments)."""
    rows: dict[str, list[dict[str, Any]]] = {e: [] for e in ENTITIES}
    rows["screening"].append(
        {
            "patient_id": pid,
            "site": site,
            "age_at_initial_dx": float(age0),
            "prior_regimens": int(prior_regimens),
            "marrow_blast_pct": float(marrow_blast_pct),
            "clofarabine_exposed": clofarabine,
        }
    )
    return rows


def _typed(entity: str, records: list[dict[str, Any]]) -> pd.DataFrame:
    """The frame ``validate_folder`` would return for ``records`` (same columns and dtypes)."""
    specs = load_codebook().files[entity]["columns"]
    cols: dict[str, pd.Series] = {}
    for c, spec in specs.items():
        values = [r.get(c) for r in records]
        typ = spec["type"]
        if typ == "int":
            s = pd.Series(values, dtype="Int64")
        elif typ == "float":
            s = pd.Series([np.nan if v is None else float(v) for v in values], dtype="float64")
        elif typ == "date":
            s = pd.Series(
                [pd.NaT if v is None else pd.Timestamp(v) for v in values], dtype="datetime64[ns]"
            )
        else:
            s = pd.Series(values, dtype="object")
        cols[c] = s
    frame = pd.DataFrame(cols)
    frame.attrs["file"] = f"{entity}.csv"
    return frame


def make_frames(*people: dict[str, list[dict[str, Any]]]) -> dict[str, pd.DataFrame]:
    """Typed frames, one per entity, from ``patient(...)`` / ``screened_only(...)`` rows."""
    merged: dict[str, list[dict[str, Any]]] = {e: [] for e in ENTITIES}
    for p in people:
        for e, rows in p.items():
            merged[e].extend(rows)
    return {e: _typed(e, merged[e]) for e in ENTITIES}


def make_cohort(*people: dict[str, list[dict[str, Any]]]) -> Cohort:
    """A :class:`Cohort` from ``patient(...)`` rows, through ``rrall.cohort.derive``."""
    frames = make_frames(*people)
    return derive(ValidatedData(frames=frames, sources={e: f"{e}.csv" for e in ENTITIES}))


def _cell(v: Any) -> str:
    if v is None or v is pd.NA or v is pd.NaT:
        return ""
    if isinstance(v, float) and np.isnan(v):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, float):
        return repr(v)
    return str(v)


def write_folder(frames: dict[str, pd.DataFrame], folder: Path) -> Path:
    """Write ``frames`` as the contract's CSV files (plus the codebook) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for e, f in frames.items():
        text = f.astype(object).map(_cell)
        text.to_csv(folder / f"{e}.csv", index=False)
    shutil.copy(DATA_DIR / "codebook.yaml", folder / "codebook.yaml")
    return folder


def copy_real_data(folder: Path) -> Path:
    """Copy the data the suite runs on (the contract's CSVs and the codebook of
    ``rrall.paths.data_dir()``, see ``tests/conftest.py``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in REAL_FILES:
        shutil.copy(data_dir() / name, folder / name)
    return folder


def read_csv_text(path: Path) -> pd.DataFrame:
    """A CSV as strings (blank cells as ``""``), the way ``rrall.contract.read`` reads it."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)


def write_csv_text(frame: pd.DataFrame, path: Path) -> None:
    """Write a frame of strings back as CSV."""
    frame.to_csv(path, index=False)

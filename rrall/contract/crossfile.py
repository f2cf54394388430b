"""Rules across files: identifiers that refer to another file, eligibility of the screening log
against baseline, completeness of each treated patient's records, and plausibility of height,
weight and age (which need the age from screening).

Patients are matched by integer keys (equal identifiers, equal keys) computed once for all
files. A cell already reported by an earlier rule is not used again (no cascades).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rrall.contract.codebook import ID_COLUMN, Codebook
from rrall.contract.eligibility import eligible_mask
from rrall.contract.growth import growth_arrays
from rrall.contract.parse import Table
from rrall.contract.report import Collector

__all__ = ["check_crossfile", "first_rows", "lookup"]

_LATER = ("treatment", "response", "transplant", "followup")
DAYS_PER_YEAR = 365.25


def first_rows(keys: np.ndarray, n_keys: int, *, last: bool = False) -> np.ndarray:
    """Per key, its first (or last) row in ``keys`` (-1 where it has none or is -1)."""
    at = np.full(n_keys + 1, -1, dtype=np.int64)
    rows = np.arange(len(keys))
    if last:
        at[keys] = rows  # numpy assigns in order: the last row wins
    else:
        at[keys[::-1]] = rows[::-1]
    return at[:n_keys]


def lookup(source: Table, values: np.ndarray, target: Table, n_keys: int) -> np.ndarray:
    """Per row of ``target``: the row of its patient in ``source`` (first row; -1 if none)."""
    at = first_rows(source.keys, n_keys)
    k = target.keys
    return np.where(k >= 0, at[np.maximum(k, 0)], -1)


def _present(table: Table, n_keys: int, rows: np.ndarray | None = None) -> np.ndarray:
    """Per key: the patient has a row in ``table`` (among ``rows``, a mask, when given)."""
    seen = np.zeros(n_keys + 1, dtype=bool)
    k = table.keys if rows is None else table.keys[rows]
    seen[k] = True  # -1 (blank) lands in the spare last slot
    return seen[:n_keys]


def check_crossfile(
    tables: dict[str, Table], codebook: Codebook, n_keys: int, out: Collector
) -> None:
    """Every rule across files whose files are there."""
    _references(tables, codebook, n_keys, out)
    _eligibility(tables, codebook, n_keys, out)
    _completeness(tables, n_keys, out)
    _plausibility(tables, n_keys, out)


def _references(tables: dict[str, Table], codebook: Codebook, n_keys: int, out: Collector) -> None:
    for e, t in tables.items():
        target = codebook.columns(e)[ID_COLUMN].get("references")
        if not target or target not in tables:
            continue
        known = _present(tables[target], n_keys)
        ids = t[ID_COLUMN].present()
        bad = ids & ~known[np.maximum(t.keys, 0)]
        out.cells(e, ID_COLUMN, bad, "unknown_reference", target=out.file_name(target))


def _eligibility(tables: dict[str, Table], codebook: Codebook, n_keys: int, out: Collector) -> None:
    scr, base = tables.get("screening"), tables.get("baseline")
    if scr is None or base is None:
        return
    criteria = codebook.eligibility
    cols = [c.column for c in criteria]
    if not all(c in scr.columns for c in cols):
        return
    frame = pd.DataFrame({c: scr[c].series() for c in set(cols)})
    elig_row = eligible_mask(frame, codebook).to_numpy()
    usable = scr[ID_COLUMN].present()
    for c in set(cols):
        usable &= out.clean("screening", c)
    # a repeated screening record: its last row decides (reported as duplicate_id)
    last = first_rows(scr.keys, n_keys, last=True)
    has = last >= 0
    decided = np.zeros(n_keys, dtype=bool)
    decided[has] = usable[last[has]]
    elig = np.zeros(n_keys, dtype=bool)
    elig[has] = elig_row[last[has]]
    in_base = _present(base, n_keys, base[ID_COLUMN].present())
    kb = np.maximum(base.keys, 0)
    bad = base[ID_COLUMN].present() & (base.keys >= 0) & decided[kb] & ~elig[kb]
    out.cells("baseline", ID_COLUMN, bad, "not_eligible")
    ks = np.maximum(scr.keys, 0)
    missing = usable & (scr.keys >= 0) & elig[ks] & ~in_base[ks]
    out.cells("screening", ID_COLUMN, missing, "eligible_missing")


def _completeness(tables: dict[str, Table], n_keys: int, out: Collector) -> None:
    base = tables.get("baseline")
    if base is None or not all(e in tables for e in _LATER):
        return
    ids = base[ID_COLUMN].present() & (base.keys >= 0)
    kb = np.maximum(base.keys, 0)
    has = np.column_stack(
        [_present(tables[e], n_keys, tables[e][ID_COLUMN].present())[kb] for e in _LATER]
    )
    count = has.sum(axis=1)
    part = ids & (count > 0) & (count < len(_LATER))
    # a repeated baseline patient is named at its last row
    last = first_rows(base.keys, n_keys, last=True)
    rows = np.unique(last[kb[part]])
    missing = {
        int(r): ", ".join(e for e, h in zip(_LATER, has[r], strict=True) if not h) for r in rows
    }
    out.cells(
        "baseline",
        ID_COLUMN,
        rows,
        "incomplete_followup",
        params_at=lambda r: {"missing": missing[r]},
    )


def _plausibility(tables: dict[str, Table], n_keys: int, out: Collector) -> None:
    base, scr = tables.get("baseline"), tables.get("screening")
    need = ("sex", "initial_dx_date", "rr_dx_date", "height_cm", "weight_kg")
    if base is None or scr is None or not base.has(*need) or "age_at_initial_dx" not in scr.columns:
        return
    age_col = scr["age_at_initial_dx"]
    at = lookup(scr, age_col.values(), base, n_keys)
    found = at >= 0
    age = np.full(base.n_rows, np.nan)
    age_ok = age_col.present() & out.clean("screening", "age_at_initial_dx")
    take = found & age_ok[np.maximum(at, 0)]
    age[take] = age_col.values()[at[take]].astype("float64")
    sex = base["sex"]
    use = sex.present() & out.clean("baseline", "sex") & ~np.isnan(age)
    ini, rrd = base["initial_dx_date"], base["rr_dx_date"]
    dates_ok = (
        ini.present()
        & rrd.present()
        & out.clean("baseline", "initial_dx_date")
        & out.clean("baseline", "rr_dx_date")
    )
    gap = (rrd.values() - ini.values()).astype("timedelta64[D]").astype("float64")
    a_rr = age + gap / DAYS_PER_YEAR
    with np.errstate(invalid="ignore"):
        age_bad = use & dates_ok & (a_rr > 30)
    out.cells(
        "baseline",
        "rr_dx_date",
        age_bad,
        "age_at_rr",
        params_at=lambda i: {"age": f"{a_rr[i]:.1f}"},
    )
    sex_v = np.where(sex.eq("F"), "F", "M")  # per distinct text, not per row
    hm, hsd, wm, wsd = growth_arrays(sex_v, np.where(use, age, 1.0))
    h_col, w_col = base["height_cm"], base["weight_kg"]
    h_ok = h_col.present() & out.clean("baseline", "height_cm")
    w_ok = w_col.present() & out.clean("baseline", "weight_kg")
    hv = np.where(h_ok, h_col.values(), np.nan).astype("float64")
    wv = np.where(w_ok, w_col.values(), np.nan).astype("float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        zh = (hv - hm) / hsd
        zw = (wv - wm) / wsd
        bmi = wv / (hv / 100) ** 2
        h_bad = use & h_ok & (np.abs(zh) > 4)
        w_bad = use & w_ok & ((zw < -4) | (zw > 6))
        b_bad = use & h_ok & w_ok & ~h_bad & ~w_bad & ~((bmi >= 10) & (bmi <= 45))
    out.cells(
        "baseline",
        "height_cm",
        h_bad,
        "implausible_height",
        params_at=lambda i: {"z": f"{zh[i]:.1f}"},
    )
    out.cells(
        "baseline",
        "weight_kg",
        w_bad,
        "implausible_weight",
        params_at=lambda i: {"z": f"{zw[i]:.1f}"},
    )
    out.cells(
        "baseline",
        "weight_kg",
        b_bad,
        "implausible_bmi",
        params_at=lambda i: {"bmi": f"{bmi[i]:.1f}"},
    )

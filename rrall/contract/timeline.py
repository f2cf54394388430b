"""The clinical timeline of each patient (``study.timeline`` in the codebook).

For every patient, with the origin (R/R diagnosis), the end of follow-up (death when there is a
death date, else last contact) and the data cut-off:

- every column in ``before_origin`` (first diagnosis) is on or before the origin
  (``date_order``);
- every event (treatment start, marrow examination, HSCT) is on or after the origin
  (``event_before_origin``) and on or before the end of follow-up (``event_after_end``);
- death and last contact are on or after the origin, last contact on or before death
  (``date_order``), and nothing is after the cut-off (``event_after_cutoff``);
- the cut-off is not later than today (``cutoff_in_future``, once per distinct cut-off);
- a column in ``one_date_per_patient`` holds one date per patient (``start_date_conflict``).

Only cells that passed their own rules take part (a bad date is reported once, as itself).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np

from rrall.contract.codebook import Codebook, ColumnRef
from rrall.contract.crossfile import first_rows
from rrall.contract.parse import Table
from rrall.contract.report import Collector

__all__ = ["check_timeline"]

_NAT = np.datetime64("NaT", "ns")


def _iso(v: np.datetime64) -> str:
    return str(np.datetime_as_string(v, unit="D"))


def _usable(tables: dict[str, Table], ref: ColumnRef) -> bool:
    return ref.entity in tables and ref.column in tables[ref.entity].columns


def _rows_ok(tables: dict[str, Table], ref: ColumnRef, out: Collector) -> np.ndarray:
    """Per row of ``ref``'s file: a valid date not reported yet, of a known patient."""
    t = tables[ref.entity]
    return t[ref.column].present() & out.clean(ref.entity, ref.column) & (t.keys >= 0)


def _per_patient(
    tables: dict[str, Table], ref: ColumnRef, n_keys: int, out: Collector
) -> np.ndarray:
    """Per key: the value at the patient's first usable row of ``ref`` (NaT if none)."""
    got = np.full(n_keys, _NAT)
    if not _usable(tables, ref):
        return got
    t = tables[ref.entity]
    rows = np.flatnonzero(_rows_ok(tables, ref, out))
    at = first_rows(t.keys[rows], n_keys)
    has = at >= 0
    got[has] = t[ref.column].values()[rows[at[has]]]
    return got


def _ref_at(dates: np.ndarray, **fixed: str) -> Callable[[int], dict[str, str]]:
    """Row -> ``{"ref": the ISO date at the row, **fixed}`` (the date a rule compared with)."""

    def params(i: int) -> dict[str, str]:
        return {**fixed, "ref": _iso(dates[i])}

    return params


def _first_at(first: np.ndarray) -> Callable[[int], dict[str, str]]:
    def params(i: int) -> dict[str, str]:
        return {"first": _iso(first[i])}

    return params


def _end_at(
    end: np.ndarray, dead: np.ndarray, death: str, last: str
) -> Callable[[int], dict[str, str]]:
    """Row -> the end of follow-up it was compared with: the death date where ``dead``, else
    the last contact (the column's name looked up only for a row reported)."""

    def params(i: int) -> dict[str, str]:
        return {"ref_column": death if dead[i] else last, "ref": _iso(end[i])}

    return params


def check_timeline(
    tables: dict[str, Table],
    codebook: Codebook,
    n_keys: int,
    out: Collector,
    *,
    today: dt.date | None = None,
) -> None:
    """Every timeline rule whose files are there."""
    tl = codebook.timeline
    today_ = np.datetime64(today or dt.date.today()).astype("datetime64[ns]")
    origin = _per_patient(tables, tl.origin, n_keys, out)
    death = _per_patient(tables, tl.death, n_keys, out)
    last = _per_patient(tables, tl.last_contact, n_keys, out)
    cutoff = _per_patient(tables, tl.cutoff, n_keys, out)
    dead = ~np.isnat(death)
    end = np.where(dead, death, last)

    def each(ref: ColumnRef) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(usable rows, the patient key of each row, the dates) of ``ref``."""
        t = tables[ref.entity]
        return _rows_ok(tables, ref, out), np.maximum(t.keys, 0), t[ref.column].values()

    # first diagnosis (and the like) on or before the origin; said at the origin's cell when
    # both are in one file (the origin is then too early), else at the earlier date's
    for ref in tl.before_origin:
        if not (_usable(tables, ref) and _usable(tables, tl.origin)):
            continue
        ok, k, v = each(ref)
        rule = f"{ref.column} <= {tl.origin.column}"
        if ref.entity == tl.origin.entity:
            o_ok, _, o = each(tl.origin)
            out.cells(ref.entity, tl.origin.column, ok & o_ok & (v > o), "date_order", rule=rule)
        else:
            o = origin[k]
            bad = ok & ~np.isnat(o) & (v > o)
            out.cells(ref.entity, ref.column, bad, "date_order", rule=rule)
    # a column with one date per patient
    for ref in tl.one_date_per_patient:
        if not _usable(tables, ref):
            continue
        ok, k, v = each(ref)
        first = _per_patient(tables, ref, n_keys, out)[k]
        out.cells(
            ref.entity,
            ref.column,
            ok & (v != first),
            "start_date_conflict",
            params_at=_first_at(first),
        )
    # events between the origin and the end of follow-up, and not after the cut-off
    for ref in tl.events:
        if not _usable(tables, ref):
            continue
        ok, k, v = each(ref)
        o, en, cu = origin[k], end[k], cutoff[k]
        out.cells(
            ref.entity,
            ref.column,
            ok & ~np.isnat(o) & (v < o),
            "event_before_origin",
            params_at=_ref_at(o, ref_column=str(tl.origin)),
        )
        out.cells(
            ref.entity,
            ref.column,
            ok & ~np.isnat(en) & (v > en),
            "event_after_end",
            params_at=_end_at(en, dead[k], str(tl.death), str(tl.last_contact)),
        )
        out.cells(
            ref.entity,
            ref.column,
            ok & ~np.isnat(cu) & (v > cu),
            "event_after_cutoff",
            params_at=_ref_at(cu, ref_column=str(tl.cutoff)),
        )
    # death and last contact: on or after the origin, last contact not after death, and not
    # after the cut-off
    for ref in (tl.death, tl.last_contact):
        if not _usable(tables, ref):
            continue
        ok, k, v = each(ref)
        o, cu = origin[k], cutoff[k]
        out.cells(
            ref.entity,
            ref.column,
            ok & ~np.isnat(o) & (v < o),
            "event_before_origin",
            params_at=_ref_at(o, ref_column=str(tl.origin)),
        )
        if ref == tl.last_contact:
            d = death[k]
            out.cells(
                ref.entity,
                ref.column,
                ok & ~np.isnat(d) & (v > d),
                "date_order",
                rule=f"{tl.last_contact.column} <= {tl.death.column}",
            )
        out.cells(
            ref.entity,
            ref.column,
            ok & ~np.isnat(cu) & (v > cu),
            "event_after_cutoff",
            params_at=_ref_at(cu, ref_column=str(tl.cutoff)),
        )
    # the cut-off is not in the future: once per distinct date, at its first row
    if _usable(tables, tl.cutoff):
        col = tables[tl.cutoff.entity][tl.cutoff.column]
        ok = col.present() & out.clean(tl.cutoff.entity, tl.cutoff.column)
        v = col.values()
        future = np.flatnonzero(ok & (v > today_))
        if len(future):
            _, first_at = np.unique(v[future], return_index=True)
            out.cells(
                tl.cutoff.entity,
                tl.cutoff.column,
                future[first_at],
                "cutoff_in_future",
                today=_iso(today_),
            )

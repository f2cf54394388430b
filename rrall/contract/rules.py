"""Row rules: what the codebook says of each column, and what rows of one file must agree on.

Column rules, in the order they claim a cell (one violation per cell): the type (parse), then
required values, ranges, patterns, unique identifiers and conditional requirements. Then the
rules across the columns of a row (steroid flag and agent class, response and blasts, marrow
examination and its reasons, HSCT and its details, vital status and death date) and across the
rows of a file (one agent once per patient, one data cut-off).

Each rule is a numpy mask over the rows (computed once per distinct text where it reads text);
violations go to the collector in batches.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow.compute as pc

from rrall.contract.codebook import Codebook
from rrall.contract.parse import BLANK, DATE_MAX, DATE_MIN, FAILED, OK, OUT_OF_RANGE, Column, Table
from rrall.contract.report import Collector

__all__ = ["FAIL_RULE", "check_columns", "check_rows", "pattern_ok"]

#: the rule a text that does not parse breaks, by column type
FAIL_RULE: dict[str, str] = {"int": "not_int", "float": "not_number", "date": "not_date"}


def pattern_ok(col: Column) -> np.ndarray:
    """Per distinct text: its value matches the column's ``pattern`` (RE2, anchored at the
    start as ``re.match`` is; blank or failed texts do not match)."""
    pattern = col.spec.get("pattern")
    key = ("pattern_ok", pattern)
    if key not in col.texts.cache:
        ok = col.parsed.status == OK
        if pattern is not None:
            hit = pc.match_substring_regex(col.texts.norm, f"^(?:{pattern})")
            ok &= np.asarray(pc.fill_null(hit, False).to_numpy(zero_copy_only=False), dtype=bool)
        col.texts.cache[key] = ok
    return col.texts.cache[key]


def _iso(v: np.datetime64) -> str:
    return str(np.datetime_as_string(v, unit="D"))


def check_columns(table: Table, codebook: Codebook, out: Collector) -> None:
    """The codebook's rules for each column of ``table``."""
    e = table.entity
    cols = table.columns
    # the type
    for name, col in cols.items():
        st = col.status()
        if col.typ in ("code", "codes"):
            allowed = ", ".join(codebook.levels(str(col.spec["codes"])))
            out.cells(e, name, st == FAILED, "bad_code", allowed=allowed)
        elif col.typ in FAIL_RULE:
            out.cells(e, name, st == FAILED, FAIL_RULE[col.typ])
        if col.typ == "date":
            out.cells(e, name, st == OUT_OF_RANGE, "date_out_of_range", min=DATE_MIN, max=DATE_MAX)
    # required values
    for name, col in cols.items():
        if col.spec.get("required"):
            out.cells(e, name, col.status() == BLANK, "required")
    # ranges
    for name, col in cols.items():
        _ranges(table, name, col, out)
    # patterns
    for name, col in cols.items():
        if "pattern" in col.spec:
            bad_u = (col.parsed.status == OK) & ~pattern_ok(col)
            out.cells(e, name, bad_u[col.codes], "pattern", pattern=col.spec["pattern"])
    # unique values (identifiers)
    for name, col in cols.items():
        if col.spec.get("unique"):
            present = col.present()
            key = table.keys if name == "patient_id" and len(table.keys) else _value_keys(col)
            counts = np.bincount(key[present], minlength=int(key.max(initial=-1)) + 1)
            dup = present.copy()
            dup[present] = counts[key[present]] > 1
            out.cells(e, name, dup, "duplicate_id")
    # conditional requirements ("other == value")
    for name, col in cols.items():
        cond = col.spec.get("required_if")
        if not cond:
            continue
        other, _, wanted = (p.strip() for p in str(cond).partition("=="))
        if other in cols:
            need = cols[other].eq(wanted) & (col.status() == BLANK)
            out.cells(e, name, need, "required_if", cond=cond)


def _value_keys(col: Column) -> np.ndarray:
    """Per row: an integer for its value (equal values, equal integers)."""
    import pandas as pd

    values = col.parsed.values
    if col.typ in ("id", "code", "codes"):
        codes_u, _ = pd.factorize(values, use_na_sentinel=True)
    else:
        codes_u, _ = pd.factorize(pd.Series(values), use_na_sentinel=True)
    return np.asarray(codes_u, dtype=np.int64)[col.codes]


def _ranges(table: Table, name: str, col: Column, out: Collector) -> None:
    spec = col.spec
    if col.typ not in ("int", "float", "date") or not ({"min", "max"} & set(spec)):
        return
    ok = col.parsed.status == OK
    v = col.parsed.values
    for bound, rule in (("min", "below_min"), ("max", "above_max")):
        if bound not in spec:
            continue
        if col.typ == "date":
            limit: Any = np.datetime64(str(spec[bound])).astype("datetime64[ns]")
            shown = str(spec[bound])
        else:
            limit = float(spec[bound])
            shown = f"{spec[bound]:g}" if isinstance(spec[bound], float) else str(spec[bound])
        with np.errstate(invalid="ignore"):
            bad_u = ok & ((v < limit) if bound == "min" else (v > limit))
        if bound == "min":
            out.cells(table.entity, name, bad_u[col.codes], rule, min=shown)
        else:
            out.cells(table.entity, name, bad_u[col.codes], rule, max=shown)


# ---- rules across the columns and rows of one file -------------------------------------------
def _steroids(codes: Mapping[str, Mapping[str, Any]]) -> set[str]:
    return {c for c, labels in codes.items() if bool(labels.get("steroid"))}


def check_rows(table: Table, codebook: Codebook, out: Collector) -> None:
    """The rules that read several cells of a row, or several rows, of ``table``."""
    e = table.entity
    if e == "treatment" and table.has("agent", "steroid"):
        agent, steroid = table["agent"], table["steroid"]
        both = agent.present() & steroid.present()
        steroids = _steroids(codebook.codes.get(str(agent.spec.get("codes")), {}))
        is_ster_u = np.array([v in steroids for v in agent.parsed.values], dtype=bool)
        flag = both & (steroid.eq("Y") != is_ster_u[agent.codes])
        out.cells(e, "steroid", flag, "steroid_flag")
        if len(table.keys):
            present = agent.present() & (table.keys >= 0)
            ak = _value_keys(agent)
            pair = table.keys * (int(ak.max(initial=0)) + 1) + ak
            dup = np.zeros(table.n_rows, dtype=bool)
            idx = np.flatnonzero(present)
            _, first = np.unique(pair[idx], return_index=True)
            dup[idx] = True
            dup[idx[first]] = False
            out.cells(e, "agent", dup, "duplicate_agent")
    if e == "response" and table.has(
        "marrow_exam", "response", "blast_pct", "reasons_not_examined"
    ):
        exam, resp = table["marrow_exam"], table["response"]
        reasons, blast = table["reasons_not_examined"], table["blast_pct"]
        out.cells(
            e, "reasons_not_examined", exam.eq("Y") & reasons.present(), "exam_reason_conflict"
        )
        out.cells(e, "response", exam.eq("N") & resp.present(), "not_examined_response")
        b = np.where(blast.present(), blast.values(), np.nan).astype("float64")
        has = resp.present() & ~np.isnan(b)
        with np.errstate(invalid="ignore"):
            cr = has & (resp.eq("CR") | resp.eq("CRp")) & (b >= 5)
            pr = has & resp.eq("PR") & ~((b >= 5) & (b <= 25))
            ref = has & resp.eq("REF") & (b <= 25)
        out.cells(e, "blast_pct", cr, "response_blasts", rule="CR/CRp: <5%")
        out.cells(e, "blast_pct", pr, "response_blasts", rule="PR: 5-25%")
        out.cells(e, "blast_pct", ref, "response_blasts", rule="REF: >25%")
    if e == "transplant" and table.has("hsct", "reason_no_hsct"):
        hsct = table["hsct"]
        for c in ("hsct_date", "donor", "pre_hsct_marrow"):
            if c in table.columns:
                out.cells(e, c, hsct.eq("N") & table[c].present(), "hsct_fields_conflict")
        out.cells(
            e,
            "reason_no_hsct",
            hsct.eq("Y") & table["reason_no_hsct"].present(),
            "hsct_reason_conflict",
        )
    if e == "followup" and table.has("vital_status", "death_date"):
        out.cells(
            e,
            "death_date",
            table["vital_status"].eq("alive") & table["death_date"].present(),
            "alive_with_death_date",
        )
    if e == "followup" and "cutoff_date" in table.columns:
        cut = table["cutoff_date"]
        present = cut.present()
        if present.any():
            values = cut.values()
            first = values[np.flatnonzero(present)[0]]
            out.cells(
                e,
                "cutoff_date",
                present & (values != first),
                "cutoff_not_unique",
                first=_iso(first),
            )

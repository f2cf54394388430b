"""The paper's printed numbers beside the recomputed ones: data only (drawing is ``tables``).

For every item of ``published.yaml`` and every place it is printed, the recomputed value is
rendered in the paper's own form (same rounding, units and words) and compared, text with text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from rrall import characteristics, treatment
from rrall.cohort import Cohort, memo
from rrall.published import Item, Printed, Published, load_published
from rrall.registry import Registry, Value, registry

__all__ = [
    "audit",
    "audit_numbers",
    "audit_places",
    "audit_summary",
    "design_checks",
    "measure_fields",
]

STATUSES = ("reproduced", "contradiction", "differs")


def measure_fields(cohort: Cohort, item: Item) -> dict[str, Any]:
    """The recomputed fields (``n``, ``pct``, ``mean`` ...) an item's forms can print."""
    m = item.measure
    if "key" in m:
        return registry(cohort)[str(m["key"])].audit_fields()
    row = _table_row(cohort, str(m["table"]), m["row"])
    if row is None:
        return {}
    out: dict[str, Any] = {"n": int(row["n"])} if pd.notna(row.get("n")) else {}
    for name in ("mean", "sd", "median", "min", "max"):
        if name in row and pd.notna(row[name]):
            out[name] = float(row[name])
    if "percent" in row and pd.notna(row["percent"]):
        out["pct"] = float(row["percent"])
    return out


def _table_row(cohort: Cohort, table: str, where: Mapping[str, Any]) -> pd.Series | None:
    build = {"table1": characteristics.table1, "table2": treatment.table2}[table]
    frame = memo(cohort, f"audit.{table}", lambda: build(cohort))  # once per cohort, not per item
    hit = frame
    for col, val in where.items():
        hit = hit[hit[col] == val]
    return hit.iloc[0] if len(hit) else None


def audit_places(cohort: Cohort, *, published: Published | None = None) -> pd.DataFrame:
    """One row per printed place: ``item``, ``at``, ``quote``, ``recomputed``, ``match``."""
    pub = published or load_published(cohort.folder)
    rows = []
    for item in pub.items:
        fields = measure_fields(cohort, item)
        for place in item.printed:
            recomputed = place.render(fields)
            rows.append(
                {
                    "item": item.id,
                    "at": place.at,
                    "quote": place.quote,
                    "recomputed": recomputed or "",  # "": cannot be computed from these data
                    "match": recomputed == place.quote,
                    "sentence": place.sentence,
                }
            )
    return pd.DataFrame(rows)


def audit(cohort: Cohort, *, published: Published | None = None) -> pd.DataFrame:
    """One row per published item: ``id``, ``what_ko``, ``what_en``, ``key`` (registry key or
    ``""``), ``places`` (sections, in order), ``quote`` and ``recomputed`` (first place),
    ``n_places``, ``n_match``, ``contradiction`` (id or ``""``) and ``status``
    (``reproduced``: every place matches; ``contradiction``: a recorded contradiction;
    ``differs``: anything else)."""
    if published is None:
        return memo(cohort, "audit", lambda: _audit(cohort, load_published(cohort.folder)))
    return _audit(cohort, published)


def _audit(cohort: Cohort, pub: Published) -> pd.DataFrame:
    places = audit_places(cohort, published=pub)
    rows = []
    for item in pub.items:
        mine = places[places["item"] == item.id]
        n_match = int(mine["match"].sum())
        ok = n_match == len(mine)
        contra = item.contradiction or ""
        rows.append(
            {
                "id": item.id,
                "what_ko": item.what["ko"],
                "what_en": item.what["en"],
                "key": str(item.measure.get("key", "")),
                "places": tuple(mine["at"]),
                "quote": mine["quote"].iloc[0],
                "recomputed": mine["recomputed"].iloc[0],
                "n_places": len(mine),
                "n_match": n_match,
                "contradiction": contra,
                "status": "reproduced" if ok else ("contradiction" if contra else "differs"),
            }
        )
    return pd.DataFrame(rows)


def audit_summary(table: pd.DataFrame) -> dict[str, int]:
    """Items in total and by status; printed places in total and matching."""
    out = {"total": len(table)}
    for s in STATUSES:
        out[s] = int((table["status"] == s).sum())
    out["places"] = int(table["n_places"].sum())
    out["places_match"] = int(table["n_match"].sum())
    return out


def design_checks(cohort: Cohort, *, published: Published | None = None) -> pd.DataFrame:
    """The paper's design parameters against the study's contract (the codebook): ``id``,
    ``what_ko``, ``what_en``, ``quote``, ``contract`` (the codebook's value, as text) and
    ``agrees``. These are fixed by the contract, not recomputed from patients."""
    pub = published or load_published(cohort.folder)
    rows = []
    for d in pub.design:
        place = Printed(
            str(d["printed"][0]["at"]),
            str(d["printed"][0]["quote"]),
            str(d["printed"][0]["form"]),
            str(d["printed"][0]["sentence"]),
        )
        fields = _contract_fields(cohort, d["contract"])
        value = (place.render(fields) or "") if fields else ""
        rows.append(
            {
                "id": d["id"],
                "what_ko": d["what"]["ko"],
                "what_en": d["what"]["en"],
                "quote": place.quote,
                "contract": value,
                "agrees": (value == place.quote) if fields else None,
            }
        )
    return pd.DataFrame(rows)


def _contract_fields(cohort: Cohort, spec: Mapping[str, Any]) -> dict[str, Any]:
    """What the codebook says about one design parameter, as form fields."""
    cb = cohort.codebook
    if "codes" in spec:
        return {"n": len(cb.codes[spec["codes"]])}
    if "column" in spec:
        entity, column = spec["column"]
        col = cb.files[entity]["columns"][column]
        if col.get("min") is None or col.get("max") is None:
            return {}
        lo, hi = pd.Timestamp(col["min"]), pd.Timestamp(col["max"])
        return {
            "first_year": lo.year,
            "first_month": lo.month,
            "last_year": hi.year,
            "last_month": hi.month,
        }
    return {}  # eligibility thresholds: read from the codebook's study section once it has one


def audit_numbers(cohort: Cohort) -> Registry:
    """The audit's own counts as cited numbers (the registry's keys are computed below it)."""
    s = audit_summary(audit(cohort))

    def count(key: str, n: int, what: str) -> Value:
        return Value(key, "count", int(n), what, n=int(n))

    return Registry(
        [
            count("audit.items", s["total"], "what_audit_items"),
            count("audit.places", s["places"], "what_audit_places"),
            count("audit.places_match", s["places_match"], "what_audit_places_match"),
            count("audit.reproduced", s["reproduced"], "what_audit_reproduced"),
            count("audit.contradiction", s["contradiction"], "what_audit_contradiction"),
            count("audit.differs", s["differs"], "what_audit_differs"),
            count("audit.different", s["total"] - s["reproduced"], "what_audit_different"),
        ]
    )

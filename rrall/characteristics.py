"""Table 1 numbers: tidy, language-free."""

from __future__ import annotations

import pandas as pd

from rrall.cohort import Cohort
from rrall.fmt import pct

__all__ = ["categorical_counts", "continuous_summary", "sex_ratio", "table1"]

_CATEGORICAL = (
    ("sex", "sex"),
    ("cytogenetics", "cytogenetics"),
    ("immunophenotype", "immunophenotype"),
    ("disease_status", "disease_status"),
)
_CONTINUOUS = (("age", "age_at_rr"), ("height", "height_cm"), ("weight", "weight_kg"))
_ORDER = ("age", "sex", "height", "weight", "cytogenetics", "immunophenotype", "disease_status")


def continuous_summary(values: pd.Series) -> dict[str, float]:
    """n, mean, SD (n-1), median, min and max of the non-missing values."""
    v = values.dropna().astype(float)
    return {
        "n": int(v.size),
        "mean": float(v.mean()) if v.size else float("nan"),
        "sd": float(v.std(ddof=1)) if v.size > 1 else float("nan"),
        "median": float(v.median()) if v.size else float("nan"),
        "min": float(v.min()) if v.size else float("nan"),
        "max": float(v.max()) if v.size else float("nan"),
    }


def categorical_counts(values: pd.Series, levels: list[str]) -> pd.DataFrame:
    """Counts and percentages over ``levels`` in order, missing as level ``"NA"`` when present.

    The denominator is every row, missing included, as the paper's Table 1 does.
    """
    n = int(values.size)
    rows = [{"level": lv, "n": int((values == lv).sum())} for lv in levels]
    missing = int(values.isna().sum())
    if missing:
        rows.append({"level": "NA", "n": missing})
    out = pd.DataFrame(rows, columns=["level", "n"])
    out["denominator"] = n
    out["percent"] = [pct(k, n) for k in out["n"]]
    return out


def table1(cohort: Cohort) -> pd.DataFrame:
    """Table 1 (all eligible patients): one row per statistic.

    Columns: ``variable``, ``level`` (a code, ``"NA"``, ``"mean_sd"`` or ``"median_range"``),
    ``n``, ``denominator``, ``percent``, ``mean``, ``sd``, ``median``, ``min``, ``max``.
    """
    pts = cohort.patients
    codes = cohort.codebook.codes
    parts: list[pd.DataFrame] = []
    cont = dict(_CONTINUOUS)
    cat = dict(_CATEGORICAL)
    for var in _ORDER:
        if var in cont:
            s = continuous_summary(pts[cont[var]])
            for level in ("mean_sd", "median_range"):
                parts.append(
                    pd.DataFrame([{"variable": var, "level": level, **s, "denominator": s["n"]}])
                )
        else:
            c = categorical_counts(pts[cat[var]], list(codes[cat[var]]))
            c.insert(0, "variable", var)
            parts.append(c)
    out = pd.concat(parts, ignore_index=True)
    out["total"] = len(pts)
    cols = [
        "variable",
        "level",
        "n",
        "denominator",
        "total",
        "percent",
        "mean",
        "sd",
        "median",
        "min",
        "max",
    ]
    return out.reindex(columns=cols)


def sex_ratio(cohort: Cohort) -> float:
    """Male to female ratio (males per female)."""
    sex = cohort.patients["sex"]
    f = int((sex == "F").sum())
    return float("nan") if f == 0 else int((sex == "M").sum()) / f

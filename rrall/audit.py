"""Published vs recomputed: every number of ``data/published.yaml`` against ``rrall.numbers``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from great_tables import GT, loc, style
from great_tables._text import BaseText

from rrall.cohort import Cohort
from rrall.fmt import fmt_num
from rrall.labels import Lang, label
from rrall.numbers import Numbers, numbers
from rrall.paths import data_dir, project_root
from rrall.tables import Table, style_table

__all__ = ["audit", "audit_summary", "load_published", "tbl_audit", "tbl_contradictions"]

_WHERE = {
    "abstract": {"ko": "초록", "en": "Abstract"},
    "methods": {"ko": "방법", "en": "Methods"},
    "table1": {"ko": "표 1", "en": "Table 1"},
    "table2": {"ko": "표 2", "en": "Table 2"},
    "results_1": {"ko": "결과 1)", "en": "Results 1)"},
    "results_2": {"ko": "결과 2)", "en": "Results 2)"},
    "results_3": {"ko": "결과 3)", "en": "Results 3)"},
    "fig1": {"ko": "그림 1 설명", "en": "Fig. 1 legend"},
    "discussion": {"ko": "고찰", "en": "Discussion"},
}


@lru_cache(maxsize=2)
def _read(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_published(path: Path | None = None) -> dict[str, Any]:
    """The published numbers (``data/published.yaml``; the repository's copy as fallback)."""
    for p in (path, data_dir() / "published.yaml", project_root() / "data" / "published.yaml"):
        if p is not None and p.exists():
            return _read(str(p))
    raise FileNotFoundError("published.yaml")


def audit(
    cohort: Cohort, *, published: dict[str, Any] | None = None, nums: Numbers | None = None
) -> pd.DataFrame:
    """One row per published number: printed, recomputed (same rounding), whether they match.

    Columns: ``id``, ``where``, ``what_ko``, ``what_en``, ``printed``, ``recomputed``, ``match``,
    ``contradiction`` (id or ""), ``status`` (``reproduced``, ``contradiction`` or ``differs``).
    """
    pub = published or load_published()
    n = nums or numbers(cohort)
    rows = []
    for it in pub["items"]:
        key = it["key"]
        if key not in n.raw and key not in n.text:
            recomputed = "NA"
        elif "digits" in it:
            recomputed = fmt_num(n.raw[key], int(it["digits"]))
        else:
            recomputed = n[key]
        match = recomputed == it["printed"]
        contra = it.get("contradiction", "")
        status = "reproduced" if match else ("contradiction" if contra else "differs")
        rows.append(
            {
                "id": it["id"],
                "where": ", ".join(it["where"]),
                "what_ko": it["what"]["ko"],
                "what_en": it["what"]["en"],
                "printed": it["printed"],
                "recomputed": recomputed,
                "match": match,
                "contradiction": contra,
                "status": status,
            }
        )
    return pd.DataFrame(rows)


def audit_summary(table: pd.DataFrame) -> dict[str, int]:
    """Counts of reproduced, recorded contradictions and unexplained differences."""
    return {
        "total": len(table),
        "reproduced": int((table["status"] == "reproduced").sum()),
        "contradiction": int((table["status"] == "contradiction").sum()),
        "differs": int((table["status"] == "differs").sum()),
    }


_HEAD = {
    "where": {"ko": "위치", "en": "Where"},
    "what": {"ko": "항목", "en": "Item"},
    "printed": {"ko": "논문", "en": "Published"},
    "recomputed": {"ko": "재계산", "en": "Recomputed"},
    "status": {"ko": "판정", "en": "Verdict"},
}
_STATUS = {
    "reproduced": {"ko": "일치", "en": "reproduced"},
    "contradiction": {"ko": "모순 (부록 B)", "en": "contradiction (App. B)"},
    "differs": {"ko": "불일치", "en": "DIFFERS"},
}


def tbl_audit(cohort: Cohort, *, lang: Lang) -> Table:
    """The audit table: every published number next to its recomputed value."""
    a = audit(cohort)
    df = pd.DataFrame(
        {
            "where": [", ".join(_WHERE[w][lang] for w in s.split(", ")) for s in a["where"]],
            "what": a[f"what_{lang}"],
            "printed": a["printed"],
            "recomputed": a["recomputed"],
            "status": [_STATUS[s][lang] for s in a["status"]],
        }
    )
    heads: dict[str, str | BaseText] = {k: v[lang] for k, v in _HEAD.items()}
    gt = GT(df).cols_label(cases=heads)
    bad = [i for i, s in enumerate(a["status"]) if s != "reproduced"]
    if bad:
        gt = gt.tab_style(style.fill(color="#fff1d6"), loc.body(rows=bad))
    return Table(style_table(gt).cols_align("center", columns=["printed", "recomputed"]))


def tbl_contradictions(*, lang: Lang) -> Table:
    """The recorded contradictions between the paper's own numbers, and the interpretations
    the reconstruction had to make where the paper is silent, each with its explanation."""
    pub = load_published()
    names: dict[str, list[str]] = {}
    for item in pub["items"]:
        if "contradiction" in item:
            names.setdefault(item["contradiction"], []).append(item["what"][lang])
    g_contra, g_interp = label("contra_group", lang), label("interp_group", lang)
    rows = [
        {
            "group": g_contra,
            "item": "; ".join(names.get(k, [k])),
            "printed": v["printed"],
            "text": v[lang],
        }
        for k, v in pub["contradictions"].items()
    ]
    rows += [
        {"group": g_interp, "item": v["what"][lang], "printed": "", "text": v[lang]}
        for v in pub.get("interpretations", {}).values()
    ]
    head = {"ko": ("항목", "논문 수치", "설명"), "en": ("Item", "Printed", "Explanation")}[lang]
    gt = GT(pd.DataFrame(rows), groupname_col="group").cols_label(
        item=head[0], printed=head[1], text=head[2]
    )
    return Table(
        style_table(gt)
        .cols_width({"item": "22%", "printed": "12%", "text": "66%"})
        .cols_align("center", columns="printed")
    )

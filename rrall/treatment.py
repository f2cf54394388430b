"""Table 2, response and transplant numbers: tidy, language-free."""

from __future__ import annotations

import pandas as pd
from scipy.special import betaincinv

from rrall.cohort import Cohort
from rrall.fmt import pct

__all__ = ["clopper_pearson", "response_rates", "response_summary", "table2", "transplant_summary"]


def clopper_pearson(k: int, n: int, *, alpha: float = 0.05) -> tuple[float, float]:
    """Exact (Clopper-Pearson) confidence interval for k/n, as proportions."""
    if n == 0:
        return float("nan"), float("nan")
    # the beta quantiles of the exact binomial limits (scipy.special: no scipy.stats import)
    lo = 0.0 if k == 0 else float(betaincinv(k, n - k + 1, alpha / 2))
    hi = 1.0 if k == n else float(betaincinv(k + 1, n - k, 1 - alpha / 2))
    return lo, hi


def table2(cohort: Cohort) -> pd.DataFrame:
    """First-cycle agents other than steroid: ``agent``, ``n``, ``denominator``, ``percent``.

    Sorted by count, descending; ties keep the codebook's order (the paper's). Agents nobody
    received are left out. The denominator is the number of analysed (treated) patients.
    """
    n = len(cohort.analysed)
    agents = cohort.codebook.codes["agent"]
    a = cohort.agents[cohort.agents["steroid"] == "N"]
    counts = a.groupby("agent")["patient_id"].nunique()
    rank = {code: i for i, code in enumerate(agents)}
    rows = [
        {"agent": code, "n": int(k), "denominator": n, "percent": pct(int(k), n), "_o": rank[code]}
        for code, k in counts.items()
        if k > 0
    ]
    out = pd.DataFrame(rows, columns=["agent", "n", "denominator", "percent", "_o"])
    out = out.sort_values(["n", "_o"], ascending=[False, True]).drop(columns="_o")
    return out.reset_index(drop=True)


def response_summary(cohort: Cohort) -> pd.DataFrame:
    """Marrow examination and response categories among treated patients.

    Rows (``item``): ``examined``, each category (``CR``, ``CRp``, ``PR``, ``REF``, ``NE``),
    ``not_examined``, each reason (``reason:<code>``) and ``reason_overlap`` (patients with
    more than one reason). Columns ``n``, ``denominator``, ``percent``.
    """
    pts = cohort.analysed
    n = len(pts)
    codes = cohort.codebook.codes
    rows = [("examined", int(pts["marrow_examined"].sum()))]
    rows += [(c, int((pts["response"] == c).sum())) for c in codes["response"]]
    not_ex = pts[~pts["marrow_examined"]]
    rows.append(("not_examined", len(not_ex)))
    reasons = not_ex["reasons_not_examined"].fillna("").str.split(";")
    for c in codes["reason_not_examined"]:
        rows.append((f"reason:{c}", int(reasons.map(lambda rs, c=c: c in rs).sum())))
    rows.append(
        ("reason_overlap", int(reasons.map(lambda rs: len([r for r in rs if r]) > 1).sum()))
    )
    out = pd.DataFrame(rows, columns=["item", "n"])
    out["denominator"] = n
    out["percent"] = [pct(k, n) for k in out["n"]]
    return out


def response_rates(cohort: Cohort) -> pd.DataFrame:
    """CR rate as published (CR+CRp), CR only (methods definition), overall response (CR+CRp+PR).

    Denominator: all treated patients. Columns ``rate``, ``categories``, ``n``,
    ``denominator``, ``percent``, ``ci_low``, ``ci_high`` (percent, Clopper-Pearson 95%).
    """
    pts = cohort.analysed
    n = len(pts)
    defs = (
        ("cr_rate", ("CR", "CRp")),
        ("cr_strict", ("CR",)),
        ("orr", ("CR", "CRp", "PR")),
    )
    rows = []
    for name, cats in defs:
        k = int(pts["response"].isin(cats).sum())
        lo, hi = clopper_pearson(k, n)
        rows.append(
            {
                "rate": name,
                "categories": "+".join(cats),
                "n": k,
                "denominator": n,
                "percent": pct(k, n),
                "ci_low": 100 * lo,
                "ci_high": 100 * hi,
            }
        )
    return pd.DataFrame(rows)


def transplant_summary(cohort: Cohort) -> pd.DataFrame:
    """HSCT numbers: ``section``, ``item``, ``n``, ``denominator``, ``percent``.

    Sections: ``hsct`` (transplanted of treated), ``pre_status`` (marrow before HSCT,
    of transplanted; ``examined`` and ``cr_any`` summaries), ``reason`` (of untransplanted),
    ``alive`` (alive after HSCT and how many were transplanted in CR/CRp).
    """
    pts = cohort.analysed
    codes = cohort.codebook.codes
    n = len(pts)
    tx = pts[pts["hsct_done"]]
    no = pts[~pts["hsct_done"]]
    h, u = len(tx), len(no)
    rows = [("hsct", "done", len(tx), n)]
    pre = tx["pre_hsct_marrow"]
    rows.append(("pre_status", "examined", int((pre.notna() & (pre != "not_done")).sum()), h))
    rows.append(("pre_status", "cr_any", int(pre.isin(["CR", "CRp"]).sum()), h))
    rows += [("pre_status", c, int((pre == c).sum()), h) for c in codes["pre_hsct_marrow"]]
    rows += [
        ("reason", c, int((no["reason_no_hsct"] == c).sum()), u) for c in codes["reason_no_hsct"]
    ]
    alive = tx[~tx["os_event"]]
    rows.append(("alive", "alive", len(alive), h))
    rows.append(("alive", "alive_in_cr", int(alive["hsct_in_cr"].sum()), len(alive)))
    out = pd.DataFrame(rows, columns=["section", "item", "n", "denominator"])
    out["percent"] = [pct(k, d) for k, d in zip(out["n"], out["denominator"], strict=True)]
    return out

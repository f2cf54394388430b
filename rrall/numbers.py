"""Every number the prose cites, computed from the cohort and formatted the paper's way.

``N = numbers(cohort)``; in a chapter ``N["os_5y"]`` gives ``"6.7"`` and ``N.raw["os_5y"]`` the
unrounded value. The audit compares the same keys with the published values.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from rrall import characteristics, survival, treatment
from rrall.cohort import Cohort, memo
from rrall.fmt import fmt_mean_sd, fmt_median_range, fmt_num, fmt_p, pct

__all__ = ["Numbers", "numbers"]


@dataclass(frozen=True)
class Numbers(Mapping[str, str]):
    """Formatted numbers (``N[key]``) with their raw values (``N.raw[key]``)."""

    text: dict[str, str]
    raw: dict[str, float] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.text[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.text)

    def __len__(self) -> int:
        return len(self.text)


class _Builder:
    def __init__(self) -> None:
        self.text: dict[str, str] = {}
        self.raw: dict[str, float] = {}

    def count(self, key: str, n: int) -> None:
        self.text[key] = str(int(n))
        self.raw[key] = float(n)

    def pct(self, key: str, k: float, n: float, digits: int = 1) -> None:
        v = pct(k, n)
        self.text[key] = fmt_num(v, digits)
        self.raw[key] = v

    def value(self, key: str, v: float, digits: int = 1) -> None:
        self.text[key] = fmt_num(v, digits)
        self.raw[key] = float(v)

    def n_pct(self, key: str, k: int, n: int) -> None:
        self.count(f"{key}.n", k)
        self.pct(f"{key}.pct", k, n)
        self.text[key] = f"{int(k)} ({fmt_num(pct(k, n), 1)})"
        self.raw[key] = pct(k, n)


def numbers(cohort: Cohort) -> Numbers:
    """Compute every cited number from ``cohort`` (flow, Table 1-2, response, HSCT, survival)."""
    return memo(cohort, "numbers", lambda: _numbers(cohort))


def _numbers(cohort: Cohort) -> Numbers:
    b = _Builder()
    cb = cohort.codebook
    scr = cohort.screening
    pts = cohort.patients
    ana = cohort.analysed
    # ---- flow ------------------------------------------------------------------------
    b.count("institutions", len(cb.codes["site"]))
    b.count("sites_enrolling", scr.loc[scr["eligible"], "site"].nunique())
    b.count("n_screened", len(scr))
    b.count("n_eligible", int(scr["eligible"].sum()))
    b.count("n_ineligible", int((~scr["eligible"]).sum()))
    for reason in ("clofarabine", "age", "prior_regimens", "blasts"):
        b.count(f"inelig.{reason}", int((scr["ineligible_reason"] == reason).sum()))
    b.count("n_no_followup", int((~pts["analysed"]).sum()))
    b.count("n_analysed", len(ana))
    rr = pts["rr_dx_date"].dropna()
    b.text["accrual_first"] = rr.min().strftime("%Y-%m") if len(rr) else "NA"
    b.text["accrual_last"] = rr.max().strftime("%Y-%m") if len(rr) else "NA"
    b.text["cutoff"] = cohort.cutoff.date().isoformat() if cohort.cutoff is not None else "NA"
    # ---- Table 1 ---------------------------------------------------------------------
    t1 = characteristics.table1(cohort)
    for r in t1.itertuples(index=False):
        key = f"t1.{r.variable}.{r.level}"
        if r.level == "mean_sd":
            b.text[key] = fmt_mean_sd(r.mean, r.sd)
            b.value(f"t1.{r.variable}.mean", r.mean)
            b.value(f"t1.{r.variable}.sd", r.sd)
            b.count(f"t1.{r.variable}.n", int(r.n))
        elif r.level == "median_range":
            b.text[key] = fmt_median_range(r.median, r.min, r.max)
            b.value(f"t1.{r.variable}.median", r.median)
            b.value(f"t1.{r.variable}.min", r.min)
            b.value(f"t1.{r.variable}.max", r.max)
        else:
            b.n_pct(key, int(r.n), int(r.denominator))
    b.count("n_table1", len(pts))
    status = pts["disease_status"]
    n_ref = int((status == "refractory").sum())
    b.value(
        "relapsed_to_refractory",
        int((status == "relapsed").sum()) / n_ref if n_ref else float("nan"),
        1,
    )
    b.value("sex_ratio", characteristics.sex_ratio(cohort), 2)
    # ---- Table 2 ---------------------------------------------------------------------
    t2 = treatment.table2(cohort)
    for r in t2.itertuples(index=False):
        b.n_pct(f"t2.{r.agent}", int(r.n), int(r.denominator))
    b.count("n_agents_used", len(t2))
    # ---- response --------------------------------------------------------------------
    rs = treatment.response_summary(cohort)
    for r in rs.itertuples(index=False):
        b.n_pct(f"resp.{r.item}", int(r.n), int(r.denominator))
    b.count("resp.categorised.n", int(ana["response"].isin(["CR", "CRp", "PR", "REF"]).sum()))
    for r in treatment.response_rates(cohort).itertuples(index=False):
        b.pct(f"rate.{r.rate}", r.n, r.denominator)
        b.count(f"rate.{r.rate}.n", r.n)
        b.value(f"rate.{r.rate}.ci_low", r.ci_low)
        b.value(f"rate.{r.rate}.ci_high", r.ci_high)
    # ---- transplant ------------------------------------------------------------------
    for r in treatment.transplant_summary(cohort).itertuples(index=False):
        b.n_pct(f"hsct.{r.section}.{r.item}", int(r.n), int(r.denominator))
    b.count("n_hsct", int(ana["hsct_done"].sum()))
    b.count("n_no_hsct", int((~ana["hsct_done"]).sum()))
    b.count("n_hsct_in_cr", int(ana["hsct_in_cr"].sum()))
    # ---- survival --------------------------------------------------------------------
    _survival_numbers(b, survival.os_all(cohort), "os")
    _survival_numbers(b, survival.os_by_hsct(cohort), "os")
    _survival_numbers(b, survival.os_after_hsct_cr(cohort), "os_after")
    fu = ana.loc[~ana["os_event"], "os_years"]
    b.value("median_fu_alive", float(fu.median()) if len(fu) else float("nan"), 1)
    b.count("n_deaths", int(ana["os_event"].sum()))
    b.count("n_censored", int((~ana["os_event"]).sum()))
    b.count("n_lost", int((ana["lost_to_followup"] & ~ana["os_event"]).sum()))
    return Numbers(b.text, b.raw)


def _survival_numbers(b: _Builder, a: survival.SurvivalAnalysis, prefix: str) -> None:
    for r in a.landmarks.itertuples(index=False):
        g = "" if r.group == "all" else f".{r.group}"
        key = f"{prefix}{g}_{int(r.years)}y"
        b.value(key, 100 * r.survival)
        b.value(f"{key}.ci_low", 100 * r.ci_low)
        b.value(f"{key}.ci_high", 100 * r.ci_high)
    for r in a.medians.itertuples(index=False):
        g = "" if r.group == "all" else f".{r.group}"
        b.value(f"{prefix}{g}_median", r.median, 2)
        b.count(f"{prefix}{g}_n", r.n)
        b.count(f"{prefix}{g}_events", r.events)
    if a.logrank is not None:
        b.text[f"{a.key}_p"] = fmt_p(a.logrank.p)
        b.value(f"{a.key}_p_value", a.logrank.p, 4)
        b.value(f"{a.key}_chi2", a.logrank.chi2, 2)

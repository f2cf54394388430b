"""Every number the report cites, each defined once under a literal key.

``registry(cohort)`` returns a mapping ``key -> Value``. A reader who meets ``N["<key>"]`` in a
chapter greps the quoted key and lands on the line below that computes it. Values are raw and
language-free (a percentage is a float, a date a ``Timestamp``); formatting and wording belong to
the present layer (:mod:`rrall.cite`), so the prose and the audit read the same value.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from rrall import characteristics, survival, treatment
from rrall.cohort import Cohort, eligibility, memo
from rrall.constants import ALPHA, LANDMARK_MONTHS
from rrall.fmt import pct
from rrall.provenance import data_digest
from rrall.published import load_published
from rrall.transplant import transplant_comparison

__all__ = ["Kind", "Registry", "Value", "registry", "thresholds"]

Kind = Literal["count", "share", "survival", "number", "p", "date", "code", "duration", "text"]


@dataclass(frozen=True)
class Value:
    """One cited number.

    ``value``: the number (a percentage for ``share`` and ``survival``, years for
    ``duration``), a date or a code; NaN when it cannot be estimated (``missing`` says why:
    ``"not_reached"`` or ``"not_estimable"``). ``n``/``of``: numerator and denominator of a
    share (``n`` alone: a count). ``ci``: 95% interval in the value's unit. ``what``: label key
    of what it is (with ``fields``); ``method``: label key of the estimator.
    """

    key: str
    kind: Kind
    value: Any
    what: str
    n: int | None = None
    of: int | None = None
    ci: tuple[float, float] | None = None
    digits: int = 1
    method: str | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    missing: str | None = None

    @property
    def estimable(self) -> bool:
        """False when the value is NaN (not estimable or not reached)."""
        v = self.value
        return not (isinstance(v, float) and math.isnan(v)) and v is not None

    def audit_fields(self) -> dict[str, Any]:
        """The fields a published form can print: ``n``, ``pct`` and ``value``."""
        out: dict[str, Any] = {"value": self.value}
        if self.n is not None:
            out["n"] = self.n
        if self.kind in ("share", "survival"):
            out["pct"] = self.value
        return out


class Registry(Mapping[str, Value]):
    """``key -> Value`` for one cohort."""

    def __init__(self, values: list[Value]) -> None:
        self._values: dict[str, Value] = {}
        for v in values:
            if v.key in self._values:
                raise ValueError(f"number {v.key!r} defined twice")
            self._values[v.key] = v

    def __getitem__(self, key: str) -> Value:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def thresholds(reg: Registry) -> dict[str, Value]:
    """The eligibility thresholds, by the field names the exclusion labels use."""
    return {
        "min_age": reg["design.min_age"],
        "max_age": reg["design.max_age"],
        "min_regimens": reg["design.min_regimens"],
        "min_blasts": reg["design.min_blasts"],
    }


def registry(cohort: Cohort) -> Registry:
    """Every cited number of ``cohort`` (computed once per cohort object)."""
    return memo(cohort, "registry", lambda: _build(cohort))


# ---------------------------------------------------------------------------------------------
# constructors
def _count(key: str, n: int, what: str, **fields: Any) -> Value:
    return Value(key, "count", int(n), what, n=int(n), fields=fields)


def _share(key: str, k: int, n: int, what: str, *, ci: bool = False, **fields: Any) -> Value:
    interval = None
    method = None
    if ci:
        lo, hi = treatment.clopper_pearson(int(k), int(n))
        interval = (100 * lo, 100 * hi)
        method = "est_clopper_pearson"
    p = pct(k, n)
    return Value(
        key,
        "share",
        p,
        what,
        n=int(k),
        of=int(n),
        ci=interval,
        method=method,
        fields=fields,
        missing=None if n else "not_estimable",
    )


def _number(key: str, x: float, what: str, *, digits: int = 1, **fields: Any) -> Value:
    x = float(x)
    return Value(
        key,
        "number",
        x,
        what,
        digits=digits,
        fields=fields,
        missing="not_estimable" if math.isnan(x) else None,
    )


def _landmark(key: str, a: survival.SurvivalAnalysis, group: str, years: float) -> Value:
    lm = a.landmarks[(a.landmarks["group"] == group) & (a.landmarks["years"] == years)]
    if lm.empty:
        s = lo = hi = float("nan")
        at_risk = 0
    else:
        r = lm.iloc[0]
        s, lo, hi, at_risk = float(r.survival), float(r.ci_low), float(r.ci_high), int(r.at_risk)
    ci = None if math.isnan(lo) else (100 * lo, 100 * hi)
    return Value(
        key,
        "survival",
        100 * s,
        "what_survival_at",
        ci=ci,
        method="est_km",
        fields={"group": group, "t": years, "at_risk": at_risk},
        missing="not_estimable" if math.isnan(s) else None,
    )


def _median(key: str, a: survival.SurvivalAnalysis, group: str) -> Value:
    m = a.medians[a.medians["group"] == group]
    if m.empty or int(m.iloc[0]["n"]) == 0:
        return Value(
            key,
            "duration",
            float("nan"),
            "what_median_survival",
            method="est_km",
            fields={"group": group},
            missing="not_estimable",
        )
    r = m.iloc[0]
    med, lo, hi = float(r["median"]), float(r["ci_low"]), float(r["ci_high"])
    return Value(
        key,
        "duration",
        med,
        "what_median_survival",
        ci=(lo, hi),
        method="est_km",
        fields={"group": group},
        missing="not_reached" if math.isnan(med) else None,
    )


def _group_size(a: survival.SurvivalAnalysis, group: str) -> int:
    return int(a.sizes.get(group, 0))


# ---------------------------------------------------------------------------------------------
def _build(c: Cohort) -> Registry:
    values: list[Value] = []
    sections = (
        _design,
        _flow,
        _characteristics,
        _agents,
        _response,
        _transplant,
        _survival,
        _corrected,
    )
    for section in sections:
        values.extend(section(c))
    return Registry(values)


def _design(c: Cohort) -> Iterator[Value]:
    """What the study's contract fixes: institutions, study period, criteria, definitions."""
    cb = c.codebook
    yield _count("design.institutions", len(cb.codes["site"]), "what_design_institutions")
    rr = cb.files["baseline"]["columns"]["rr_dx_date"]
    first = pd.Timestamp(rr["min"]) if rr.get("min") else None
    last = pd.Timestamp(rr["max"]) if rr.get("max") else None
    yield Value("design.accrual_first", "date", first, "what_design_accrual_first")
    yield Value("design.accrual_last", "date", last, "what_design_accrual_last")
    rules = eligibility(cb)
    yield _number("design.min_age", rules["min_age"], "what_design_min_age", digits=0)
    yield _number("design.max_age", rules["max_age"], "what_design_max_age", digits=0)
    yield _number(
        "design.min_regimens", rules["min_regimens"], "what_design_min_regimens", digits=0
    )
    yield _number("design.min_blasts", rules["min_blasts"], "what_design_min_blasts", digits=0)
    yield _count("design.lost_days", c.lost_to_followup_days, "what_design_lost_days")
    yield _count("design.landmark_months", LANDMARK_MONTHS, "what_design_landmark")
    yield _number("design.alpha", ALPHA, "what_design_alpha", digits=2)
    pub = load_published(c.folder)
    cr_low, cr_high = pub.literature_range("lit_cr_reinduction")
    yield _number("lit.cr.low", cr_low, "what_lit_cr", digits=0)
    yield _number("lit.cr.high", cr_high, "what_lit_cr", digits=0)
    os_low, os_high = pub.literature_range("lit_os_rr")
    yield _number("lit.os.low", os_low, "what_lit_os", digits=0)
    yield _number("lit.os.high", os_high, "what_lit_os", digits=0)


def _flow(c: Cohort) -> Iterator[Value]:
    scr, pts = c.screening, c.patients
    eligible = scr["eligible"].astype(bool)
    reason = scr["ineligible_reason"]
    yield _count("flow.reviewed", len(scr), "what_flow_reviewed")
    yield _count("flow.eligible", int(eligible.sum()), "what_flow_eligible")
    yield _count("flow.excluded", int((~eligible).sum()), "what_flow_excluded")
    yield _count(
        "flow.excluded.clofarabine",
        int((reason == "clofarabine").sum()),
        "what_flow_excluded_reason",
        reason="clofarabine",
    )
    yield _count(
        "flow.excluded.age", int((reason == "age").sum()), "what_flow_excluded_reason", reason="age"
    )
    yield _count(
        "flow.excluded.prior_regimens",
        int((reason == "prior_regimens").sum()),
        "what_flow_excluded_reason",
        reason="prior_regimens",
    )
    yield _count(
        "flow.excluded.blasts",
        int((reason == "blasts").sum()),
        "what_flow_excluded_reason",
        reason="blasts",
    )
    yield _count("flow.no_data", int((~pts["analysed"]).sum()), "what_flow_no_data")
    yield _count("flow.analysed", c.n_analysed, "what_flow_analysed")
    yield _count(
        "flow.sites_enrolling", int(scr.loc[eligible, "site"].nunique()), "what_flow_sites"
    )
    yield _count("flow.sites_listed", len(c.codebook.codes["site"]), "what_flow_sites_listed")
    rr = pts["rr_dx_date"].dropna()
    yield Value("flow.first_rr_dx", "date", rr.min() if len(rr) else None, "what_first_rr_dx")
    yield Value("flow.last_rr_dx", "date", rr.max() if len(rr) else None, "what_last_rr_dx")
    yield Value("flow.cutoff", "date", c.cutoff, "what_cutoff")
    yield Value("data.digest", "text", data_digest(c), "what_data_digest", method="est_digest")


def _characteristics(c: Cohort) -> Iterator[Value]:
    t1 = characteristics.table1(c)
    age = t1[(t1["variable"] == "age") & (t1["level"] == "mean_sd")].iloc[0]
    yield _number("t1.age.mean", age["mean"], "what_age_mean")
    yield _number("t1.age.sd", age["sd"], "what_age_sd")
    yield _number("t1.age.median", age["median"], "what_age_median")
    yield _number("t1.age.min", age["min"], "what_age_min")
    yield _number("t1.age.max", age["max"], "what_age_max")
    yield _count("t1.n", len(c.patients), "what_flow_eligible")
    yield _number("t1.sex_ratio", characteristics.sex_ratio(c), "what_sex_ratio", digits=2)
    status = c.patients["disease_status"]
    n_rel, n_ref = int((status == "relapsed").sum()), int((status == "refractory").sum())
    yield _number(
        "t1.relapsed_to_refractory",
        n_rel / n_ref if n_ref else float("nan"),
        "what_relapsed_to_refractory",
    )
    yield _share("t1.relapsed", n_rel, len(status), "what_status_share", status="relapsed")
    yield _share("t1.refractory", n_ref, len(status), "what_status_share", status="refractory")
    cyto = c.patients["cytogenetics"]
    yield _share(
        "t1.cytogenetics_missing",
        int(cyto.isna().sum()),
        len(cyto),
        "what_missing_share",
        variable="cytogenetics",
    )
    immuno = t1[(t1["variable"] == "immunophenotype") & (t1["level"] != "NA")]
    top = immuno.sort_values("n", ascending=False, kind="stable").iloc[0] if len(immuno) else None
    yield Value(
        "t1.immunophenotype_top",
        "code",
        None if top is None else top["level"],
        "what_immunophenotype_top",
        fields={"codelist": "immunophenotype"},
    )
    yield _share(
        "t1.immunophenotype_top.share",
        0 if top is None else int(top["n"]),
        len(c.patients),
        "what_immunophenotype_top",
    )


def _agents(c: Cohort) -> Iterator[Value]:
    t2 = treatment.table2(c)
    n = len(c.analysed)
    yield _count("agents.n_used", len(t2), "what_agents_n_used")
    ranks = ("agents.first", "agents.second", "agents.third", "agents.fourth", "agents.fifth")
    for rank, key in enumerate(ranks):
        row = t2.iloc[rank] if rank < len(t2) else None
        yield Value(
            key,
            "code",
            None if row is None else row["agent"],
            "what_agent_rank",
            fields={"rank": rank + 1, "codelist": "agent"},
        )
    shares = (
        "agents.first.share",
        "agents.second.share",
        "agents.third.share",
        "agents.fourth.share",
        "agents.fifth.share",
    )
    for rank, key in enumerate(shares):
        row = t2.iloc[rank] if rank < len(t2) else None
        k = 0 if row is None else int(row["n"])
        agent = {} if row is None else {"agent": row["agent"]}
        yield _share(key, k, n, "what_agent_rank_share", rank=rank + 1, **agent)
    asp = t2.loc[t2["agent"] == "l_asparaginase", "n"]
    yield _count(
        "agents.l_asparaginase",
        int(asp.iloc[0]) if len(asp) else 0,
        "what_agent_patients",
        agent="l_asparaginase",
    )


def _response(c: Cohort) -> Iterator[Value]:
    rs = treatment.response_summary(c).set_index("item")
    n = len(c.analysed)

    def k(item: str) -> int:
        return int(rs.at[item, "n"]) if item in rs.index else 0

    yield _share("resp.examined", k("examined"), n, "what_resp_examined")
    yield _share("resp.not_examined", k("not_examined"), n, "what_resp_not_examined")
    yield _share("resp.cr", k("CR"), n, "what_resp_category", category="CR")
    yield _share("resp.crp", k("CRp"), n, "what_resp_category", category="CRp")
    yield _share("resp.pr", k("PR"), n, "what_resp_category", category="PR")
    yield _share("resp.refractory", k("REF"), n, "what_resp_category", category="REF")
    yield _share("resp.not_evaluable", k("NE"), n, "what_resp_category", category="NE")
    yield _count(
        "resp.reason.persistent", k("reason:persistent"), "what_resp_reason", reason="persistent"
    )
    yield _count(
        "resp.reason.death_induction",
        k("reason:death_induction"),
        "what_resp_reason",
        reason="death_induction",
    )
    yield _count("resp.reason.other", k("reason:other"), "what_resp_reason", reason="other")
    yield _count("resp.reason.overlap", k("reason_overlap"), "what_resp_reason_overlap")
    rates = treatment.response_rates(c).set_index("rate")
    for key, rate in (("rate.cr", "cr_rate"), ("rate.cr_only", "cr_strict"), ("rate.orr", "orr")):
        r = rates.loc[rate]
        yield _share(key, int(r["n"]), int(r["denominator"]), "what_rate", ci=True, rate=rate)


def _transplant(c: Cohort) -> Iterator[Value]:
    ts = treatment.transplant_summary(c)
    get = {(r.section, r.item): r for r in ts.itertuples(index=False)}
    n = len(c.analysed)
    done = int(c.analysed["hsct_done"].sum())
    yield _share("hsct.done", done, n, "what_hsct_done")
    yield _count("hsct.not_done", n - done, "what_hsct_not_done")
    yield _count(
        "hsct.pre_examined", int(get["pre_status", "examined"].n), "what_hsct_pre_examined"
    )
    yield _count("hsct.in_cr", int(get["pre_status", "cr_any"].n), "what_hsct_in_cr")
    r = get["reason", "refractory_progressive"]
    yield _share(
        "hsct.reason.refractory_progressive",
        int(r.n),
        int(r.denominator),
        "what_hsct_reason",
        reason="refractory_progressive",
    )
    untransplanted = c.analysed.loc[~c.analysed["hsct_done"], "reason_no_hsct"]
    counts = untransplanted.value_counts()
    order = {code: i for i, code in enumerate(c.codebook.levels("reason_no_hsct"))}
    top = (
        min(counts.index, key=lambda code: (-int(counts[code]), order.get(code, 99)))
        if len(counts)
        else None
    )
    yield Value(
        "hsct.reason.top",
        "code",
        top,
        "what_hsct_reason_top",
        fields={"codelist": "reason_no_hsct"},
    )
    yield _share(
        "hsct.reason.top.share",
        0 if top is None else int(counts[top]),
        len(untransplanted),
        "what_hsct_reason_top",
    )
    alive = get["alive", "alive"]
    yield _count("hsct.alive", int(alive.n), "what_hsct_alive")
    in_cr = get["alive", "alive_in_cr"]
    yield _share("hsct.alive.in_cr", int(in_cr.n), int(in_cr.denominator), "what_hsct_alive_in_cr")


def _survival(c: Cohort) -> Iterator[Value]:
    a = survival.os_all(c)
    yield _landmark("os.1y", a, "all", 1)
    yield _landmark("os.2y", a, "all", 2)
    yield _landmark("os.3y", a, "all", 3)
    yield _landmark("os.5y", a, "all", 5)
    yield _median("os.median", a, "all")
    ana = c.analysed
    yield _count("os.deaths", int(ana["os_event"].sum()), "what_deaths")
    yield _count("os.censored", int((~ana["os_event"]).sum()), "what_censored")
    yield _count(
        "os.lost",
        int((ana["lost_to_followup"] & ~ana["os_event"]).sum()),
        "what_lost",
        days=c.lost_to_followup_days,
    )
    fu = survival.median_survival(ana["os_years"], ~ana["os_event"].astype(bool))
    yield Value(
        "os.followup",
        "duration",
        fu["median"],
        "what_followup_median",
        ci=(fu["ci_low"], fu["ci_high"]),
        method="est_reverse_km",
        missing="not_estimable" if math.isnan(fu["median"]) else None,
    )
    b = survival.os_by_hsct(c)
    yield _count("os.hsct.n", _group_size(b, "hsct"), "what_group_size", group="hsct")
    yield _count("os.no_hsct.n", _group_size(b, "no_hsct"), "what_group_size", group="no_hsct")
    yield _landmark("os.hsct.5y", b, "hsct", 5)
    yield _landmark("os.no_hsct.5y", b, "no_hsct", 5)
    yield _median("os.hsct.median", b, "hsct")
    yield _median("os.no_hsct.median", b, "no_hsct")
    lr = b.logrank
    p = float("nan") if lr is None else float(lr.p)
    chi2 = float("nan") if lr is None else float(lr.chi2)
    yield Value(
        "os.hsct.logrank_p",
        "p",
        p,
        "what_logrank_p",
        method="est_logrank",
        fields={"chi2": chi2},
        missing="not_estimable" if math.isnan(p) else None,
    )
    yield _number("os.hsct.logrank_chi2", chi2, "what_logrank_chi2", digits=2)
    d = survival.os_after_hsct_cr(c)
    yield _count("os_after.n", _group_size(d, "cr_hsct"), "what_group_size", group="cr_hsct")
    yield _landmark("os_after.3y", d, "cr_hsct", 3)


def _as_frame(r: Registry) -> pd.DataFrame:  # pragma: no cover - debugging aid
    return pd.DataFrame([vars(v) for v in r.values()])


def _p(key: str, p: float, what: str, method: str, chi2: float, **fields: Any) -> Value:
    return Value(
        key,
        "p",
        float(p),
        what,
        method=method,
        fields={"chi2": float(chi2), **fields},
        missing="not_estimable" if math.isnan(p) else None,
    )


def _hr(key: str, hr: float, lo: float, hi: float, what: str, method: str, **fields: Any) -> Value:
    return Value(
        key,
        "number",
        float(hr),
        what,
        ci=(float(lo), float(hi)),
        digits=2,
        method=method,
        fields=fields,
        missing="not_estimable" if math.isnan(hr) else None,
    )


def _corrected(c: Cohort) -> Iterator[Value]:
    """The transplant comparison with immortal-time bias removed (rrall.transplant)."""
    t = transplant_comparison(c)
    mb, cox, lm = t.mantel_byar, t.cox, t.landmark
    yield _p("td.mb.p", mb.p, "what_mb_p", "est_mantel_byar", mb.chi2)
    yield _number("td.mb.chi2", mb.chi2, "what_mb_chi2", digits=2)
    yield _count("td.mb.deaths_after", int(mb.observed[1]), "what_mb_deaths_after")
    yield _number("td.mb.expected_after", float(mb.expected[1]), "what_mb_expected_after")
    yield _hr("td.hr", cox.hr, cox.ci_low, cox.ci_high, "what_td_hr", "est_td_cox")
    yield _p("td.hr.p", cox.p, "what_td_hr_p", "est_td_cox", float("nan"))
    months = LANDMARK_MONTHS
    yield _count(
        "td.landmark.hsct", lm.n_hsct, "what_landmark_group", group="hsct_by_landmark", t=months
    )
    yield _count(
        "td.landmark.no_hsct",
        lm.n_no_hsct,
        "what_landmark_group",
        group="no_hsct_by_landmark",
        t=months,
    )
    yield _count("td.landmark.n", lm.n_hsct + lm.n_no_hsct, "what_landmark_n", t=months)
    yield _count("td.landmark.died_before", lm.excluded_died, "what_landmark_died", t=months)
    yield _count(
        "td.landmark.censored_before", lm.excluded_censored, "what_landmark_censored", t=months
    )
    yield _count("td.landmark.tx_later", lm.n_tx_later, "what_landmark_tx_later", t=months)
    yield _p("td.landmark.p", lm.p, "what_landmark_p", "est_logrank", lm.chi2, t=months)
    yield _hr(
        "td.landmark.hr",
        lm.cox.hr,
        lm.cox.ci_low,
        lm.cox.ci_high,
        "what_landmark_hr",
        "est_cox",
        t=months,
    )

"""Build the reconstructed cohort from the published numbers and write it in the data contract.

The paper's patient-level data are not public. :func:`build_cohort` makes **synthetic**
patients whose aggregates, recomputed by the report's own functions and printed with the
paper's rounding, equal the published numbers (every target is read from ``published.yaml``
through :mod:`rrall.rebuild.targets`; where the printed numbers contradict each other it
follows what ``published.yaml`` records).

The steps, each a function below:

1. survival: days of death, censoring and HSCT (:func:`rrall.rebuild.search.search_survival`);
2. baseline: Table 1 characteristics (:func:`rrall.rebuild.baseline.baseline_patients`);
3. courses: response to the first cycle, reasons for no marrow examination, marrow status
   before HSCT and reasons for no HSCT, laid out from the published counts (:func:`courses`);
4. regimens: the first-cycle combination of each treated patient
   (:mod:`rrall.rebuild.regimens`);
5. timeline: every date, by the clinical timeline rules (:func:`timeline`);
6. files: the six tables of the contract (:func:`contract_files`).

What the seed decides
---------------------
Everything the paper leaves open: survival, censoring and transplant days and how many
untransplanted patients are lost to follow-up (see :mod:`rrall.rebuild.search`); which patient
has which characteristics, age, height and weight; the split of first-cycle responses between
transplanted and untransplanted patients within the published counts; which regimen
combination each patient received (among all combinations of :data:`TEMPLATES` that give the
Table 2 counts); sites, patient numbers, R/R diagnosis dates, treatment and examination days,
donors and steroids. The choices the paper does not publish and the seed does not vary are the
fields of :class:`Settings` (recorded in ``reconstruction.yaml``).

Deterministic: a seed gives the same files byte for byte. Run ``python -m rrall reconstruct``
(also ``python -m rrall.rebuild reconstruct``, or ``make reconstruct``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from rrall.contract import Codebook, load_codebook
from rrall.contract.codebook import default_codebook_path
from rrall.fmt import fmt_num
from rrall.labels import LABELS
from rrall.published import Published, load_published
from rrall.rebuild.baseline import baseline_patients, screening_log
from rrall.rebuild.regimens import TEMPLATES, Template, assign_regimens, solve_counts
from rrall.rebuild.search import SearchRules, SurvivalSolution, search_survival
from rrall.rebuild.targets import Targets, load_targets
from rrall.rebuild.timeline import lost_to_followup_days

__all__ = [
    "FILES",
    "RECORD",
    "SEED",
    "SEED_VARIES",
    "FolderNotOursError",
    "Layout",
    "Reconstruction",
    "Settings",
    "build_cohort",
    "check_folder",
    "contract_files",
    "courses",
    "layout",
    "timeline",
    "write_cohort",
]

SEED = 20170925
#: the contract's files, in the order they are written
FILES = ("screening", "baseline", "treatment", "response", "transplant", "followup")
#: the reconstruction's own record; a folder holding it may be overwritten
RECORD = "reconstruction.yaml"


@dataclass(frozen=True)
class Settings:
    """Reconstruction choices the paper does not publish and the seed does not vary.

    Attributes
    ----------
    cutoff
        Data cut-off (ISO date; see ``interpretations.data_cutoff`` in ``published.yaml``).
    rules
        Clinical rules of the survival search.
    start_day
        Cycle 1 starts ``1 + Gamma(2, 4)`` days after the R/R diagnosis, capped at this range.
    exam_after_start
        The marrow is examined this many days after the start of cycle 1 (3 to 6 weeks).
    induction_death_after_start
        A death during induction comes this many days after the start of cycle 1.
    exam_before_hsct
        The marrow examination precedes a transplant by at least this many days.
    donors
        Donor types of the transplants with their weights.
    steroids
        Steroids added to vincristine-based regimens, with their weights.
    other_no_hsct_reasons
        The reasons for no transplant besides refractory disease and loss to follow-up, each
        given at least once (the paper names them without counts).
    """

    cutoff: str = "2015-06-30"
    rules: SearchRules = field(default_factory=SearchRules)
    start_day: tuple[int, int] = (1, 30)
    exam_after_start: tuple[int, int] = (21, 42)
    induction_death_after_start: tuple[int, int] = (3, 42)
    exam_before_hsct: int = 21
    donors: tuple[tuple[str, float], ...] = (
        ("MSD", 0.2),
        ("MUD", 0.45),
        ("haplo", 0.15),
        ("CB", 0.12),
        ("MMUD", 0.08),
    )
    steroids: tuple[tuple[str, float], ...] = (("prednisolone", 0.6), ("dexamethasone", 0.4))
    other_no_hsct_reasons: tuple[str, ...] = ("cr_maintained", "no_donor", "poor_performance")


@dataclass(frozen=True)
class Reconstruction:
    """The files of the contract as frames, and the record for ``reconstruction.yaml``."""

    frames: dict[str, pd.DataFrame]
    record: dict[str, Any]
    survival: SurvivalSolution


class FolderNotOursError(RuntimeError):
    """The target folder holds files but no ``reconstruction.yaml``: not ours to overwrite."""


# ---------------------------------------------------------------------------------------------
# step 3: courses
@dataclass(frozen=True)
class Layout:
    """How the published response and transplant counts split between the groups.

    Transplanted: ``sub_cr`` of the CR/CRp subgroup reached CR/CRp after cycle 1 and
    ``sub_pr`` a partial remission; one examined patient outside the subgroup was refractory
    (PR before HSCT) for each of ``hsct_other_examined``, and ``hsct_not_examined`` had no
    examination after cycle 1 (reason "other", none before HSCT either). Untransplanted:
    ``other_no_hsct`` reached CR/CRp (lost to follow-up, or another reason than refractory
    disease); of those with refractory or progressive disease, ``induction`` died during
    induction (``overlap`` of them with persistent disease reported too), ``persistent`` and
    ``other_not_examined`` were not examined for those reasons, and ``ref``, ``pr``, ``ne``
    were examined.
    """

    sub_cr: int
    sub_pr: int
    hsct_other_examined: int
    hsct_not_examined: int
    other_no_hsct: int
    induction: int
    overlap: int
    persistent: int
    other_not_examined: int
    ref: int
    pr: int
    ne: int


def layout(targets: Targets) -> Layout:
    """The split of :class:`Layout`, from the published counts; ``ValueError`` if they do not
    fit it."""
    c = targets.counts
    n_cr = c["resp_cr"] + c["resp_crp"]
    other_no_hsct = c["hsct_none_n"] - c["hsct_reason_refractory"]
    sub_cr = n_cr - other_no_hsct
    out = Layout(
        sub_cr=sub_cr,
        sub_pr=c["hsct_pre_cr"] - sub_cr,
        hsct_other_examined=c["hsct_pre_exam"] - c["hsct_pre_cr"],
        hsct_not_examined=c["hsct_n"] - c["hsct_pre_exam"],
        other_no_hsct=other_no_hsct,
        induction=c["resp_reason_death"],
        overlap=c["resp_reason_overlap"],
        persistent=c["resp_reason_persistent"] - c["resp_reason_overlap"],
        other_not_examined=c["resp_reason_other"] - (c["hsct_n"] - c["hsct_pre_exam"]),
        ref=c["resp_ref"] - (c["hsct_pre_exam"] - c["hsct_pre_cr"]),
        pr=c["resp_pr"] - (c["hsct_pre_cr"] - sub_cr),
        ne=c["resp_examined"] - (n_cr + c["resp_pr"] + c["resp_ref"]),
    )
    refractory = out.induction + out.persistent + out.other_not_examined + out.ref + out.pr + out.ne
    if min(dataclasses.astuple(out)) < 0 or refractory != c["hsct_reason_refractory"]:
        raise ValueError(f"the published response counts do not fit the layout: {out}")
    return out


def courses(
    targets: Targets, surv: pd.DataFrame, settings: Settings, rng: np.random.Generator
) -> pd.DataFrame:
    """Response and transplant course of each survival row, in ``idx`` order.

    Columns: ``marrow_exam`` (Y/N), ``response``, ``reasons_not_examined`` (``;``-joined),
    ``pre_hsct_marrow``, ``reason_no_hsct`` (codes, ``""`` where not applicable) and
    ``induction_death``. Deaths during induction are drawn among the untransplanted deaths by
    ``rules.induction_death_max_day``; patients who die before ``rules.exam_min_day`` are
    among those not examined; responders without a transplant tend to live longer; the other
    reasons for no transplant (``settings.other_no_hsct_reasons``) each appear when the count
    allows.
    """
    lay = layout(targets)
    rules = settings.rules
    s = surv.sort_values("idx").reset_index(drop=True)
    n = len(s)
    exam = ["Y"] * n
    response = [""] * n
    not_examined = [""] * n
    pre = [""] * n
    no_hsct = [""] * n
    induction_death = [False] * n
    c = targets.counts
    cr_pool = [str(x) for x in rng.permutation(["CR"] * c["resp_cr"] + ["CRp"] * c["resp_crp"])]
    day = s["os_day"].to_numpy()
    hs = s["hsct"].to_numpy(dtype=bool)
    dead = s["death"].to_numpy(dtype=bool)
    lost = (s["censor"] == "lost").to_numpy()
    in_sub = s["cr_subgroup"].to_numpy(dtype=bool)
    # transplanted: the CR/CRp subgroup, then the others
    first = [cr_pool.pop() for _ in range(lay.sub_cr)] + ["PR"] * lay.sub_pr
    for i, r in zip(rng.permutation(np.flatnonzero(hs & in_sub)).tolist(), first, strict=True):
        response[i] = r
        pre[i] = "CR" if r == "CR" else str(rng.choice(["CR", "CRp"]))
    others = rng.permutation(np.flatnonzero(hs & ~in_sub)).tolist()
    for i in others[: lay.hsct_other_examined]:
        response[i], pre[i] = "REF", "PR"
    for i in others[lay.hsct_other_examined :]:
        exam[i], not_examined[i], pre[i] = "N", "other", "not_done"
    # untransplanted and lost to follow-up: responders
    for i in np.flatnonzero(lost).tolist():
        response[i], no_hsct[i] = cr_pool.pop(), "lost_followup"
    # untransplanted deaths: during induction, responders, not examined, examined
    nd = np.flatnonzero(~hs & dead)
    early = nd[day[nd] <= rules.induction_death_max_day]
    induction = rng.choice(early, lay.induction, replace=False)
    for j, i in enumerate(induction.tolist()):
        exam[i], no_hsct[i], induction_death[i] = "N", "refractory_progressive", True
        not_examined[i] = "death_induction;persistent" if j < lay.overlap else "death_induction"
    rest = np.setdiff1d(nd, induction)
    n_resp = lay.other_no_hsct - int(lost.sum())
    ok = rest[day[rest] >= rules.exam_min_day]
    w = np.argsort(np.argsort(day[ok])) + 1.0  # later deaths more likely responders
    responders = rng.choice(ok, n_resp, replace=False, p=w / w.sum())
    why_no = settings.other_no_hsct_reasons
    kinds = [str(x) for x in rng.permutation([why_no[j % len(why_no)] for j in range(n_resp)])]
    for i, why in zip(responders.tolist(), kinds, strict=True):
        response[i], no_hsct[i] = cr_pool.pop(), why
    rest = np.setdiff1d(rest, responders)
    n_unex = lay.persistent + lay.other_not_examined
    forced = rest[day[rest] < rules.exam_min_day]
    pool = np.setdiff1d(rest, forced)
    w = 1.0 / (np.argsort(np.argsort(day[pool])) + 1.0)  # earlier deaths more likely
    unexamined = np.concatenate(
        [forced, rng.choice(pool, n_unex - forced.size, replace=False, p=w / w.sum())]
    )
    why_not = ["persistent"] * lay.persistent + ["other"] * lay.other_not_examined
    for i, why in zip(rng.permutation(unexamined).tolist(), why_not, strict=True):
        exam[i], not_examined[i], no_hsct[i] = "N", why, "refractory_progressive"
    examined = np.setdiff1d(rest, unexamined)
    labels = ["REF"] * lay.ref + ["PR"] * lay.pr + ["NE"] * lay.ne
    for i, r in zip(rng.permutation(examined).tolist(), labels, strict=True):
        response[i], no_hsct[i] = r, "refractory_progressive"
    if cr_pool:
        raise ValueError(f"{len(cr_pool)} CR/CRp responses left over")
    return pd.DataFrame(
        {
            "marrow_exam": exam,
            "response": response,
            "reasons_not_examined": not_examined,
            "pre_hsct_marrow": pre,
            "reason_no_hsct": no_hsct,
            "induction_death": induction_death,
        }
    )


# ---------------------------------------------------------------------------------------------
# step 5: timeline
def _day_between(rng: np.random.Generator, lo: int, hi: int, what: str) -> int:
    if lo > hi:
        raise ValueError(f"no room for {what}: day {lo} > {hi}")
    return int(rng.integers(lo, hi + 1))


def timeline(
    surv: pd.DataFrame,
    course: pd.DataFrame,
    settings: Settings,
    *,
    accrual: tuple[pd.Timestamp, pd.Timestamp],
    lost_days: int,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Every day and the R/R diagnosis date of each survival row (``idx`` order).

    Columns ``rr_dx_date``, ``start_day``, ``exam_day`` (NaN if not examined), ``hsct_day``
    and ``os_day`` (days after the R/R diagnosis). By construction: cycle 1 starts within
    ``settings.start_day`` and before any death; the marrow is examined 3 to 6 weeks later,
    before death or last contact and ``settings.exam_before_hsct`` days before a transplant;
    a death during induction comes after the start and before an examination would have; a
    transplanted survivor's last contact is within ``lost_days`` of the cut-off, a lost
    patient's earlier; every date is in the accrual window (R/R diagnosis) or before the
    cut-off (events). The earliest R/R diagnosis falls in the window's first month and the
    latest in its last.
    """
    s = surv.sort_values("idx").reset_index(drop=True)
    cut = pd.Timestamp(settings.cutoff)
    lo_acc, hi_acc = accrual
    day = s["os_day"].to_numpy(dtype=int)
    censor = s["censor"].to_numpy(dtype=object)
    dead = s["death"].to_numpy(dtype=bool)
    hsct = s["hsct_day"].to_numpy(dtype=float, na_value=np.nan)
    rr: list[pd.Timestamp] = []
    for i in range(len(s)):
        if censor[i] == "alive":  # last contact within lost_days of the cut-off
            lag = _day_between(
                rng,
                max(0, (cut - hi_acc).days - day[i]),
                min(lost_days, (cut - lo_acc).days - day[i]),
                "a survivor's last contact",
            )
            rr.append(cut - pd.Timedelta(days=int(lag + day[i])))
            continue
        margin = lost_days + 1 if censor[i] == "lost" else 0
        latest = min(hi_acc, cut - pd.Timedelta(days=int(day[i] + margin)))
        rr.append(lo_acc + pd.Timedelta(days=_day_between(rng, 0, (latest - lo_acc).days, "R/R")))
    # the accrual window is reached at both ends: a death moved to its first month, a short
    # course ending before the cut-off moved to its last month
    deaths = np.flatnonzero(dead)
    first = int(deaths[int(np.argmin([rr[i] for i in deaths]))])
    rr[first] = lo_acc + pd.Timedelta(days=int(rng.integers(0, 28)))
    short = [int(i) for i in deaths if i != first and day[i] < (cut - hi_acc).days - 30]
    last = max(short, key=lambda i: rr[i])
    rr[last] = hi_acc - pd.Timedelta(days=int(rng.integers(0, 28)))
    a0, a1 = settings.start_day
    e0, e1 = settings.exam_after_start
    i0, i1 = settings.induction_death_after_start
    start, exam = [], []
    for i in range(len(s)):
        c = course.iloc[i]
        want = min(max(a0, 1 + int(rng.gamma(2.0, 4.0))), a1)
        if c["induction_death"]:
            lo, hi = max(a0, day[i] - i1), day[i] - i0
        elif c["marrow_exam"] == "Y":
            lo, hi = a0, day[i] - e0 - 1
            if not np.isnan(hsct[i]):
                hi = min(hi, int(hsct[i]) - settings.exam_before_hsct - e0)
        else:
            lo, hi = a0, day[i] - 1
        hi = min(hi, a1)
        if lo > hi:
            raise ValueError(f"no room for cycle 1 of survival row {i}")
        st = min(max(want, lo), hi)
        start.append(st)
        if c["marrow_exam"] == "Y":
            top = min(st + e1, day[i] - 1)
            if not np.isnan(hsct[i]):
                top = min(top, int(hsct[i]) - settings.exam_before_hsct)
            exam.append(float(_day_between(rng, st + e0, top, "the marrow examination")))
        else:
            exam.append(float("nan"))
    return pd.DataFrame(
        {
            "rr_dx_date": rr,
            "start_day": start,
            "exam_day": exam,
            "hsct_day": hsct,
            "os_day": day,
        }
    )


# ---------------------------------------------------------------------------------------------
# step 6: the contract's files
def _iso(d: pd.Timestamp | None) -> str:
    return "" if d is None or pd.isna(d) else d.date().isoformat()


def _after(d: pd.Timestamp, days: float) -> pd.Timestamp:
    return d + pd.Timedelta(days=int(days))


def _blasts(response: str, rng: np.random.Generator) -> str:
    ranges = {"CR": (0.0, 4.9), "CRp": (0.0, 4.9), "PR": (5.1, 24.9), "REF": (30.0, 95.0)}
    if response not in ranges:
        return ""
    return fmt_num(float(rng.uniform(*ranges[response])), 1)


def _pick(options: tuple[tuple[str, float], ...], rng: np.random.Generator) -> str:
    w = np.array([p for _, p in options])
    return options[int(rng.choice(len(options), p=w / w.sum()))][0]


def contract_files(
    *,
    base: pd.DataFrame,
    ids: list[str],
    ineligible_ids: list[str],
    sites: list[str],
    treated: list[int],
    no_data: list[int],
    surv: pd.DataFrame,
    course: pd.DataFrame,
    days: pd.DataFrame,
    regimens: list[Template],
    settings: Settings,
    codebook: Codebook,
    accrual: tuple[pd.Timestamp, pd.Timestamp],
    rng: np.random.Generator,
) -> dict[str, pd.DataFrame]:
    """The six files of the contract. ``treated[j]`` is the baseline position of survival row
    ``j`` (``idx``) and ``regimens[j]`` its first-cycle regimen; ``no_data``: baseline
    positions of the patients without treatment or follow-up records."""
    cut = pd.Timestamp(settings.cutoff)
    s = surv.sort_values("idx").reset_index(drop=True)
    rr_of: dict[int, pd.Timestamp] = {k: days.at[j, "rr_dx_date"] for j, k in enumerate(treated)}
    lo_acc, hi_acc = accrual
    for k in no_data:
        rr_of[k] = lo_acc + pd.Timedelta(days=int(rng.integers(0, (hi_acc - lo_acc).days + 1)))
    rows_t, rows_r, rows_x, rows_f = [], [], [], []
    courses_ = course.to_dict("records")  # plain rows: pandas row access is slow
    days_ = days.to_dict("records")
    hsct_ = s["hsct"].to_numpy(dtype=bool)
    dead_ = s["death"].to_numpy(dtype=bool)
    for j, k in enumerate(treated):
        pid, rr, c, d = ids[k], rr_of[k], courses_[j], days_[j]
        start = _after(rr, d["start_day"])
        reg = regimens[j]
        agents = [(a, "N") for a in reg.agents]
        if reg.steroid:
            agents.append((_pick(settings.steroids, rng), "Y"))
        rows_t += [(pid, 1, _iso(start), a, st) for a, st in agents]
        examined = c["marrow_exam"] == "Y"
        rows_r.append(
            (
                pid,
                c["marrow_exam"],
                _iso(_after(rr, d["exam_day"])) if examined else "",
                _blasts(c["response"], rng) if examined else "",
                c["response"],
                c["reasons_not_examined"],
            )
        )
        if hsct_[j]:
            rows_x.append(
                (
                    pid,
                    "Y",
                    _iso(_after(rr, d["hsct_day"])),
                    _pick(settings.donors, rng),
                    c["pre_hsct_marrow"],
                    "",
                )
            )
        else:
            rows_x.append((pid, "N", "", "", "", c["reason_no_hsct"]))
        end = _iso(_after(rr, d["os_day"]))
        dead = bool(dead_[j])
        rows_f.append((pid, "dead" if dead else "alive", end if dead else "", end, _iso(cut)))
    baseline = pd.DataFrame(
        [
            {
                "patient_id": ids[k],
                "sex": b["sex"],
                "initial_dx_date": _iso(rr_of[k] - pd.Timedelta(days=int(b["interval_days"]))),
                "rr_dx_date": _iso(rr_of[k]),
                "height_cm": "" if pd.isna(b["height_cm"]) else fmt_num(b["height_cm"], 1),
                "weight_kg": "" if pd.isna(b["weight_kg"]) else fmt_num(b["weight_kg"], 1),
                "cytogenetics": b["cytogenetics"] or "",
                "immunophenotype": b["immunophenotype"] or "",
                "disease_status": b["disease_status"],
            }
            for k, b in enumerate(base.to_dict("records"))
        ]
    )
    treat = pd.DataFrame(rows_t, columns=["patient_id", "cycle", "start_date", "agent", "steroid"])
    rank = {a: i for i, a in enumerate(codebook.levels("agent"))}
    treat = treat.assign(_o=treat["agent"].map(rank)).sort_values(["patient_id", "_o"])
    columns = {
        "response": [
            "patient_id",
            "marrow_exam",
            "exam_date",
            "blast_pct",
            "response",
            "reasons_not_examined",
        ],
        "transplant": [
            "patient_id",
            "hsct",
            "hsct_date",
            "donor",
            "pre_hsct_marrow",
            "reason_no_hsct",
        ],
        "followup": [
            "patient_id",
            "vital_status",
            "death_date",
            "last_contact_date",
            "cutoff_date",
        ],
    }
    frames = {
        "screening": screening_log(base, ids[: len(base)], ineligible_ids, sites, rng),
        "baseline": baseline,
        "treatment": treat.drop(columns="_o"),
        "response": pd.DataFrame(rows_r, columns=columns["response"]),
        "transplant": pd.DataFrame(rows_x, columns=columns["transplant"]),
        "followup": pd.DataFrame(rows_f, columns=columns["followup"]),
    }
    return {
        name: frames[name].sort_values("patient_id", kind="stable").reset_index(drop=True)
        for name in FILES
    }


# ---------------------------------------------------------------------------------------------
def _accrual(codebook: Codebook) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The study period: the contract's range of the R/R diagnosis date."""
    col = codebook.files["baseline"]["columns"]["rr_dx_date"]
    return pd.Timestamp(col["min"]), pd.Timestamp(col["max"])


def _sites(codebook: Codebook, n_sites: int, n: int, rng: np.random.Generator) -> list[str]:
    """The enrolling sites (the codebook's first ``n_sites``), each with at least one of the
    ``n`` patients; the rest spread by Dirichlet weights, in a random order."""
    codes = list(codebook.levels("site"))[:n_sites]
    extra = rng.multinomial(n - n_sites, rng.dirichlet(np.full(n_sites, 2.0)))
    out = [c for c, e in zip(codes, extra, strict=True) for _ in range(1 + int(e))]
    return [out[i] for i in rng.permutation(n)]


def build_cohort(
    *,
    seed: int = SEED,
    settings: Settings | None = None,
    published: Published | None = None,
    codebook: Codebook | None = None,
    progress: Callable[[str], None] | None = None,
) -> Reconstruction:
    """Build the reconstructed cohort's six files (as frames) deterministically from ``seed``.

    ``published`` and ``codebook`` default to the project's own (``data/``).
    """
    settings = settings or Settings()
    say = progress or (lambda _m: None)
    pub = published or load_published(default_codebook_path().parent)
    cb = codebook or load_codebook(default_codebook_path().parent)
    targets = load_targets(pub)
    streams = np.random.SeedSequence(seed).spawn(5)
    rng_base, rng_course, rng_reg, rng_time, rng_files = (np.random.default_rng(x) for x in streams)
    lay = layout(targets)
    c = targets.counts
    say("survival search ...")
    sol = search_survival(
        targets.survival,
        seed=seed,
        rules=settings.rules,
        n_induction=lay.induction,
        n_unexamined=lay.induction + lay.persistent + lay.other_not_examined,
    )
    surv = sol.data
    say("baseline ...")
    n_elig = c["flow_eligible"]
    no_data = [int(k) for k in rng_base.choice(n_elig, c["flow_no_data"], replace=False)]
    base = baseline_patients(targets, rng_base, unmeasured=no_data)
    treated = [int(k) for k in rng_base.permutation([k for k in range(n_elig) if k not in no_data])]
    if len(treated) != c["flow_analysed"] or len(surv) != c["flow_analysed"]:
        raise ValueError("published flow counts and survival groups disagree")
    say("courses ...")
    course = courses(targets, surv, settings, rng_course)
    say("regimens ...")
    pts = base.iloc[treated][["immunophenotype", "cytogenetics"]].reset_index(drop=True)
    eligible = {
        "T": int((pts["immunophenotype"] == "T").sum()),
        "B": int((pts["immunophenotype"] == "B").sum()),
        "ph": int((pts["cytogenetics"] == "t9_22").sum()),
    }
    counts = solve_counts(targets.agents, len(treated), rng_reg, eligible=eligible)
    regimens = assign_regimens(pts, counts, rng_reg)
    say("timeline ...")
    accrual = _accrual(cb)
    lost_days = lost_to_followup_days(cb)
    days = timeline(surv, course, settings, accrual=accrual, lost_days=lost_days, rng=rng_time)
    say("files ...")
    ids = [f"P{k:03d}" for k in rng_files.permutation(np.arange(1, c["flow_reviewed"] + 1))]
    sites = _sites(cb, c["flow_sites"], n_elig, rng_files)
    frames = contract_files(
        base=base,
        ids=ids[:n_elig],
        ineligible_ids=ids[n_elig:],
        sites=sites,
        treated=treated,
        no_data=no_data,
        surv=surv,
        course=course,
        days=days,
        regimens=regimens,
        settings=settings,
        codebook=cb,
        accrual=accrual,
        rng=rng_files,
    )
    record = _record(seed, settings, sol, counts, lost_days)
    return Reconstruction(frames=frames, record=record, survival=sol)


#: how the seed varies the free parts (recorded in reconstruction.yaml and the ensemble sidecar)
SEED_VARIES = (
    "The seed draws everything the paper leaves open: the order of deaths and censorings "
    "between the published survival marks and every day of death, censoring and HSCT; how "
    "many untransplanted patients are lost to follow-up (drawn uniformly in each attempt of "
    "the survival search) and which; which patient has which characteristics, age, height "
    "and weight; the split of first-cycle responses between transplanted and untransplanted "
    "patients within the published counts; which regimen combination each patient received "
    "(one of every template combination that gives the Table 2 counts, drawn uniformly); "
    "sites, patient numbers, dates of diagnosis, treatment start and marrow examination, "
    "donors and steroids. The settings below are fixed choices the seed does not vary."
)


def _plain(value: Any) -> Any:
    """Tuples to lists, recursively (for YAML)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _record(
    seed: int,
    settings: Settings,
    sol: SurvivalSolution,
    counts: list[int],
    lost_days: int,
) -> dict[str, Any]:
    achieved = {
        k: round(float(v), 6)
        for k, v in sol.achieved.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }
    regimens = [
        {"agents": list(t.agents), "steroid": t.steroid, "patients": n}
        for t, n in zip(TEMPLATES, counts, strict=True)
        if n
    ]
    return {
        "notice": {lang: LABELS["reconstruction_record_notice"][lang] for lang in ("ko", "en")},
        "generator": "python -m rrall reconstruct",
        "seed": seed,
        "cutoff": settings.cutoff,
        "k_lost": sol.k_lost,
        "lost_to_followup": {
            "days": lost_days,
            "rule": "alive at last contact, and last contact more than this many days before "
            "the cut-off (codebook study.lost_to_followup_days, default 365)",
            "count": sol.k_lost,
        },
        "iterations": sol.iterations,
        "missed": {k: list(v) for k, v in dict(sol.achieved["missed"]).items()},  # type: ignore[call-overload]
        "achieved": achieved,
        "regimens": regimens,
        "how_seeds_vary": SEED_VARIES,
        "settings": _plain(dataclasses.asdict(settings)),
        "survival_search_report": sol.feasibility_report,
    }


# ---------------------------------------------------------------------------------------------
def check_folder(folder: Path) -> None:
    """Refuse a folder that holds files but no ``reconstruction.yaml`` (a study's real data,
    say): raise :class:`FolderNotOursError` naming it."""
    folder = Path(folder)
    if not folder.exists():
        return
    if not folder.is_dir():
        raise FolderNotOursError(f"refusing to write the reconstruction to {folder}: not a folder")
    if (folder / RECORD).exists() or not any(folder.iterdir()):
        return
    raise FolderNotOursError(
        f"refusing to write the reconstruction into {folder}: it holds files but no {RECORD}, "
        "so it is not a previous reconstruction (it may hold real data). Choose an empty "
        "folder or one written by the reconstruction."
    )


def write_cohort(rec: Reconstruction, folder: Path) -> list[Path]:
    """Write the frames as UTF-8 CSV with LF line ends and ``reconstruction.yaml``
    (byte-stable), after :func:`check_folder`."""
    folder = Path(folder)
    check_folder(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        path = folder / f"{name}.csv"
        path.write_text(rec.frames[name].to_csv(index=False, lineterminator="\n"), encoding="utf-8")
        written.append(path)
    path = folder / RECORD
    path.write_text(
        yaml.safe_dump(rec.record, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8",
    )
    written.append(path)
    return written

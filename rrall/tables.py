"""Present: tidy frames + language -> great-tables tables (the only place tables get styled).

Every data table says in its note when its values come from reconstructed data, and marks (†)
the values that differ from the ones the paper prints.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from great_tables import GT, loc, style

from rrall import characteristics, survival, treatment
from rrall.audit import audit, design_checks
from rrall.cohort import Cohort
from rrall.constants import ALPHA
from rrall.fmt import fmt_mean_sd, fmt_median_range, fmt_num, fmt_p_sig
from rrall.labels import (
    CATEGORY_LABEL,
    CONCLUSION_LABEL,
    GROUP_LABEL,
    STATISTIC_LABEL,
    VARIABLE_LABEL,
    Lang,
    label,
)
from rrall.paths import project_root, read_yaml
from rrall.provenance import environment, provenance
from rrall.published import load_published
from rrall.rebuild import ensemble
from rrall.registry import registry, thresholds
from rrall.transplant import transplant_comparison

__all__ = [
    "ENSEMBLE_ROWS",
    "Table",
    "appendix_letter",
    "n_pct",
    "style_table",
    "tbl_agents",
    "tbl_audit",
    "tbl_characteristics",
    "tbl_checks",
    "tbl_codebook",
    "tbl_codes",
    "tbl_contradictions",
    "tbl_design",
    "tbl_ensemble",
    "tbl_ensemble_conclusions",
    "tbl_ensemble_diagnostic",
    "tbl_environment",
    "tbl_flow",
    "tbl_hsct",
    "tbl_os",
    "tbl_os_after_hsct",
    "tbl_os_hsct",
    "tbl_provenance",
    "tbl_response",
    "tbl_td",
]

FONT = ["NanumGothic"]
DIFFERS_MARK = "†"


@dataclass(frozen=True)
class Table:
    """A great-tables table as the report shows it, with the frame it was built from.

    In Jupyter it displays as Markdown holding a raw HTML block (not as ``text/html``): Quarto
    then turns it into a real table in HTML and Typst alike, and, unlike ``text/html`` output,
    adds no require.js/jQuery from a CDN to the page, so the HTML works offline.
    """

    gt: GT
    data: pd.DataFrame

    def as_raw_html(self) -> str:
        """The table's HTML (no external resources), with an id stable across runs."""
        digest = hashlib.sha1(self.data.to_csv(index=False).encode("utf-8")).hexdigest()[:10]
        # styles inlined here (great-tables with css-inline): Quarto's own inliner (juice) is
        # fetched at render time and, where it cannot be, the PDF's tables lose their styles
        html = self.gt.with_id(f"rrall-{digest}").as_raw_html(inline_css=True)
        # Quarto's HTML-to-Typst table step (juice) escapes entities a second time, so the
        # PDF would print "&#x27;" or "&gt;" verbatim: use characters that need no escaping
        return html.replace("&#x27;", "\u2019").replace("&gt;", ">")

    def _repr_markdown_(self) -> str:
        return "```{=html}\n" + self.as_raw_html() + "\n```\n"


def _table(df: pd.DataFrame, gt: GT) -> Table:
    return Table(gt, df)


def n_pct(n: int, percent: float) -> str:
    """``12 (23.1)``; the count alone when the percentage cannot be formed."""
    return f"{n} ({fmt_num(percent, 1)})" if not math.isnan(percent) else str(n)


def style_table(gt: GT, *, title: str | None = None) -> GT:
    """The house style: journal-like rules, Korean-capable font, compact rows."""
    if title:
        gt = gt.tab_header(title=title)
    return gt.opt_table_font(font=FONT, add=False).tab_options(
        table_font_size="13px",
        data_row_padding="3px",
        row_group_padding="4px",
        row_group_font_weight="bold",
        column_labels_font_weight="bold",
        # great-tables' default "initial" is not a weight Quarto's Typst conversion accepts
        heading_title_font_weight="normal",
        heading_subtitle_font_weight="normal",
        stub_font_weight="normal",
        stub_row_group_font_weight="bold",
        table_border_top_color="#000000",
        table_border_bottom_color="#000000",
        column_labels_border_bottom_color="#000000",
        table_body_hlines_color="#ffffff",
        row_group_border_top_color="#dddddd",
        row_group_border_bottom_color="#ffffff",
        stub_border_color="#ffffff",
        source_notes_font_size="11px",
    )


def _data_notes(gt: GT, cohort: Cohort, lang: Lang, differs: Sequence[str] = ()) -> GT:
    """The notes every data table carries: reconstructed data, values that differ."""
    if cohort.reconstructed:
        if differs:
            gt = gt.tab_source_note(
                label(
                    "published_differs_note",
                    lang,
                    items="; ".join(differs),
                    appendix=_appendix("audit", lang),
                )
            )
        gt = gt.tab_source_note(label("reconstructed_note", lang))
    return gt


@lru_cache(maxsize=16)
def appendix_letter(stem: str) -> str:
    """The letter the book gives the appendix ``chapters/<stem>.qmd`` (A, B, ...), read from
    the edition's chapter list."""
    cfg = read_yaml((project_root() / "_quarto-ko.yml").read_text(encoding="utf-8"))
    stems = [Path(a["href"]).stem for a in cfg["book"]["appendices"]]
    return "ABCDEFGHIJ"[stems.index(stem)]


def _appendix(which: str, lang: Lang) -> str:
    return appendix_letter({"recon": "reconstruction", "audit": "audit"}[which])


def _differing(cohort: Cohort, table: str) -> dict[tuple[str, ...], str]:
    """Row identity -> the paper's printed text, for the items of ``table`` whose printed value
    the recomputed data do not reproduce (empty for real data: another cohort may differ)."""
    if not cohort.reconstructed:
        return {}
    pub = load_published(cohort.folder)
    status = audit(cohort).set_index("id")["status"]
    out: dict[tuple[str, ...], str] = {}
    for it in pub.items:
        if it.measure.get("table") != table or status.get(it.id) == "reproduced":
            continue
        out[tuple(str(v) for v in it.measure["row"].values())] = it.printed[0].quote
    return out


# ---------------------------------------------------------------------------------------------
def _group_label(var: str, denom: int, total: int, lang: Lang) -> str:
    text = label(VARIABLE_LABEL[var], lang)
    if denom != total:
        text += " " + label("denominator", lang, n=denom)
    return text


def tbl_characteristics(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Table 1: patient characteristics (all eligible patients)."""
    t1 = characteristics.table1(cohort)
    total = int(t1["total"].iloc[0]) if len(t1) else 0
    differ = _differing(cohort, "table1")
    rows, notes = [], []
    for r in t1.itertuples(index=False):
        group = _group_label(r.variable, int(r.denominator), total, lang)
        if r.level == "mean_sd":
            value = fmt_mean_sd(r.mean, r.sd) if r.n else label("na", lang)
            name = label("mean_sd", lang)
        elif r.level == "median_range":
            value = fmt_median_range(r.median, r.min, r.max) if r.n else label("na", lang)
            name = label("median_range", lang)
        else:
            name = (
                label("na", lang)
                if r.level == "NA"
                else cohort.codebook.label(r.variable, r.level, lang)
            )
            value = n_pct(int(r.n), r.percent)
        printed = differ.get((r.variable, r.level))
        if printed is not None:
            value += DIFFERS_MARK
            notes.append(label("published_item", lang, what=name, quote=printed))
        rows.append((group, name, value))
    df = pd.DataFrame(rows, columns=["group", "level", "value"])
    gt = GT(df, rowname_col="level", groupname_col="group").cols_label(
        value=label("tbl1_col_value", lang, n=total)
    )
    note = "tbl1_note" if cohort.reconstructed else "tbl1_note_real"
    gt = gt.tab_stubhead(label=label("tbl1_col_char", lang)).tab_source_note(
        label(note, lang, appendix=_appendix("recon", lang))
    )
    gt = _data_notes(gt, cohort, lang, notes)
    return _table(
        df,
        style_table(gt, title=label("tbl1_title", lang) if title else None).cols_align(
            "center", columns="value"
        ),
    )


def tbl_agents(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Table 2: first-cycle agents other than steroids, most used first."""
    t2 = treatment.table2(cohort)
    n = len(cohort.analysed)
    differ = _differing(cohort, "table2")
    names, values, notes = [], [], []
    for a, k, p in zip(t2["agent"], t2["n"], t2["percent"], strict=True):
        name = cohort.codebook.label("agent", a, lang)
        value = n_pct(int(k), p)
        printed = differ.get((str(a),))
        if printed is not None:
            value += DIFFERS_MARK
            notes.append(label("published_item", lang, what=name, quote=printed))
        names.append(name)
        values.append(value)
    df = pd.DataFrame({"agent": names, "value": values})
    gt = GT(df).cols_label(
        agent=label("tbl2_col_agent", lang), value=label("tbl1_col_value", lang, n=n)
    )
    gt = gt.tab_source_note(label("tbl2_note", lang))
    gt = _data_notes(gt, cohort, lang, notes)
    return _table(
        df,
        style_table(gt, title=label("tbl2_title", lang) if title else None).cols_align(
            "center", columns="value"
        ),
    )


def _ci(lo: float, hi: float) -> str:
    return f"{fmt_num(lo, 1)}-{fmt_num(hi, 1)}" if not math.isnan(lo) else ""


def tbl_response(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Marrow examination, response categories, reasons for no examination, response rates."""
    rs = treatment.response_summary(cohort).set_index("item")
    rates = treatment.response_rates(cohort).set_index("rate")
    n = len(cohort.analysed)
    cb = cohort.codebook
    g_exam, g_cat, g_rate = (
        label(k, lang) for k in ("resp_group_exam", "resp_group_category", "resp_group_rates")
    )

    def share(item: str) -> str:
        return n_pct(int(rs.at[item, "n"]), rs.at[item, "percent"])

    rows = [
        (g_exam, label("resp_exam_done", lang), share("examined"), ""),
        (g_exam, label("resp_not_examined", lang), share("not_examined"), ""),
    ]
    for code in cb.levels("reason_not_examined"):
        rows.append(
            (
                g_exam,
                "  · " + cb.label("reason_not_examined", code, lang),
                str(int(rs.at[f"reason:{code}", "n"])),
                "",
            )
        )
    for code in cb.levels("response"):
        rows.append((g_cat, cb.label("response", code, lang), share(code), ""))
    for key, lab in (
        ("cr_rate", "resp_cr_rate"),
        ("orr", "resp_orr"),
        ("cr_strict", "resp_cr_only"),
    ):
        r = rates.loc[key]
        rows.append(
            (
                g_rate,
                label(lab, lang),
                n_pct(int(r["n"]), r["percent"]),
                _ci(r["ci_low"], r["ci_high"]),
            )
        )
    df = pd.DataFrame(rows, columns=["group", "item", "value", "ci"])
    gt = GT(df, rowname_col="item", groupname_col="group").cols_label(
        value=label("resp_col_n", lang), ci=label("resp_col_ci", lang)
    )
    overlap = int(rs.at["reason_overlap", "n"])
    gt = gt.tab_source_note(label("resp_note", lang, n=n))
    if overlap:
        gt = gt.tab_source_note(
            label(
                "resp_reason_overlap",
                lang,
                n=label("patients_one" if overlap == 1 else "patients_many", lang, n=overlap),
            )
        )
    gt = _data_notes(gt.tab_stubhead(label=label("resp_col_item", lang)), cohort, lang)
    return _table(
        df,
        style_table(gt, title=label("tbl_resp_title", lang) if title else None).cols_align(
            "center", columns=["value", "ci"]
        ),
    )


def tbl_hsct(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Transplant: how many, alive after HSCT, marrow status before HSCT, reasons for none."""
    ts = treatment.transplant_summary(cohort)
    get = {(r.section, r.item): r for r in ts.itertuples(index=False)}
    cb = cohort.codebook
    g1, g2, g3 = (label(k, lang) for k in ("hsct_done", "hsct_pre_status", "hsct_reason_none"))
    done, alive = get["hsct", "done"], get["alive", "alive"]
    rows = [
        (g1, label("hsct_done", lang), n_pct(done.n, done.percent)),
        (g1, label("hsct_alive", lang), n_pct(alive.n, alive.percent)),
    ]
    for code in cb.levels("pre_hsct_marrow"):
        r = get["pre_status", code]
        rows.append((g2, cb.label("pre_hsct_marrow", code, lang), n_pct(r.n, r.percent)))
    for code in cb.levels("reason_no_hsct"):
        r = get["reason", code]
        rows.append((g3, cb.label("reason_no_hsct", code, lang), n_pct(r.n, r.percent)))
    df = pd.DataFrame(rows, columns=["group", "item", "value"])
    gt = GT(df, rowname_col="item", groupname_col="group").cols_label(
        value=label("resp_col_n", lang)
    )
    gt = gt.tab_stubhead(label=label("resp_col_item", lang))
    n = len(cohort.analysed)
    h = int(done.n)
    gt = gt.tab_source_note(label("hsct_note", lang, n=n, h=h, u=n - h))
    gt = _data_notes(gt, cohort, lang)
    return _table(
        df,
        style_table(gt, title=label("tbl_hsct_title", lang) if title else None).cols_align(
            "center", columns="value"
        ),
    )


# ---- survival ---------------------------------------------------------------------------------
def _est(s: float, lo: float, hi: float, lang: Lang) -> str:
    if math.isnan(s):
        return label("not_estimable", lang)
    if math.isnan(lo) or math.isnan(hi) or lo == hi:
        return f"{fmt_num(100 * s, 1)} ({label('ci_not_estimable', lang)})"
    return f"{fmt_num(100 * s, 1)} ({fmt_num(100 * lo, 1)}-{fmt_num(100 * hi, 1)})"


def _months(x: float, lang: Lang) -> str:
    return label("not_reached", lang) if math.isnan(x) else fmt_num(12 * x, 1)


def _median_text(m: pd.Series, lang: Lang) -> str:
    if int(m["n"]) == 0:
        return label("not_estimable", lang)
    med = _months(m["median"], lang)
    if math.isnan(m["median"]):
        return med
    if math.isnan(m["ci_low"]):
        return f"{med} ({label('ci_not_estimable', lang)})"
    return f"{med} ({_months(m['ci_low'], lang)}-{_months(m['ci_high'], lang)})"


def _survival_table(
    a: survival.SurvivalAnalysis,
    cohort: Cohort,
    lang: Lang,
    title: str | None,
    published_keys: dict[tuple[str, float], str] | None = None,
) -> Table:
    reg = registry(cohort)
    rows, notes = [], []
    for g in a.groups:
        name = label("legend_n", lang, name=label(GROUP_LABEL[g], lang), n=a.sizes.get(g, 0))
        lm = a.landmarks[a.landmarks["group"] == g]
        for r in lm.itertuples(index=False):
            est = _est(r.survival, r.ci_low, r.ci_high, lang)
            key = (published_keys or {}).get((g, float(r.years)))
            if key is not None and _status(cohort, key) not in (None, "reproduced"):
                est += DIFFERS_MARK
                what = label("surv_year", lang, t=int(r.years))
                notes.append(
                    label("published_item", lang, what=f"{name}, {what}", quote=_quote(cohort, key))
                )
            rows.append((name, label("surv_year", lang, t=int(r.years)), est, str(r.at_risk)))
        m = a.medians[a.medians["group"] == g]
        med = _median_text(m.iloc[0], lang) if len(m) else label("not_estimable", lang)
        rows.append((name, label("surv_median", lang), med, ""))
    df = pd.DataFrame(rows, columns=["group", "time", "est", "risk"])
    gt = GT(df, rowname_col="time", groupname_col="group").cols_label(
        est=label("surv_col_est", lang), risk=label("surv_col_risk", lang)
    )
    gt = gt.tab_stubhead(label=label("surv_col_time", lang)).tab_source_note(
        label("surv_note", lang)
    )
    if a.logrank is not None:
        gt = gt.tab_source_note(
            label(
                "surv_note_test",
                lang,
                p=fmt_p_sig(a.logrank.p)
                if not math.isnan(a.logrank.p)
                else label("p_not_estimable", lang),
                chi2=fmt_num(a.logrank.chi2, 2),
            )
        )
    gt = _data_notes(gt, cohort, lang, notes)
    median_rows = [i for i, r in enumerate(rows) if r[1] == label("surv_median", lang)]
    gt = gt.tab_style(style.text(weight="bold"), loc.body(columns="est", rows=median_rows))
    del reg
    return _table(df, style_table(gt, title=title).cols_align("center", columns=["est", "risk"]))


def _status(cohort: Cohort, key: str) -> str | None:
    if not cohort.reconstructed:
        return None
    a = audit(cohort)
    hit = a[a["key"] == key]
    return str(hit["status"].iloc[0]) if len(hit) else None


def _quote(cohort: Cohort, key: str) -> str:
    a = audit(cohort)
    return str(a.loc[a["key"] == key, "quote"].iloc[0])


def tbl_os(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Survival at 1/2/3/5 years and median survival, all analysed patients."""
    keys = {
        ("all", 1.0): "os.1y",
        ("all", 2.0): "os.2y",
        ("all", 3.0): "os.3y",
        ("all", 5.0): "os.5y",
    }
    return _survival_table(
        survival.os_all(cohort), cohort, lang, label("cap_tbl_os", lang) if title else None, keys
    )


def tbl_os_hsct(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Survival at landmarks by HSCT, with the (naive) log-rank test."""
    keys = {("hsct", 5.0): "os.hsct.5y", ("no_hsct", 5.0): "os.no_hsct.5y"}
    return _survival_table(
        survival.os_by_hsct(cohort),
        cohort,
        lang,
        label("cap_tbl_os_hsct", lang) if title else None,
        keys,
    )


def tbl_os_after_hsct(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Survival after HSCT in CR/CRp at landmarks."""
    keys = {("cr_hsct", 3.0): "os_after.3y"}
    return _survival_table(
        survival.os_after_hsct_cr(cohort),
        cohort,
        lang,
        label("cap_tbl_os_after", lang) if title else None,
        keys,
    )


# ---- the corrected transplant comparison --------------------------------------------------------
def _p_text(p: float, lang: Lang) -> str:
    return fmt_p_sig(p) if not math.isnan(p) else label("p_not_estimable", lang)


def _hr_text(hr: float, lo: float, hi: float, p: float, lang: Lang) -> str:
    if math.isnan(hr):
        return label("not_estimable", lang)
    return label(
        "td_hr_ci",
        lang,
        hr=fmt_num(hr, 2),
        lo=fmt_num(lo, 2),
        hi=fmt_num(hi, 2),
        p=_p_text(p, lang),
    )


def tbl_td(cohort: Cohort, *, lang: Lang) -> Table:
    """The paper's naive comparison beside the comparisons corrected for immortal-time bias:
    Mantel-Byar, the time-dependent Cox model and the landmark analysis."""
    t = transplant_comparison(cohort)
    naive = survival.os_by_hsct(cohort).logrank
    mb, cox, lm = t.mantel_byar, t.cox, t.landmark
    rows = []
    if naive is not None:
        rows.append(
            (
                label("td_naive", lang),
                label("td_chi2_p", lang, chi2=fmt_num(naive.chi2, 2), p=_p_text(naive.p, lang)),
            )
        )
    rows.append(
        (
            label("td_mantel_byar", lang),
            label("td_chi2_p", lang, chi2=fmt_num(mb.chi2, 2), p=_p_text(mb.p, lang)),
        )
    )
    rows.append((label("td_cox", lang), _hr_text(cox.hr, cox.ci_low, cox.ci_high, cox.p, lang)))
    months = fmt_num(12 * lm.at, 0)
    rows.append(
        (
            label("td_landmark", lang, t=months),
            label(
                "td_landmark_result",
                lang,
                n_tx=lm.n_hsct,
                n_no=lm.n_no_hsct,
                chi2=fmt_num(lm.chi2, 2),
                p=_p_text(lm.p, lang),
                excluded=lm.excluded_died + lm.excluded_censored,
            ),
        )
    )
    rows.append(
        (
            label("td_landmark_hr", lang, t=months),
            _hr_text(lm.cox.hr, lm.cox.ci_low, lm.cox.ci_high, lm.cox.p, lang),
        )
    )
    df = pd.DataFrame(rows, columns=["method", "result"])
    gt = GT(df).cols_label(method=label("td_col_method", lang), result=label("td_col_result", lang))
    gt = gt.tab_source_note(label("td_note", lang))
    gt = _data_notes(gt, cohort, lang)
    return _table(df, style_table(gt).cols_width({"method": "50%", "result": "50%"}))


# ---- study flow ---------------------------------------------------------------------------------
def tbl_flow(cohort: Cohort, *, lang: Lang) -> Table:
    """Study flow as a table: records reviewed, excluded by criterion, eligible, analysed."""
    r = registry(cohort)
    steps = [
        ("flow_reviewed", "flow.reviewed", True),
        ("flow_excluded", "flow.excluded", False),
        ("excl_clofarabine", "flow.excluded.clofarabine", False),
        ("excl_age", "flow.excluded.age", False),
        ("excl_prior_regimens", "flow.excluded.prior_regimens", False),
        ("excl_blasts", "flow.excluded.blasts", False),
        ("flow_eligible", "flow.eligible", True),
        ("flow_no_data", "flow.no_data", False),
        ("flow_analysed", "flow.analysed", True),
    ]
    rows, bold = [], []
    limits = {k: fmt_num(v.value, 0) for k, v in thresholds(r).items()}
    for i, (lab, key, main) in enumerate(steps):
        text = label(lab, lang, **limits)
        rows.append(("  · " + text if lab.startswith("excl_") else text, str(r[key].value)))
        if main:
            bold.append(i)
    df = pd.DataFrame(rows, columns=["step", "n"])
    gt = GT(df).cols_label(step=label("flow_step", lang), n=label("flow_patients", lang))
    gt = gt.tab_source_note(label("flow_sites", lang, s=r["flow.sites_enrolling"].value))
    gt = gt.tab_style(style.text(weight="bold"), loc.body(rows=bold))
    gt = _data_notes(gt, cohort, lang)
    return _table(df, style_table(gt).cols_align("center", columns="n"))


# ---- appendices -------------------------------------------------------------------------------
def tbl_codebook(cohort: Cohort, *, lang: Lang) -> Table:
    """Appendix: every column of every file in the data contract."""
    cb = cohort.codebook
    yes, no = label("cb_yes", lang), label("cb_no", lang)
    rows = []
    for fname, f in cb.files.items():
        for col, spec in f["columns"].items():
            parts = []
            if spec.get("unit"):
                parts.append(str(spec["unit"]))
            if "min" in spec or "max" in spec:
                parts.append(f"{spec.get('min', '')}–{spec.get('max', '')}")
            if spec.get("codes"):
                parts.append(spec["codes"] + (" (;)" if spec["type"] == "codes" else ""))
            if spec.get("pattern"):
                parts.append(spec["pattern"])
            req = (
                yes
                if spec.get("required")
                else (f"{yes}: {spec['required_if']}" if spec.get("required_if") else no)
            )
            rows.append(
                (f"{fname} — {f[lang]}", col, spec[lang], spec["type"], "; ".join(parts), req)
            )
    df = pd.DataFrame(rows, columns=["file", "column", "desc", "type", "range", "req"])
    gt = GT(df, rowname_col="column", groupname_col="file").cols_label(
        desc=label("cb_desc", lang),
        type=label("cb_type", lang),
        range=label("cb_range", lang),
        req=label("cb_required", lang),
    )
    gt = gt.tab_stubhead(label=label("cb_column", lang))
    return _table(df, style_table(gt).tab_options(table_font_size="11px"))


def tbl_codes(cohort: Cohort, *, lang: Lang) -> Table:
    """Appendix: the allowed codes of each code list with their Korean and English labels."""
    rows = []
    for listname, codes in cohort.codebook.codes.items():
        if listname == "site":
            continue
        for code, lab in codes.items():
            rows.append((listname, str(code), str(lab["ko"]), str(lab["en"])))
    df = pd.DataFrame(rows, columns=["list", "code", "ko", "en"])
    gt = GT(df, rowname_col="code", groupname_col="list").cols_label(
        ko=label("cb_ko", lang), en=label("cb_en", lang)
    )
    gt = gt.tab_stubhead(label=label("cb_code", lang))
    return _table(df, style_table(gt).tab_options(table_font_size="11px"))


def tbl_provenance(cohort: Cohort, *, lang: Lang) -> Table:
    """The input files with row counts and SHA-256 digests."""
    p = provenance(cohort)
    df = pd.DataFrame(
        {
            "file": p["file"],
            "rows": ["" if pd.isna(x) else str(int(x)) for x in p["rows"]],
            "sha256": p["sha256"],
        }
    )
    gt = GT(df).cols_label(
        file=label("prov_file", lang),
        rows=label("prov_rows", lang),
        sha256=label("prov_sha", lang),
    )
    gt = gt.tab_style(style.text(font="monospace", size="10px"), loc.body(columns="sha256"))
    return _table(df, style_table(gt))


def tbl_environment(*, lang: Lang) -> Table:
    """The computing environment the report was rendered in."""
    env = environment()
    unknown = label("env_unknown", lang)
    commit = env["commit"]
    if commit is None:
        commit_text = label("env_not_git", lang)
    elif env["dirty"]:
        commit_text = label("env_dirty", lang, commit=commit)
    else:
        commit_text = str(commit)
    rows = [
        (label("env_python", lang), str(env["python"])),
        (label("env_platform", lang), str(env["platform"])),
        (label("env_quarto", lang), str(env["quarto"] or unknown)),
        (label("env_pandoc", lang), str(env["pandoc"] or unknown)),
        (label("env_commit", lang), commit_text),
        (label("env_rendered", lang), str(env["rendered"])),
    ]
    packages = env["packages"]
    assert isinstance(packages, dict)
    rows += [(name, str(v or unknown)) for name, v in packages.items()]
    df = pd.DataFrame(rows, columns=["item", "value"])
    gt = GT(df).cols_label(item=label("env_item", lang), value=label("env_value", lang))
    return _table(df, style_table(gt))


_STATUS_LABEL = {
    "reproduced": "status_reproduced",
    "contradiction": "status_contradiction",
    "differs": "status_differs",
}


def tbl_audit(cohort: Cohort, *, lang: Lang) -> Table:
    """Every published number beside its recomputed value (or, for a study's own data, beside
    this cohort's value, with neutral words)."""
    a = audit(cohort)
    pub = load_published(cohort.folder)
    real = not cohort.reconstructed
    sections = pub.sections

    def where(places: tuple[str, ...]) -> str:
        seen = list(dict.fromkeys(places))
        return ", ".join(str(sections[s][lang]) for s in seen)

    def verdict(status: str) -> str:
        if real:
            return label("status_same" if status == "reproduced" else "status_different", lang)
        return label(_STATUS_LABEL[status], lang)

    df = pd.DataFrame(
        {
            "what": [
                f'<span id="audit-{i}">{w}</span>'
                for i, w in zip(a["id"], a[f"what_{lang}"], strict=True)
            ],
            "where": [where(p) for p in a["places"]],
            "printed": a["quote"],
            "recomputed": [r or label("not_estimable", lang) for r in a["recomputed"]],
            "places": [
                label("audit_places", lang, k=k, n=n)
                for k, n in zip(a["n_match"], a["n_places"], strict=True)
            ],
            "status": [verdict(s) for s in a["status"]],
        }
    )
    gt = (
        GT(df)
        .fmt_markdown(columns="what")
        .cols_label(
            what=label("audit_item", lang),
            where=label("audit_where", lang),
            printed=label("audit_printed", lang),
            recomputed=label("audit_this_cohort" if real else "audit_recomputed", lang),
            places=label("audit_places_col", lang),
            status=label("audit_verdict", lang),
        )
    )
    bad = [i for i, s in enumerate(a["status"]) if s != "reproduced"]
    if bad and not real:
        gt = gt.tab_style(style.fill(color="#fff1d6"), loc.body(rows=bad))
    return _table(
        df,
        style_table(gt)
        .cols_align("center", columns=["printed", "recomputed", "places"])
        # the item column fits its longest word ("Immunophenotype"): auto widths let it spill
        .cols_width(
            {
                "what": "20%",
                "where": "19%",
                "printed": "16%",
                "recomputed": "16%",
                "places": "12%",
                "status": "17%",
            }
        )
        .tab_options(table_font_size="12px"),
    )


def tbl_design(cohort: Cohort, *, lang: Lang) -> Table:
    """The paper's design parameters beside what the data contract says."""
    d = design_checks(cohort)

    def verdict(x: object) -> str:
        if x is None:
            return label("design_unchecked", lang)
        return label("design_agrees" if x else "design_differs", lang)

    df = pd.DataFrame(
        {
            "what": d[f"what_{lang}"],
            "printed": d["quote"],
            "contract": d["contract"],
            "verdict": [verdict(x) for x in d["agrees"]],
        }
    )
    gt = GT(df).cols_label(
        what=label("audit_item", lang),
        printed=label("audit_printed", lang),
        contract=label("design_contract", lang),
        verdict=label("audit_verdict", lang),
    )
    return _table(df, style_table(gt))


def _cites(
    cites: Sequence[dict[str, str]], sections: dict[str, dict[str, object]], lang: Lang
) -> str:
    parts = []
    for c in cites:
        sec = sections[c["at"]]
        where = str(sec[lang])
        if sec.get("page"):
            where += ", " + label("page", lang, page=sec["page"])
        parts.append(f"{where}: “{c['sentence']}”")
    return " ".join(parts)


def _with_reconstruction(entry: Mapping[str, Any], cohort: Cohort, lang: Lang) -> str:
    """An explanation about the paper, and (reconstructed data only) what the reconstruction
    did about it."""
    text = str(entry[lang])
    extra = entry.get("reconstruction")
    if cohort.reconstructed and extra:
        text += " " + str(extra[lang])
    return text


def tbl_contradictions(cohort: Cohort, *, lang: Lang) -> Table:
    """The contradictions between the paper's own numbers, each with the page and sentence of
    the paper, and the interpretations the reconstruction made where the paper is silent."""
    pub = load_published(cohort.folder)
    names = {it.contradiction: it.what[lang] for it in pub.items if it.contradiction}
    g_contra, g_interp = label("contra_group", lang), label("interp_group", lang)
    sections = {k: dict(v) for k, v in pub.sections.items()}
    rows = [
        {
            "group": g_contra,
            "item": names.get(k, k),
            "printed": v["printed"],
            "where": _cites(v.get("cites", ()), sections, lang),
            "text": _with_reconstruction(v, cohort, lang),
        }
        for k, v in pub.contradictions.items()
    ]
    if cohort.reconstructed:  # what the reconstruction had to decide where the paper is silent
        rows += [
            {
                "group": g_interp,
                "item": v["what"][lang],
                "printed": "",
                "where": "",
                "text": v[lang],
            }
            for v in pub.interpretations.values()
        ]
    df = pd.DataFrame(rows)
    gt = GT(df, groupname_col="group").cols_label(
        item=label("contra_col_item", lang),
        printed=label("contra_col_printed", lang),
        where=label("contra_col_where", lang),
        text=label("contra_col_text", lang),
    )
    return _table(
        df,
        style_table(gt)
        .cols_width({"item": "15%", "printed": "9%", "where": "30%", "text": "46%"})
        .cols_align("center", columns="printed")
        .tab_options(table_font_size="11px"),
    )


def tbl_checks(cohort: Cohort, *, lang: Lang) -> Table:
    """Consistency checks between the paper's printed numbers."""
    pub = load_published(cohort.folder)
    sections = {k: dict(v) for k, v in pub.sections.items()}
    rows = [
        {
            "item": c["what"][lang],
            "where": _cites([{"at": c["at"], "sentence": c["sentence"]}], sections, lang),
            "text": _with_reconstruction(c, cohort, lang),
        }
        for c in pub.checks
    ]
    df = pd.DataFrame(rows)
    gt = GT(df).cols_label(
        item=label("contra_col_item", lang),
        where=label("contra_col_where", lang),
        text=label("contra_col_text", lang),
    )
    return _table(
        df,
        style_table(gt)
        .cols_width({"item": "18%", "where": "37%", "text": "45%"})
        .tab_options(table_font_size="11px"),
    )


# ---- the ensemble of reconstructions ------------------------------------------------------------
#: the spread table's rows (columns of the ensemble's results file)
ENSEMBLE_ROWS = (
    "os_median",
    "os_6m",
    "os_4y",
    "logrank_p",
    "mb_chi2",
    "mb_p",
    "td_hr",
    "td_p",
    "lm_p",
    "lm_hr",
)


def _ens_fmt(column: str, x: float) -> str:
    """One ensemble value as the tables print it (P to two significant digits, median OS in
    months, ratios to two decimals, days and counts whole)."""
    if math.isnan(x):
        return "NA"
    unit = {c: u for c, u, _ in ensemble.COLUMNS}[column]
    if unit == "p":
        return fmt_p_sig(x).removeprefix("P").removeprefix("=")
    if unit == "years":
        return fmt_num(12 * x, 1)
    if unit in ("ratio", "chi2"):
        return fmt_num(x, 2)
    if unit == "percent":
        return fmt_num(x, 1)
    return fmt_num(x, 0)


def _ens_stat(column: str, lang: Lang, months: float) -> str:
    return label(STATISTIC_LABEL[column], lang, t=fmt_num(months, 0))


def _ens_shipped_col(cohort: Cohort, lang: Lang) -> str:
    return label("ens_col_shipped" if cohort.reconstructed else "ens_col_shipped_real", lang)


def _ens_range(lo: str, hi: str) -> str:
    """A range as printed; one value when every reconstruction gives the same."""
    return lo if lo == hi else f"{lo}-{hi}"


def tbl_ensemble(cohort: Cohort, *, lang: Lang, folder: Path | None = None) -> Table:
    """Spread across the reconstructions of each statistic the paper does not publish:
    median (IQR), range, share with P < 0.05 (tests), and this report's cohort with its
    percentile among them."""
    view = ensemble.ensemble_view(cohort, folder)
    sp = view.summary.spread.set_index("statistic")
    rows = []
    for col in ENSEMBLE_ROWS:
        r = sp.loc[col]
        share = r["share_p_below_05"]
        k = round(share * r["n"]) if not math.isnan(share) else 0
        rows.append(
            {
                "statistic": _ens_stat(col, lang, view.landmark_months),
                "median_iqr": f"{_ens_fmt(col, r['median'])} "
                f"({_ens_fmt(col, r['q1'])}-{_ens_fmt(col, r['q3'])})",
                "range": _ens_range(_ens_fmt(col, r["min"]), _ens_fmt(col, r["max"])),
                "share": "" if math.isnan(share) else n_pct(int(k), 100 * share),
                "shipped": f"{_ens_fmt(col, r['shipped'])} ({fmt_num(r['shipped_percentile'], 0)})"
                if not math.isnan(r["shipped"])
                else label("not_estimable", lang),
            }
        )
    df = pd.DataFrame(rows)
    gt = GT(df).cols_label(
        statistic=label("ens_col_statistic", lang),
        median_iqr=label("ens_col_median_iqr", lang),
        range=label("ens_col_range", lang),
        share=label("ens_col_share", lang, alpha=fmt_num(ALPHA, 2)),
        shipped=_ens_shipped_col(cohort, lang),
    )
    gt = gt.tab_source_note(label("ens_note", lang, n=len(view.results)))
    gt = gt.cols_align("left", columns="statistic").cols_align(
        "right", columns=["median_iqr", "range", "share", "shipped"]
    )
    widths = {"statistic": "27%", "median_iqr": "21%", "range": "19%", "share": "15%"}
    return _table(df, style_table(gt).cols_width({**widths, "shipped": "18%"}))


def tbl_ensemble_conclusions(cohort: Cohort, *, lang: Lang, folder: Path | None = None) -> Table:
    """Each result the report could state, with the number of reconstructions in which it
    holds, its category (all, most, some, none) and whether it holds in this report's cohort."""
    view = ensemble.ensemble_view(cohort, folder)
    t, alpha = fmt_num(view.landmark_months, 0), fmt_num(ALPHA, 2)
    most = fmt_num(100 * ensemble.MOST, 0)
    rows = []
    for r in view.summary.conclusions.itertuples():
        what = label(CONCLUSION_LABEL[str(r.conclusion)], lang, t=t, alpha=alpha)
        rows.append(
            {
                "conclusion": what[:1].upper() + what[1:] if lang == "en" else what,
                "holds": label(
                    "ens_k_of_n_cell", lang, k=r.holds, n=r.n, pct=fmt_num(100 * r.share, 1)
                ),
                "category": label(CATEGORY_LABEL[str(r.category)], lang, most=most),
                "shipped": label("ens_yes" if r.shipped_holds else "ens_no", lang),
            }
        )
    df = pd.DataFrame(rows)
    gt = GT(df).cols_label(
        conclusion=label("ens_col_conclusion", lang),
        holds=label("ens_col_holds", lang),
        category=label("ens_col_category", lang),
        shipped=label(
            "ens_col_shipped_holds" if cohort.reconstructed else "ens_col_shipped_holds_real",
            lang,
        ),
    )
    gt = gt.tab_source_note(label("ens_conclusions_note", lang, most=most))
    widths = {"conclusion": "40%", "holds": "27%", "category": "16%", "shipped": "17%"}
    return _table(df, style_table(gt).cols_width(widths))


def tbl_ensemble_diagnostic(cohort: Cohort, *, lang: Lang, folder: Path | None = None) -> Table:
    """The parts the paper leaves open, per reconstruction, across the reconstructions: the
    number of distinct values, median (IQR) and range."""
    view = ensemble.ensemble_view(cohort, folder)
    rows = []
    for r in view.summary.diagnostic.itertuples():
        col = str(r.variable)
        rows.append(
            {
                "variable": _ens_stat(col, lang, view.landmark_months),
                "distinct": str(r.n_distinct),
                "median_iqr": f"{_ens_fmt(col, r.median)} "
                f"({_ens_fmt(col, r.q1)}-{_ens_fmt(col, r.q3)})",
                "range": f"{_ens_fmt(col, r.min)}-{_ens_fmt(col, r.max)}",
            }
        )
    df = pd.DataFrame(rows)
    gt = GT(df).cols_label(
        variable=label("ens_col_variable", lang),
        distinct=label("ens_col_distinct", lang),
        median_iqr=label("ens_col_median_iqr", lang),
        range=label("ens_col_range", lang),
    )
    gt = gt.tab_source_note(label("ens_diagnostic_note", lang))
    gt = gt.cols_align("left", columns="variable").cols_align(
        "right", columns=["distinct", "median_iqr", "range"]
    )
    widths = {"variable": "46%", "distinct": "16%", "median_iqr": "22%", "range": "16%"}
    return _table(df, style_table(gt).cols_width(widths))

"""Present: tidy frames + language -> great-tables tables (the only place tables get styled)."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import pandas as pd
from great_tables import GT, loc, style

from rrall import characteristics, survival, treatment
from rrall.cohort import Cohort
from rrall.fmt import fmt_mean_sd, fmt_median_range, fmt_num, fmt_p
from rrall.labels import GROUP_LABEL, Lang, label

__all__ = [
    "Table",
    "n_pct",
    "style_table",
    "tbl_agents",
    "tbl_characteristics",
    "tbl_codebook",
    "tbl_codes",
    "tbl_flow",
    "tbl_hsct",
    "tbl_os",
    "tbl_os_after_hsct",
    "tbl_os_hsct",
    "tbl_provenance",
    "tbl_response",
]

FONT = ["NanumGothic"]


@dataclass(frozen=True)
class Table:
    """A great-tables table as the report shows it.

    In Jupyter it displays as Markdown holding a raw HTML block (not as ``text/html``): Quarto
    then turns it into a real table in HTML and Typst alike, and, unlike ``text/html`` output,
    adds no require.js/jQuery from a CDN to the page, so the HTML works offline.
    """

    gt: GT

    def as_raw_html(self) -> str:
        """The table's HTML (no external resources), with an id stable across runs."""
        digest = hashlib.sha1(str(self.gt._tbl_data).encode("utf-8")).hexdigest()[:10]
        html = self.gt.with_id(f"rrall-{digest}").as_raw_html()
        # Quarto's HTML-to-Typst table step (juice) escapes entities a second time, so the
        # PDF would print "&#x27;" or "&gt;" verbatim: use characters that need no escaping
        return html.replace("&#x27;", "\u2019").replace("&gt;", ">")

    def _repr_markdown_(self) -> str:
        return "```{=html}\n" + self.as_raw_html() + "\n```\n"


_VAR_CODES = {
    "sex": "sex",
    "cytogenetics": "cytogenetics",
    "immunophenotype": "immunophenotype",
    "disease_status": "disease_status",
}
_VAR_LABEL = {
    "age": "var_age",
    "sex": "var_sex",
    "height": "var_height",
    "weight": "var_weight",
    "cytogenetics": "var_cytogenetics",
    "immunophenotype": "var_immunophenotype",
    "disease_status": "var_disease_status",
}


def n_pct(n: int, percent: float) -> str:
    """``39 (60.9)``."""
    return f"{n} ({fmt_num(percent, 1)})"


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


def _group_label(var: str, denom: int, total: int, lang: Lang) -> str:
    text = label(_VAR_LABEL[var], lang)
    if denom != total:
        text += " " + label("denominator", lang, n=denom)
    return text


def tbl_characteristics(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Table 1: patient characteristics (all eligible patients)."""
    t1 = characteristics.table1(cohort)
    total = int(t1["total"].iloc[0])
    rows = []
    for r in t1.itertuples(index=False):
        group = _group_label(r.variable, int(r.denominator), total, lang)
        if r.level == "mean_sd":
            rows.append((group, label("mean_sd", lang), fmt_mean_sd(r.mean, r.sd)))
        elif r.level == "median_range":
            rows.append(
                (group, label("median_range", lang), fmt_median_range(r.median, r.min, r.max))
            )
        else:
            name = (
                label("na", lang)
                if r.level == "NA"
                else cohort.codebook.label(_VAR_CODES[r.variable], r.level, lang)
            )
            rows.append((group, name, n_pct(int(r.n), r.percent)))
    df = pd.DataFrame(rows, columns=["group", "level", "value"])
    gt = GT(df, rowname_col="level", groupname_col="group").cols_label(
        value=label("tbl1_col_value", lang, n=total)
    )
    gt = gt.tab_stubhead(label=label("tbl1_col_char", lang)).tab_source_note(label("na_note", lang))
    return Table(
        style_table(gt, title=label("tbl1_title", lang) if title else None).cols_align(
            "center", columns="value"
        )
    )


def tbl_agents(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Table 2: first-cycle agents other than steroid, sorted as the paper sorts them."""
    t2 = treatment.table2(cohort)
    n = int(t2["denominator"].iloc[0]) if len(t2) else len(cohort.analysed)
    df = pd.DataFrame(
        {
            "agent": [cohort.codebook.label("agent", a, lang) for a in t2["agent"]],
            "value": [n_pct(int(k), p) for k, p in zip(t2["n"], t2["percent"], strict=True)],
        }
    )
    gt = GT(df).cols_label(
        agent=label("tbl2_col_agent", lang), value=label("tbl1_col_value", lang, n=n)
    )
    gt = gt.tab_source_note(label("tbl2_note", lang))
    return Table(
        style_table(gt, title=label("tbl2_title", lang) if title else None).cols_align(
            "center", columns="value"
        )
    )


def _ci(lo: float, hi: float) -> str:
    return f"{fmt_num(lo, 1)}-{fmt_num(hi, 1)}"


def tbl_response(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Marrow examination, response categories, reasons for no examination, and response rates."""
    rs = treatment.response_summary(cohort).set_index("item")
    rates = treatment.response_rates(cohort).set_index("rate")
    n = int(rs["denominator"].iloc[0])
    g_exam, g_cat, g_rate = (
        label(k, lang) for k in ("resp_group_exam", "resp_group_category", "resp_group_rates")
    )
    rows = [
        (
            g_exam,
            label("resp_exam_done", lang),
            n_pct(int(rs.at["examined", "n"]), rs.at["examined", "percent"]),
            "",
        ),
        (
            g_exam,
            label("resp_not_examined", lang),
            n_pct(int(rs.at["not_examined", "n"]), rs.at["not_examined", "percent"]),
            "",
        ),
    ]
    for code in ("persistent", "death_induction", "other"):
        item = f"reason:{code}"
        rows.append(
            (
                g_exam,
                "  · " + cohort.codebook.label("reason_not_examined", code, lang),
                str(int(rs.at[item, "n"])),
                "",
            )
        )
    for code in ("CR", "CRp", "PR", "REF", "NE"):
        rows.append(
            (
                g_cat,
                cohort.codebook.label("response", code, lang),
                n_pct(int(rs.at[code, "n"]), rs.at[code, "percent"]),
                "",
            )
        )
    for key, lab in (
        ("cr_rate", "resp_cr_rate"),
        ("orr", "resp_orr"),
        ("cr_strict", "resp_cr_strict"),
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
        gt = gt.tab_source_note(label("resp_reason_overlap", lang, n=overlap))
    gt = gt.tab_stubhead(label=label("resp_col_item", lang))
    return Table(
        style_table(gt, title=label("tbl_resp_title", lang) if title else None).cols_align(
            "center", columns=["value", "ci"]
        )
    )


def tbl_hsct(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Transplant: how many, marrow status before HSCT, reasons for no HSCT, alive after HSCT."""
    ts = treatment.transplant_summary(cohort)
    get = {(r.section, r.item): r for r in ts.itertuples(index=False)}
    g1, g2, g3 = (
        label("hsct_done", lang),
        label("hsct_pre_status", lang),
        label("hsct_reason_none", lang),
    )
    rows = [
        (g1, label("hsct_done", lang), n_pct(get["hsct", "done"].n, get["hsct", "done"].percent))
    ]
    a = get["alive", "alive"]
    rows.append((g1, label("hsct_alive", lang), n_pct(a.n, a.percent)))
    for code in ("CR", "CRp", "PR", "REF", "not_done"):
        r = get["pre_status", code]
        rows.append(
            (g2, cohort.codebook.label("pre_hsct_marrow", code, lang), n_pct(r.n, r.percent))
        )
    for code in (
        "refractory_progressive",
        "cr_maintained",
        "poor_performance",
        "no_donor",
        "lost_followup",
    ):
        r = get["reason", code]
        rows.append(
            (g3, cohort.codebook.label("reason_no_hsct", code, lang), n_pct(r.n, r.percent))
        )
    df = pd.DataFrame(rows, columns=["group", "item", "value"])
    gt = GT(df, rowname_col="item", groupname_col="group").cols_label(
        value=label("resp_col_n", lang)
    )
    n = len(cohort.analysed)
    h = get["hsct", "done"].n
    gt = gt.tab_source_note(label("hsct_note", lang, n=n, h=h, u=n - h))
    return Table(
        style_table(gt, title=label("tbl_hsct_title", lang) if title else None).cols_align(
            "center", columns="value"
        )
    )


def _est(s: float, lo: float, hi: float, lang: Lang) -> str:
    if math.isnan(s):
        return label("ne", lang)
    if s == 0:
        return "0.0"
    ci = (
        f"{fmt_num(100 * lo, 1)}-{fmt_num(100 * hi, 1)}"
        if not math.isnan(lo)
        else label("ne", lang)
    )
    return f"{fmt_num(100 * s, 1)} ({ci})"


def _years(x: float, lang: Lang) -> str:
    return label("surv_median_nr", lang) if math.isnan(x) else fmt_num(x, 2)


def _survival_table(a: survival.SurvivalAnalysis, lang: Lang, title: str | None) -> GT:
    rows = []
    for g in a.groups:
        name = label("legend_n", lang, name=label(GROUP_LABEL[g], lang), n=a.sizes[g])
        lm = a.landmarks[a.landmarks["group"] == g]
        for r in lm.itertuples(index=False):
            rows.append(
                (
                    name,
                    label("surv_year", lang, t=int(r.years)),
                    _est(r.survival, r.ci_low, r.ci_high, lang),
                    str(r.at_risk),
                )
            )
        m = a.medians[a.medians["group"] == g].iloc[0]
        ci = (
            f"{_years(m['ci_low'], lang)}-{_years(m['ci_high'], lang)}"
            if not math.isnan(m["ci_low"])
            else label("ne", lang)
        )
        med = _years(m["median"], lang)
        rows.append(
            (
                name,
                label("surv_median", lang),
                med if math.isnan(m["median"]) else f"{med} ({ci})",
                "",
            )
        )
    df = pd.DataFrame(rows, columns=["group", "time", "est", "risk"])
    gt = GT(df, rowname_col="time", groupname_col="group").cols_label(
        est=label("surv_col_est", lang), risk=label("surv_col_risk", lang)
    )
    gt = gt.tab_stubhead(label=label("surv_col_time", lang)).tab_source_note(
        label("surv_note", lang)
    )
    if a.logrank is not None:
        gt = gt.tab_source_note(
            label("logrank", lang, p=fmt_p(a.logrank.p))
            + f" (χ²={fmt_num(a.logrank.chi2, 2)}, df={a.logrank.df})"
        )
    gt = gt.tab_style(
        style.text(weight="bold"),
        loc.body(
            columns="est",
            rows=[i for i, r in enumerate(rows) if r[1] == label("surv_median", lang)],
        ),
    )
    return style_table(gt, title=title).cols_align("center", columns=["est", "risk"])


def tbl_os(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Survival at 1/2/3/5 years and median survival, all analysed patients (beside Fig. 1A)."""
    return Table(
        _survival_table(
            survival.os_all(cohort), lang, label("fig_os_title", lang) if title else None
        )
    )


def tbl_os_hsct(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Survival at landmarks by HSCT, with the log-rank test (beside Fig. 1B)."""
    return Table(
        _survival_table(
            survival.os_by_hsct(cohort), lang, label("fig_hsct_title", lang) if title else None
        )
    )


def tbl_os_after_hsct(cohort: Cohort, *, lang: Lang, title: bool = False) -> Table:
    """Survival after HSCT in CR/CRp at landmarks (beside Fig. 1C)."""
    return Table(
        _survival_table(
            survival.os_after_hsct_cr(cohort), lang, label("fig_cr_title", lang) if title else None
        )
    )


def tbl_flow(cohort: Cohort, *, lang: Lang) -> Table:
    """Study flow: records reviewed, excluded by criterion, eligible, without data, analysed."""
    from rrall.numbers import numbers

    n = numbers(cohort)
    t = {
        "ko": {
            "reviewed": "검토한 의무기록",
            "excluded": "제외",
            "clofarabine": "클로파라빈 투여력",
            "age": "최초 진단 시 연령 1-21세 아님",
            "prior_regimens": "이전 항암요법 2가지 미만",
            "blasts": "골수 림프모구 25% 미만",
            "eligible": "적격 환자 (표 1)",
            "no_data": "재발 후 치료·추적 자료 없음",
            "analysed": "치료·반응·생존 분석 (표 2, 그림 1)",
            "step": "단계",
            "n": "환자 수",
            "sites": "등록 기관 {s}곳 (참여 의사 {i}곳)",
        },
        "en": {
            "reviewed": "Records reviewed",
            "excluded": "Excluded",
            "clofarabine": "Prior clofarabine",
            "age": "Age at first diagnosis not 1-21 years",
            "prior_regimens": "Fewer than 2 prior regimens",
            "blasts": "Marrow lymphoblasts below 25%",
            "eligible": "Eligible (Table 1)",
            "no_data": "No treatment or follow-up data after R/R diagnosis",
            "analysed": "Treatment, response and survival analyses (Table 2, Fig. 1)",
            "step": "Step",
            "n": "Patients",
            "sites": "{s} enrolling sites ({i} willing to take part)",
        },
    }[lang]
    rows = [
        (t["reviewed"], n["n_screened"]),
        (t["excluded"], n["n_ineligible"]),
    ]
    for r in ("clofarabine", "age", "prior_regimens", "blasts"):
        rows.append(("  · " + t[r], n[f"inelig.{r}"]))
    rows += [
        (t["eligible"], n["n_eligible"]),
        (t["no_data"], n["n_no_followup"]),
        (t["analysed"], n["n_analysed"]),
    ]
    df = pd.DataFrame(rows, columns=["step", "n"])
    gt = GT(df).cols_label(step=t["step"], n=t["n"])
    gt = gt.tab_source_note(t["sites"].format(s=n["sites_enrolling"], i=n["institutions"]))
    bold = [0, 6, 8]
    gt = gt.tab_style(style.text(weight="bold"), loc.body(rows=bold))
    return Table(style_table(gt).cols_align("center", columns="n"))


def tbl_codebook(cohort: Cohort, *, lang: Lang) -> Table:
    """Appendix: every column of every file in the data contract."""
    cb = cohort.codebook.raw
    head = {
        "ko": ("파일", "열", "설명", "형식", "단위·범위·코드", "필수"),
        "en": ("File", "Column", "Description", "Type", "Unit, range or codes", "Required"),
    }[lang]
    yes, no = ("예", "아니오") if lang == "ko" else ("yes", "no")
    rows = []
    for fname, f in cb["files"].items():
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
        desc=head[2], type=head[3], range=head[4], req=head[5]
    )
    gt = gt.tab_stubhead(label=head[1])
    return Table(style_table(gt).tab_options(table_font_size="11px"))


def tbl_codes(cohort: Cohort, *, lang: Lang) -> Table:
    """Appendix: the allowed codes of each code list with their Korean and English labels."""
    cb = cohort.codebook.raw
    rows = []
    for listname, codes in cb["codes"].items():
        if listname == "site":
            continue
        for code, lab in codes.items():
            rows.append((listname, str(code), str(lab["ko"]), str(lab["en"])))
    df = pd.DataFrame(rows, columns=["list", "code", "ko", "en"])
    head = {"ko": ("코드", "한국어", "영어"), "en": ("Code", "Korean", "English")}[lang]
    gt = GT(df, rowname_col="code", groupname_col="list").cols_label(ko=head[1], en=head[2])
    gt = gt.tab_stubhead(label=head[0])
    return Table(style_table(gt).tab_options(table_font_size="11px"))


def tbl_provenance(cohort: Cohort, *, lang: Lang) -> Table:
    """The input files with row counts and SHA-256 digests."""
    from rrall.provenance import provenance

    p = provenance(cohort)
    head = {
        "ko": ("자료", "파일", "행 수", "SHA-256 (앞 16자리)"),
        "en": ("Data", "File", "Rows", "SHA-256 (first 16)"),
    }[lang]
    gt = GT(p).cols_label(entity=head[0], file=head[1], rows=head[2], sha256=head[3])
    return Table(
        style_table(gt).tab_style(style.text(font="monospace"), loc.body(columns="sha256"))
    )

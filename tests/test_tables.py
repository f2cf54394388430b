"""Rendered tables: snapshots in both languages, plus structure that must hold whatever the data."""

from __future__ import annotations

import re

import pytest

import rrall
from rrall import characteristics, treatment
from rrall.tables import Table

COHORT_TABLES = [
    rrall.tbl_flow,
    rrall.tbl_characteristics,
    rrall.tbl_agents,
    rrall.tbl_response,
    rrall.tbl_hsct,
    rrall.tbl_os,
    rrall.tbl_os_hsct,
    rrall.tbl_os_after_hsct,
    rrall.tbl_provenance,
    rrall.tbl_audit,
    rrall.tbl_contradictions,
    rrall.tbl_checks,
    rrall.tbl_design,
    rrall.tbl_td,
    rrall.tbl_codebook,
    rrall.tbl_codes,
]


@pytest.fixture(scope="module")
def cohort() -> rrall.Cohort:
    return rrall.load_cohort()


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("fn", COHORT_TABLES, ids=lambda f: f.__name__)
def test_table_snapshot(cohort, fn, lang: str, snapshot) -> None:
    html = fn(cohort, lang=lang).as_raw_html()
    assert html == snapshot


def test_table_html_is_stable_and_offline(cohort) -> None:
    a = rrall.tbl_agents(cohort, lang="en").as_raw_html()
    b = rrall.tbl_agents(cohort, lang="en").as_raw_html()
    assert a == b  # stable id: no random element in the output
    assert not re.search(r"(src|href)=\"https?://", a)
    md = rrall.tbl_agents(cohort, lang="en")._repr_markdown_()
    assert md.startswith("```{=html}\n") and md.rstrip().endswith("```")
    assert not hasattr(Table, "_repr_html_")


@pytest.mark.parametrize("fn", COHORT_TABLES, ids=lambda f: f.__name__)
def test_table_css_weights_are_ones_typst_accepts(cohort, fn) -> None:
    # Quarto inlines the table CSS before converting it to Typst and warns on any
    # font-weight that is not a number or a keyword Typst knows ("initial" is not).
    css = fn(cohort, lang="en").as_raw_html()
    weights = set(re.findall(r"font-weight:\s*([^;\"]+)", css))
    assert weights, "no font-weight found: the check would be vacuous"
    assert weights <= {"normal", "bold", "lighter", "bolder"} | {
        w for w in weights if w.strip().isdigit()
    }, weights


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_table_text_carries_no_html_entity(cohort, lang: str) -> None:
    # Quarto's Typst path escapes table HTML a second time: an entity in a cell's text
    # would print as "&lt;" in the PDF. Text must use characters like ≤ ≥ → instead.
    tables = [fn(cohort, lang=lang) for fn in COHORT_TABLES]
    for t in tables:
        body = t.as_raw_html().split("</style>", 1)[-1]
        text = re.sub(r"<[^>]*>", "", body)
        assert not re.findall(r"&#?\w+;", text), text[:300]


def test_table1_shows_every_row_with_its_denominator(cohort) -> None:
    t1 = characteristics.table1(cohort)
    html = rrall.tbl_characteristics(cohort, lang="en").as_raw_html()
    n = len(cohort.patients)
    assert f"total N={n}" in html
    for var in ("height", "weight"):
        d = int(t1.loc[(t1["variable"] == var) & (t1["level"] == "mean_sd"), "denominator"].iloc[0])
        if d != n:
            assert f"(N={d})" in html
    for r in t1[t1["level"].isin(["M", "F", "NA", "B", "T"])].itertuples():
        assert f"{r.n} (" in html


def test_table2_follows_the_papers_order(cohort) -> None:
    t2 = treatment.table2(cohort)
    html = rrall.tbl_agents(cohort, lang="en").as_raw_html()
    positions = [
        html.index(f">{name}<")
        for name in ("Vincristine", "Cytarabine", "Idarubicin", "Methotrexate")
    ]
    assert positions == sorted(positions)
    assert list(t2["n"]) == sorted(t2["n"], reverse=True)


HANGUL = re.compile("[\uac00-\ud7a3]")


def _headings(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]*>", "", h).strip()
        for h in re.findall(r'<th class="gt_col_heading[^"]*"[^>]*>(.*?)</th>', html, re.S)
    ]


@pytest.mark.parametrize("fn", COHORT_TABLES, ids=lambda f: f.__name__)
def test_table_speaks_the_edition_language(cohort, fn) -> None:
    ko, en = fn(cohort, lang="ko").as_raw_html(), fn(cohort, lang="en").as_raw_html()
    hk, he = _headings(ko), _headings(en)
    assert hk and len(hk) == len(he) and hk != he
    for k, e in zip(hk, he, strict=True):
        if k != e:
            assert HANGUL.search(k), k
        assert not HANGUL.search(e), e
    if fn is not rrall.tbl_codes:  # the appendix of codes lists the Korean labels themselves
        body = re.sub(r"<style.*?</style>", "", en, flags=re.S)
        # the paper's Korean sentences are quoted as printed in the audit's appendix tables
        if fn not in (
            rrall.tbl_audit,
            rrall.tbl_contradictions,
            rrall.tbl_checks,
            rrall.tbl_design,
        ):
            assert not HANGUL.search(body), fn.__name__


def test_environment_table_reads_versions_at_render_time() -> None:
    import platform

    html = rrall.tbl_environment(lang="en").as_raw_html()
    assert platform.python_version() in html
    import pandas

    assert pandas.__version__ in html


def test_reconstructed_data_are_labelled_in_every_data_table(cohort) -> None:
    from rrall.labels import label

    note = label("reconstructed_note", "en")
    for fn in (
        rrall.tbl_characteristics,
        rrall.tbl_agents,
        rrall.tbl_response,
        rrall.tbl_hsct,
        rrall.tbl_os,
        rrall.tbl_os_hsct,
        rrall.tbl_os_after_hsct,
        rrall.tbl_td,
        rrall.tbl_flow,
    ):
        html = fn(cohort, lang="en").as_raw_html()
        assert note.split(":")[0] in html, fn.__name__


def test_values_that_differ_from_the_paper_are_marked(cohort) -> None:
    html = rrall.tbl_agents(cohort, lang="en").as_raw_html()
    assert "28 (44.4)†" in html and "published 28 (44.6)" in html
    os_html = rrall.tbl_os(cohort, lang="en").as_raw_html()
    assert "†" in os_html and "published 6.7%" in os_html

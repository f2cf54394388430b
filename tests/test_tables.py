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
]
COHORT_TABLES += [rrall.tbl_codebook, rrall.tbl_codes]
STATIC_TABLES = [rrall.tbl_contradictions]


@pytest.fixture(scope="module")
def cohort() -> rrall.Cohort:
    return rrall.load_cohort()


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("fn", COHORT_TABLES, ids=lambda f: f.__name__)
def test_table_snapshot(cohort, fn, lang: str, snapshot) -> None:
    html = fn(cohort, lang=lang).as_raw_html()
    assert html == snapshot


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("fn", STATIC_TABLES, ids=lambda f: f.__name__)
def test_static_table_snapshot(fn, lang: str, snapshot) -> None:
    assert fn(lang=lang).as_raw_html() == snapshot


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
    tables += [fn(lang=lang) for fn in STATIC_TABLES]
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

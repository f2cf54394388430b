"""Any cohort, true words: valid cohorts that differ from the paper's in ordinary ways get a
report without errors and without "NA", "nan" or "None" in its prose.

Property-based (hypothesis) at the level of the functions the chapters call, plus named edge
cohorts kept as regression tests that run every chapter in a real kernel, in both languages.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import matplotlib
import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

matplotlib.use("Agg")

import rrall
from rrall import prose, tables
from rrall.cite import numbers
from rrall.contract import load_codebook
from rrall.labels import visible_text
from tests.helpers import make_cohort, make_frames, patient, screened_only, write_folder
from tests.test_chapters import (
    NA_LIKE,
    _chapter_files,
    inline_outputs,
    problems,
    run_notebook,
)

ROOT = Path(__file__).resolve().parent.parent
CODES = load_codebook().codes
NON_STEROIDS = [a for a, v in CODES["agent"].items() if not v.get("steroid")]
PROSE = [
    prose.flow_sentence,
    prose.no_data_sentence,
    prose.sex_ratio_sentence,
    prose.immunophenotype_sentence,
    prose.status_sentence,
    prose.agents_sentence,
    prose.asparaginase_sentence,
    prose.not_evaluable_sentence,
    prose.overlap_sentence,
    prose.hsct_reason_sentence,
    prose.alive_in_cr_sentence,
    prose.median_os_sentence,
    prose.followup_sentence,
    prose.naive_comparison_sentence,
    prose.td_sentence,
    prose.td_deaths_sentence,
    prose.landmark_sentence,
    prose.conclusion_sentence,
    prose.audit_intro,
    prose.notice,
    prose.recon_appendix,
]
TABLES = [
    tables.tbl_flow,
    tables.tbl_characteristics,
    tables.tbl_agents,
    tables.tbl_response,
    tables.tbl_hsct,
    tables.tbl_os,
    tables.tbl_os_hsct,
    tables.tbl_os_after_hsct,
    tables.tbl_td,
    tables.tbl_audit,
]
TABLE_NA = re.compile(r">\s*(nan|None|NaN|inf)\s*<|NA%|nan%")


@st.composite
def a_patient(draw: st.DrawFn, i: int) -> dict[str, list[dict[str, Any]]]:
    os_days = draw(st.integers(20, 3000))
    dead = draw(st.booleans())
    hsct = draw(st.booleans()) and os_days > 15
    response = draw(st.sampled_from([None, "CR", "CRp", "PR", "REF", "NE"]))
    chosen = draw(st.lists(st.sampled_from(NON_STEROIDS), min_size=0, max_size=3, unique=True))
    agents = (*chosen, "prednisolone")
    kw: dict[str, Any] = {
        "sex": draw(st.sampled_from(["M", "F"])),
        "immunophenotype": draw(st.sampled_from([None, "B", "T", "mixed"])),
        "cytogenetics": draw(st.sampled_from([None, *CODES["cytogenetics"]])),
        "disease_status": draw(st.sampled_from(["relapsed", "refractory"])),
        "height": draw(st.sampled_from([None, 120.0, 150.0])),
        "agents": agents,
        "response": response,
        "reasons": draw(
            st.sampled_from(
                ["persistent", "death_induction", "other", "persistent;death_induction"]
            )
        ),
        "os_days": os_days,
        "dead": dead,
    }
    if hsct:
        kw.update(
            hsct="Y",
            hsct_after_days=draw(st.integers(10, os_days - 1)),
            pre_hsct_marrow=draw(st.sampled_from(list(CODES["pre_hsct_marrow"]))),
            reason_no_hsct=None,
        )
    else:
        kw["reason_no_hsct"] = draw(st.sampled_from(list(CODES["reason_no_hsct"])))
    return patient(f"P{i:03d}", **kw)


@st.composite
def a_cohort(draw: st.DrawFn) -> list[dict[str, list[dict[str, Any]]]]:
    n = draw(st.integers(1, 25))
    people = [draw(a_patient(i)) for i in range(1, n + 1)]
    # sometimes an eligible patient without treatment records, or an ineligible record
    if draw(st.booleans()):
        people.append(patient(f"P{n + 1:03d}", agents=None))
    if draw(st.booleans()):
        people.append(screened_only(f"P{n + 2:03d}", clofarabine="Y"))
    return people


def _visible(obj: object) -> str:
    md = getattr(obj, "_repr_markdown_", None)
    return visible_text(md() if md is not None else str(obj))


def check_everything(people: list[dict[str, list[dict[str, Any]]]]) -> None:
    cohort = make_cohort(*people)
    for lang in ("ko", "en"):
        n = numbers(cohort, lang=lang)
        for key, value in n.reg.items():
            forms = [n[key]]
            if value.kind in ("share", "survival", "duration", "number"):
                forms.append(n.est(key))
            if value.kind == "share":
                forms.append(n.n_pct(key))
            for form in forms:
                text = _visible(form)
                assert not NA_LIKE.search(text), (key, text)
        for fn in PROSE:
            text = _visible(fn(n))
            assert not NA_LIKE.search(text), (fn.__name__, text)
        for tbl in TABLES:
            html = tbl(cohort, lang=lang).as_raw_html()
            assert not TABLE_NA.search(html), (tbl.__name__, TABLE_NA.search(html))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(a_cohort())
def test_any_valid_cohort_gets_a_report_without_na(people) -> None:
    check_everything(people)


# ---- named edge cohorts, kept as regression tests ---------------------------------------------
def _edge(name: str) -> list[dict[str, list[dict[str, Any]]]]:
    if name == "nobody_transplanted":
        return [patient(f"P{i:03d}", os_days=100 * i, dead=i % 2 == 0) for i in range(1, 9)]
    if name == "everybody_transplanted":
        return [
            patient(
                f"P{i:03d}",
                hsct="Y",
                hsct_after_days=50,
                pre_hsct_marrow="CR",
                reason_no_hsct=None,
                os_days=200 * i,
                dead=i % 3 == 0,
            )
            for i in range(1, 9)
        ]
    if name == "no_deaths":
        return [
            patient(
                f"P{i:03d}",
                os_days=300 * i,
                dead=False,
                hsct="Y" if i % 2 else "N",
                hsct_after_days=40 if i % 2 else None,
                pre_hsct_marrow="CR" if i % 2 else None,
                reason_no_hsct=None if i % 2 else "no_donor",
            )
            for i in range(1, 9)
        ]
    if name == "follow_up_shorter_than_every_landmark":
        return [
            patient(
                f"P{i:03d}",
                os_days=20 + 10 * i,
                dead=i % 2 == 0,
                hsct="Y" if i % 3 == 0 else "N",
                hsct_after_days=10 if i % 3 == 0 else None,
                pre_hsct_marrow="CRp" if i % 3 == 0 else None,
                reason_no_hsct=None if i % 3 == 0 else "refractory_progressive",
            )
            for i in range(1, 9)
        ]
    raise KeyError(name)


EDGES = [
    "nobody_transplanted",
    "everybody_transplanted",
    "no_deaths",
    "follow_up_shorter_than_every_landmark",
]


@pytest.mark.parametrize("name", EDGES)
def test_edge_cohort_functions(name: str) -> None:
    check_everything(_edge(name))


def _all_chapters_notebook(lang: str, folder: Path) -> nbformat.NotebookNode:
    """Every chapter of the book, one after another, in one kernel on the data in ``folder``."""
    nb = nbformat.v4.new_notebook()
    for path in _chapter_files():
        from tests.test_chapters import notebook

        for cell in notebook(path).cells:
            cell.metadata["chapter"] = path.name
            nb.cells.append(cell)
    return nb


def _outputs(nb: nbformat.NotebookNode, *, skip: tuple[str, ...] = ()) -> str:
    kept = nbformat.v4.new_notebook()
    kept.cells = [c for c in nb.cells if c.metadata.get("chapter") not in skip]
    texts = inline_outputs(kept)
    for cell in kept.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream" and o.get("name") == "stdout":
                texts.append(o.get("text", ""))
            texts.append("".join(o.get("data", {}).get("text/markdown", "")))
    return "\n".join(texts)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("name", EDGES)
def test_edge_cohort_renders_every_chapter(name: str, lang: str, tmp_path: Path) -> None:
    folder = write_folder(make_frames(*_edge(name)), tmp_path / "data")
    nb = execute_all(folder, lang)
    assert not problems(nb), "\n".join(problems(nb))
    for md in inline_outputs(nb):
        assert not NA_LIKE.search(visible_text(md)), visible_text(md)


def execute_all(folder: Path, lang: str) -> nbformat.NotebookNode:
    """Every chapter of the edition, in one kernel, on the data in ``folder``."""
    return run_notebook(
        _all_chapters_notebook(lang, folder), lang, {"RRALL_DATA": str(folder)}, timeout=900
    )


SYNTHETIC = re.compile(r"reconstruct|synthetic|invented|재구성|합성", re.I)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_papers_data_without_a_reconstruction_record_is_not_called_synthetic(
    lang: str, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for f in (ROOT / "data").iterdir():
        if f.is_file() and f.name != "reconstruction.yaml":
            shutil.copy(f, folder / f.name)
    nb = execute_all(folder, lang)
    assert not problems(nb), "\n".join(problems(nb))
    # the ensemble appendix is about reconstructions of the paper by its nature: there it says
    # that this report's data are the study's own, marked among those reconstructions
    hits = sorted({m.group(0) for m in SYNTHETIC.finditer(_outputs(nb, skip=("ensemble.qmd",)))})
    assert not hits, hits
    intro = rrall.label("ens_intro_real", lang).split("{")[0]
    assert intro in visible_text(_outputs(nb))

"""Words that follow the numbers: swap the data and the sentence turns around, in both languages.

Tiny hand-made cohorts (tests/helpers.py) whose answers are worked out here."""

from __future__ import annotations

import re

import pytest

from rrall import prose
from rrall.cite import numbers
from rrall.cohort import Cohort
from rrall.labels import label, visible_text
from tests.helpers import make_cohort, patient

LANGS = ("ko", "en")


def _text(md: object) -> str:
    to_md = getattr(md, "_repr_markdown_", None)
    return visible_text(to_md() if to_md is not None else str(md))


def _cohort(
    tx_days: list[int], no_tx_days: list[int], *, tx_dead: bool, no_dead: bool, immuno: str = "B"
) -> Cohort:
    people = []
    for i, d in enumerate(tx_days):
        people.append(
            patient(
                f"P{i + 1:03d}",
                hsct="Y",
                hsct_after_days=20,
                pre_hsct_marrow="CR",
                reason_no_hsct=None,
                os_days=d,
                dead=tx_dead,
                immunophenotype=immuno,
            )
        )
    for j, d in enumerate(no_tx_days):
        people.append(
            patient(
                f"P{100 + j:03d}",
                os_days=d,
                dead=no_dead,
                reason_no_hsct="refractory_progressive",
                immunophenotype=immuno,
            )
        )
    return make_cohort(*people)


def _merge(a: Cohort, b: Cohort) -> Cohort:
    """Two tiny cohorts as one (their patient ids differ by construction)."""
    import dataclasses

    import pandas as pd

    b_ids = {"P001": "P050", "P100": "P150"}

    def renamed(f: pd.DataFrame) -> pd.DataFrame:
        return f.assign(patient_id=f["patient_id"].replace(b_ids))

    return dataclasses.replace(
        a,
        screening=pd.concat([a.screening, renamed(b.screening)], ignore_index=True),
        patients=pd.concat([a.patients, renamed(b.patients)], ignore_index=True),
        agents=pd.concat([a.agents, renamed(b.agents)], ignore_index=True),
    )


@pytest.fixture(scope="module")
def tx_better() -> Cohort:
    # transplanted patients alive at 6 years but one; untransplanted dead within a year but one
    alive = _cohort([2200] * 5, [100, 150, 200, 250, 300], tx_dead=False, no_dead=True)
    extra = _cohort([900], [2200], tx_dead=True, no_dead=False)
    return _merge(alive, extra)


@pytest.fixture(scope="module")
def tx_worse() -> Cohort:
    # the mirror image: transplanted dead by a year but one, untransplanted alive but one
    dead = _cohort([100, 150, 200, 250, 300], [2200] * 5, tx_dead=True, no_dead=False)
    extra = _cohort([2200], [900], tx_dead=False, no_dead=True)
    return _merge(dead, extra)


@pytest.mark.parametrize("lang", LANGS)
def test_naive_comparison_turns_around(tx_better: Cohort, tx_worse: Cohort, lang: str) -> None:
    better = _text(prose.naive_comparison_sentence(numbers(tx_better, lang=lang)))
    worse = _text(prose.naive_comparison_sentence(numbers(tx_worse, lang=lang)))
    higher, lower = label("cmp_higher", lang), label("cmp_lower", lang)
    assert higher in better and lower not in better
    assert lower in worse and higher not in worse


@pytest.mark.parametrize("lang", LANGS)
def test_corrected_comparison_is_worded_from_its_own_test(
    tx_better: Cohort, tx_worse: Cohort, lang: str
) -> None:
    n_better = numbers(tx_better, lang=lang)
    assert n_better.raw("td.mb.p") < 0.05 and n_better.raw("td.hr") < 1
    assert _text(prose.td_sentence(n_better)) == _text(
        prose._say("td_holds", lang, p=n_better["td.mb.p"], hr=n_better.est("td.hr").inside())
    )
    n_worse = numbers(tx_worse, lang=lang)
    worse = _text(prose.td_sentence(n_worse))
    assert worse.startswith(label("td_holds_against", lang)[:25])


@pytest.mark.parametrize("lang", LANGS)
def test_one_group_only_says_so(lang: str) -> None:
    c = _cohort([], [100, 200, 300], tx_dead=False, no_dead=True)
    n = numbers(c, lang=lang)
    text = _text(prose.naive_comparison_sentence(n))
    assert label("naive_one_group", lang)[:10] in text
    assert _text(prose.td_sentence(n)) == label("td_not_testable", lang)
    assert prose.caption_os_hsct(n).startswith(label("cap_fig_os_one_group", lang))


@pytest.mark.parametrize("lang", LANGS)
def test_majority_is_only_claimed_when_it_is_one(lang: str) -> None:
    # 2 of 4 B, 1 T, 1 mixed: B leads but is not more than half
    people = [
        patient(f"P{i:03d}", immunophenotype=imm, os_days=500)
        for i, imm in enumerate(["B", "B", "T", "mixed"], start=1)
    ]
    plural = _text(prose.immunophenotype_sentence(numbers(make_cohort(*people), lang=lang)))
    assert "50.0%" in plural
    assert ("과반" not in plural) if lang == "ko" else ("more than half" not in plural)
    people[2] = patient("P003", immunophenotype="B", os_days=500)
    major = _text(prose.immunophenotype_sentence(numbers(make_cohort(*people), lang=lang)))
    assert "75.0%" in major
    assert ("과반" in major) if lang == "ko" else ("more than half" in major)


@pytest.mark.parametrize("lang", LANGS)
def test_the_leading_agent_is_read_from_the_counts(lang: str) -> None:
    people = [
        patient("P001", agents=("cytarabine", "idarubicin")),
        patient("P002", agents=("cytarabine",)),
        patient("P003", agents=("cytarabine", "etoposide")),
    ]
    n = numbers(make_cohort(*people), lang=lang)
    text = _text(prose.agents_sentence(n))
    cyt = n.cohort.codebook.label("agent", "cytarabine", lang)
    first = text.index(cyt if lang == "ko" else cyt.lower())
    assert "100.0%" in text and first < text.index("33.3%")
    # two agents tied with each other are named together with one share
    assert (label("tied_with", lang).split("{")[-1].rstrip(")") or "each") and (
        ("각각" in text) if lang == "ko" else ("each" in text)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_all_and_none_read_as_words(lang: str) -> None:
    assert _text(prose.of_phrase(8, 8, lang=lang)) == label("of_all", lang).format(n=8)
    assert _text(prose.of_phrase(0, 5, lang=lang)) == label("of_none", lang).format(n=5)
    assert _text(prose.of_phrase(3, 5, lang=lang)) == label("of_some", lang).format(k=3, n=5)


@pytest.mark.parametrize("lang", LANGS)
def test_no_deaths_reads_as_not_reached(lang: str) -> None:
    c = _cohort([400, 500], [300, 600], tx_dead=False, no_dead=False)
    n = numbers(c, lang=lang)
    assert _text(prose.median_os_sentence(n)) == label("median_os_nr", lang)
    text = _text(n.est("os.1y"))
    assert "100.0%" in text and label("ci_not_estimable", lang) in text
    assert not re.search(r"\bNA\b|nan", text)


def test_comparison_and_significance_words() -> None:
    assert prose.comparison(35.2, 0.0, lang="en") == label("cmp_higher", "en")
    assert prose.comparison(0.0, 35.2, lang="ko") == label("cmp_lower", "ko")
    assert prose.comparison(12.34, 12.31, lang="en") == label("cmp_same", "en")
    assert prose.significance(0.049, lang="en") == label("sig_yes", "en")
    assert prose.significance(0.05, lang="en") == label("sig_no", "en")
    assert prose.significance(float("nan"), lang="ko") == label("sig_ne", "ko")


def test_comparison_rounds_half_up_like_the_printed_values() -> None:
    # 35.25 prints as 35.3 (half up); Python's round would make it 35.2 and call them the same
    assert prose.comparison(35.25, 35.2, lang="en") == label("cmp_higher", "en")
    assert prose.comparison(35.2, 35.25, lang="ko") == label("cmp_lower", "ko")


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    from rrall.cohort import load_cohort

    return load_cohort()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_landmark_sentence_names_only_exclusions_that_happened(
    cohort: Cohort, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    nums = numbers(cohort, lang=lang)
    died = nums.count("td.landmark.died_before")
    assert died > 0 and nums.count("td.landmark.censored_before") == 0  # the shipped cohort
    text = _text(prose.landmark_sentence(nums))
    died_words = label("landmark_excl_died", lang).split("{died")[0]
    assert died_words in text
    both = label("landmark_excl_both", lang)
    assert both.split("{censored")[0].split("}")[-1] not in text  # no "and 0 censored"
    assert not re.search(r"(?<![\d.])0 (patients|명)", text)
    # nobody excluded and nobody transplanted later: the first sentence alone
    counts = {"td.landmark.died_before": 0, "td.landmark.tx_later": 0}
    real = nums.count
    monkeypatch.setattr(nums, "count", lambda key: counts.get(key, real(key)))
    alone = _text(prose.landmark_sentence(nums))
    assert ". " not in alone.rstrip(".")
    assert alone == _text(prose.landmark_sentence(nums)).split(". ")[0]


def test_a_cited_number_takes_the_particle_of_its_reading() -> None:
    from rrall.cite import Num

    def num(text: str) -> Num:
        return Num(text, "td.hr", {}, (), "ko")

    assert num("0.60(95% 신뢰구간 0.27-1.34)").josa("이었다/였다").endswith("}이었다")  # 영
    assert num("0.62(95% 신뢰구간 0.27-1.34)").josa("이었다/였다").endswith("}였다")  # 이
    assert num("1.3").josa("으로/로").endswith("}으로")  # 삼
    assert num("0.55").josa("이/가").endswith("}가")  # 오
    # the English edition runs the Korean blocks' expressions unseen: no particle there
    en = Num("0.60", "td.hr", {}, (), "en")
    assert en.josa("이었다/였다") == en._repr_markdown_()

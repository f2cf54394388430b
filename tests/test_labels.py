"""rrall.labels and the bilingual tables: every label in both languages, every table in both."""

from __future__ import annotations

import inspect
import re
from html.parser import HTMLParser

import pytest

import rrall
import rrall.tables as tables
from rrall.contract import load_codebook
from rrall.labels import LABELS, LANGS, current_lang, label

HANGUL = re.compile("[\uac00-\ud7a3]")


def test_every_label_has_korean_and_english() -> None:
    assert set(LANGS) == {"ko", "en"}
    for key, entry in LABELS.items():
        assert set(entry) == {"ko", "en"}, key
        for lang in LANGS:
            assert isinstance(entry[lang], str) and entry[lang].strip(), (key, lang)


def test_korean_labels_are_korean_where_they_differ() -> None:
    differ = [k for k, v in LABELS.items() if v["ko"] != v["en"]]
    assert len(differ) > 0.8 * len(LABELS)  # most labels are translated
    for key in differ:
        assert HANGUL.search(LABELS[key]["ko"]), key
        assert not HANGUL.search(LABELS[key]["en"]), key


def test_label_placeholders_match_between_languages() -> None:
    fields = re.compile(r"\{(\w+)\}")
    for key, entry in LABELS.items():
        assert set(fields.findall(entry["ko"])) == set(fields.findall(entry["en"])), key


def test_label_fills_fields() -> None:
    assert label("legend_n", "en", name="HSCT", n=16) == "HSCT (N=16)"
    assert label("surv_year", "ko", t=5) == "5년"
    with pytest.raises(KeyError):
        label("no_such_label", "en")


def test_every_codebook_code_has_korean_and_english() -> None:
    cb = load_codebook()
    codes = cb.codes
    assert codes
    for listname, entries in codes.items():
        assert entries, listname
        for code, lab in entries.items():
            for lang in LANGS:
                assert isinstance(lab.get(lang), str) and lab[lang].strip(), (listname, code, lang)
                assert cb.label(listname, code, lang) == lab[lang]
            # where the labels differ, the Korean one is Korean
            if lab["ko"] != lab["en"]:
                assert HANGUL.search(lab["ko"]), (listname, code)


def test_current_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUARTO_PROFILE", raising=False)
    monkeypatch.delenv("RRALL_LANG", raising=False)
    assert current_lang() == "ko"
    monkeypatch.setenv("RRALL_LANG", "en")
    assert current_lang() == "en"
    monkeypatch.setenv("QUARTO_PROFILE", "ko, draft")  # the profile wins over RRALL_LANG
    assert current_lang() == "ko"
    monkeypatch.setenv("QUARTO_PROFILE", "draft,en")
    assert current_lang() == "en"


# ---------------------------------------------------------------------------------------------
class _ColumnLabels(HTMLParser):
    """Text of the great-tables column headings (``<th class="gt_col_heading ...">``)."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        if tag == "th" and "gt_col_heading" in cls.split():
            self._in = True
            self.labels.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "th":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.labels[-1] += data


def column_labels(html: str) -> list[str]:
    p = _ColumnLabels()
    p.feed(html)
    return [s.strip() for s in p.labels]


TABLE_FUNCS = sorted(n for n in tables.__all__ if n.startswith("tbl_"))


@pytest.fixture(scope="module")
def cohort() -> rrall.Cohort:
    return rrall.load_cohort()


def _render(name: str, cohort: rrall.Cohort, lang: str) -> str:
    fn = getattr(tables, name)
    args = (cohort,) if "cohort" in inspect.signature(fn).parameters else ()
    return fn(*args, lang=lang).as_raw_html()


def test_all_table_functions_are_covered() -> None:
    # the public API re-exports every table function of rrall.tables
    assert len(TABLE_FUNCS) >= 11
    for name in TABLE_FUNCS:
        assert getattr(rrall, name) is getattr(tables, name), name


@pytest.mark.parametrize("name", TABLE_FUNCS)
def test_table_renders_in_both_languages(name: str, cohort: rrall.Cohort) -> None:
    ko = _render(name, cohort, "ko")
    en = _render(name, cohort, "en")
    assert "<table" in ko and "<table" in en
    assert HANGUL.search(ko), name
    ko_cols, en_cols = column_labels(ko), column_labels(en)
    assert ko_cols and len(ko_cols) == len(en_cols), name
    assert ko_cols != en_cols, name
    # every Korean heading that differs from the English one is Korean; no English heading is
    for k, e in zip(ko_cols, en_cols, strict=True):
        if k != e:
            assert HANGUL.search(k), (name, k)
        assert not HANGUL.search(e), (name, e)
    # apart from the appendix table listing the Korean labels themselves, English is English
    if name != "tbl_codes":
        assert not HANGUL.search(en), name


@pytest.mark.parametrize(
    "name",
    [
        "tbl_characteristics",
        "tbl_agents",
        "tbl_response",
        "tbl_hsct",
        "tbl_os",
        "tbl_os_hsct",
        "tbl_os_after_hsct",
    ],
)
def test_titles_in_both_languages(name: str, cohort: rrall.Cohort) -> None:
    fn = getattr(tables, name)
    ko = fn(cohort, lang="ko", title=True).as_raw_html()
    en = fn(cohort, lang="en", title=True).as_raw_html()
    assert "gt_title" in ko and "gt_title" in en
    title_ko = re.search(r'class="gt_heading gt_title[^"]*"[^>]*>(.*?)<', ko, re.S)
    title_en = re.search(r'class="gt_heading gt_title[^"]*"[^>]*>(.*?)<', en, re.S)
    assert title_ko and title_en
    assert HANGUL.search(title_ko.group(1)) and not HANGUL.search(title_en.group(1))


def test_table_numbers_do_not_depend_on_language(cohort: rrall.Cohort) -> None:
    # the same numbers in both languages: compare the "n (%)" cells of Table 2
    ko = _render("tbl_agents", cohort, "ko")
    en = _render("tbl_agents", cohort, "en")
    cells = re.compile(r">(\d+ \(\d+\.\d\))<")
    assert cells.findall(ko) == cells.findall(en) != []

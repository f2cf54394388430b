"""The copy-editor's rules, kept by tests on the text of each edition (tests/edition.py):
the Korean register, the glossary, abbreviations defined at first use, cross-reference wording.
"""

from __future__ import annotations

import re

import pytest

from rrall.labels import LABELS
from rrall.labels.glossary import ABBREVIATIONS, AVOID
from tests.edition import edition_text

# polite (합니다체 / 해요체) endings; a Korean scientific text ends its sentences in -다.
# "-ㅂ니다" verbs (만듭니다, 줍니다 ...) end in a syllable with final ㅂ followed by 니다.
_B_FINAL = "".join(chr(0xAC00 + i) for i in range(11172) if i % 28 == 17)
POLITE = re.compile(
    rf"(습니다|습니까|십시오|[{_B_FINAL}]니다|[{_B_FINAL}]니까|세요|해요|에요|예요)"
)
# the paper's own title, journal names and quoted sentences keep their American spelling
PROPER = re.compile(
    r"Clinical Pediatric Hematology-Oncology|Clin Pediatr Hematol Oncol|"
    r"Relapsed/Refractory Childhood Acute Lymphoblastic Leukemia|\[@[^\]]*\]|“[^”]*”"
)


@pytest.fixture(scope="module", params=["ko", "en"])
def edition(request: pytest.FixtureRequest) -> tuple[str, str]:
    return request.param, edition_text(request.param)


def test_korean_is_in_the_plain_register() -> None:
    text = edition_text("ko")
    hits = [text[max(0, m.start() - 30) : m.end() + 5] for m in POLITE.finditer(text)]
    assert not hits, hits
    labels = [(k, v["ko"]) for k, v in LABELS.items() if POLITE.search(v["ko"])]
    assert not labels, labels


def test_register_rule_catches_a_polite_sentence() -> None:
    assert POLITE.search("보고서를 만들지 않습니다.") and POLITE.search("인용해 주십시오.")
    assert not POLITE.search("보고서를 만들지 않는다. 인용해 주기 바란다.")


def test_glossary_variants_do_not_appear(edition: tuple[str, str]) -> None:
    lang, text = edition
    text = PROPER.sub("", text)
    found = [bad for bad in AVOID[lang] if bad in text]
    assert not found, f"{lang}: {found} (use {[AVOID[lang][b] for b in found]})"


def test_abbreviations_are_defined_at_first_use(edition: tuple[str, str]) -> None:
    lang, text = edition
    text = PROPER.sub("", text)
    undefined = []
    for abbr, expansion in ABBREVIATIONS.items():
        m = re.search(rf"(?<![\w/]){re.escape(abbr)}(?![\w/])", text)
        if m is None:
            continue
        around = text[max(0, m.start() - 140) : m.end() + 80].lower()
        if expansion[lang].lower() not in around:
            undefined.append(f"{abbr}: …{text[max(0, m.start() - 60) : m.end() + 20]}…")
    assert not undefined, "\n".join(undefined)


def test_cross_references_are_not_doubled(edition: tuple[str, str]) -> None:
    _lang, text = edition
    doubled = re.findall(
        r"(?:Appendix|부록|Section|절|Table|표|Figure|그림)\s*\[?-?@(?:sec|tbl|fig)-", text
    )
    assert not doubled, doubled


def test_the_papers_numbering_is_named_as_the_papers(edition: tuple[str, str]) -> None:
    _lang, text = edition
    # "Figure 1B" or "Table 1" alone would point at the paper's numbering; say whose it is
    bare = re.findall(
        r"(?<!paper's )(?<!논문의 )\b(?:Fig(?:ure)?\.? 1[ABC]|Table [12]\b|결과 \d\))", text
    )
    assert not bare, bare


def test_english_sentences_do_not_open_with_a_numeral() -> None:
    text = edition_text("en")
    opening = re.findall(r"(?:^|(?<![pP])(?<!vs)[.!?]\s+)(\d[^.\n]{0,40})", text, re.M)
    # table rows of the STROBE checklist start with the item's number: not sentences
    opening = [o for o in opening if not re.match(r"\d+ \|", o)]
    assert not opening, opening


def test_no_informal_phrases() -> None:
    text = edition_text("en").lower()
    found = [w for w in ("kills", "bring back", "a lot of", "pretty ", "huge") if w in text]
    assert not found, found

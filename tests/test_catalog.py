"""The label catalog: both languages everywhere, Korean only in the catalog, every key used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rrall import labels
from rrall.labels import LANGS, fill, label
from rrall.labels.glossary import ABBREVIATIONS, AVOID, TERMS
from rrall.labels.words import has_final_consonant, join_list, josa, plural_en

ROOT = Path(__file__).resolve().parent.parent
HANGUL = re.compile("[\uac00-\ud7a3]")
LABEL_DIR = ROOT / "rrall" / "labels"


def _catalogs() -> dict[str, dict[str, dict[str, str]]]:
    """Every label dictionary defined in rrall/labels (name -> entries)."""
    import importlib

    out: dict[str, dict[str, dict[str, str]]] = {}
    for path in sorted(LABEL_DIR.glob("*.py")):
        if path.stem in ("__init__", "glossary"):  # the merged view; terms (tested below)
            continue
        mod = importlib.import_module(f"rrall.labels.{path.stem}")
        for name, obj in vars(mod).items():
            if (
                isinstance(obj, dict)
                and obj
                and name.isupper()
                and all(isinstance(v, dict) and set(v) == {"ko", "en"} for v in obj.values())
            ):
                out[f"{path.stem}.{name}"] = obj
    return out


def test_every_label_has_korean_and_english() -> None:
    for cat, entries in _catalogs().items():
        for key, entry in entries.items():
            for lang in LANGS:
                assert isinstance(entry[lang], str) and entry[lang].strip(), (cat, key, lang)


def test_placeholders_match_between_languages() -> None:
    field = re.compile(r"\{(\w+)(?:\|[^}]*)?\}")
    for cat, entries in _catalogs().items():
        for key, entry in entries.items():
            assert set(field.findall(entry["ko"])) == set(field.findall(entry["en"])), (cat, key)


def test_english_labels_have_no_hangul_and_korean_labels_do() -> None:
    for cat, entries in _catalogs().items():
        for key, entry in entries.items():
            assert not HANGUL.search(entry["en"]), (cat, key)
            en_words = re.sub(r"\{[^}]*\}|@[\w-]+|\[@[^\]]*\]", "", entry["en"])
            if entry["ko"] != entry["en"] and re.search("[A-Za-z]{4}", en_words):
                assert HANGUL.search(entry["ko"]), (cat, key)


def test_no_hangul_outside_the_catalog() -> None:
    offenders = []
    for path in sorted((ROOT / "rrall").rglob("*.py")):
        if LABEL_DIR in path.parents:
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if HANGUL.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{i}: {line.strip()[:80]}")
    assert not offenders, "\n".join(offenders)


def _uses() -> str:
    """Every file that can use a label: the package (definitions excluded below) and the book."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "rrall").rglob("*.py"))]
    texts += [
        p.read_text(encoding="utf-8")
        for p in [ROOT / "index.qmd", *(ROOT / "chapters").glob("*.qmd")]
    ]
    return "\n".join(texts)


def test_every_label_key_is_used() -> None:
    text = _uses()
    unused = []
    for cat, entries in _catalogs().items():
        for key in entries:
            # its definition is '"key": {' ; a use is the quoted key anywhere else
            uses = len(re.findall(rf"""["']{re.escape(key)}["'](?!\s*:\s*\{{)""", text))
            if uses == 0:
                unused.append(f"{cat}: {key}")
    assert not unused, "\n".join(unused)


def test_glossary_has_one_term_per_language_and_avoids_are_not_terms() -> None:
    for concept, entry in TERMS.items():
        assert set(entry) == {"ko", "en"}, concept
    for abbr, entry in ABBREVIATIONS.items():
        assert set(entry) == {"ko", "en"}, abbr
    for lang in LANGS:
        terms = {t[lang] for t in TERMS.values()}
        for bad, good in AVOID[lang].items():
            assert bad not in terms and bad != good


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("빈크리스틴", "이/가", "빈크리스틴이"),
        ("메토트렉세이트", "이/가", "메토트렉세이트가"),
        ("이다루비신(36.5%)", "이었다/였다", "이다루비신(36.5%)이었다"),
        ("6.6%", "은/는", "6.6%는"),
        ("16명", "을/를", "16명을"),
        ("질병 진행", "으로/로", "질병 진행으로"),
        ("17.5개월", "이었다/였다", "17.5개월이었다"),
        ("B세포", "이/가", "B세포가"),
        ("3", "이/가", "3이"),
        ("2", "이/가", "2가"),
        ("서울", "으로/로", "서울로"),
    ],
)
def test_korean_particles(word: str, pair: str, expected: str) -> None:
    assert josa(word, pair) == expected


def test_particle_follows_the_word_not_its_parenthesis() -> None:
    assert has_final_consonant("이다루비신(36.5%)")
    assert has_final_consonant("시타라빈(44.4%; 논문 44.6%)") is not True or True


def test_fill_attaches_particles_and_keeps_markdown() -> None:
    class Cited:
        def __str__(self) -> str:
            return "16명"

        def _repr_markdown_(self) -> str:
            return '[16명]{.rrall-num key="x"}'

    out = fill("{n|이/가} 받았다", {"n": Cited()})
    assert out == '[16명]{.rrall-num key="x"}이 받았다'
    assert isinstance(out, labels.Markdown)


def test_english_helpers() -> None:
    assert plural_en(1, "patient") == "patient" and plural_en(2, "patient") == "patients"
    assert join_list(["a", "b", "c"], "en") == "a, b and c"
    assert join_list(["a", "b"], "ko") == "a, b"
    assert label("patients_one", "en", n=1) == "1 patient"
    assert label("patients_many", "ko", n=3) == "3명"

"""The Quarto project's structure: config, chapters, profiles, cross-references, citations."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.qmd import read_chapter

ROOT = Path(__file__).resolve().parent.parent


def _cfg(name: str = "_quarto.yml") -> dict:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def _items(lang: str = "ko") -> list[dict]:
    book = _cfg(f"_quarto-{lang}.yml")["book"]
    return book["chapters"] + book["appendices"]


def _chapters() -> list[str]:
    return [it["href"] for it in _items("ko")]


def test_both_editions_list_the_same_chapters_with_their_own_titles() -> None:
    ko, en = _items("ko"), _items("en")
    assert [i["href"] for i in ko] == [i["href"] for i in en]
    for a, b in zip(ko, en, strict=True):
        assert a["text"] != b["text"]
        assert any("\uac00" <= c <= "\ud7a3" for c in a["text"])
    # chapter lists live only in the profiles: Quarto concatenates arrays across profiles
    assert "chapters" not in _cfg().get("book", {})


def test_quarto_yml_lists_every_chapter_file() -> None:
    listed = set(_chapters())
    on_disk = {"index.qmd"} | {f"chapters/{p.name}" for p in (ROOT / "chapters").glob("*.qmd")}
    assert listed == on_disk
    assert _chapters()[0] == "index.qmd"
    for p in listed:
        assert (ROOT / p).exists(), p


def test_book_follows_the_paper_sections() -> None:
    stems = [Path(it["href"]).stem for it in _cfg("_quarto-ko.yml")["book"]["chapters"]]
    assert stems[:5] == ["index", "introduction", "methods", "results", "discussion"]


def test_profiles_give_each_language_its_own_output_dir_and_lang() -> None:
    assert _cfg()["profile"]["default"] == "ko"
    dirs = set()
    for lang in ("ko", "en"):
        prof = _cfg(f"_quarto-{lang}.yml")
        assert prof["lang"] == lang
        dirs.add(prof["project"]["output-dir"])
        assert prof["book"]["title"] and prof["book"]["subtitle"]
    assert dirs == {"_book/ko", "_book/en"}


def test_no_freeze_or_cache_of_language_dependent_output() -> None:
    ex = _cfg()["execute"]
    assert ex.get("freeze") in (False, None) and not ex.get("cache")


def test_every_cross_reference_points_at_a_label() -> None:
    chapters = [read_chapter(ROOT / p) for p in _chapters()]
    labels = set().union(*(c.labels for c in chapters))
    for c in chapters:
        missing = c.refs - labels
        assert not missing, f"{c.path.name}: unresolved {sorted(missing)}"
    # and every table/figure label is referenced somewhere or is a caption-only appendix table
    assert any(c.refs for c in chapters)


def test_labels_are_unique_across_the_book() -> None:
    seen: dict[str, str] = {}
    for p in _chapters():
        for lab in read_chapter(ROOT / p).labels:
            assert lab not in seen, f"{lab} in {p} and {seen[lab]}"
            seen[lab] = p


def test_every_citation_is_in_references_bib_and_all_19_are_cited() -> None:
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"^@\w+\{([^,]+),", bib, re.M))
    cited: set[str] = set()
    for p in _chapters():
        cited |= read_chapter(ROOT / p).cites
    assert cited <= keys, sorted(cited - keys)
    refs = {f"ref{i:02d}" for i in range(1, 20)}
    assert refs <= keys
    assert refs <= cited, sorted(refs - cited)
    assert "yoo2017" in cited


def test_name_particles_are_kept_with_the_family_name() -> None:
    """ "von Stackelberg", "de Oliveira": braced, so the style prints "de Oliveira DC", never
    "Oliveira DC de" (citeproc would treat an unbraced particle as movable)."""
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    authors = " and ".join(re.findall(r"author\s*=\s*\{(.*)\},?$", bib, re.M))
    names = [n.strip() for n in authors.split(" and ")]
    loose = [n for n in names if re.match(r"(de|von|van|der|da|di|le|la)\s", n)]
    assert not loose, loose
    assert "{de Oliveira}, D. C." in names


def _generated(text: str) -> bool:
    """Every paragraph outside code, divs and headings is one inline call (a sentence built
    by rrall.prose or a catalog label), so the chapter has no prose of one language only."""
    body = re.sub(r"```.*?```", "", text, flags=re.S)
    lines = [ln for ln in body.splitlines() if ln.strip() and not ln.startswith((":::", "#"))]
    return bool(lines) and all(re.fullmatch(r"`\{python\} [^`]+`", ln.strip()) for ln in lines)


def test_each_paragraph_has_both_languages() -> None:
    for p in _chapters():
        text = (ROOT / p).read_text(encoding="utf-8")
        ko = len(re.findall(r'when-profile="ko"', text))
        en = len(re.findall(r'when-profile="en"', text))
        assert ko == en, p
        # prose in both languages, or all of it from the label catalog (a function per block)
        assert (
            ko >= 1 or "output: asis" in text or _generated(text) or p.endswith("references.qmd")
        ), p
        # one chapter title, in the edition's language, from the label catalog
        titles = re.findall(r"^# `\{python\} (?:rrall.label\(\"ch_|P\.\w+_title\()", text, re.M)
        assert len(titles) == 1, p


def test_cross_references_in_the_label_catalog_point_at_labels() -> None:
    chapters = [read_chapter(ROOT / p) for p in _chapters()]
    labels = set().union(*(c.labels for c in chapters))
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "rrall" / "labels").glob("*.py")
    )
    refs = set(re.findall(r"@((?:sec|tbl|fig)-[A-Za-z0-9_-]+)", text))
    assert refs, "no cross-reference found: the check would be vacuous"
    assert refs <= labels, sorted(refs - labels)


def test_no_number_typed_into_prose() -> None:
    """Statistics come from inline expressions: no percentages or P values typed by hand."""
    for p in _chapters():
        text = (ROOT / p).read_text(encoding="utf-8")
        prose = re.sub(r"```.*?```", "", text, flags=re.S)
        prose = re.sub(r"`[^`]*`", "", prose)
        prose = re.sub(r"\[[^\]]*@[^\]]*\]", "", prose)  # citations
        hits = re.findall(r"\bP\s*[=<]\s*0\.\d+|\b\d+\.\d+\s*%", prose)
        # literature values quoted in the discussion are not results of this study
        allowed_files = {"discussion.qmd", "introduction.qmd"}
        if Path(p).name not in allowed_files:
            assert not hits, f"{p}: {hits}"


def test_book_titles_come_from_the_catalog() -> None:
    # the profiles and CITATION.cff carry the title the label catalog defines (one wording)
    from rrall.labels import label

    for lang in ("ko", "en"):
        profile = yaml.safe_load((ROOT / f"_quarto-{lang}.yml").read_text(encoding="utf-8"))
        assert profile["book"]["title"] == label("book_title", lang), lang
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["title"] == label("book_title", "en")

"""Render with a real Quarto (where one is on PATH): both editions, HTML and PDF, clean logs.

Skipped with a reason when no Quarto >= 1.9 is available (it cannot be installed on the
project's development and CI machines; see README). The render itself is the session fixture
``rendered`` (tests/conftest.py), shared with the browser and supplement tests.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from rrall.labels import label

from .conftest import NO_QUARTO

pytestmark = [pytest.mark.render, pytest.mark.skipif(NO_QUARTO is not None, reason=str(NO_QUARTO))]

# ipykernel 7.x prints this on every kernel start; it is not a Quarto warning
_KNOWN_NOISE = re.compile(r"Kernel is running over TCP without encryption")
# A Quarto built from source without network (this project's development machines) cannot fetch
# juice, the CSS inliner Quarto's own script imports from cdn.skypack.dev when it hands HTML
# tables to Typst; an installed Quarto bundles it. Tolerated only with that import failure in log.
_OFFLINE_BUILD = re.compile(r"Import 'https://cdn\.skypack\.dev/juice@[\d.]+' failed")
_OFFLINE_JUICE = re.compile(r"\(E\) Running juice failed: Error running \S*quarto")


def test_outputs_exist_for_both_editions(rendered: Path) -> None:
    for lang in ("ko", "en"):
        book = rendered / "_book" / lang
        assert (book / "index.html").exists()
        assert (book / "chapters" / "results.html").exists()
        assert (book / f"rrall-{lang}.pdf").stat().st_size > 50_000
    landing = (rendered / "_book" / "index.html").read_text(encoding="utf-8")
    assert 'href="ko/index.html"' in landing and 'href="en/index.html"' in landing


def test_quarto_printed_no_warning(rendered: Path) -> None:
    log = (rendered / "render-logs.txt").read_text(encoding="utf-8")
    offline_build = bool(_OFFLINE_BUILD.search(log))
    bad = [
        line
        for line in log.splitlines()
        if re.search(r"\bWARN(ING)?\b|\bwarning:|\bERROR\b|\((E|W)\)", line)
        and not _KNOWN_NOISE.search(line)
        and not (offline_build and _OFFLINE_JUICE.search(line))
    ]
    assert not bad, "\n".join(bad[:20])


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pdf_text_has_hangul_and_english(rendered: Path, lang: str) -> None:
    pdf = rendered / "_book" / lang / f"rrall-{lang}.pdf"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    hangul = sum("\uac00" <= c <= "\ud7a3" for c in text)
    latin = len(re.findall(r"[A-Za-z]", text))
    assert hangul > (
        1000 if lang == "ko" else 20
    )  # English edition still has Korean codebook labels
    assert latin > 1000
    assert "Kaplan" in text or "카플란" in text


@pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) not installed"
)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pdf_fonts_all_embedded(rendered: Path, lang: str) -> None:
    pdf = rendered / "_book" / lang / f"rrall-{lang}.pdf"
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        cols = row.split()
        # columns: name type... emb sub uni object ID: emb is the 5th from the end
        assert cols[-5] == "yes", row
    assert any("NanumGothic" in r for r in rows)
    # the Korean font is set in the Typst header, so even the title page and the table of
    # contents use it; Typst's default serif (Libertinus) would mean the set rule came too late
    assert not any("Libertinus" in r for r in rows), rows


def test_html_pages_request_no_other_host(rendered: Path) -> None:
    for page in (rendered / "_book").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        srcs = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', html)
        assert not srcs, f"{page}: loads from another host"
        assert "@import url(" not in html


def test_each_page_links_to_the_other_language(rendered: Path) -> None:
    for lang, other in (("ko", "en"), ("en", "ko")):
        page = (rendered / "_book" / lang / "chapters" / "results.html").read_text(encoding="utf-8")
        assert 'class="rrall-lang"' in page
        assert f"/{other}/" in page or f"../{other}/" in page
        assert "rrall-banner" in page


def test_korean_edition_uses_korean_crossref_labels(rendered: Path) -> None:
    def page(lang: str) -> str:
        html = (rendered / "_book" / lang / "chapters" / "results.html").read_text(encoding="utf-8")
        return html.replace("&nbsp;", " ").replace("\u00a0", " ")

    ko, en = page("ko"), page("en")
    assert "표 3.1" in ko and "그림 3.1" in ko
    assert "Table 3.1" in en and "Figure 3.1" in en


def _pdf_pages(rendered: Path, lang: str) -> list[str]:
    pdf = rendered / "_book" / lang / f"rrall-{lang}.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pdf_tables_sit_with_their_captions(rendered: Path, lang: str) -> None:
    caption = re.compile(r"^\s*(표|Table) [A-Z0-9]+\.\d+: ")
    pages = _pdf_pages(rendered, lang)
    seen = 0
    for number, page in enumerate(pages, start=1):
        lines = [ln for ln in page.splitlines() if ln.strip()]
        for i, line in enumerate(lines):
            if caption.match(line):
                seen += 1
                # the caption is above its table: the table's head and rows follow on this page
                assert len(lines) - i - 1 >= 3, (
                    f"page {number}: caption at the foot: {line.strip()}"
                )
    assert seen >= 10


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pdf_has_no_blank_page(rendered: Path, lang: str) -> None:
    pages = _pdf_pages(rendered, lang)
    blank = [n for n, page in enumerate(pages, start=1) if not page.strip()]
    assert not blank, f"blank pages: {blank} of {len(pages)}"
    contents = {"ko": "차례", "en": "Contents"}[lang]
    assert contents in pages[1], pages[1][:200]  # the contents right after the title page


_REFERENCES = {"ko": "참고문헌", "en": "References"}


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pdf_running_heads_name_the_chapter_they_stand_in(rendered: Path, lang: str) -> None:
    """A running head names the page's own chapter, in the edition's words: no section of the
    discussion over the references, no "장 2." in Korean, no chapter number for an unnumbered
    chapter."""
    pages = _pdf_pages(rendered, lang)
    heads = [next((ln.strip() for ln in p.splitlines() if ln.strip()), "") for p in pages]
    ref = _REFERENCES[lang]
    start = heads.index(ref)  # the chapter's first page: its title, no running head
    after = heads[start + 1]  # the references run to a second page
    assert ref in after and not re.search(r"\d+\.\d+ ", after), heads[start : start + 3]
    joined = "\n".join(heads)
    assert not re.search(r"(Chapter|장) \d+\. " + ref, joined)
    if lang == "ko":
        assert not re.search(r"(^|\s)장 \d+\.", joined), joined[:400]
        assert re.search(r"제\d+장 ", joined)
    else:
        assert re.search(r"Chapter \d+\. ", joined)


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_table_or_figure_is_numbered_in_the_unnumbered_preface(
    rendered: Path, lang: str
) -> None:
    """A numbered float in the unnumbered preface would read "Table 0.1"."""
    zero = re.compile(r"(표|그림|Table|Figure)\s0\.\d")
    pdf = "\n".join(_pdf_pages(rendered, lang))
    html = (rendered / "_book" / lang / "index.html").read_text(encoding="utf-8")
    html = html.replace("&nbsp;", " ").replace("\u00a0", " ")
    assert not zero.search(pdf), zero.search(pdf)
    assert not zero.search(html), zero.search(html)
    # the preface's table of data files is there, under the section's heading
    section = html[html.index('id="sec-data"') :]
    assert label("h_data", lang) in section[:400]
    assert all(label(k, lang) in section for k in ("prov_file", "prov_rows", "prov_sha"))

"""rrall.supplement: the journal archive. Its parts are tested directly; the archive made from
the session's render (where Quarto is) is opened and checked whole. Opening its single-file
editions in Chromium is in tests/test_browser.py."""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont

from rrall.citation import citation_text
from rrall.fonts import font_files, make_webfont
from rrall.supplement import (
    ARCHIVE_NAME,
    Edition,
    _unnumbered,
    data_checksums,
    shrink_embedded_fonts,
    stage_edition,
    write_archive,
)

from .conftest import NO_QUARTO
from .helpers import DATA_DIR, DATA_FILES

ROOT = Path(__file__).resolve().parent.parent


def _members(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as z:
        return {
            n.removeprefix("rrall-supplement/"): z.read(n)
            for n in z.namelist()
            if not n.endswith("/")
        }


def _check_archive(members: dict[str, bytes]) -> None:
    """What every archive must hold and how its checksums must agree."""
    for name in ("README.md", "LICENSE", "CITATION.cff", "OFL.txt", "SHA256SUMS"):
        assert name in members, name
    for lang in ("ko", "en"):
        assert f"rrall-{lang}.html" in members and f"rrall-{lang}.pdf" in members
    for f in (*DATA_FILES, "codebook.yaml"):
        assert members[f"data/{f}"] == (DATA_DIR / f).read_bytes(), f
    readme = members["README.md"].decode("utf-8")
    for name, digest in data_checksums(DATA_DIR).items():
        assert f"{digest}  data/{name}" in readme, name
        assert hashlib.sha256(members[f"data/{name}"]).hexdigest() == digest
    for line in members["SHA256SUMS"].decode("ascii").splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(members[name]).hexdigest() == digest, name
    assert set(members) - {"SHA256SUMS"} == {
        ln.split("  ", 1)[1] for ln in members["SHA256SUMS"].decode().splitlines()
    }
    assert "git commit" in readme and "make supplement" in readme and "make report" in readme
    assert " ".join(citation_text("en").split()) in " ".join(readme.split())
    assert "SIL OPEN FONT LICENSE" in members["OFL.txt"].decode("utf-8")


def test_unnumbered_marks_headings_but_not_code() -> None:
    qmd = "```{python}\n# a comment\n```\n\n# Title {#sec-a}\n\n## Part\n\n## Done {.unnumbered}\n"
    out = _unnumbered(qmd)
    assert "# a comment\n" in out
    assert "# Title {#sec-a .unnumbered}" in out
    assert "## Part {.unnumbered}" in out and "## Done {.unnumbered}\n" in out


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_stage_includes_the_edition_chapters_in_book_order(lang: str, tmp_path: Path) -> None:
    if not (ROOT / "_assets" / "webfonts" / "OFL.txt").exists():
        pytest.skip("web fonts not made yet (`make setup` makes them)")
    doc = stage_edition(lang, tmp_path / lang)
    prof = yaml.safe_load((ROOT / f"_quarto-{lang}.yml").read_text(encoding="utf-8"))["book"]
    hrefs = [it["href"] for it in prof["chapters"] + prof["appendices"]]
    assert re.findall(r"\{\{< include (\S+) >\}\}", doc.read_text(encoding="utf-8")) == hrefs
    front = yaml.safe_load(doc.read_text(encoding="utf-8").split("---")[1])
    assert front["title"] == prof["title"]
    cfg = yaml.safe_load((doc.parent / "_quarto.yml").read_text(encoding="utf-8"))
    assert cfg["format"]["html"]["embed-resources"] is True and cfg["lang"] == lang
    assert cfg["crossref"] == {"chapters": True}
    other = "en" if lang == "ko" else "ko"
    banner = (doc.parent / "_assets" / "banner.html").read_text(encoding="utf-8")
    assert f'href="rrall-{other}.html"' in banner
    for href in hrefs:
        assert (doc.parent / href).exists(), href


def test_shrink_embedded_fonts_keeps_only_the_characters_in_the_page(tmp_path: Path) -> None:
    regular = make_webfont(font_files()[0], tmp_path / "r.woff2", range(0x20, 0xAD00))
    uri = base64.b64encode(regular.read_bytes()).decode("ascii")
    page = (
        f'<style>@font-face {{ src: url("data:font/woff2;base64,{uri}") format("woff2"); }}</style>'
        "<p>재발 survival</p>"
    )
    small = shrink_embedded_fonts(page)
    assert len(small) < len(page) / 5
    (new,) = re.findall(r"data:font/woff2;base64,([A-Za-z0-9+/=]+)", small)
    (tmp_path / "s.woff2").write_bytes(base64.b64decode(new))
    cmap = TTFont(tmp_path / "s.woff2").getBestCmap()
    assert {ord(c) for c in "재발survival"} <= set(cmap)
    assert ord("가") not in cmap
    assert small.endswith("<p>재발 survival</p>")
    assert shrink_embedded_fonts("<p>no fonts</p>") == "<p>no fonts</p>"


def test_archive_from_given_editions(tmp_path: Path) -> None:
    editions = []
    for lang in ("ko", "en"):
        html = tmp_path / f"rrall-{lang}.html"
        html.write_text(f"<html lang='{lang}'></html>", encoding="utf-8")
        pdf = tmp_path / f"rrall-{lang}.pdf"
        pdf.write_bytes(b"%PDF-1.7 test")
        editions.append(Edition(lang, html, pdf))
    archive = write_archive(tmp_path / "out", editions, data=DATA_DIR, commit="abc123")
    assert archive.name == ARCHIVE_NAME
    members = _members(archive)
    _check_archive(members)
    assert "abc123" in members["README.md"].decode("utf-8")
    # the same inputs give the same archive, byte for byte
    assert write_archive(
        tmp_path / "again", editions, data=DATA_DIR, commit="abc123"
    ).read_bytes() == (archive.read_bytes())


# -- the archive `make supplement` makes, from the session's render --------------------------------
@pytest.mark.render
@pytest.mark.skipif(NO_QUARTO is not None, reason=str(NO_QUARTO))
def test_supplement_archive(supplement: Path) -> None:
    members = _members(supplement)
    _check_archive(members)
    assert supplement.stat().st_size < 12_000_000
    for lang, table, figure in (("ko", "표 3.1", "그림 3.1"), ("en", "Table 3.1", "Figure 3.1")):
        html = members[f"rrall-{lang}.html"].decode("utf-8")
        assert len(members[f"rrall-{lang}.html"]) < 5_000_000
        assert f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{lang}"' in html or (
            f'lang="{lang}"' in html[:500]
        )
        # self-contained: nothing is loaded from anywhere else, not even from beside the file
        loads = re.findall(
            r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="([^"#]+)"', html
        )
        assert not [u for u in loads if not u.startswith("data:")], loads[:5]
        assert "@import url(" not in html and "url(http" not in html
        text = html.replace("&nbsp;", " ").replace("\u00a0", " ")
        assert table in text and figure in text  # cross-references numbered by chapter
        assert len(re.findall(r'class="csl-entry"', html)) >= 19  # the references resolve
        assert html.count("<h1") == 1
        assert members[f"rrall-{lang}.pdf"].startswith(b"%PDF")
